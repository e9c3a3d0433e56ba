-- Threshold alarm rules: on a telemetry metric (exactly one of metric / kpi) or on a KPI of a tumbling window of the
-- given width. Scope asset:{tag} or line:{uuid}; metric rules on a line apply to each asset of the line.
CREATE TABLE alarm_rule (
    id           uuid             PRIMARY KEY,
    scope        text             NOT NULL CHECK (scope ~ '^(asset|line):.+'),
    metric       text,
    kpi          text             CHECK (kpi IN ('oee', 'availability', 'effectiveness', 'quality', 'mtbf', 'mttr',
                                                 'energy-per-good-unit')),
    width_s      integer          CHECK (width_s > 0),
    operator     text             NOT NULL CHECK (operator IN ('>', '>=', '<', '<=')),
    threshold    double precision NOT NULL CHECK (threshold NOT IN ('NaN', 'Infinity', '-Infinity')),
    for_s        bigint           NOT NULL CHECK (for_s >= 0),
    severity     text             NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    hysteresis   double precision NOT NULL DEFAULT 0 CHECK (hysteresis >= 0 AND hysteresis <> 'Infinity'),
    description  text,
    enabled      boolean          NOT NULL DEFAULT true,
    version      bigint           NOT NULL DEFAULT 1,
    created_by   text             NOT NULL,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_by   text             NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    CHECK ((metric IS NULL) <> (kpi IS NULL)),
    CHECK ((kpi IS NULL) = (width_s IS NULL))
);
CREATE INDEX alarm_rule_scope ON alarm_rule (scope);

-- Alarms: one row per raised alarm, updated when acknowledged and cleared. The rule's condition is copied (the rule
-- may change or go later; no foreign key, the history stays). asset_id is null for line KPI alarms (line_id set).
CREATE TABLE alarm (
    id               uuid             PRIMARY KEY,
    rule_id          uuid             NOT NULL,
    scope            text             NOT NULL,
    metric           text,
    kpi              text,
    width_s          integer,
    operator         text             NOT NULL,
    threshold        double precision NOT NULL,
    hysteresis       double precision NOT NULL,
    description      text,
    asset_id         uuid,
    asset_tag        text,
    line_id          uuid,
    seq              bigint           NOT NULL,
    state            text             NOT NULL CHECK (state IN ('active', 'acknowledged', 'cleared')),
    severity         text             NOT NULL,
    raised_at        timestamptz      NOT NULL,
    raise_value      double precision,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    ack_comment      text,
    cleared_at       timestamptz,
    clear_value      double precision,
    cleared_by       text,
    updated_at       timestamptz      NOT NULL DEFAULT now()
);
-- At most one open alarm per rule and asset (or per rule for a line KPI alarm).
CREATE UNIQUE INDEX alarm_one_open ON alarm (rule_id, COALESCE(asset_id, '00000000-0000-0000-0000-000000000000'))
    WHERE state IN ('active', 'acknowledged');
CREATE INDEX alarm_recent ON alarm (raised_at DESC, id DESC);
CREATE INDEX alarm_open ON alarm (raised_at DESC) WHERE state IN ('active', 'acknowledged');
CREATE INDEX alarm_rule_subject ON alarm (rule_id, asset_id, seq);
