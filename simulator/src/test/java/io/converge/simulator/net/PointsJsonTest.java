package io.converge.simulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.Durations;
import io.converge.simulator.plant.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsJsonTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00.123Z");
    private final PointsJson json = new PointsJson(new ObjectMapper());

    @Test
    void writesTelemetryServicesPointShape() {
        List<Reading> r = List.of(new Reading("PLC-L1-01", "machine.state", T, "running"),
                new Reading("PLC-L1-01", "count.good", T, 42L), new Reading("PLC-L1-01", "energy.kwh", T, 1.25));
        assertEquals("[{\"asset\":\"PLC-L1-01\",\"metric\":\"machine.state\",\"ts\":\"2026-12-04T10:00:00.123Z\","
                + "\"value\":\"running\"},{\"asset\":\"PLC-L1-01\",\"metric\":\"count.good\","
                + "\"ts\":\"2026-12-04T10:00:00.123Z\",\"value\":42},{\"asset\":\"PLC-L1-01\",\"metric\":\"energy.kwh\","
                + "\"ts\":\"2026-12-04T10:00:00.123Z\",\"value\":1.25}]",
                new String(json.forHttp(r), StandardCharsets.UTF_8));
        assertEquals("[{\"metric\":\"machine.state\",\"ts\":\"2026-12-04T10:00:00.123Z\",\"value\":\"running\"},"
                + "{\"metric\":\"count.good\",\"ts\":\"2026-12-04T10:00:00.123Z\",\"value\":42},"
                + "{\"metric\":\"energy.kwh\",\"ts\":\"2026-12-04T10:00:00.123Z\",\"value\":1.25}]",
                new String(json.forMqtt(r), StandardCharsets.UTF_8));
        assertEquals("converge/ACME-P1/PLC-L1-01/telemetry", PointsJson.mqttTopic("ACME-P1", "PLC-L1-01"));
    }

    @Test
    void anMqttMessageIsOneAssets() {
        List<Reading> r = List.of(new Reading("A", "m", T, 1.0), new Reading("B", "m", T, 1.0));
        assertThrows(IllegalArgumentException.class, () -> json.forMqtt(r));
        assertThrows(IllegalArgumentException.class, () -> new Reading("A", "m", T, 1));
    }

    @Test
    void readsShortAndIsoDurations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(Duration.ofMinutes(20), Durations.parse("20m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("PT1M30S"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
    }
}
