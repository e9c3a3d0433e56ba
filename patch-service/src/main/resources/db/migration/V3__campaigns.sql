-- Firmware campaigns: the campaign with its target filter and plan spec (as given), its frozen target list (resolved
-- through asset-service at creation and cut into waves), the assets excluded as incompatible, and the audit trail.

CREATE TABLE campaign (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL,
    firmware_id    uuid        NOT NULL REFERENCES firmware (id),
    -- {site, line, type[], model[], firmware, zone, criticality[], labels{}}: what was asked, kept for the record
    target_filter  jsonb       NOT NULL,
    -- {canaryDevices | canaryPercent, wavePercents[], maxLineShare, successThreshold, errorThreshold,
    --  window: {cron, duration, zone} | null}
    plan_spec      jsonb       NOT NULL,
    state          text        NOT NULL CHECK (state IN ('draft', 'pending-approval', 'approved', 'scheduled',
                                                         'running', 'paused', 'completed', 'cancelled', 'failed')),
    target_count   int         NOT NULL CHECK (target_count > 0),
    wave_count     int         NOT NULL CHECK (wave_count > 0),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    approved_by    text,
    approved_at    timestamptz,
    version_no     bigint      NOT NULL DEFAULT 1 -- the row's version (ETag), + 1 on every change
);
CREATE INDEX campaign_list ON campaign (created_at DESC, id DESC);
CREATE INDEX campaign_state ON campaign (state, created_at DESC, id DESC);
CREATE INDEX campaign_firmware ON campaign (firmware_id);

CREATE TABLE campaign_target (
    campaign_id        uuid     NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    seq                int      NOT NULL, -- position in the plan: canary first, then wave by wave
    asset_id           uuid     NOT NULL,
    tag                text     NOT NULL,
    site_id            uuid,
    line_id            uuid,
    model              text     NOT NULL,
    previous_firmware  text,
    criticality        text     NOT NULL CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
    wave_index         int      NOT NULL CHECK (wave_index >= 0), -- 0 = canary
    deployment_state   text     NOT NULL DEFAULT 'pending'
                       CHECK (deployment_state IN ('pending', 'offered', 'downloading', 'downloaded', 'installing',
                                                   'succeeded', 'failed', 'timed-out', 'rolled-back', 'skipped')),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, seq),
    CONSTRAINT campaign_target_asset_unique UNIQUE (campaign_id, asset_id)
);
CREATE INDEX campaign_target_tag ON campaign_target (tag, deployment_state);
CREATE INDEX campaign_target_wave ON campaign_target (campaign_id, wave_index, deployment_state);

CREATE TABLE campaign_excluded (
    campaign_id  uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    asset_id     uuid NOT NULL,
    tag          text NOT NULL,
    model        text,
    reason       text NOT NULL,
    PRIMARY KEY (campaign_id, asset_id)
);

CREATE TABLE campaign_audit (
    seq          bigserial   PRIMARY KEY,
    campaign_id  uuid        NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    action       text        NOT NULL, -- create, submit, approve, reject, schedule, start, pause, resume, cancel, …
    actor        text        NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    from_state   text,
    to_state     text        NOT NULL,
    detail       text
);
CREATE INDEX campaign_audit_campaign ON campaign_audit (campaign_id, seq);
