-- Ids of the events asset-service consumed (patch-service deployment results): a redelivered event is skipped.
CREATE TABLE consumed_event (
    id          uuid        PRIMARY KEY,
    consumed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consumed_event_age ON consumed_event (consumed_at);
