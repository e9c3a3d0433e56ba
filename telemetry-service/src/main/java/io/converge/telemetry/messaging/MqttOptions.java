package io.converge.telemetry.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * MQTT client options the connector's configuration cannot express: acknowledgement by the application (PUBACK
 * after commit, see {@link MqttBatches}). Host, port, client id, clean session and credentials still come from the
 * channel configuration. One bean per channel, since each channel has its own client.
 */
public class MqttOptions {

    @Produces
    @Dependent
    @Identifier("telemetry-mqtt-json")
    MqttClientSessionOptions json() {
        return manualAck();
    }

    @Produces
    @Dependent
    @Identifier("telemetry-mqtt-sparkplug")
    MqttClientSessionOptions sparkplug() {
        return manualAck();
    }

    private static MqttClientSessionOptions manualAck() {
        MqttClientSessionOptions o = new MqttClientSessionOptions();
        o.setAutoAck(false);
        return o;
    }
}
