-- The catalog as the worker announces it on the compacted inventory.events topic.
CREATE TABLE products (
    product_id          bigint PRIMARY KEY,
    name                varchar(255)  NOT NULL,
    description         text,
    price               numeric(12,2) NOT NULL,
    on_hand             integer       NOT NULL,
    reserved            integer       NOT NULL,
    low_stock_threshold integer       NOT NULL,
    -- when the worker produced this state; an older snapshot never overwrites a newer one
    as_of               timestamptz   NOT NULL
);

CREATE INDEX products_name_idx ON products (name, product_id);

-- outcomes of product commands, which name a product instead of an order
ALTER TABLE command_outcomes ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE command_outcomes ADD COLUMN product_id bigint;
