package io.converge.telemetry.domain.sparkplug;

import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.RECEIVED;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.T0;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.encode;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.metric;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.raw;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.timed;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.topic;
import static io.converge.telemetry.domain.sparkplug.SparkplugPayloads.withQuality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.sparkplug.SparkplugResult.MetricError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.DataSet.DataSetBuilder;
import org.eclipse.tahu.message.model.DataSetDataType;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.Row.RowBuilder;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.message.model.Value;
import org.eclipse.tahu.protobuf.SparkplugBProto;
import org.junit.jupiter.api.Test;

class SparkplugValuesTest {

    private static final String NBIRTH = "spBv1.0/g/NBIRTH/edge";

    private final SparkplugDecoder decoder = new SparkplugDecoder(new SparkplugSessions());

    private SparkplugResult birth(byte[] payload) {
        return decoder.decode(topic(NBIRTH), payload, RECEIVED);
    }

    private static Map<String, Point> byMetric(SparkplugResult r) {
        return r.points().stream().collect(Collectors.toMap(Point::metric, Function.identity()));
    }

    @Test
    void numericDatatypesBecomeValues() {
        SparkplugResult r = birth(encode(
                metric("i8", 1L, MetricDataType.Int8, (byte) -5),
                metric("i16", 2L, MetricDataType.Int16, (short) -300),
                metric("i32", 3L, MetricDataType.Int32, -70000),
                metric("i64", 4L, MetricDataType.Int64, -5_000_000_000L),
                metric("u8", 5L, MetricDataType.UInt8, (short) 250),
                metric("u16", 6L, MetricDataType.UInt16, 65000),
                metric("u32", 7L, MetricDataType.UInt32, 4_000_000_000L),
                metric("u64", 8L, MetricDataType.UInt64, new BigInteger("18446744073709551615")),
                metric("f", 9L, MetricDataType.Float, 0.1f),
                metric("d", 10L, MetricDataType.Double, 21.125)));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        Map<String, Point> p = byMetric(r);
        assertEquals(-5.0, p.get("i8").value());
        assertEquals(-300.0, p.get("i16").value());
        assertEquals(-70000.0, p.get("i32").value());
        assertEquals(-5e9, p.get("i64").value());
        assertEquals(250.0, p.get("u8").value());
        assertEquals(65000.0, p.get("u16").value());
        assertEquals(4e9, p.get("u32").value());
        assertEquals(1.8446744073709552E19, p.get("u64").value());
        assertEquals(0.1, p.get("f").value(), "float converted via its decimal form");
        assertEquals(21.125, p.get("d").value());
        p.values().forEach(pt -> {
            assertNull(pt.state());
            assertEquals("edge", pt.asset());
            assertEquals(T0, pt.ts());
        });
    }

    @Test
    void spec30IntegerEncodingsAreUnderstoodToo() {
        // Sparkplug 3.0 puts UInt32 in int_value (as uint32) and negative Int8/16/32 as two's complement.
        SparkplugResult r = birth(raw(T0,
                SparkplugBProto.Payload.Metric.newBuilder().setName("u32").setDatatype(7).setIntValue(-1),
                SparkplugBProto.Payload.Metric.newBuilder().setName("i8").setDatatype(1).setIntValue(0xFB),
                SparkplugBProto.Payload.Metric.newBuilder().setName("u16").setDatatype(6).setIntValue(0xFFFF)));
        Map<String, Point> p = byMetric(r);
        assertEquals(4294967295.0, p.get("u32").value());
        assertEquals(-5.0, p.get("i8").value());
        assertEquals(65535.0, p.get("u16").value());
    }

    @Test
    void stateDatatypesBecomeText() {
        Instant when = Instant.parse("2026-02-27T08:15:30.250Z");
        SparkplugResult r = birth(encode(
                metric("b", 1L, MetricDataType.Boolean, true),
                metric("s", 2L, MetricDataType.String, "RUNNING"),
                metric("t", 3L, MetricDataType.Text, "long text"),
                metric("u", 4L, MetricDataType.UUID, "0b7c6a2e-9d7e-4b8e-a1c5-0f6d2b3c4d5e"),
                metric("dt", 5L, MetricDataType.DateTime, Date.from(when))));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        Map<String, Point> p = byMetric(r);
        assertEquals("true", p.get("b").state());
        assertEquals("RUNNING", p.get("s").state());
        assertEquals("long text", p.get("t").state());
        assertEquals("0b7c6a2e-9d7e-4b8e-a1c5-0f6d2b3c4d5e", p.get("u").state());
        assertEquals("2026-02-27T08:15:30.250Z", p.get("dt").state());
        p.values().forEach(pt -> assertNull(pt.value()));
    }

    @Test
    void timestampPrefersMetricThenPayloadThenReceiveTime() {
        Instant metricTs = T0.minusSeconds(30);
        SparkplugResult withPayloadTs = birth(encode(T0, false,
                timed("own", MetricDataType.Double, 1.0, metricTs),
                metric("inherited", null, MetricDataType.Double, 2.0)));
        assertEquals(metricTs, byMetric(withPayloadTs).get("own").ts());
        assertEquals(T0, byMetric(withPayloadTs).get("inherited").ts());

        SparkplugResult noPayloadTs = birth(encode(null, false, metric("x", null, MetricDataType.Double, 3.0)));
        assertEquals(RECEIVED, noPayloadTs.points().get(0).ts());
        assertEquals(RECEIVED, noPayloadTs.timestamp());
    }

    @Test
    void qualityPropertySetsQuality() {
        SparkplugResult r = birth(encode(
                withQuality("good", MetricDataType.Double, 1.0, 192),
                withQuality("bad", MetricDataType.Double, 1.0, 0),
                withQuality("badRange", MetricDataType.Double, 1.0, 63),
                withQuality("uncertain", MetricDataType.Double, 1.0, 64),
                withQuality("stale", MetricDataType.Boolean, true, 500),
                metric("none", null, MetricDataType.Double, 1.0)));
        Map<String, Point> p = byMetric(r);
        assertEquals(Quality.GOOD, p.get("good").quality());
        assertEquals(Quality.BAD, p.get("bad").quality());
        assertEquals(Quality.BAD, p.get("badRange").quality());
        assertEquals(Quality.UNCERTAIN, p.get("uncertain").quality());
        assertEquals(Quality.UNCERTAIN, p.get("stale").quality());
        assertEquals(Quality.GOOD, p.get("none").quality());
    }

    @Test
    void qualityCodeRanges() {
        assertEquals(Quality.BAD, SparkplugQuality.fromCode(-1));
        assertEquals(Quality.BAD, SparkplugQuality.fromCode(0));
        assertEquals(Quality.UNCERTAIN, SparkplugQuality.fromCode(191));
        assertEquals(Quality.GOOD, SparkplugQuality.fromCode(192));
        assertEquals(Quality.GOOD, SparkplugQuality.fromCode(216));
        assertEquals(Quality.UNCERTAIN, SparkplugQuality.fromCode(500));
    }

    @Test
    void nullMetricsAreSkippedWithoutError() {
        SparkplugResult r = birth(encode(
                metric("missing", 1L, MetricDataType.Double, null),
                metric("present", 2L, MetricDataType.Double, 5.0)));
        assertEquals(List.of("present"), r.points().stream().map(Point::metric).toList());
        assertTrue(r.errors().isEmpty());

        SparkplugResult data = decoder.decode(topic("spBv1.0/g/NDATA/edge"),
                raw(T0, SparkplugPayloads.aliasOnly(1).setIsNull(true)), RECEIVED);
        assertTrue(data.points().isEmpty());
        assertTrue(data.errors().isEmpty());
        assertFalse(data.rebirthNeeded(), "the null metric is declared: alias 1");
    }

    @Test
    void transientMetricsAreNotStored() {
        SparkplugResult r = birth(raw(T0, SparkplugBProto.Payload.Metric.newBuilder().setName("t").setDatatype(10)
                .setIsTransient(true).setDoubleValue(1)));
        assertTrue(r.points().isEmpty());
        assertTrue(r.errors().isEmpty());
    }

    @Test
    void dataSetTemplateAndArraysAreUnsupportedErrors() throws Exception {
        Metric dataSet = metric("table", 1L, MetricDataType.DataSet, new DataSetBuilder(1).addColumnName("a")
                .addType(DataSetDataType.Int32)
                .addRow(new RowBuilder().addValue(new Value<>(DataSetDataType.Int32, 5)).createRow())
                .createDataSet());
        Metric array = metric("arr", 2L, MetricDataType.Int32Array, new Integer[] {1, 2});
        Metric ok = metric("ok", 3L, MetricDataType.Int32, 1);
        SparkplugResult r = birth(encode(dataSet, array, ok));
        assertEquals(List.of("ok"), r.points().stream().map(Point::metric).toList());
        assertEquals(List.of(new MetricError("table", 1L, "unsupported datatype DataSet"),
                new MetricError("arr", 2L, "unsupported datatype Int32Array")), r.errors());

        SparkplugResult t = birth(raw(T0, SparkplugBProto.Payload.Metric.newBuilder().setName("tpl").setDatatype(19)
                .setTemplateValue(SparkplugBProto.Payload.Template.newBuilder().setTemplateRef("Motor"))));
        assertEquals("unsupported datatype Template", t.errors().get(0).reason());
    }

    @Test
    void valuesThatDoNotFitTheirDatatypeAreErrors() {
        SparkplugResult r = birth(raw(T0,
                SparkplugBProto.Payload.Metric.newBuilder().setName("s").setDatatype(3).setStringValue("12"),
                SparkplugBProto.Payload.Metric.newBuilder().setName("none").setDatatype(10),
                SparkplugBProto.Payload.Metric.newBuilder().setName("nan").setDatatype(10).setDoubleValue(Double.NaN),
                SparkplugBProto.Payload.Metric.newBuilder().setName("odd").setDatatype(77).setIntValue(1)));
        assertTrue(r.points().isEmpty());
        assertEquals(List.of("s: value field string_value does not match datatype Int32",
                "none: metric has no value (and is_null is not set)", "nan: non-finite Double value NaN",
                "odd: unknown datatype code 77"), r.errors().stream().map(MetricError::toString).toList());
    }

    @Test
    void malformedPayloadsThrowSparkplugException() {
        SparkplugTopic t = topic("spBv1.0/g/NDATA/edge");
        for (byte[] bad : List.of(new byte[] {0x12, 0x7f, 0x01}, new byte[] {(byte) 0xff, (byte) 0xff, 0x00},
                "{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8))) {
            SparkplugException e = assertThrows(SparkplugException.class, () -> decoder.decode(t, bad, RECEIVED));
            assertTrue(e.getMessage().contains("spBv1.0/g/NDATA/edge"), e.getMessage());
        }
        assertThrows(SparkplugException.class, () -> decoder.decode(t, null, RECEIVED));
    }

    @Test
    void emptyPayloadIsAValidEmptyMessage() {
        SparkplugResult r = decoder.decode(topic("spBv1.0/g/NDATA/edge"), new byte[0], RECEIVED);
        assertTrue(r.points().isEmpty());
        assertTrue(r.rebirthNeeded(), "no NBIRTH yet");
    }

    @Test
    void rebirthRequestRoundTripsThroughTahu() throws Exception {
        assertEquals("spBv1.0/plant1/NCMD/edge-7", SparkplugDecoder.rebirthTopic("plant1", "edge-7"));
        assertThrows(SparkplugException.class, () -> SparkplugDecoder.rebirthTopic("plant1", "edge/7"));

        byte[] bytes = SparkplugDecoder.rebirthPayload(T0);
        SparkplugBPayload p = new SparkplugBPayloadDecoder().buildFromByteArray(bytes, null);
        assertEquals(Date.from(T0), p.getTimestamp());
        assertEquals(1, p.getMetricCount());
        Metric m = p.getMetrics().get(0);
        assertEquals("Node Control/Rebirth", m.getName());
        assertEquals(MetricDataType.Boolean, m.getDataType());
        assertEquals(Boolean.TRUE, m.getValue());
    }
}
