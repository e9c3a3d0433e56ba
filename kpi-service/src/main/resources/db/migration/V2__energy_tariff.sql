-- Time-of-use energy prices per site: in force on the given weekdays from start to end (site-local time; end before
-- start crosses midnight, end = start is the whole day), between the effective dates (effective_to inclusive).
-- The service refuses a tariff that overlaps another of the same site (422).
CREATE TABLE energy_tariff (
    id              uuid             PRIMARY KEY,
    site_id         uuid             NOT NULL,
    price_per_kwh   double precision NOT NULL CHECK (price_per_kwh >= 0),
    currency        char(3)          NOT NULL,
    days            text[]           NOT NULL,
    start_time      time             NOT NULL,
    end_time        time             NOT NULL,
    effective_from  date             NOT NULL,
    effective_to    date,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    created_by      text             NOT NULL,
    CONSTRAINT energy_tariff_dates CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX energy_tariff_site ON energy_tariff (site_id);
