-- IT data kpi-service owns. Bindings: which telemetry metrics of an asset or line are its machine state, good and
-- scrap counters and energy meter. Production orders: from the ERP, with the ideal cycle time used by Effectiveness.
CREATE TABLE kpi_binding (
    scope               text        PRIMARY KEY,          -- line:{uuid} | asset:{tag}
    state_metric        text,
    down_reason_metric  text,
    good_count_metric   text,
    scrap_count_metric  text,
    energy_metric       text,
    version             bigint      NOT NULL DEFAULT 1,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          text        NOT NULL,
    CONSTRAINT kpi_binding_some_metric CHECK (num_nonnulls(state_metric, good_count_metric, scrap_count_metric,
        energy_metric) > 0)
);

CREATE TABLE production_order (
    id                  uuid        PRIMARY KEY,
    order_number        text        NOT NULL UNIQUE,      -- the ERP's id
    line_id             uuid        NOT NULL,
    product             text        NOT NULL,
    planned_quantity    bigint      NOT NULL CHECK (planned_quantity > 0),
    ideal_cycle_seconds double precision NOT NULL CHECK (ideal_cycle_seconds > 0),
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text        NOT NULL,
    CONSTRAINT production_order_range CHECK (ends_at > starts_at)
);
CREATE INDEX production_order_line_time ON production_order (line_id, starts_at);
