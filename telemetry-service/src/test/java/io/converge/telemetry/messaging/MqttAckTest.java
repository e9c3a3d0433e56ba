package io.converge.telemetry.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import io.vertx.core.buffer.Buffer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging a stored batch while the MQTT connection it came on is gone (broker restart; seen in reliability/
 * after Mosquitto was restarted: Vert.x threw a NullPointerException from PUBACK and the channel ended for good).
 */
class MqttAckTest {

    @Test
    void aLostConnectionLeavesTheMessageUnacknowledgedWithoutFailing() {
        AtomicInteger acked = new AtomicInteger();
        Message<byte[]> gone = message(() -> {
            throw new NullPointerException("Cannot invoke \"NetSocketInternal.writeMessage(Object)\" because the"
                    + " return value of \"MqttClientImpl.connection()\" is null");
        });
        Message<byte[]> live = message(acked::incrementAndGet);
        assertDoesNotThrow(() -> MqttBatches.acknowledge(List.of(gone, live, gone)));
        assertEquals(1, acked.get(), "the message whose connection is up is acknowledged");
    }

    private static Message<byte[]> message(Runnable ack) {
        io.vertx.mqtt.messages.MqttPublishMessage delegate = (io.vertx.mqtt.messages.MqttPublishMessage) Proxy
                .newProxyInstance(MqttAckTest.class.getClassLoader(),
                        new Class<?>[] {io.vertx.mqtt.messages.MqttPublishMessage.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "ack" -> {
                                ack.run();
                                yield null;
                            }
                            case "qosLevel" -> MqttQoS.AT_LEAST_ONCE;
                            case "topicName" -> "converge/S1/T1/telemetry";
                            case "payload" -> Buffer.buffer("[]");
                            case "messageId" -> 1;
                            case "isDup", "isRetain" -> false;
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> null;
                        });
        var meta = new ReceivingMqttMessageMetadata(io.vertx.mutiny.mqtt.messages.MqttPublishMessage
                .newInstance(delegate));
        return Message.of(new byte[0]).addMetadata(meta);
    }
}
