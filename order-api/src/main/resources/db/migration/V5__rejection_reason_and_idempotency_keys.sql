-- An order rejected as a whole (its total cannot be stored, or the worker could not process it)
-- keeps the worker's reason; stock rejections keep their stock_issues as before.
ALTER TABLE orders ADD COLUMN rejection_reason text;

-- Idempotency-Key of POST /orders/: the order a key stands for, written in one commit before its
-- command is published, so that a retry after any failure finds the same order (ADR 017).
CREATE TABLE idempotency_keys (
    user_id     bigint       NOT NULL,
    key         varchar(255) NOT NULL,
    -- SHA-256 of the request body: the same key with another body is refused
    fingerprint char(64)     NOT NULL,
    order_id    bigint       NOT NULL,
    -- the OrderPlaced command exactly as first published, re-published by a retry
    command     bytea        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
