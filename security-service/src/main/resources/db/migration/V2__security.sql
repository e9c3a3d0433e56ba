-- Every event received, normalized (OCSF) or kept raw with the reason it could not be parsed.
CREATE TABLE security_event (
    id           uuid PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now(),
    event_time   timestamptz NOT NULL,
    intake       text        NOT NULL,            -- api, kafka, syslog-tcp, syslog-udp
    class_uid    int,
    asset_id     uuid,
    ocsf         jsonb,
    context      jsonb,
    raw          text,
    parse_error  text,
    CHECK ((ocsf IS NULL) = (parse_error IS NOT NULL))
);
CREATE INDEX security_event_time ON security_event USING brin (event_time);
CREATE INDEX security_event_received ON security_event (received_at DESC, id);
CREATE INDEX security_event_asset ON security_event (asset_id, event_time DESC) WHERE asset_id IS NOT NULL;
CREATE INDEX security_event_failed ON security_event (received_at DESC) WHERE parse_error IS NOT NULL;

-- Rules as data: the current definition and every version.
CREATE TABLE rule (
    id          text PRIMARY KEY,
    version     int         NOT NULL,
    definition  jsonb       NOT NULL,
    enabled     boolean     NOT NULL,
    shipped     boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);
CREATE TABLE rule_version (
    rule_id     text        NOT NULL,
    version     int         NOT NULL,
    definition  jsonb,                            -- null: the rule was deleted in this version
    change      text        NOT NULL,             -- created, updated, deleted, shipped
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text        NOT NULL,
    PRIMARY KEY (rule_id, version)
);

-- Alerts grouped by rule + asset while open and within the grouping window (grouping = true on the one that groups).
CREATE TABLE alert (
    id             uuid PRIMARY KEY,
    group_key      text        NOT NULL,
    grouping       boolean     NOT NULL DEFAULT true,
    rule_id        text        NOT NULL,
    rule_version   int         NOT NULL,
    title          text        NOT NULL,
    level          int         NOT NULL,
    score          int         NOT NULL,
    severity       text        NOT NULL,
    techniques     text[]      NOT NULL DEFAULT '{}',
    suggestions    jsonb       NOT NULL DEFAULT '[]',
    asset_id       uuid,
    asset_tag      text,
    state          text        NOT NULL DEFAULT 'new',
    assignee       text,
    event_count    bigint      NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    last_event_id  uuid        NOT NULL,
    responses      jsonb       NOT NULL DEFAULT '[]',
    version        bigint      NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alert_grouping ON alert (group_key) WHERE grouping;
CREATE INDEX alert_list ON alert (last_seen DESC, id);
CREATE INDEX alert_state ON alert (state, score DESC);
CREATE INDEX alert_asset ON alert (asset_id) WHERE asset_id IS NOT NULL;

-- The events behind an alert (a bounded sample: the first ones and the latest).
CREATE TABLE alert_event (
    alert_id  uuid NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    event_id  uuid NOT NULL,
    PRIMARY KEY (alert_id, event_id)
);

-- Notes and the audit trail of every analyst action (state changes, assignment, response actions).
CREATE TABLE alert_note (
    id        bigserial PRIMARY KEY,
    alert_id  uuid        NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    author    text        NOT NULL,
    text      text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE alert_audit (
    id        bigserial PRIMARY KEY,
    alert_id  uuid        NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    detail    jsonb,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_audit_alert ON alert_audit (alert_id, id);

-- The local view of the registry (asset events) and of campaigns (patch events): context for the rules.
CREATE TABLE asset_view (
    id            uuid PRIMARY KEY,
    tag           text   NOT NULL,
    name          text,
    domain        text,
    type          text,
    criticality   text,
    status        text,
    ip_address    text,
    site_id       uuid,
    line_id       uuid,
    zone_id       uuid,
    firmware      text,
    version       bigint NOT NULL,
    deleted       boolean NOT NULL DEFAULT false
);
CREATE TABLE campaign_view (
    id          uuid PRIMARY KEY,
    state       text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE TABLE deployment_view (
    action_id    uuid PRIMARY KEY,
    campaign_id  uuid        NOT NULL,
    asset_id     uuid        NOT NULL,
    to_version   text,
    state        text        NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX deployment_view_asset ON deployment_view (asset_id, at DESC);
