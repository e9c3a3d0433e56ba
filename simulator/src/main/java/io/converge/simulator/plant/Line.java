package io.converge.simulator.plant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One production line: its machines, the gearbox vibration of its conveyor drives and the line energy meter (power,
 * the sum of the machines' draw).
 *
 * @param number   the plant-wide line number (tags are {@code PLC-L{number}-01} …)
 * @param site     the site code (ACME-P1 …), the {site} of the MQTT JSON topic and the Sparkplug group
 * @param edgeNode the Sparkplug edge node id of the line
 */
public record Line(int number, String site, String edgeNode, Transport transport, List<Machine> machines,
        List<Vibration> drives, String meterTag) {

    public Line {
        machines = List.copyOf(machines);
        drives = List.copyOf(drives);
    }

    public void advance(double seconds) {
        machines.forEach(m -> m.advance(seconds));
        drives.forEach(d -> d.advance(seconds));
    }

    /** Every reading of the line at {@code ts}. */
    public List<Reading> readings(Instant ts) {
        List<Reading> out = new ArrayList<>();
        double kw = 0;
        for (Machine m : machines) {
            out.addAll(m.readings(ts));
            kw += m.powerKw();
        }
        for (Vibration d : drives) {
            out.add(d.reading(ts));
        }
        out.add(new Reading(meterTag, Metrics.POWER, ts, Machine.round(kw, 2)));
        return out;
    }

    /** The tags of every device of the line (machines, drives, meter). */
    public List<String> tags() {
        List<String> out = new ArrayList<>();
        machines.forEach(m -> out.add(m.tag()));
        drives.forEach(d -> out.add(d.tag()));
        out.add(meterTag);
        return out;
    }
}
