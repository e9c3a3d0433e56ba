package io.converge.asset.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an import body row by row, never holding the whole document: CSV through Commons CSV, JSON through Jackson's
 * streaming parser with one {@code readValue} per array element. A body that cannot be parsed at all is a 400; a bad
 * CSV header is a 422 naming the columns; everything wrong inside a row is reported with the row.
 */
final class ImportReader {

    /** Fields of a JSON row: those of AssetInput plus {@code location}/{@code zone} (node code, zone name). */
    static final Set<String> JSON_FIELDS = Set.of("tag", "name", "domain", "type", "vendor", "model", "serialNumber",
            "ipAddress", "macAddress", "nodeId", "zoneId", "location", "zone", "criticality", "firmwareVersion",
            "status", "labels");

    /**
     * One data row as text.
     *
     * @param row 1-based data row number (the CSV header is not a row)
     * @param values field → value; absent, null and empty values are null (CSV labels stay text here)
     * @param labels JSON labels (null when absent or for CSV)
     * @param errors problems found while reading the row (unknown field, a value of the wrong JSON type)
     * @param broken the row could not be read as a record at all; only {@code errors} describe it
     */
    record RawRow(long row, Map<String, String> values, Map<String, String> labels, List<FieldError> errors,
            boolean broken) {
    }

    interface RowConsumer {
        void accept(RawRow row);
    }

    private ImportReader() {
    }

    static void readCsv(InputStream in, Charset charset, RowConsumer out) {
        // malformed bytes are refused rather than read as U+FFFD (and stored)
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), 1 << 16);
        CSVParser parser;
        try {
            parser = AssetCsv.READ.parse(reader);
        } catch (IOException | UncheckedIOException e) {
            throw DomainException.badRequest("malformed CSV header: " + rootMessage(e));
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable("invalid CSV header: " + e.getMessage(), List.of());
        }
        List<String> header = header(parser.getHeaderNames());
        Iterator<CSVRecord> records = parser.iterator();
        long row = 0;
        while (true) {
            CSVRecord rec;
            try {
                if (!records.hasNext()) {
                    break;
                }
                rec = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw DomainException.badRequest("malformed CSV after data row " + row + " (line "
                        + parser.getCurrentLineNumber() + "): " + rootMessage(e));
            }
            row++;
            if (rec.size() != header.size()) {
                out.accept(new RawRow(row, Map.of(), null, List.of(new FieldError(row, null, "the row has "
                        + rec.size() + " values, the header has " + header.size())), true));
                continue;
            }
            Map<String, String> values = new HashMap<>(header.size() * 2);
            for (int i = 0; i < header.size(); i++) {
                String v = rec.get(i);
                values.put(header.get(i), v == null || v.isEmpty() ? null : v);
            }
            out.accept(new RawRow(row, values, null, List.of(), false));
        }
    }

    /** Checks the header: known columns only (422 naming the others), the required ones present, none twice. */
    private static List<String> header(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw DomainException.unprocessable("the CSV has no header row; expected columns: "
                    + String.join(",", AssetCsv.COLUMNS), List.of());
        }
        List<String> header = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i) == null ? "" : names.get(i);
            header.add((i == 0 && n.startsWith("\uFEFF") ? n.substring(1) : n).trim());
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> unknown = header.stream().filter(h -> !AssetCsv.COLUMNS.contains(h)).toList();
        unknown.forEach(h -> errors.add(FieldError.of(h, "unknown column; known columns: "
                + String.join(",", AssetCsv.COLUMNS))));
        if (!unknown.isEmpty()) {
            throw DomainException.unprocessable("unknown column" + (unknown.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList()), errors);
        }
        List<String> twice = header.stream().filter(h -> header.indexOf(h) != header.lastIndexOf(h)).distinct()
                .toList();
        List<String> missing = AssetCsv.REQUIRED.stream().filter(r -> !header.contains(r)).toList();
        twice.forEach(h -> errors.add(FieldError.of(h, "column given twice")));
        missing.forEach(h -> errors.add(FieldError.of(h, "required column missing")));
        if (!errors.isEmpty()) {
            throw DomainException.unprocessable("invalid CSV header", errors);
        }
        return header;
    }

    static void readJson(ObjectMapper mapper, InputStream in, RowConsumer out) {
        long row = 0;
        // each row is one value inside the array: the rows after it are not "trailing tokens" (the strict mapper's
        // FAIL_ON_TRAILING_TOKENS would refuse every import of two rows or more); content after the array is
        // refused below
        ObjectReader rows = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw DomainException.badRequest("the JSON body must be an array of assets");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw DomainException.badRequest("malformed JSON: the array is not closed");
                }
                row++;
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    out.accept(new RawRow(row, Map.of(), null, List.of(new FieldError(row, null,
                            "must be a JSON object")), true));
                    continue;
                }
                out.accept(jsonRow(row, rows.readValue(p)));
            }
            if (p.nextToken() != null) {
                throw DomainException.badRequest("malformed JSON: content after the array");
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw DomainException.badRequest("malformed JSON after data row " + row
                    + (loc != null ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : "")
                    + ": " + io.converge.rest.JsonShapes.parseError(e));
        } catch (java.io.CharConversionException e) {
            throw DomainException.badRequest(e.getMessage() + " (after data row " + row + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawRow jsonRow(long row, JsonNode node) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> labels = null;
        List<FieldError> errors = new ArrayList<>(0);
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (!JSON_FIELDS.contains(name)) {
                errors.add(new FieldError(row, name, "unknown field"));
            } else if (name.equals("labels")) {
                labels = jsonLabels(row, v, errors);
            } else if (v.isNull()) {
                values.put(name, null);
            } else if (v.isValueNode()) {
                String s = v.asText();
                values.put(name, s.isEmpty() ? null : s);
            } else {
                errors.add(new FieldError(row, name, "must be a string"));
            }
        }
        return new RawRow(row, values, labels, errors, false);
    }

    private static Map<String, String> jsonLabels(long row, JsonNode v, List<FieldError> errors) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            errors.add(new FieldError(row, "labels", "must be an object of string values"));
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode lv = e.getValue();
            if (lv.isContainerNode()) {
                errors.add(new FieldError(row, "labels." + e.getKey(), "must be a string"));
            } else {
                labels.put(e.getKey(), lv.isNull() ? null : lv.asText());
            }
        }
        return labels;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.nio.charset.CharacterCodingException) {
            return "the body is not well-formed text in its charset (UTF-8 unless the Content-Type names another)";
        }
        return t.getMessage() != null ? t.getMessage() : "unreadable";
    }
}
