-- Accounts of the people who use the API. Access tokens name a user id in `sub`; the tokens
-- themselves are never stored here (refresh tokens live hashed in Redis).
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- kept as typed; uniqueness and lookups ignore case (users_email_key)
    email         varchar(255) NOT NULL,
    password_hash varchar(100) NOT NULL,
    full_name     varchar(255) NOT NULL,
    role          varchar(20)  NOT NULL CHECK (role IN ('customer', 'admin')),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    -- set when the account may no longer log in or refresh
    disabled_at   timestamptz
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));
