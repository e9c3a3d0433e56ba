-- Device protocol and wave execution: the wave a running campaign offers updates in, and per target the action id a
-- device sees, its download progress, last message and when it was offered / last heard from (the timeout sweep).
ALTER TABLE campaign ADD COLUMN current_wave int NOT NULL DEFAULT 0 CHECK (current_wave >= 0);
-- errors of the current wave a resume accepted: they no longer count towards its thresholds (0 when a wave starts)
ALTER TABLE campaign ADD COLUMN accepted_errors int NOT NULL DEFAULT 0 CHECK (accepted_errors >= 0);

ALTER TABLE campaign_target
    ADD COLUMN action_id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN progress          int         NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    ADD COLUMN message           text,
    ADD COLUMN offered_at        timestamptz,
    ADD COLUMN last_feedback_at  timestamptz;
ALTER TABLE campaign_target ADD CONSTRAINT campaign_target_action_unique UNIQUE (action_id);
-- the timeout sweep: actions offered or in progress, by last contact
CREATE INDEX campaign_target_open ON campaign_target (last_feedback_at)
    WHERE deployment_state IN ('offered', 'downloading', 'downloaded', 'installing');
