-- Transactional outbox: alert events relayed to converge.security.alerts; deleted once Kafka acknowledged them.
CREATE TABLE outbox (
    seq         bigserial PRIMARY KEY,
    id          uuid        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    attempts    int         NOT NULL DEFAULT 0,
    last_error  text
);
