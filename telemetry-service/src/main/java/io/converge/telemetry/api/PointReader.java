package io.converge.telemetry.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.converge.rest.DomainException;
import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import io.converge.telemetry.domain.RejectReason;
import io.converge.telemetry.domain.Rejection;
import io.converge.telemetry.ingest.ParsedBatch;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads points from a JSON array, NDJSON, or an MQTT message, with Jackson's streaming parser (no tree per point).
 * A point that cannot be read (wrong type, unknown field, bad timestamp) is rejected alone, at its index; only a body
 * that is not JSON at all, or not an array, fails the whole request. NaN and Infinity literals are read so that they
 * are refused per point as non-finite values.
 */
public final class PointReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PointReader() {
    }

    /** A JSON array of points; {@code topicAsset} (MQTT) is the asset of every point when not null. */
    public static ParsedBatch array(byte[] body, int maxBatch, String topicAsset) {
        List<Point> points = new ArrayList<>();
        List<Rejection> bad = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT && topicAsset != null) {
                read(p, 0, topicAsset, points, bad);
            } else if (first != JsonToken.START_ARRAY) {
                throw DomainException.badRequest("the body must be a JSON array of points");
            } else {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (points.size() >= maxBatch) {
                        throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE,
                                "a batch has at most " + maxBatch + " points");
                    }
                    read(p, points.size(), topicAsset, points, bad);
                }
            }
            if (p.nextToken() != null) {
                throw DomainException.badRequest("unexpected content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw DomainException.badRequest("malformed JSON: " + io.converge.rest.JsonShapes.parseError(e));
        } catch (IOException e) {
            throw DomainException.badRequest("unreadable body: " + e.getMessage());
        }
        if (points.isEmpty()) {
            throw DomainException.badRequest("the batch is empty");
        }
        return new ParsedBatch(points, bad);
    }

    /** Newline-delimited JSON, one point object per line; a line that is not JSON is rejected alone. */
    public static ParsedBatch ndjson(byte[] body, int maxBatch) {
        List<Point> points = new ArrayList<>();
        List<Rejection> bad = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '\n') {
                continue;
            }
            if (!blank(body, start, i)) {
                if (points.size() >= maxBatch) {
                    throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE,
                            "a batch has at most " + maxBatch + " points");
                }
                int index = points.size();
                try (JsonParser p = FACTORY.createParser(body, start, i - start)) {
                    p.nextToken();
                    read(p, index, null, points, bad);
                    if (p.nextToken() != null) {
                        reject(index, RejectReason.MALFORMED_POINT, "one JSON object per line", points, bad);
                    }
                } catch (IOException e) {
                    if (points.size() == index) {
                        points.add(null);
                    } else {
                        points.set(index, null);
                    }
                    bad.removeIf(r -> r.index() == index);
                    bad.add(new Rejection(index, RejectReason.MALFORMED_POINT, "malformed JSON line"));
                }
            }
            start = i + 1;
        }
        if (points.isEmpty()) {
            throw DomainException.badRequest("the batch is empty");
        }
        return new ParsedBatch(points, bad);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void read(JsonParser p, int index, String topicAsset, List<Point> points, List<Rejection> bad)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            reject(index, RejectReason.MALFORMED_POINT, "a point must be a JSON object", points, bad);
            return;
        }
        String asset = topicAsset;
        String metric = null;
        Instant ts = null;
        Double value = null;
        String state = null;
        Quality quality = Quality.GOOD;
        String messageId = null;
        Rejection problem = null;
        java.util.Set<String> seen = new java.util.HashSet<>(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (!seen.add(field)) {
                problem = first(problem, index, RejectReason.MALFORMED_POINT, "field '" + field + "' given twice");
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
                problem = first(problem, index, RejectReason.MALFORMED_POINT, field + " must be a scalar");
                continue;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "asset" -> {
                    String a = p.getValueAsString();
                    if (topicAsset != null && !topicAsset.equals(a)) {
                        problem = first(problem, index, RejectReason.MALFORMED_POINT,
                                "asset '" + a + "' does not match the topic's asset '" + topicAsset + "'");
                    }
                    asset = a;
                }
                case "metric" -> metric = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "ts" -> {
                    try {
                        ts = t == JsonToken.VALUE_NUMBER_INT ? Instant.ofEpochMilli(p.getLongValue())
                                : t == JsonToken.VALUE_STRING ? parseInstant(p.getText()) : null;
                        if (ts == null) {
                            problem = first(problem, index, RejectReason.INVALID_TIMESTAMP,
                                    "ts must be an ISO-8601 instant or epoch milliseconds");
                        }
                    } catch (DateTimeParseException | ArithmeticException | IOException e) {
                        problem = first(problem, index, RejectReason.INVALID_TIMESTAMP,
                                "ts must be an ISO-8601 instant or epoch milliseconds");
                    }
                }
                case "value" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        value = p.getValueAsDouble();
                    } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                        state = Boolean.toString(t == JsonToken.VALUE_TRUE);
                    } else {
                        state = p.getText();
                    }
                }
                case "quality" -> {
                    try {
                        quality = Quality.parse(p.getValueAsString());
                    } catch (IllegalArgumentException e) {
                        problem = first(problem, index, RejectReason.INVALID_QUALITY, e.getMessage());
                    }
                }
                case "messageId" -> messageId = p.getValueAsString();
                default -> problem = first(problem, index, RejectReason.MALFORMED_POINT,
                        "unknown field '" + field + "'");
            }
        }
        if (asset == null && problem == null) {
            problem = new Rejection(index, RejectReason.MALFORMED_POINT, "asset is required");
        }
        if (problem != null) {
            points.add(null);
            bad.add(problem);
            return;
        }
        points.add(new Point(asset, metric, ts, value, state, quality, messageId));
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    private static Rejection first(Rejection existing, int index, RejectReason reason, String detail) {
        return existing != null ? existing : new Rejection(index, reason, detail);
    }

    private static void reject(int index, RejectReason reason, String detail, List<Point> points,
            List<Rejection> bad) {
        if (points.size() == index) {
            points.add(null);
        } else {
            points.set(index, null);
        }
        bad.removeIf(r -> r.index() == index);
        bad.add(new Rejection(index, reason, detail));
    }
}
