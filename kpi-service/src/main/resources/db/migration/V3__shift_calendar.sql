-- A site's shift calendar as one document: its time zone, weekly shifts and breaks, planned downtime periods.
CREATE TABLE shift_calendar (
    site_id     uuid        PRIMARY KEY,
    document    jsonb       NOT NULL,
    version     bigint      NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);
