package io.converge.telemetry.messaging;

import io.converge.telemetry.domain.sparkplug.SparkplugDecoder;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.mqtt.MqttMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Asks an edge node for a rebirth (NCMD {@code Node Control/Rebirth = true}) when its state is unknown to us, e.g.
 * after a restart of this service; at most once per node per 30 s, so a misbehaving node cannot cause a storm.
 */
@ApplicationScoped
public class RebirthRequests {

    private static final Logger LOG = Logger.getLogger(RebirthRequests.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    private final MutinyEmitter<byte[]> commands;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public RebirthRequests(@Channel("sparkplug-commands") MutinyEmitter<byte[]> commands) {
        this.commands = commands;
    }

    public void request(String group, String edgeNode) {
        Instant now = Instant.now();
        String node = group + "/" + edgeNode;
        Instant previous = last.get(node);
        if (previous != null && previous.plus(MIN_INTERVAL).isAfter(now)) {
            return;
        }
        last.put(node, now);
        String topic = SparkplugDecoder.rebirthTopic(group, edgeNode);
        commands.sendMessage(MqttMessage.of(topic, SparkplugDecoder.rebirthPayload(now), MqttQoS.AT_LEAST_ONCE))
                .subscribe().with(x -> LOG.infof("asked Sparkplug B node %s to rebirth", node),
                        e -> LOG.warnf("rebirth request to %s failed: %s", node, e.toString()));
    }
}
