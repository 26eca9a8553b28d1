-- Dead letters of every pipeline topic, copied from the five <topic>.dlq topics so that an admin
-- can list, replay once and discard them (ADR 031). A redelivered dead letter is the same Kafka
-- record (dlq topic, partition, offset) and stores nothing twice.
CREATE TABLE dead_letters (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the .dlq topic and where the letter sits in it
    topic              text        NOT NULL,
    dlq_partition      integer     NOT NULL,
    dlq_offset         bigint      NOT NULL,
    -- where the record came from (headers of DeadLetters; null when a letter lacks them)
    original_topic     text        NOT NULL,
    original_partition integer,
    original_offset    bigint,
    key                text,
    reason             text        NOT NULL,
    dead_lettered_at   timestamptz NOT NULL,
    -- the record's value exactly as it was, republished or re-applied by a replay
    payload            bytea,
    state              text        NOT NULL DEFAULT 'pending'
                                   CHECK (state IN ('pending', 'replayed', 'discarded')),
    resolved_by        text,
    resolved_at        timestamptz,
    CHECK ((state = 'pending') = (resolved_at IS NULL)),
    UNIQUE (topic, dlq_partition, dlq_offset)
);

CREATE INDEX dead_letters_newest_idx ON dead_letters (dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letters_pending_idx ON dead_letters (original_topic) WHERE state = 'pending';
