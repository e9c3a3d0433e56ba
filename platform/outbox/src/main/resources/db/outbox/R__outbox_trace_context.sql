-- The W3C trace context (traceparent) of the transaction that wrote the event: the relay sends the event as part of
-- that trace, so one trace runs from the request through Kafka into the consumers. Repeatable and idempotent: every
-- service's outbox table gets the column, whichever of its own migrations created the table.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text;
