package io.converge.simulator.net;

import io.converge.simulator.Log;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One MQTT connection (Eclipse Paho, MQTT 3.1.1, automatic reconnect): publishes at QoS 1; optionally registers a
 * will (the Sparkplug NDEATH) and a subscription whose messages go to a handler (subscribed again on every connection);
 * {@code onReconnect} runs after an automatic reconnection, so a Sparkplug edge node re-publishes its births.
 */
public final class MqttLink implements AutoCloseable {

    /** The will: topic and payload. */
    public record Will(String topic, byte[] payload) {
    }

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();

    public MqttLink(String serverUri, String clientId, Will will, String subscription,
            BiConsumer<String, byte[]> handler, Runnable onReconnect) throws MqttException {
        client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        if (will != null) {
            options.setWill(will.topic(), will.payload(), 1, false);
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    Log.info("MQTT %s reconnected to %s", clientId, serverURI);
                }
                try {
                    if (subscription != null) {
                        client.subscribe(subscription, 1);
                    }
                } catch (MqttException e) {
                    Log.warn("MQTT %s could not subscribe to %s: %s", clientId, subscription, e.getMessage());
                }
                if (reconnect && onReconnect != null) {
                    onReconnect.run();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                Log.warn("MQTT %s lost its connection: %s", clientId, cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (handler != null) {
                    handler.accept(topic, message.getPayload());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // QoS 1 acknowledgements need no action
            }
        });
    }

    public void connect() throws MqttException {
        client.connect(options);
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Publishes at QoS 1 (blocks until the broker acknowledged it). */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close();
        } catch (MqttException e) {
            Log.warn("MQTT close: %s", e.getMessage());
        }
    }
}
