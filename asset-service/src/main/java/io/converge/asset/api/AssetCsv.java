package io.converge.asset.api;

import io.converge.asset.domain.Asset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;

/**
 * The asset CSV layout shared by import and export, so an export re-imports unchanged. {@code location} is the
 * hierarchy node code, {@code zone} the zone name, {@code labels} {@code key=value;key2=value2} where a backslash
 * escapes {@code ;}, {@code =} and itself inside keys and values.
 */
public final class AssetCsv {

    public static final String MEDIA_TYPE = "text/csv";

    /** Columns in export order; an import may give any subset in any order. */
    public static final List<String> COLUMNS = List.of("tag", "name", "domain", "type", "vendor", "model",
            "serialNumber", "ipAddress", "macAddress", "location", "zone", "criticality", "firmwareVersion", "status",
            "labels");

    /** Columns an import must have: without them no row could be valid. */
    public static final List<String> REQUIRED = List.of("tag", "name", "domain", "type", "criticality");

    /** RFC 4180 with a header row; used for both reading (header taken from the first record) and writing. */
    static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).get();
    static final CSVFormat WRITE = CSVFormat.RFC4180;

    private AssetCsv() {
    }

    /** One export record, in {@link #COLUMNS} order. */
    static List<String> record(Asset a, String locationCode, String zoneName) {
        List<String> v = new ArrayList<>(COLUMNS.size());
        v.add(a.tag());
        v.add(a.name());
        v.add(a.domain().name());
        v.add(a.type().toString());
        v.add(a.vendor());
        v.add(a.model());
        v.add(a.serialNumber());
        v.add(a.ipAddress());
        v.add(a.macAddress());
        v.add(locationCode);
        v.add(zoneName);
        v.add(a.criticality().toString());
        v.add(a.firmwareVersion());
        v.add(a.status().toString());
        v.add(encodeLabels(a.labels()));
        return v;
    }

    static String encodeLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            escape(e.getKey(), sb);
            sb.append('=');
            escape(e.getValue(), sb);
        }
        return sb.toString();
    }

    /**
     * Parses {@code key=value;key2=value2}. Keys are trimmed (they cannot hold spaces), values are kept as written;
     * empty entries (a trailing {@code ;}) are ignored.
     *
     * @throws IllegalArgumentException with a message for the caller when an entry has no {@code =} or a key repeats
     */
    static Map<String, String> decodeLabels(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = key;
        boolean sawEquals = false;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ';';
            if (ch == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (ch == '=' && !sawEquals) {
                sawEquals = true;
                current = value;
            } else if (ch == ';') {
                String k = key.toString().trim();
                if (!sawEquals && !k.isEmpty()) {
                    throw new IllegalArgumentException("label '" + k + "' has no value: write key=value;key2=value2");
                }
                if (sawEquals) {
                    if (out.put(k, value.toString()) != null) {
                        throw new IllegalArgumentException("label '" + k + "' is given twice");
                    }
                }
                key.setLength(0);
                value.setLength(0);
                current = key;
                sawEquals = false;
            } else {
                current.append(ch);
            }
        }
        return out;
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == ';' || ch == '=') {
                sb.append('\\');
            }
            sb.append(ch);
        }
    }
}
