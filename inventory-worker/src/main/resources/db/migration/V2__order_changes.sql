-- Order changes after the decision: status moves, cancellation, deletion by the owner.

ALTER TABLE orders ADD COLUMN deleted_at timestamptz;

-- One row per change command ever processed: a redelivered command re-sends its outcome
-- instead of being applied twice.
CREATE TABLE processed_commands (
    command_id   uuid PRIMARY KEY,
    order_id     bigint      NOT NULL,
    outcome      bytea       NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
