package io.converge.telemetry.messaging;

import static io.converge.telemetry.messaging.MqttTestSupport.RUN;
import static io.converge.telemetry.messaging.MqttTestSupport.TIMEOUT;
import static io.converge.telemetry.messaging.MqttTestSupport.await;
import static io.converge.telemetry.messaging.MqttTestSupport.count;
import static io.converge.telemetry.messaging.MqttTestSupport.rows;
import static io.converge.telemetry.messaging.MqttTestSupport.rowsLike;
import static io.converge.telemetry.messaging.MqttTestSupport.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.RegistryStub;
import io.converge.telemetry.ingest.IngestService;
import io.converge.telemetry.messaging.MqttTestSupport.Stored;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sparkplug B over the machine's Mosquitto with a real paho client: births, alias-only data, deaths, the mapping of
 * devices and edge nodes to assets, rebirth requests and malformed payloads.
 */
@QuarkusTest
@QuarkusTestResource(RegistryStub.class)
class SparkplugIngestTest {

    private static final UUID DEV1 = RegistryStub.id("TEL-SPB-DEV-1");
    private static final UUID EDGE1 = RegistryStub.id("TEL-SPB-EDGE-1");
    private static final UUID MQTT2 = RegistryStub.id("TEL-MQTT-2");
    private static MqttClient client;
    private static long bdSeq;

    @Inject
    Pool pool;

    @Inject
    IngestService ingest;

    @Inject
    MeterRegistry registry;

    /** Metric names unique to this run (Sparkplug paths with '/', within the service's metric name pattern). */
    private static String metric(String name) {
        return "spb." + RUN + "/" + name;
    }

    private static Payload.Metric.Builder named(String name, long alias, DataType type) {
        return Payload.Metric.newBuilder().setName(name).setAlias(alias).setDatatype(type.getNumber());
    }

    private static Payload.Metric.Builder alias(long alias) {
        return Payload.Metric.newBuilder().setAlias(alias);
    }

    private static byte[] payload(Instant ts, Payload.Metric.Builder... metrics) {
        Payload.Builder p = Payload.newBuilder().setTimestamp(ts.toEpochMilli()).setSeq(0);
        for (Payload.Metric.Builder m : metrics) {
            p.addMetrics(m);
        }
        return p.build().toByteArray();
    }

    /** NBIRTH: a new bdSeq, the Rebirth control and the given node metrics. */
    private static byte[] nbirth(Instant ts, Payload.Metric.Builder... metrics) {
        Payload.Builder p = Payload.newBuilder().setTimestamp(ts.toEpochMilli()).setSeq(0)
                .addMetrics(Payload.Metric.newBuilder().setName("bdSeq").setDatatype(DataType.Int64_VALUE)
                        .setLongValue(++bdSeq))
                .addMetrics(Payload.Metric.newBuilder().setName("Node Control/Rebirth")
                        .setDatatype(DataType.Boolean_VALUE).setBooleanValue(false));
        for (Payload.Metric.Builder m : metrics) {
            p.addMetrics(m);
        }
        return p.build().toByteArray();
    }

    private static void send(String topic, byte[] payload) {
        MqttTestSupport.publish(client, topic, payload);
    }

    private List<Stored> awaitRows(UUID asset, String metric, int n) {
        return await(n + " rows of " + metric, TIMEOUT, () -> rows(pool, asset, metric), r -> r.size() >= n);
    }

    @BeforeEach
    void subscribedAndLoaded() {
        if (client != null) {
            return;
        }
        await("the registry view", Duration.ofSeconds(60), ingest::ready, Boolean::booleanValue);
        client = MqttTestSupport.connect("spb");
        // an edge node without label maps by its id as a tag: TEL-MQTT-2
        String warm = metric("warmup");
        MqttTestSupport.warmUp("a warm-up NBIRTH", () -> send("spBv1.0/W" + RUN + "/NBIRTH/TEL-MQTT-2",
                nbirth(ts(), named(warm, 1, DataType.Double).setDoubleValue(1))), () -> count(pool, MQTT2, warm) > 0);
    }

    @AfterAll
    static void disconnect() {
        MqttTestSupport.close(client);
        client = null;
    }

    @Test
    void birthThenAliasOnlyDataIsStoredUnderTheLabelledDevice() {
        String speed = metric("dev/speed");
        String running = metric("dev/running");
        String mode = metric("dev/mode");
        String count = metric("dev/count");
        Instant birth = ts();
        Instant data = ts();
        send("spBv1.0/G1/NBIRTH/EDGE1", nbirth(ts()));
        send("spBv1.0/G1/DBIRTH/EDGE1/DEV1", payload(birth,
                named(speed, 10, DataType.Double).setDoubleValue(12.5),
                named(running, 11, DataType.Boolean).setBooleanValue(true),
                named(mode, 12, DataType.String).setStringValue("auto"),
                named(count, 13, DataType.UInt32).setIntValue(-1))); // 4294967295 as unsigned
        send("spBv1.0/G1/DDATA/EDGE1/DEV1", payload(data,
                alias(10).setDoubleValue(13.5), alias(11).setBooleanValue(false), alias(12).setStringValue("manual"),
                alias(13).setIntValue(7)));
        assertEquals(List.of(new Stored(speed, birth, 12.5, null, 0), new Stored(speed, data, 13.5, null, 0)),
                awaitRows(DEV1, speed, 2));
        assertEquals(List.of(new Stored(running, birth, null, "true", 0), new Stored(running, data, null, "false", 0)),
                awaitRows(DEV1, running, 2));
        assertEquals(List.of(new Stored(mode, birth, null, "auto", 0), new Stored(mode, data, null, "manual", 0)),
                awaitRows(DEV1, mode, 2));
        assertEquals(List.of(new Stored(count, birth, 4294967295.0, null, 0), new Stored(count, data, 7.0, null, 0)),
                awaitRows(DEV1, count, 2));
        assertEquals(0, count(pool, DEV1, "bdSeq"), "session plumbing is not telemetry");
        assertEquals(8, rowsLike(pool, DEV1, metric("dev/")).size());
    }

    @Test
    void nodeDataIsStoredUnderTheLabelledEdgeNode() {
        String temp = metric("node/temp");
        Instant birth = ts();
        Instant data = ts();
        send("spBv1.0/G1/NBIRTH/EDGE1", nbirth(birth, named(temp, 1, DataType.Float).setFloatValue(40.5f)));
        send("spBv1.0/G1/NDATA/EDGE1", payload(data, alias(1).setFloatValue(41.25f)));
        assertEquals(List.of(new Stored(temp, birth, 40.5, null, 0), new Stored(temp, data, 41.25, null, 0)),
                awaitRows(EDGE1, temp, 2));
        assertEquals(0, count(pool, DEV1, temp), "node metrics belong to the edge node's asset");
    }

    @Test
    void deviceDeathStoresAnOfflinePointOfBadQualityPerMetric() {
        String a = metric("death/a");
        String b = metric("death/b");
        String c = metric("death/c");
        Instant birth = ts();
        Instant death = ts();
        send("spBv1.0/G1/NBIRTH/EDGE1", nbirth(ts()));
        send("spBv1.0/G1/DBIRTH/EDGE1/DEV1", payload(birth, named(a, 20, DataType.Int32).setIntValue(5),
                named(b, 21, DataType.Boolean).setBooleanValue(true), named(c, 22, DataType.Text).setStringValue("x")));
        send("spBv1.0/G1/DDEATH/EDGE1/DEV1", Payload.newBuilder().setTimestamp(death.toEpochMilli()).setSeq(1)
                .build().toByteArray());
        for (String m : List.of(a, b, c)) {
            List<Stored> rows = awaitRows(DEV1, m, 2);
            assertEquals(birth, rows.get(0).ts());
            assertEquals(new Stored(m, death, null, SparkplugConsumer.OFFLINE, 2), rows.get(1));
        }
        // the device is offline now: its data is refused (and a rebirth requested) until it is born again
        send("spBv1.0/G1/DDATA/EDGE1/DEV1", payload(ts(), alias(20).setIntValue(6)));
        String sentinel = metric("death/after");
        send("spBv1.0/G1/NBIRTH/EDGE1", nbirth(ts(), named(sentinel, 1, DataType.Int8).setIntValue(-3)));
        assertEquals(-3.0, awaitRows(EDGE1, sentinel, 1).get(0).value());
        assertEquals(2, count(pool, DEV1, a));
    }

    @Test
    void dataFromAnUnbornEdgeNodeTriggersARebirthRequest() throws Exception {
        String node = "EDGE9-" + RUN;
        String ncmd = "spBv1.0/G9/NCMD/" + node;
        LinkedBlockingQueue<byte[]> commands = new LinkedBlockingQueue<>();
        // the real service and other test JVMs on this broker may ask too: the log proves this service sent one
        LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
        Logger log = Logger.getLogger(RebirthRequests.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                sent.add(r.getMessage() + " " + Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        MqttClient edge = MqttTestSupport.connect("edge9");
        try {
            edge.subscribe(ncmd, 1, (topic, msg) -> commands.add(msg.getPayload()));
            double before = MqttTestSupport.rejected(registry, "sparkplug", "malformed-message");
            send("spBv1.0/G9/NDATA/" + node, payload(ts(), alias(1).setDoubleValue(1), alias(2).setDoubleValue(2)));
            byte[] cmd = commands.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(cmd, "no NCMD on " + ncmd);
            SparkplugBPayload decoded = new SparkplugBPayloadDecoder().buildFromByteArray(cmd, null);
            Metric rebirth = decoded.getMetrics().stream()
                    .filter(m -> "Node Control/Rebirth".equals(m.getName())).findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, rebirth.getValue());
            assertNotNull(decoded.getTimestamp());
            // this service saw the two unresolvable metrics (another host on the broker may also have asked)
            await("sparkplug metrics refused", TIMEOUT,
                    () -> MqttTestSupport.rejected(registry, "sparkplug", "malformed-message"), n -> n >= before + 2);
            await("this service's rebirth request", TIMEOUT, () -> List.copyOf(sent),
                    l -> l.stream().anyMatch(m -> m.contains("to rebirth") && m.contains("G9/" + node)));
        } finally {
            log.removeHandler(capture);
            MqttTestSupport.close(edge);
        }
    }

    @Test
    void deviceWithoutLabelMapsByDeviceIdAsTag() {
        String group = "G2";
        String node = "EDGE2-" + RUN;
        String flow = metric("bytag/flow");
        Instant birth = ts();
        Instant data = ts();
        send("spBv1.0/" + group + "/NBIRTH/" + node, nbirth(ts()));
        send("spBv1.0/" + group + "/DBIRTH/" + node + "/TEL-MQTT-2",
                payload(birth, named(flow, 5, DataType.Double).setDoubleValue(1.5)));
        send("spBv1.0/" + group + "/DDATA/" + node + "/TEL-MQTT-2", payload(data, alias(5).setDoubleValue(2.5)));
        assertEquals(List.of(new Stored(flow, birth, 1.5, null, 0), new Stored(flow, data, 2.5, null, 0)),
                awaitRows(MQTT2, flow, 2));
    }

    @Test
    void malformedPayloadsDoNotBlockTheStream() throws MqttException {
        double before = MqttTestSupport.rejected(registry, "sparkplug", "malformed-message");
        String node = "EDGE3-" + RUN;
        send("spBv1.0/G3/NBIRTH/" + node, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        send("spBv1.0/G3/NDATA/" + node, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
        send("spBv1.0/G3/NOPE/" + node, payload(ts(), alias(1).setDoubleValue(1))); // not a Sparkplug topic
        String after = metric("malformed/after");
        Instant t = ts();
        send("spBv1.0/G3/NBIRTH/TEL-MQTT-2", nbirth(t, named(after, 1, DataType.Int64).setLongValue(99)));
        assertEquals(List.of(new Stored(after, t, 99.0, null, 0)), awaitRows(MQTT2, after, 1));
        double now = await("the malformed-message counter", TIMEOUT,
                () -> MqttTestSupport.rejected(registry, "sparkplug", "malformed-message"), n -> n >= before + 3);
        assertTrue(now >= before + 3);
    }
}
