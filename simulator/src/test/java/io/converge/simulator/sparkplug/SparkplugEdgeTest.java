package io.converge.simulator.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.simulator.plant.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.junit.jupiter.api.Test;

class SparkplugEdgeTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    private static List<Reading> machine(String tag, Instant ts, String state, long good, Double kwh) {
        List<Reading> r = new java.util.ArrayList<>(List.of(new Reading(tag, "machine.state", ts, state),
                new Reading(tag, "count.good", ts, good)));
        if (kwh != null) {
            r.add(new Reading(tag, "energy.kwh", ts, kwh));
        }
        return r;
    }

    @Test
    void nodeBirthAndDeathCarryTheBdSeq() throws Exception {
        SparkplugEdge e = new SparkplugEdge("ACME-P1", "L2-EDGE", 7);
        SparkplugEdge.Message birth = e.nbirth(T);
        assertEquals("spBv1.0/ACME-P1/NBIRTH/L2-EDGE", birth.topic());
        Payload p = Payload.parseFrom(birth.payload());
        assertEquals(0, p.getSeq());
        assertEquals(T.toEpochMilli(), p.getTimestamp());
        assertEquals(SparkplugEdge.BD_SEQ, p.getMetrics(0).getName());
        assertEquals(7, p.getMetrics(0).getLongValue());
        assertEquals(DataType.Int64_VALUE, p.getMetrics(0).getDatatype());
        assertEquals(SparkplugEdge.REBIRTH, p.getMetrics(1).getName());
        SparkplugEdge.Message death = e.ndeath();
        assertEquals("spBv1.0/ACME-P1/NDEATH/L2-EDGE", death.topic());
        Payload d = Payload.parseFrom(death.payload());
        assertFalse(d.hasTimestamp());
        assertEquals(7, d.getMetrics(0).getLongValue());
        assertEquals("spBv1.0/ACME-P1/NCMD/L2-EDGE", e.commandTopic());
    }

    @Test
    void aDeviceIsBornWithNamesAliasesAndTypesThenSendsAliasesOnly() throws Exception {
        SparkplugEdge e = new SparkplugEdge("ACME-P1", "L2-EDGE", 1);
        e.nbirth(T);
        SparkplugEdge.Message birth = e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", 10, 1.5), T);
        assertEquals("spBv1.0/ACME-P1/DBIRTH/L2-EDGE/PLC-L2-01", birth.topic());
        Payload b = Payload.parseFrom(birth.payload());
        assertEquals(1, b.getSeq());
        assertEquals(List.of("machine.state", "count.good", "energy.kwh"),
                b.getMetricsList().stream().map(Metric::getName).toList());
        assertEquals(List.of(DataType.String_VALUE, DataType.Int64_VALUE, DataType.Double_VALUE),
                b.getMetricsList().stream().map(Metric::getDatatype).toList());
        assertEquals("running", b.getMetrics(0).getStringValue());
        assertEquals(10, b.getMetrics(1).getLongValue());
        assertEquals(1.5, b.getMetrics(2).getDoubleValue());
        Set<Long> aliases = b.getMetricsList().stream().map(Metric::getAlias).collect(Collectors.toSet());
        assertEquals(3, aliases.size());

        Instant t2 = T.plusSeconds(2);
        SparkplugEdge.Message data = e.device("PLC-L2-01", machine("PLC-L2-01", t2, "down", 12, 1.6), t2);
        assertEquals("spBv1.0/ACME-P1/DDATA/L2-EDGE/PLC-L2-01", data.topic());
        Payload d = Payload.parseFrom(data.payload());
        assertEquals(2, d.getSeq());
        for (Metric m : d.getMetricsList()) {
            assertFalse(m.hasName());
            assertTrue(aliases.contains(m.getAlias()));
            assertEquals(t2.toEpochMilli(), m.getTimestamp());
        }
        assertEquals("down", d.getMetrics(0).getStringValue());
    }

    @Test
    void aliasesAreUniqueInTheNodeAcrossDevices() throws Exception {
        SparkplugEdge e = new SparkplugEdge("ACME-P1", "L2-EDGE", 1);
        e.nbirth(T);
        Payload a = Payload.parseFrom(e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", 1, 0.1), T).payload());
        Payload b = Payload.parseFrom(e.device("PLC-L2-02", machine("PLC-L2-02", T, "running", 1, 0.1), T).payload());
        Set<Long> all = new java.util.HashSet<>();
        a.getMetricsList().forEach(m -> all.add(m.getAlias()));
        b.getMetricsList().forEach(m -> all.add(m.getAlias()));
        assertEquals(6, all.size());
    }

    @Test
    void aNewMetricBringsARebirthOfTheDeviceWithTheUnion() throws Exception {
        SparkplugEdge e = new SparkplugEdge("ACME-P1", "L2-EDGE", 1);
        e.nbirth(T);
        Payload first = Payload.parseFrom(e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", 1, 0.1), T)
                .payload());
        List<Reading> down = List.of(new Reading("PLC-L2-01", "machine.state", T, "down"),
                new Reading("PLC-L2-01", "machine.reason", T, "jam"));
        SparkplugEdge.Message m = e.device("PLC-L2-01", down, T);
        assertEquals("spBv1.0/ACME-P1/DBIRTH/L2-EDGE/PLC-L2-01", m.topic());
        Payload p = Payload.parseFrom(m.payload());
        assertEquals(List.of("machine.state", "count.good", "energy.kwh", "machine.reason"),
                p.getMetricsList().stream().map(Metric::getName).toList());
        assertEquals(first.getMetrics(0).getAlias(), p.getMetrics(0).getAlias(), "known aliases are kept");
        assertTrue(p.getMetrics(1).getIsNull());
        assertEquals(DataType.Int64_VALUE, p.getMetrics(1).getDatatype());
        assertEquals("jam", p.getMetrics(3).getStringValue());
        assertEquals("spBv1.0/ACME-P1/DDATA/L2-EDGE/PLC-L2-01", e.device("PLC-L2-01", down, T).topic());
    }

    @Test
    void aNodeBirthStartsSeqOverAndDevicesAreBornAgain() throws Exception {
        SparkplugEdge e = new SparkplugEdge("ACME-P1", "L2-EDGE", 1);
        e.nbirth(T);
        for (int i = 0; i < 300; i++) {
            e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", i, null), T);
        }
        long seq = Payload.parseFrom(e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", 1, null), T)
                .payload()).getSeq();
        assertEquals(301 % 256, seq, "seq wraps at 256");
        assertEquals(0, Payload.parseFrom(e.nbirth(T).payload()).getSeq());
        assertTrue(e.device("PLC-L2-01", machine("PLC-L2-01", T, "running", 1, null), T).topic().contains("DBIRTH"));
    }

    @Test
    void recognisesARebirthCommand() {
        byte[] rebirth = Payload.newBuilder().addMetrics(Metric.newBuilder().setName(SparkplugEdge.REBIRTH)
                .setDatatype(DataType.Boolean_VALUE).setBooleanValue(true)).build().toByteArray();
        assertTrue(SparkplugEdge.isRebirthRequest(rebirth));
        byte[] other = Payload.newBuilder().addMetrics(Metric.newBuilder().setName("Node Control/Reboot")
                .setBooleanValue(true)).build().toByteArray();
        assertFalse(SparkplugEdge.isRebirthRequest(other));
        assertFalse(SparkplugEdge.isRebirthRequest(new byte[] {(byte) 0xff, 0x01}));
    }

    @Test
    void refusesIdsThatAreNotTopicLevels() {
        assertThrows(IllegalArgumentException.class, () -> new SparkplugEdge("a/b", "n", 0));
        assertThrows(IllegalArgumentException.class, () -> new SparkplugEdge("g", "#", 0));
        assertThrows(IllegalArgumentException.class, () -> new SparkplugEdge("g", "n", 256));
    }
}
