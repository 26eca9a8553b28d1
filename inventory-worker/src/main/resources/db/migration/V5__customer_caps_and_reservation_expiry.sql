-- Per-customer caps (ADR 019) count each customer's pending orders on every batch, and the
-- reservation expiry looks for old ones: both read only pending orders.
CREATE INDEX orders_pending_user_idx ON orders (user_id) WHERE status = 'pending';
CREATE INDEX orders_pending_decided_idx ON orders (decided_at) WHERE status = 'pending';

-- One row per reservation whose cancellation the expiry job requested: a later run or another
-- worker instance does not request it again while the command waits in orders.commands.
CREATE TABLE reservation_expiries (
    order_id     bigint      NOT NULL,
    version      integer     NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, version)
);
