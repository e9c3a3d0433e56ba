package io.converge.simulator.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.Log;
import io.converge.simulator.LogThrottle;
import io.converge.simulator.plant.Line;
import io.converge.simulator.plant.Reading;
import io.converge.simulator.plant.Transport;
import io.converge.simulator.sparkplug.SparkplugEdge;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Sends each line's readings by the line's transport: MQTT JSON (one message per asset), Sparkplug B (the line's edge
 * node) or HTTP (one batch per line through the gateway). Counts what was sent and what telemetry-service refused.
 * A failure is logged and the tick's readings of that line are dropped (the next tick carries the cumulative
 * counters again, so no count is lost).
 */
public final class TelemetrySender implements AutoCloseable {

    private final PointsJson points;
    private final ObjectMapper json;
    private final MqttLink jsonLink;
    private final Api api;
    private final List<Line> lines;
    private final Map<Integer, SparkplugNode> nodes = new HashMap<>();
    private final Map<Transport, AtomicLong> sent = new LinkedHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(java.time.Duration.ofMinutes(1));

    public TelemetrySender(List<Line> lines, String mqttUri, String clientId, Api api, ObjectMapper json)
            throws MqttException {
        this.lines = List.copyOf(lines);
        this.json = json;
        this.points = new PointsJson(json);
        this.api = api;
        for (Transport t : Transport.values()) {
            sent.put(t, new AtomicLong());
        }
        boolean anyJson = lines.stream().anyMatch(l -> l.transport() == Transport.JSON);
        this.jsonLink = anyJson ? new MqttLink(mqttUri, clientId + "-json", null, null, null, null) : null;
        for (Line l : lines) {
            if (l.transport() == Transport.SPARKPLUG) {
                nodes.put(l.number(), new SparkplugNode(mqttUri, clientId,
                        new SparkplugEdge(l.site(), l.edgeNode(), Instant.now().getEpochSecond() % 256)));
            }
        }
    }

    public void send(Line line, List<Reading> readings, Instant ts) {
        try {
            long n = switch (line.transport()) {
                case JSON -> sendJson(line, readings);
                case SPARKPLUG -> nodes.get(line.number()).publish(readings, ts);
                case HTTP -> sendHttp(readings);
            };
            sent.get(line.transport()).addAndGet(n);
            throttle.success("line " + line.number());
        } catch (MqttException | IOException e) {
            failures.incrementAndGet();
            throttle.warn("line " + line.number(), "line %d (%s): %s", line.number(), line.transport(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long sendJson(Line line, List<Reading> readings) throws MqttException {
        if (!jsonLink.connected()) {
            jsonLink.connect();
        }
        Map<String, List<Reading>> byAsset = new LinkedHashMap<>();
        readings.forEach(r -> byAsset.computeIfAbsent(r.asset(), k -> new java.util.ArrayList<>()).add(r));
        for (Map.Entry<String, List<Reading>> e : byAsset.entrySet()) {
            jsonLink.publish(PointsJson.mqttTopic(line.site(), e.getKey()), points.forMqtt(e.getValue()));
        }
        return readings.size();
    }

    private long sendHttp(List<Reading> readings) throws IOException, InterruptedException {
        Api.Answer a = api.postJson("/api/v1/telemetry/points", points.forHttp(readings));
        if (a.status() != 200) {
            throw new IOException("POST /api/v1/telemetry/points answered " + a.status() + ": "
                    + Tokens.abbreviate(a.text()));
        }
        JsonNode r = json.readTree(a.body());
        long rejected = r.path("rejected").asLong();
        if (rejected > 0) {
            refused.addAndGet(rejected);
            Log.warn("telemetry refused %d of %d points, e.g. %s", rejected, readings.size(),
                    r.path("errors").path(0));
        }
        return r.path("accepted").asLong() + r.path("duplicates").asLong();
    }

    /** Points sent per transport (HTTP: accepted), points refused over HTTP, send failures. */
    public String stats() {
        StringBuilder b = new StringBuilder();
        sent.forEach((t, n) -> b.append(t.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n.get())
                .append(' '));
        return b.append("refused=").append(refused.get()).append(" failures=").append(failures.get()).toString();
    }

    public long total() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Stops: the Sparkplug nodes send their NDEATH (their machines go {@code offline}); the JSON and HTTP lines report
     * {@code machine.state = offline}, so kpi-service counts the time until the next start as unknown instead of
     * holding the last state.
     */
    @Override
    public void close() {
        Instant now = Instant.now();
        for (Line l : lines) {
            if (l.transport() != Transport.SPARKPLUG) {
                send(l, l.machines().stream().map(m -> new Reading(m.tag(), io.converge.simulator.plant.Metrics.STATE,
                        now, "offline")).toList(), now);
            }
        }
        nodes.values().forEach(SparkplugNode::close);
        if (jsonLink != null) {
            jsonLink.close();
        }
    }
}
