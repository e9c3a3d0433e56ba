package io.converge.telemetry.messaging;

import io.converge.telemetry.config.TelemetryConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Makes the broker redeliver what it handed over before the ingest pipeline was listening. The MQTT connector
 * connects while the application wires its channels and passes messages through a broadcast processor that drops
 * those arriving before the pipeline subscribed; with a persistent session that is exactly the backlog queued while
 * the service was down. Those messages were never acknowledged (PUBACK comes after commit), so the broker still owns
 * them and resends them when the session reconnects: once the channels are wired, this restarts the two ingest
 * sessions. The connector keeps its clients in a private registry, reached here by reflection; if a connector
 * version moves it, the failure is logged loudly (the backlog then waits for the next reconnection) and the MQTT
 * restart test fails.
 */
@ApplicationScoped
public class MqttSessionRestart {

    private static final Logger LOG = Logger.getLogger(MqttSessionRestart.class);
    private final List<String> clientIds;

    public MqttSessionRestart(TelemetryConfig config) {
        this.clientIds = List.of(config.mqtt().clientId() + "-json", config.mqtt().clientId() + "-spb");
    }

    /** Runs after SmallRye Reactive Messaging wired the channels (its observer has a library priority). */
    void onStart(@Observes StartupEvent e) {
        try {
            Field registry = Clients.class.getDeclaredField("clients");
            registry.setAccessible(true);
            Map<?, ?> holders = (Map<?, ?>) registry.get(null);
            for (Map.Entry<?, ?> entry : holders.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (clientIds.stream().noneMatch(id -> key.endsWith("[" + id + "]"))) {
                    continue;
                }
                Method getClient = entry.getValue().getClass().getDeclaredMethod("getClient");
                getClient.setAccessible(true);
                MqttClientSession session = (MqttClientSession) getClient.invoke(entry.getValue());
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
