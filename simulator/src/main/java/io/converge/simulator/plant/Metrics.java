package io.converge.simulator.plant;

/**
 * Metric names the simulator reports. The first five are the ones infra/demo/kpi.py binds on every line for OEE and
 * energy (stateMetric, downReasonMetric, goodCountMetric, scrapCountMetric, energyMetric); motor.temperature is the
 * metric of the demo alarm rule on PLC-L1-01, gearbox.vibration the one of the demo condition binding on DRV-L1-01.
 */
public final class Metrics {

    public static final String STATE = "machine.state";
    public static final String REASON = "machine.reason";
    public static final String GOOD = "count.good";
    public static final String SCRAP = "count.scrap";
    public static final String ENERGY = "energy.kwh";
    public static final String TEMPERATURE = "motor.temperature";
    public static final String VIBRATION = "gearbox.vibration";
    public static final String POWER = "power.kw";

    private Metrics() {
    }
}
