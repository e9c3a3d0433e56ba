package io.converge.kpi.domain;

import java.util.Optional;
import java.util.function.Function;

/**
 * The KPIs an alarm rule may watch, by their API name, each read from the {@link WindowFigures.Kpis} of a window.
 * MTBF and MTTR are in seconds, energy per good unit in kWh per unit, the ratios are fractions (0.85, not 85 %).
 */
public enum AlarmKpi {
    OEE("oee", WindowFigures.Kpis::oee),
    AVAILABILITY("availability", WindowFigures.Kpis::availability),
    EFFECTIVENESS("effectiveness", WindowFigures.Kpis::effectiveness),
    QUALITY("quality", WindowFigures.Kpis::quality),
    MTBF("mtbf", WindowFigures.Kpis::mtbfSeconds),
    MTTR("mttr", WindowFigures.Kpis::mttrSeconds),
    ENERGY_PER_GOOD_UNIT("energy-per-good-unit", WindowFigures.Kpis::energyPerGoodUnit);

    private final String wire;
    private final Function<WindowFigures.Kpis, KpiValue> read;

    AlarmKpi(String wire, Function<WindowFigures.Kpis, KpiValue> read) {
        this.wire = wire;
        this.read = read;
    }

    public String wire() {
        return wire;
    }

    /** This KPI of the figures; undefined (with its reason) when the figures do not define it. */
    public KpiValue of(WindowFigures figures) {
        return read.apply(WindowFigures.Kpis.of(figures));
    }

    public static Optional<AlarmKpi> parse(String wire) {
        for (AlarmKpi k : values()) {
            if (k.wire.equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The API names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(AlarmKpi::wire).toList());
    }
}
