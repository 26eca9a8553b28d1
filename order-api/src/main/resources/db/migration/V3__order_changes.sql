-- Changes after the decision: status moves, deletion by the owner, and the outcome of each
-- change command, which the requesting instance reads after the NOTIFY.

ALTER TABLE orders ADD COLUMN deleted_at timestamptz;

CREATE TABLE command_outcomes (
    command_id uuid PRIMARY KEY,
    order_id   bigint      NOT NULL,
    applied    boolean     NOT NULL,
    reason     varchar(40),
    detail     text,
    at         timestamptz NOT NULL
);

-- The admin list filters by any combination of status, user, date range and amount range and
-- sorts newest first; these keep each filter an index scan on millions of orders.
CREATE INDEX orders_date_idx ON orders (order_date DESC, order_id DESC) WHERE deleted_at IS NULL;
CREATE INDEX orders_status_date_idx ON orders (status, order_date DESC, order_id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX orders_amount_idx ON orders (total_amount) WHERE deleted_at IS NULL;
