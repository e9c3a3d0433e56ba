-- The asset view kpi-service keeps from converge.asset.events: line (for line KPIs and line bindings), site (calendar,
-- tariffs) and criticality (maintenance ranking).
CREATE TABLE kpi_asset (
    id           uuid        PRIMARY KEY,
    tag          text        NOT NULL,
    site_id      uuid,
    line_id      uuid,
    criticality  text,
    status       text,
    version      bigint      NOT NULL,
    deleted      boolean     NOT NULL DEFAULT false
);
CREATE INDEX kpi_asset_tag ON kpi_asset (tag) WHERE NOT deleted;
CREATE INDEX kpi_asset_line ON kpi_asset (line_id) WHERE NOT deleted;

-- Consumed event ids: a redelivered converge.telemetry.points record is skipped (idempotent consumer).
CREATE TABLE processed_event (
    id           uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_age ON processed_event (processed_at);

-- The samples of the metrics KPIs and alarms use (bound metrics only), as consumed; a later sample of the same
-- series and time replaces the earlier one.
CREATE TABLE kpi_sample (
    asset_id  uuid             NOT NULL,
    metric    text             NOT NULL,
    ts        timestamptz      NOT NULL,
    value     double precision,
    state     text,
    quality   smallint         NOT NULL DEFAULT 0,   -- 0 good, 1 uncertain, 2 bad
    PRIMARY KEY (asset_id, metric, ts)
);

-- Event time per asset: the latest sample time seen drives the watermark (window closing, late-point limit).
CREATE TABLE kpi_clock (
    asset_id     uuid        PRIMARY KEY,
    max_ts       timestamptz NOT NULL,
    last_arrival timestamptz NOT NULL DEFAULT now()
);

-- Time ranges of an asset whose windows of one width must be (re)computed; written with the samples, taken by the
-- window worker once windows in them are closed (the part not closed yet is put back).
CREATE TABLE kpi_dirty (
    seq       bigserial   PRIMARY KEY,
    asset_id  uuid        NOT NULL,
    width_s   integer     NOT NULL,
    from_ts   timestamptz NOT NULL,
    to_ts     timestamptz NOT NULL
);
CREATE INDEX kpi_dirty_asset ON kpi_dirty (asset_id);

-- Closed tumbling windows per asset and width with their additive figures (seconds, units, kWh); a line's figures
-- are the sums over its assets. revision counts the corrections by late points.
CREATE TABLE kpi_window (
    asset_id          uuid             NOT NULL,
    width_s           integer          NOT NULL,
    start_ts          timestamptz      NOT NULL,
    revision          integer          NOT NULL DEFAULT 0,
    asset_tag         text             NOT NULL,
    line_id           uuid,
    site_id           uuid,
    pbt_s             double precision NOT NULL,
    apt_s             double precision NOT NULL,
    pq                double precision NOT NULL,
    gq                double precision NOT NULL,
    ideal_s           double precision NOT NULL,
    unordered_pq      double precision NOT NULL,
    down_s            double precision NOT NULL,
    setup_s           double precision NOT NULL,
    idle_s            double precision NOT NULL,
    unknown_s         double precision NOT NULL,
    down_by_reason    jsonb            NOT NULL,
    failures          integer          NOT NULL,
    repairs           integer          NOT NULL,
    breakdown_s       double precision NOT NULL,
    setup_loss_s      double precision NOT NULL,
    small_stop_s      double precision NOT NULL,
    energy_kwh        double precision NOT NULL,
    energy_cost       jsonb            NOT NULL,
    unpriced_kwh      double precision NOT NULL,
    counter_resets    integer          NOT NULL,
    partial           boolean          NOT NULL,
    computed_at       timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (asset_id, width_s, start_ts)
);
CREATE INDEX kpi_window_tag ON kpi_window (asset_tag, width_s, start_ts);
CREATE INDEX kpi_window_line ON kpi_window (line_id, width_s, start_ts);

-- Transactional outbox: KPI windows, alarms and maintenance recommendations relayed to converge.kpi.events.
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
ALTER TABLE outbox ALTER COLUMN payload SET COMPRESSION lz4;
