package io.converge.telemetry.domain.sparkplug;

import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.RECEIVED;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.T0;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.aliasOnly;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.encode;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.metric;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.nbirth;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.ndeath;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.raw;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.sparkplug.SparkplugResult.OfflineMetric;
import io.converge.telemetry.domain.sparkplug.SparkplugSessions.NodeId;
import io.converge.telemetry.domain.sparkplug.SparkplugTopic.MessageType;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.Test;

class SparkplugSessionFlowTest {

    private static final NodeId NODE = new NodeId("plant1", "edge-7");

    private final SparkplugSessions sessions = new SparkplugSessions();
    private final SparkplugDecoder decoder = new SparkplugDecoder(sessions);

    private SparkplugResult decode(String topic, byte[] payload) {
        return decoder.decode(topic(topic), payload, RECEIVED);
    }

    private SparkplugResult birthNode(long bdSeq) {
        return decode("spBv1.0/plant1/NBIRTH/edge-7", nbirth(bdSeq,
                metric("Temperature", 1L, MetricDataType.Double, 21.5),
                metric("Speed", 2L, MetricDataType.Int32, 1200)));
    }

    private SparkplugResult birthDevice(String device) {
        return decode("spBv1.0/plant1/DBIRTH/edge-7/" + device, encode(
                metric("Pressure", 1L, MetricDataType.Float, 3.25f),
                metric("Running", 2L, MetricDataType.Boolean, true)));
    }

    @Test
    void nbirthRegistersMetricsAndYieldsTheirValues() {
        SparkplugResult r = birthNode(4);
        assertEquals(MessageType.NBIRTH, r.type());
        assertEquals("edge-7", r.deviceKey());
        assertFalse(r.rebirthNeeded());
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertEquals(List.of(Point.numeric("edge-7", "Temperature", T0, 21.5, Quality.GOOD),
                Point.numeric("edge-7", "Speed", T0, 1200, Quality.GOOD)), r.points(), "bdSeq/Node Control skipped");
        assertTrue(sessions.isNodeOnline(NODE));
        assertEquals(4, sessions.bdSeq(NODE).getAsLong());
    }

    @Test
    void ndataWithAliasOnlyResolvesNamesAndDatatypes() {
        birthNode(0);
        SparkplugResult r = decode("spBv1.0/plant1/NDATA/edge-7",
                raw(T0.plusSeconds(1), aliasOnly(1).setDoubleValue(22.0), aliasOnly(2).setIntValue(1300)));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertFalse(r.rebirthNeeded());
        assertEquals(List.of(Point.numeric("edge-7", "Temperature", T0.plusSeconds(1), 22.0, Quality.GOOD),
                Point.numeric("edge-7", "Speed", T0.plusSeconds(1), 1300, Quality.GOOD)), r.points());
    }

    @Test
    void ndataByNameWithoutDatatypeUsesTheBirthDatatype() {
        birthNode(0);
        SparkplugResult r = decode("spBv1.0/plant1/NDATA/edge-7",
                encode(T0, true, metric("Speed", null, MetricDataType.Int32, -7)));
        assertEquals(List.of(Point.numeric("edge-7", "Speed", T0, -7, Quality.GOOD)), r.points());
    }

    @Test
    void dbirthAndDdataUseTheDeviceAliasScope() {
        birthNode(0);
        SparkplugResult birth = birthDevice("press-01");
        assertFalse(birth.rebirthNeeded());
        assertEquals("press-01", birth.deviceKey());
        assertEquals(List.of(Point.numeric("press-01", "Pressure", T0, 3.25, Quality.GOOD),
                Point.state("press-01", "Running", T0, "true", Quality.GOOD)), birth.points());

        SparkplugResult r = decode("spBv1.0/plant1/DDATA/edge-7/press-01",
                raw(T0, aliasOnly(1).setFloatValue(4.5f), aliasOnly(2).setBooleanValue(false)));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertEquals(List.of(Point.numeric("press-01", "Pressure", T0, 4.5, Quality.GOOD),
                Point.state("press-01", "Running", T0, "false", Quality.GOOD)), r.points());
        assertTrue(sessions.isDeviceOnline(NODE, "press-01"));
    }

    @Test
    void dataWithoutBirthNeedsRebirthAndReportsEveryMetric() {
        SparkplugResult r = decode("spBv1.0/plant1/NDATA/edge-7",
                raw(T0, aliasOnly(1).setDoubleValue(1), aliasOnly(2).setIntValue(2)));
        assertTrue(r.rebirthNeeded());
        assertTrue(r.points().isEmpty());
        assertEquals(2, r.errors().size());
        assertEquals("alias 1", r.errors().get(0).label());
        assertTrue(r.errors().get(0).reason().contains("no NBIRTH for 'edge-7'"), r.errors().get(0).reason());
        assertEquals("spBv1.0/plant1/NCMD/edge-7", r.rebirthTopic());

        birthNode(0);
        SparkplugResult d = decode("spBv1.0/plant1/DDATA/edge-7/unknown-dev",
                raw(T0, aliasOnly(1).setFloatValue(1f)));
        assertTrue(d.rebirthNeeded());
        assertTrue(d.errors().get(0).reason().contains("no DBIRTH for 'unknown-dev'"));
    }

    @Test
    void unknownAliasIsAnErrorAndNeedsRebirthButKnownMetricsStillDecode() {
        birthNode(0);
        SparkplugResult r = decode("spBv1.0/plant1/NDATA/edge-7",
                raw(T0, aliasOnly(1).setDoubleValue(23.0), aliasOnly(99).setIntValue(5)));
        assertTrue(r.rebirthNeeded());
        assertEquals(List.of(Point.numeric("edge-7", "Temperature", T0, 23.0, Quality.GOOD)), r.points());
        assertEquals(1, r.errors().size());
        assertEquals(99L, r.errors().get(0).alias());
        assertTrue(r.errors().get(0).toString().startsWith("alias 99: alias not declared in the birth"));
    }

    @Test
    void undeclaredNameIsAnErrorAndNeedsRebirth() {
        birthNode(0);
        SparkplugResult r = decode("spBv1.0/plant1/NDATA/edge-7",
                encode(metric("Vibration", null, MetricDataType.Double, 0.3)));
        assertTrue(r.rebirthNeeded());
        assertEquals("Vibration", r.errors().get(0).label());
    }

    @Test
    void ndeathWithMatchingBdSeqTakesNodeAndDevicesOffline() {
        birthNode(4);
        birthDevice("press-01");
        birthDevice("press-02");
        SparkplugResult r = decode("spBv1.0/plant1/NDEATH/edge-7", ndeath(4));
        assertFalse(r.ignored());
        assertEquals(RECEIVED, r.timestamp());
        assertEquals(List.of(new OfflineMetric("edge-7", "Temperature"), new OfflineMetric("edge-7", "Speed"),
                new OfflineMetric("press-01", "Pressure"), new OfflineMetric("press-01", "Running"),
                new OfflineMetric("press-02", "Pressure"), new OfflineMetric("press-02", "Running")), r.offline());
        assertFalse(sessions.isNodeOnline(NODE));
        assertFalse(sessions.isDeviceOnline(NODE, "press-01"));

        assertTrue(decode("spBv1.0/plant1/NDATA/edge-7", raw(T0, aliasOnly(1).setDoubleValue(1))).rebirthNeeded());
        assertTrue(decode("spBv1.0/plant1/DDATA/edge-7/press-01", raw(T0, aliasOnly(1).setFloatValue(1)))
                .rebirthNeeded());
        assertTrue(decode("spBv1.0/plant1/NDEATH/edge-7", ndeath(4)).offline().isEmpty(), "already offline");
    }

    @Test
    void staleNdeathIsIgnored() {
        birthNode(4);
        birthDevice("press-01");
        SparkplugResult r = decode("spBv1.0/plant1/NDEATH/edge-7", ndeath(3));
        assertTrue(r.ignored());
        assertTrue(r.offline().isEmpty());
        assertTrue(sessions.isNodeOnline(NODE));
        assertTrue(sessions.isDeviceOnline(NODE, "press-01"));
    }

    @Test
    void ndeathOfUnknownNodeChangesNothing() {
        SparkplugResult r = decode("spBv1.0/plant1/NDEATH/edge-7", ndeath(1));
        assertFalse(r.ignored());
        assertTrue(r.offline().isEmpty());
    }

    @Test
    void ddeathTakesOneDeviceOffline() {
        birthNode(0);
        birthDevice("press-01");
        birthDevice("press-02");
        SparkplugResult r = decode("spBv1.0/plant1/DDEATH/edge-7/press-01", encode());
        assertEquals(T0, r.timestamp());
        assertEquals(List.of(new OfflineMetric("press-01", "Pressure"), new OfflineMetric("press-01", "Running")),
                r.offline());
        assertFalse(sessions.isDeviceOnline(NODE, "press-01"));
        assertTrue(sessions.isDeviceOnline(NODE, "press-02"));
        assertTrue(sessions.isNodeOnline(NODE));
        assertTrue(decode("spBv1.0/plant1/DDATA/edge-7/press-01", raw(T0, aliasOnly(1).setFloatValue(1)))
                .rebirthNeeded());
        assertTrue(decode("spBv1.0/plant1/DDEATH/edge-7/press-01", encode()).offline().isEmpty());
    }

    @Test
    void nbirthResetsTheNodesDevices() {
        birthNode(0);
        birthDevice("press-01");
        birthNode(1);
        assertFalse(sessions.isDeviceOnline(NODE, "press-01"));
        assertTrue(decode("spBv1.0/plant1/DDATA/edge-7/press-01", raw(T0, aliasOnly(1).setFloatValue(1)))
                .rebirthNeeded());
    }

    @Test
    void dbirthBeforeNbirthStillDecodesButAsksForRebirth() {
        SparkplugResult r = birthDevice("press-01");
        assertTrue(r.rebirthNeeded());
        assertEquals(2, r.points().size());
    }

    @Test
    void invalidBirthMetricsAreReported() {
        SparkplugResult r = decode("spBv1.0/plant1/NBIRTH/edge-7", raw(T0,
                aliasOnly(1).setName("A").setDatatype(10).setDoubleValue(1),
                aliasOnly(1).setName("B").setDatatype(10).setDoubleValue(2),
                aliasOnly(3).setName("C").setDoubleValue(3),
                aliasOnly(4).setDatatype(10).setDoubleValue(4)));
        assertEquals(1, r.points().size());
        assertEquals(List.of("B", "C", "alias 4"), r.errors().stream().map(e -> e.label()).toList());
        assertTrue(r.errors().get(0).reason().contains("alias already used by 'A'"));
    }

    @Test
    void ignorableTopicsAreNotParsed() {
        SparkplugResult r = decode("spBv1.0/plant1/NCMD/edge-7", new byte[] {(byte) 0xff, 0x00});
        assertTrue(r.ignored());
        assertTrue(r.points().isEmpty());
        assertTrue(decode("spBv1.0/STATE/host", "{\"online\":true}".getBytes()).ignored());
    }

    @Test
    void concurrentNodesKeepTheirOwnSessions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = IntStream.range(0, 16).mapToObj(n -> pool.submit(() -> {
                String node = "edge-" + n;
                decode("spBv1.0/plant1/NBIRTH/" + node, nbirth(n, metric("M", 1L, MetricDataType.Int64, (long) n)));
                int count = 0;
                for (int i = 0; i < 200; i++) {
                    SparkplugResult r = decode("spBv1.0/plant1/NDATA/" + node, raw(T0, aliasOnly(1).setLongValue(i)));
                    count += r.points().size();
                    assertEquals(node, r.points().get(0).asset());
                }
                return count;
            })).toList();
            for (Future<Integer> f : futures) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
