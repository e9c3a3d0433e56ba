-- What the KPI guard watches, from converge.kpi.events: the 1-min KPI windows of assets on a line (additive figures,
-- so a line's OEE is derived from sums) and the alarms raised on lines. A corrected window (higher revision) replaces
-- the stored one.
CREATE TABLE kpi_observation (
    asset_id  uuid             NOT NULL,
    line_id   uuid             NOT NULL,
    start_ts  timestamptz      NOT NULL,
    revision  integer          NOT NULL,
    pbt_s     double precision NOT NULL,
    apt_s     double precision NOT NULL,
    ideal_s   double precision,               -- null when effectiveness was undefined (production outside any order)
    pq        double precision NOT NULL,
    gq        double precision NOT NULL,
    PRIMARY KEY (asset_id, start_ts)
);
CREATE INDEX kpi_observation_line ON kpi_observation (line_id, start_ts);

CREATE TABLE kpi_alarm_observation (
    alarm_id     uuid        PRIMARY KEY,
    line_id      uuid        NOT NULL,
    asset_id     uuid,
    severity     text        NOT NULL,
    description  text        NOT NULL,
    raised_at    timestamptz NOT NULL
);
CREATE INDEX kpi_alarm_observation_line ON kpi_alarm_observation (line_id, raised_at);
