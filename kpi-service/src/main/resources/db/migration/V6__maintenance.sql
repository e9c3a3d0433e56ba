-- Predictive maintenance. A condition binding names a metric of an asset (by tag) to watch: the alarm threshold and
-- the side it is crossed from (rising: value >= threshold; falling: value <= threshold), the EWMA factor and the
-- regression window (samples). Writes are optimistic on version.
CREATE TABLE condition_binding (
    asset_tag   text             NOT NULL,
    metric      text             NOT NULL,
    label       text,
    threshold   double precision NOT NULL,
    direction   text             NOT NULL CHECK (direction IN ('rising', 'falling')),
    alpha       double precision NOT NULL CHECK (alpha > 0 AND alpha <= 1),
    window_size integer          NOT NULL CHECK (window_size >= 3),
    version     bigint           NOT NULL DEFAULT 1,
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    updated_by  text             NOT NULL,
    PRIMARY KEY (asset_tag, metric)
);

-- The latest prediction per asset and condition metric, as of the latest sample fed (as_of, event time).
CREATE TABLE condition_state (
    asset_id            uuid             NOT NULL,
    metric              text             NOT NULL,
    asset_tag           text             NOT NULL,
    as_of               timestamptz      NOT NULL,
    samples             integer          NOT NULL,
    last_value          double precision NOT NULL,
    smoothed            double precision NOT NULL,
    slope_per_hour      double precision,
    hours_to_crossing   double precision,
    predicted_crossing  timestamptz,
    undefined_reason    text,
    confidence          double precision NOT NULL,
    last_z              double precision,
    anomaly             boolean          NOT NULL DEFAULT false,
    anomaly_count       integer          NOT NULL DEFAULT 0,
    last_anomaly_at     timestamptz,
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (asset_id, metric)
);
CREATE INDEX condition_state_tag ON condition_state (asset_tag, metric);

-- Maintenance recommendations: at most one open per asset and metric. hours_* are hours to crossing as of the
-- latest sample (at creation and at the last update); published_* are what the last event said (material-change
-- test); risk inputs besides criticality (read from kpi_asset when listed) are stored.
CREATE TABLE maintenance_recommendation (
    id                   uuid             PRIMARY KEY,
    asset_id             uuid             NOT NULL,
    asset_tag            text             NOT NULL,
    metric               text             NOT NULL,
    label                text,
    threshold            double precision NOT NULL,
    direction            text             NOT NULL,
    state                text             NOT NULL CHECK (state IN ('open', 'resolved')),
    predicted_crossing   timestamptz,
    hours_at_open        double precision NOT NULL,
    hours_to_crossing    double precision,
    confidence           double precision NOT NULL,
    slope_per_hour       double precision,
    severity             text             NOT NULL,
    as_of                timestamptz      NOT NULL,
    published_crossing   timestamptz,
    published_severity   text             NOT NULL,
    resolve_reason       text,
    opened_at            timestamptz      NOT NULL DEFAULT now(),
    updated_at           timestamptz      NOT NULL DEFAULT now(),
    resolved_at          timestamptz
);
CREATE UNIQUE INDEX maintenance_open_one ON maintenance_recommendation (asset_id, metric) WHERE state = 'open';
CREATE INDEX maintenance_state ON maintenance_recommendation (state, updated_at);
