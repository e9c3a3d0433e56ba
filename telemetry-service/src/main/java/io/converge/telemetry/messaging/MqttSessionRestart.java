package io.converge.telemetry.messaging;

import io.converge.telemetry.config.TelemetryConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Field;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Makes the broker redeliver what it handed over before the ingest pipeline was listening, and puts the ingest
 * sessions under {@link MqttFlowControl}. The MQTT connector connects while the application wires its channels and
 * passes messages through a broadcast processor that drops those arriving before the pipeline subscribed; with a
 * persistent session that is exactly the backlog queued while the service was down. Those messages were never
 * acknowledged (PUBACK comes after commit), so the broker still owns them and resends them when the session
 * reconnects: once the channels are wired, this restarts the two ingest sessions. The connector keeps its clients in
 * a private registry, reached here by reflection; if a connector version moves it, the failure is logged loudly (the
 * backlog then waits for the next reconnection, and nothing is bounded) and the MQTT restart tests fail.
 */
@ApplicationScoped
public class MqttSessionRestart {

    private static final Logger LOG = Logger.getLogger(MqttSessionRestart.class);
    /** Client id (as configured) → channel name. */
    private final Map<String, String> channels;
    private final MqttFlowControl flow;

    public MqttSessionRestart(TelemetryConfig config, MqttFlowControl flow) {
        this.channels = Map.of(config.mqtt().clientId() + "-json", "mqtt-json",
                config.mqtt().clientId() + "-spb", "mqtt-sparkplug");
        this.flow = flow;
    }

    /** Runs after SmallRye Reactive Messaging wired the channels (its observer has a library priority). */
    void onStart(@Observes StartupEvent e) {
        try {
            Field registry = Clients.class.getDeclaredField("clients");
            registry.setAccessible(true);
            Map<?, ?> holders = (Map<?, ?>) registry.get(null);
            for (Map.Entry<?, ?> entry : holders.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String channel = channels.entrySet().stream().filter(c -> key.endsWith("[" + c.getKey() + "]"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (channel == null) {
                    continue;
                }
                Clients.ClientHolder holder = (Clients.ClientHolder) entry.getValue();
                flow.attach(channel, holder);
                MqttClientSession session = holder.getClient();
                session.stop().compose(x -> session.start()).onComplete(r -> {
                    if (r.succeeded()) {
                        LOG.debugf("MQTT session %s reconnected after wiring", key);
                    } else {
                        LOG.errorf("MQTT session %s did not restart: %s", key, r.cause());
                    }
                });
            }
        } catch (ReflectiveOperationException | RuntimeException ex) {
            LOG.errorf(ex, "cannot restart the MQTT ingest sessions after wiring; messages queued while the service"
                    + " was down are delivered only after the next reconnection");
        }
    }
}
