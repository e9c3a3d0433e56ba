package io.converge.simulator.net;

import io.converge.simulator.Log;
import io.converge.simulator.plant.Reading;
import io.converge.simulator.sparkplug.SparkplugEdge;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A Sparkplug B edge node on its own MQTT connection (the NDEATH is its will): NBIRTH after every connection and
 * after a Rebirth command (NCMD {@code Node Control/Rebirth}, which telemetry-service sends when it missed the
 * birth), then DBIRTH/DDATA per device.
 */
public final class SparkplugNode implements AutoCloseable {

    private final SparkplugEdge edge;
    private final MqttLink link;
    private final AtomicBoolean birthDue = new AtomicBoolean(true);

    public SparkplugNode(String serverUri, String clientIdPrefix, SparkplugEdge edge) throws MqttException {
        this.edge = edge;
        SparkplugEdge.Message death = edge.ndeath();
        this.link = new MqttLink(serverUri, clientIdPrefix + "-" + edge.group() + "-" + edge.edgeNode(),
                new MqttLink.Will(death.topic(), death.payload()), edge.commandTopic(), this::command,
                () -> birthDue.set(true));
    }

    private void command(String topic, byte[] payload) {
        if (SparkplugEdge.isRebirthRequest(payload)) {
            Log.info("Sparkplug %s/%s: rebirth requested", edge.group(), edge.edgeNode());
            birthDue.set(true);
        }
    }

    /** Publishes the readings (grouped by device), preceded by the NBIRTH when one is due; the points sent. */
    public synchronized int publish(List<Reading> readings, Instant ts) throws MqttException {
        if (!link.connected()) {
            link.connect();
        }
        if (birthDue.getAndSet(false)) {
            SparkplugEdge.Message b = edge.nbirth(ts);
            link.publish(b.topic(), b.payload());
        }
        Map<String, List<Reading>> byDevice = new LinkedHashMap<>();
        readings.forEach(r -> byDevice.computeIfAbsent(r.asset(), k -> new java.util.ArrayList<>()).add(r));
        for (Map.Entry<String, List<Reading>> e : byDevice.entrySet()) {
            SparkplugEdge.Message m = edge.device(e.getKey(), e.getValue(), ts);
            link.publish(m.topic(), m.payload());
        }
        return readings.size();
    }

    /** Publishes the NDEATH (a clean disconnect does not send the will) and disconnects. */
    @Override
    public synchronized void close() {
        try {
            if (link.connected()) {
                SparkplugEdge.Message d = edge.ndeath();
                link.publish(d.topic(), d.payload());
            }
        } catch (MqttException e) {
            Log.warn("Sparkplug NDEATH: %s", e.getMessage());
        }
        link.close();
    }
}
