-- Maintenance windows per site: a device is offered its update only while its site's window is open (UNIX cron of the
-- opening, duration in local wall-clock time, IANA zone). A site without a window is never offered an update.
CREATE TABLE site_window (
    site_id     uuid        PRIMARY KEY,
    cron        text        NOT NULL,
    duration_s  bigint      NOT NULL CHECK (duration_s > 0),
    zone        text        NOT NULL,
    version     bigint      NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);
