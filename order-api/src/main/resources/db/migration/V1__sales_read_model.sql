-- order-api's read model: a projection of orders.events, shaped like the origin's schema.

-- Pooled allocation: an instance takes a block of 50 ids per nextval, so ids are unique across
-- instances, increase roughly with time and stay far below 2^53 (safe as a JavaScript number).
CREATE SEQUENCE order_id_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE orders (
    order_id               bigint PRIMARY KEY,
    user_id                bigint        NOT NULL,
    status                 varchar(20)   NOT NULL,
    -- version of the last applied event; 0 while received, events with a lower one are ignored
    version                integer       NOT NULL,
    order_date             timestamptz   NOT NULL,
    total_amount           numeric(12,2),
    shipping_address_line1 varchar(255)  NOT NULL,
    shipping_address_line2 varchar(255),
    shipping_city          varchar(100)  NOT NULL,
    shipping_state         varchar(100)  NOT NULL,
    shipping_postal_code   varchar(20)   NOT NULL,
    shipping_country       varchar(100)  NOT NULL,
    stock_issues           jsonb,
    updated_at             timestamptz   NOT NULL
);

CREATE INDEX orders_user_date_idx ON orders (user_id, order_date DESC, order_id DESC);

CREATE TABLE order_items (
    order_item_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint        NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    product_id    bigint        NOT NULL,
    product_name  varchar(255),
    quantity      integer       NOT NULL,
    unit_price    numeric(12,2),
    subtotal      numeric(12,2)
);

CREATE INDEX order_items_order_idx ON order_items (order_id);

CREATE TABLE order_status_history (
    order_id bigint      NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    version  integer     NOT NULL,
    status   varchar(20) NOT NULL,
    at       timestamptz NOT NULL,
    actor    varchar(100) NOT NULL,
    PRIMARY KEY (order_id, version)
);
