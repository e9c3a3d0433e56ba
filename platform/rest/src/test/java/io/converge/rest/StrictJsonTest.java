package io.converge.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad values the bad-input corpus found accepted or answered with Java type names, read by the strict mapper. */
class StrictJsonTest {

    enum Level { LOW, HIGH }

    record Input(String name, Integer count, Double ratio, float weight, Level level, Instant at, List<String> tags,
            Map<String, String> labels, UUID id) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(m);
        return m;
    }

    private Input read(String json) throws JsonProcessingException {
        return mapper.readValue(json, Input.class);
    }

    @Test
    void goodValuesAreRead() throws JsonProcessingException {
        Input in = read("{\"name\": \"pump \\ud83d\\ude00\", \"count\": 2, \"ratio\": 0.5, \"weight\": 1.5,"
                + " \"level\": \"HIGH\", \"at\": \"2026-12-07T10:00:00Z\", \"tags\": [\"a\"], \"labels\": {\"k\": \"v\"}}");
        assertEquals("pump 😀", in.name());
        assertEquals(Level.HIGH, in.level());
        assertEquals(Instant.parse("2026-12-07T10:00:00Z"), in.at());
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        for (String ratio : List.of("1e400", "-1e400", "\"Infinity\"", "\"NaN\"", "\"-Infinity\"")) {
            RefusedValue e = assertThrows(RefusedValue.class, () -> read("{\"ratio\": " + ratio + "}"), ratio);
            assertEquals("must be a finite number", e.getOriginalMessage());
        }
        assertThrows(RefusedValue.class, () -> read("{\"weight\": 1e60}"));
    }

    @Test
    void fractionsForWholeNumbersAndIndexesForEnumsAreRefused() {
        assertThrows(JsonMappingException.class, () -> read("{\"count\": 2.5}"));
        assertThrows(JsonMappingException.class, () -> read("{\"level\": 1}"));
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"name\": \"a\"} {\"name\": \"b\"}"));
    }

    @Test
    void loneSurrogatesAreRefusedInStringsListsAndMaps() {
        assertThrows(RefusedValue.class, () -> read("{\"name\": \"half \\ud800 a pair\"}"));
        assertThrows(RefusedValue.class, () -> read("{\"name\": \"\\udc00first\"}"));
        assertThrows(RefusedValue.class, () -> read("{\"tags\": [\"ok\", \"\\ud83d\"]}"));
        assertThrows(RefusedValue.class, () -> read("{\"labels\": {\"k\": \"\\udfff\"}}"));
        assertEquals(-1, StrictJson.unpairedSurrogate("a😀b"));
        assertEquals(1, StrictJson.unpairedSurrogate("a\ud800b"));
    }

    @Test
    void instantsOutsideTheSupportedRangeAreRefused() {
        for (String at : List.of("\"+1000000000-01-01T00:00:00Z\"", "\"-1000-01-01T00:00:00Z\"", "-62135596800000",
                "\"1969-12-31T23:59:59Z\"")) {
            assertThrows(RefusedValue.class, () -> read("{\"at\": " + at + "}"), at);
        }
    }

    @Test
    void problemsNameJsonTypesNeverJavaTypes() {
        ProblemMapper mapper = new ProblemMapper();
        for (String body : List.of("[1]", "{\"tags\": \"a\"}", "{\"labels\": \"a=b\"}", "{\"level\": [\"LOW\"]}",
                "{\"id\": 42}", "{\"name\": {\"a\": 1}}", "{\"ratio\": NaN}", "{\"ratio\": \"NaN\"}",
                "{\"name\": \"\\ud800\"}", "{\"id\": \"not-a-uuid\"}", "{\"count\": 2.5}",
                "[".repeat(2000) + "]".repeat(2000))) {
            Response r;
            try {
                read(body);
                throw new AssertionError("accepted: " + body);
            } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
                r = mapper.invalidFormat(e, null);
            } catch (JsonMappingException e) {
                r = mapper.mapping(e, null);
            } catch (JsonProcessingException e) {
                r = mapper.malformed(e, null);
            }
            assertEquals(400, r.getStatus(), body);
            Problem p = (Problem) r.getEntity();
            String text = p.detail() + " " + p.errors();
            assertFalse(text.matches("(?s).*(java\\.|io\\.converge|com\\.fasterxml|`).*"), body + " → " + text);
            assertTrue(p.type().startsWith("urn:converge:problem:"), p.type());
        }
    }

    @Test
    void onlyWellFormedUtf8IsRead() throws Exception {
        byte[] good = "{\"name\": \"caf\u00e9 \u20ac \ud83d\ude00\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("café € 😀", mapper.readValue(good, Input.class).name());
        assertEquals("café € 😀", mapper.readValue(new java.io.ByteArrayInputStream(good), Input.class).name());
        for (String hex : List.of("c0af", "e080af", "eda080", "f4908080", "80", "ff", "e282")) {
            byte[] bad = concat("{\"name\": \"x", java.util.HexFormat.of().parseHex(hex), "\"}");
            assertThrows(java.io.CharConversionException.class, () -> mapper.readValue(bad, Input.class), hex);
            assertThrows(java.io.CharConversionException.class,
                    () -> mapper.readValue(new java.io.ByteArrayInputStream(bad), Input.class), hex);
        }
    }

    @Test
    void duplicateKeysAndNumbersForTextAreRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"name\": \"a\", \"name\": \"b\"}"));
        assertThrows(JsonMappingException.class, () -> read("{\"name\": 12345}"));
        assertThrows(JsonMappingException.class, () -> read("{\"name\": true}"));
    }

    @Test
    void textThatCannotBeStoredIsNamed() throws JsonProcessingException {
        assertEquals(null, TextChecks.problem("tab\tand\nnew line 😀"));
        assertEquals("holds the control character U+0000", TextChecks.problem("a\u0000b"));
        assertEquals("user.name holds half of a surrogate pair", TextChecks.problem(
                new ObjectMapper().readTree("{\"user\": {\"name\": \"\\ud800A\"}}"), ""));
        assertEquals("tags[1] holds the control character U+001B", TextChecks.problem(
                new ObjectMapper().readTree("{\"tags\": [\"ok\", \"\\u001b[31m\"]}"), ""));
    }

    private static byte[] concat(String a, byte[] b, String c) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(a.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(b);
        out.writeBytes(c.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void echoedValuesAreShortAndPrintable() {
        assertEquals("a?b", ProblemMapper.safe("a\u0000b"));
        assertEquals("x".repeat(80) + "…", ProblemMapper.safe("x".repeat(10_000)));
        assertEquals("?", ProblemMapper.safe("\ud800"));
    }
}
