-- The notification consumer's own schema: what each customer was told, once per order version.

CREATE TABLE sent_notifications (
    order_id   bigint      NOT NULL,
    version    bigint      NOT NULL,
    user_id    bigint      NOT NULL,
    kind       text        NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- the idempotency: a redelivered or duplicated event finds its row and sends nothing
    PRIMARY KEY (order_id, version)
);

CREATE INDEX sent_notifications_user_idx ON sent_notifications (user_id, created_at);
