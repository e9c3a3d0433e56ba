-- Rollback: per target a second action that offers the device its previous firmware again (after its update failed,
-- or when the campaign is rolled back). rollback_state 'unavailable' records why no rollback could be offered.
ALTER TABLE campaign_target
    ADD COLUMN rollback_action_id         uuid UNIQUE,
    ADD COLUMN rollback_state             text CHECK (rollback_state IN ('pending', 'offered', 'downloading',
                                              'downloaded', 'installing', 'succeeded', 'failed', 'timed-out',
                                              'unavailable')),
    ADD COLUMN rollback_firmware_id       uuid REFERENCES firmware (id),
    ADD COLUMN rollback_progress          int  NOT NULL DEFAULT 0 CHECK (rollback_progress BETWEEN 0 AND 100),
    ADD COLUMN rollback_reason            text,
    ADD COLUMN rollback_message           text,
    ADD COLUMN rollback_offered_at        timestamptz,
    ADD COLUMN rollback_last_feedback_at  timestamptz;
CREATE INDEX campaign_target_rollback ON campaign_target (tag, rollback_state) WHERE rollback_state IS NOT NULL;
