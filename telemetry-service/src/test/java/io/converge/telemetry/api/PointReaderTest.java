package io.converge.telemetry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.rest.DomainException;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.RejectReason;
import io.converge.telemetry.domain.Rejection;
import io.converge.telemetry.ingest.ParsedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointReaderTest {

    private static final String TS = "2026-03-01T10:00:00Z";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String p(String asset, String metric, String value) {
        return "{\"asset\":\"" + asset + "\",\"metric\":\"" + metric + "\",\"ts\":\"" + TS + "\",\"value\":" + value
                + "}";
    }

    private static ParsedBatch array(String body) {
        return PointReader.array(b(body), 100, null);
    }

    private static ParsedBatch mqtt(String body, String topicAsset) {
        return PointReader.array(b(body), 100, topicAsset);
    }

    private static ParsedBatch ndjson(String body) {
        return PointReader.ndjson(b(body), 100);
    }

    /** The single rejection of a batch, at the given index, with the given reason. */
    private static Rejection onlyRejection(ParsedBatch batch, int index, RejectReason reason) {
        assertEquals(1, batch.malformed().size(), () -> "rejections: " + batch.malformed());
        Rejection r = batch.malformed().get(0);
        assertEquals(index, r.index());
        assertEquals(reason, r.reason());
        assertNull(batch.points().get(index), "a rejected point leaves an empty slot");
        return r;
    }

    private static DomainException.Kind failure(Runnable read) {
        return assertThrows(DomainException.class, read::run).kind();
    }

    @Test
    void readsAnArrayOfPoints() {
        ParsedBatch batch = array("[" + p("PLC-1", "temp", "21.5") + ",{\"asset\":\"PLC-2\",\"metric\":\"door\","
                + "\"ts\":\"" + TS + "\",\"value\":\"open\",\"quality\":\"UNCERTAIN\",\"messageId\":\"m-1\"}]");
        assertEquals(2, batch.size());
        assertEquals(List.of(), batch.malformed());
        assertEquals(new Point("PLC-1", "temp", Instant.parse(TS), 21.5, null, Quality.GOOD, null),
                batch.points().get(0));
        assertEquals(new Point("PLC-2", "door", Instant.parse(TS), null, "open", Quality.UNCERTAIN, "m-1"),
                batch.points().get(1));
    }

    @Test
    void aFieldGivenTwiceIsRejectedWithItsPoint() {
        ParsedBatch batch = array("[{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"" + TS
                + "\",\"value\":1,\"value\":\"on\"}," + p("A", "ok", "2") + "]");
        onlyRejection(batch, 0, RejectReason.MALFORMED_POINT);
        assertNotNull(batch.points().get(1));
    }

    @Test
    void booleansAreStatesAndIntegersAreNumbers() {
        ParsedBatch batch = array("[" + p("A", "run", "true") + "," + p("A", "stop", "false") + ","
                + p("A", "count", "42") + "]");
        assertEquals("true", batch.points().get(0).state());
        assertNull(batch.points().get(0).value());
        assertEquals("false", batch.points().get(1).state());
        assertEquals(42.0, batch.points().get(2).value());
        assertNull(batch.points().get(2).state());
    }

    @Test
    void ndjsonRejectsABadLineAlone() {
        ParsedBatch batch = ndjson(p("A", "m1", "1") + "\n{\"asset\":\"A\",\"metric\":\n" + p("A", "m3", "3")
                + "\n");
        assertEquals(3, batch.size());
        Rejection r = onlyRejection(batch, 1, RejectReason.MALFORMED_POINT);
        assertTrue(r.detail().contains("malformed JSON line"), r.detail());
        assertEquals("m1", batch.points().get(0).metric());
        assertEquals("m3", batch.points().get(2).metric());
    }

    @Test
    void ndjsonSkipsBlankLinesAndToleratesCrlf() {
        ParsedBatch batch = ndjson("\r\n" + p("A", "m1", "1") + "\r\n\n   \n" + p("A", "m2", "2"));
        assertEquals(2, batch.size());
        assertEquals(List.of(), batch.malformed());
        assertEquals("m2", batch.points().get(1).metric());
    }

    @Test
    void ndjsonWantsOneObjectPerLine() {
        ParsedBatch twoOnALine = ndjson(p("A", "m0", "0") + "\n" + p("A", "m1", "1") + " " + p("A", "m2", "2"));
        assertEquals(2, twoOnALine.size());
        onlyRejection(twoOnALine, 1, RejectReason.MALFORMED_POINT);
        ParsedBatch trailing = ndjson(p("A", "m0", "0") + " garbage\n" + p("A", "m1", "1"));
        onlyRejection(trailing, 0, RejectReason.MALFORMED_POINT);
        assertEquals("m1", trailing.points().get(1).metric());
    }

    @Test
    void mqttSingleObjectTakesTheTopicAsset() {
        ParsedBatch batch = mqtt("{\"metric\":\"temp\",\"ts\":\"" + TS + "\",\"value\":7}", "TEL-MQTT-1");
        assertEquals(1, batch.size());
        assertEquals("TEL-MQTT-1", batch.points().get(0).asset());
        assertEquals(7.0, batch.points().get(0).value());
    }

    @Test
    void mqttArrayTakesTheTopicAssetAndAcceptsTheSameAssetWritten() {
        ParsedBatch batch = mqtt("[{\"metric\":\"a\",\"ts\":\"" + TS + "\",\"value\":1}," + p("TEL-MQTT-1", "b", "2")
                + "]", "TEL-MQTT-1");
        assertEquals(List.of(), batch.malformed());
        assertEquals("TEL-MQTT-1", batch.points().get(0).asset());
        assertEquals("TEL-MQTT-1", batch.points().get(1).asset());
    }

    @Test
    void assetNotMatchingTheTopicIsRejected() {
        ParsedBatch batch = mqtt("[" + p("TEL-MQTT-1", "a", "1") + "," + p("TEL-QUAR-1", "b", "2") + "]", "TEL-MQTT-1");
        Rejection r = onlyRejection(batch, 1, RejectReason.MALFORMED_POINT);
        assertTrue(r.detail().contains("does not match the topic"), r.detail());
        assertNotNull(batch.points().get(0));
    }

    @Test
    void singleObjectWithoutATopicIsABadRequest() {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> array(p("A", "m", "1"))));
    }

    @Test
    void missingAssetIsRejectedOverHttp() {
        ParsedBatch batch = array("[" + p("A", "m", "1") + ",{\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":1}]");
        Rejection r = onlyRejection(batch, 1, RejectReason.MALFORMED_POINT);
        assertTrue(r.detail().contains("asset is required"));
    }

    @Test
    void unknownFieldIsAMalformedPointAtItsIndex() {
        ParsedBatch batch = array("[" + p("A", "m0", "0") + "," + p("A", "m1", "1") + ",{\"asset\":\"A\",\"metric\":"
                + "\"m2\",\"ts\":\"" + TS + "\",\"value\":2,\"unit\":\"degC\"}," + p("A", "m3", "3") + "]");
        assertEquals(4, batch.size());
        Rejection r = onlyRejection(batch, 2, RejectReason.MALFORMED_POINT);
        assertTrue(r.detail().contains("unknown field 'unit'"), r.detail());
        assertEquals("m3", batch.points().get(3).metric(), "later points keep their index");
    }

    @Test
    void wrongTypesAreRejectedPerPoint() {
        ParsedBatch batch = array("[{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":{\"v\":1}},"
                + "{\"asset\":\"A\",\"metric\":\"m\",\"ts\":true,\"value\":1},"
                + "42,"
                + "{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":[1,2]},"
                + "{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":1,\"quality\":\"great\"},"
                + p("A", "ok", "1") + "]");
        assertEquals(6, batch.size());
        assertEquals(List.of(RejectReason.MALFORMED_POINT, RejectReason.INVALID_TIMESTAMP,
                RejectReason.MALFORMED_POINT, RejectReason.MALFORMED_POINT, RejectReason.INVALID_QUALITY),
                batch.malformed().stream().map(Rejection::reason).toList());
        assertEquals(List.of(0, 1, 2, 3, 4), batch.malformed().stream().map(Rejection::index).toList());
        assertEquals("ok", batch.points().get(5).metric());
    }

    @Test
    void aNonStringMetricIsLeftForTheRules() {
        Point pt = array("[{\"asset\":\"A\",\"metric\":7,\"ts\":\"" + TS + "\",\"value\":1}]").points().get(0);
        assertNull(pt.metric(), "PointRules refuses it as invalid-metric");
    }

    @Test
    void nullFieldsAreAbsent() {
        Point pt = array("[{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":null,\"quality\":null,"
                + "\"messageId\":null}]").points().get(0);
        assertNull(pt.value());
        assertNull(pt.state());
        assertEquals(Quality.GOOD, pt.quality());
    }

    @Test
    void nanAndInfinityLiteralsAreReadAsNonFiniteNumbers() {
        ParsedBatch batch = array("[" + p("A", "a", "NaN") + "," + p("A", "b", "Infinity") + "," + p("A", "c",
                "-Infinity") + "]");
        assertEquals(List.of(), batch.malformed());
        assertTrue(Double.isNaN(batch.points().get(0).value()));
        assertEquals(Double.POSITIVE_INFINITY, batch.points().get(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, batch.points().get(2).value());
    }

    @Test
    void timestampsAsEpochMillisOrIsoWithOffset() {
        ParsedBatch batch = array("[{\"asset\":\"A\",\"metric\":\"m\",\"ts\":1772359200123,\"value\":1},"
                + "{\"asset\":\"A\",\"metric\":\"m\",\"ts\":\"2026-03-01T11:00:00.5+01:00\",\"value\":1}]");
        assertEquals(Instant.ofEpochMilli(1772359200123L), batch.points().get(0).ts());
        assertEquals(Instant.parse("2026-03-01T10:00:00.500Z"), batch.points().get(1).ts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-03-01 10:00:00\"", "\"2026-13-01T10:00:00Z\"", "1.7e12",
            "99999999999999999999"})
    void badTimestampIsInvalidTimestamp(String ts) {
        ParsedBatch batch = array("[{\"asset\":\"A\",\"metric\":\"m\",\"ts\":" + ts + ",\"value\":1}," + p("A", "m",
                "2") + "]");
        onlyRejection(batch, 0, RejectReason.INVALID_TIMESTAMP);
        assertNotNull(batch.points().get(1));
    }

    @Test
    void overTheMaximumBatchIsPayloadTooLarge() {
        String three = "[" + p("A", "a", "1") + "," + p("A", "b", "2") + "," + p("A", "c", "3") + "]";
        assertEquals(3, PointReader.array(b(three), 3, null).size(), "exactly the maximum is fine");
        assertEquals(DomainException.Kind.PAYLOAD_TOO_LARGE, failure(() -> PointReader.array(b(three), 2, null)));
        String lines = p("A", "a", "1") + "\n" + p("A", "b", "2") + "\n" + p("A", "c", "3");
        assertEquals(3, PointReader.ndjson(b(lines), 3).size());
        assertEquals(DomainException.Kind.PAYLOAD_TOO_LARGE, failure(() -> PointReader.ndjson(b(lines), 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"asset\":", "[" + "{\"asset\":\"A\"", "\"a string\"", "42", "null"})
    void bodyThatIsNotAJsonArrayIsABadRequest(String body) {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> array(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", " [ ] "})
    void emptyBodyIsABadRequest(String body) {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> array(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", " \r\n \t\n"})
    void emptyNdjsonIsABadRequest(String body) {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> ndjson(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " []", " {}", ",", "]"})
    void trailingGarbageIsABadRequest(String trailer) {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> array("[" + p("A", "m", "1") + "]" + trailer)));
        assertEquals(DomainException.Kind.BAD_REQUEST,
                failure(() -> mqtt("{\"metric\":\"m\",\"ts\":\"" + TS + "\",\"value\":1}" + trailer, "A")));
    }

    @Test
    void mqttGarbageIsABadRequest() {
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> mqtt("\u0001\u0002 garbage", "A")));
        assertEquals(DomainException.Kind.BAD_REQUEST, failure(() -> mqtt("", "A")));
    }
}
