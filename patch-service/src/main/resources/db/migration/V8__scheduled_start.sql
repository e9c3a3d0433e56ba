-- Scheduled start: `schedule` may name when the campaign starts; CampaignStarter starts due campaigns (actor
-- patch-service). NULL: the campaign waits for an explicit `start`.
ALTER TABLE campaign ADD COLUMN start_at timestamptz;
CREATE INDEX campaign_due ON campaign (start_at) WHERE state = 'scheduled' AND start_at IS NOT NULL;
-- the timeout sweep over rollback actions offered or in progress, by last contact
CREATE INDEX campaign_target_rollback_open ON campaign_target (rollback_last_feedback_at)
    WHERE rollback_state IN ('offered', 'downloading', 'downloaded', 'installing');
