-- Telemetry points, partitioned by day on the sample time. Partitions are created ahead (and back to the retention
-- horizon) by PartitionMaintenance at start and every hour; retention drops whole partitions, never rows.
CREATE TABLE point (
    asset_id    uuid             NOT NULL,
    metric      text             NOT NULL,
    ts          timestamptz      NOT NULL,
    message_id  text             NOT NULL DEFAULT '',  -- '' when the sender gave none; part of the idempotency key
    value       double precision,                      -- numeric samples
    state       text,                                  -- boolean/string states ('true'/'false' for booleans)
    quality     smallint         NOT NULL DEFAULT 0,   -- 0 good, 1 uncertain, 2 bad (OPC UA)
    received_at timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT point_one_value CHECK ((value IS NULL) <> (state IS NULL))
) PARTITION BY RANGE (ts);

-- Idempotency key and the (asset, metric, time) access path in one btree; BRIN on time for range scans.
CREATE UNIQUE INDEX point_key ON point (asset_id, metric, ts, message_id);
CREATE INDEX point_ts_brin ON point USING brin (ts);

-- Last value of each (asset, metric): the /latest endpoint reads this small table, never the partitions.
CREATE TABLE latest_point (
    asset_id    uuid             NOT NULL,
    metric      text             NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision,
    state       text,
    quality     smallint         NOT NULL,
    PRIMARY KEY (asset_id, metric)
);

-- Transactional outbox: one row per (ingest batch, asset) holding the CloudEvents JSON of the accepted points;
-- relayed to converge.telemetry.points and deleted once Kafka acknowledged it.
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
-- the payloads are large and written once: skip compression (CPU on the ingest path)
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
