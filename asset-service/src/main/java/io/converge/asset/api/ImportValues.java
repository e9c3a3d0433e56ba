package io.converge.asset.api;

import io.converge.asset.api.ImportRows.ImportRow;
import io.converge.asset.domain.AssetDraft;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one import holds between reading its rows and writing them, kept small: values that repeat across rows
 * (vendor, model, firmware, location, zone, label keys and values, whole label sets) are stored once, and
 * {@link #footprint()} estimates the bytes everything held so far takes on the heap, for {@link ImportBudget}.
 * Not thread-safe: one per import.
 */
final class ImportValues {

    /** Distinct values shared at most (beyond, values are kept as they come: a pool of unique values saves nothing). */
    static final int MAX_SHARED = 20_000;

    // heap sizes with compressed references: object headers 12 bytes, 8-byte alignment
    /** ImportRow (row, draft, location, zone) + AssetDraft (15 fields) + a reference in each of three row lists. */
    static final long ROW_BYTES = 32 + 72 + 3 * 4;
    /** One entry of the tag → first row index of phase 1: HashMap.Node, a boxed row number, the table slot. */
    static final long INDEX_BYTES = 32 + 16 + 8;
    /** One pool entry: HashMap.Node and table slot. */
    static final long POOL_ENTRY_BYTES = 32 + 8;
    static final long UUID_BYTES = 32;
    static final long MAP_BYTES = 48;
    static final long MAP_ENTRY_BYTES = 40;

    private final Map<String, String> strings = new HashMap<>();
    private final Map<Map<String, String>, Map<String, String>> labelSets = new HashMap<>();
    private long bytes;

    /** The one instance of {@code value} this import keeps. */
    String shared(String value) {
        if (value == null) {
            return null;
        }
        String known = strings.get(value);
        if (known != null) {
            return known;
        }
        if (strings.size() < MAX_SHARED) {
            strings.put(value, value);
            bytes += POOL_ENTRY_BYTES;
        }
        bytes += text(value);
        return value;
    }

    /** The draft with its repeating values shared. */
    AssetDraft compact(AssetDraft d) {
        return new AssetDraft(d.tag(), d.name(), d.domain(), d.type(), shared(d.vendor()), shared(d.model()),
                d.serialNumber(), d.ipAddress(), d.macAddress(), d.nodeId(), d.zoneId(), d.criticality(),
                shared(d.firmwareVersion()), d.status(), labels(d.labels()));
    }

    /** An unmodifiable, sorted label set, shared with every other row that has the same one. */
    Map<String, String> labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> known = labelSets.get(labels);
        if (known != null) {
            return known;
        }
        TreeMap<String, String> copy = new TreeMap<>();
        labels.forEach((k, v) -> copy.put(shared(k), shared(v)));
        Map<String, String> set = Collections.unmodifiableSortedMap(copy);
        bytes += MAP_BYTES + 16 + labels.size() * MAP_ENTRY_BYTES;
        if (labelSets.size() < MAX_SHARED) {
            labelSets.put(set, set);
            bytes += POOL_ENTRY_BYTES;
        }
        return set;
    }

    /** Counts a tag entered in the duplicate index (the tag string is counted here, not again with its row). */
    void indexed(String tag) {
        bytes += INDEX_BYTES + text(tag);
    }

    /** Counts a row kept for the later phases; its shared values were counted as they were shared. */
    void held(ImportRow r) {
        AssetDraft d = r.draft();
        bytes += ROW_BYTES + text(d.name()) + text(d.serialNumber()) + text(d.ipAddress()) + text(d.macAddress())
                + (d.nodeId() != null ? UUID_BYTES : 0) + (d.zoneId() != null ? UUID_BYTES : 0);
    }

    /** Estimated heap bytes of everything this import holds so far. */
    long footprint() {
        return bytes;
    }

    /** Heap bytes of a String: object, byte array header, one byte a character when all are Latin-1, else two. */
    static long text(String s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        long width = 1;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                width = 2;
                break;
            }
        }
        return 24 + ((16 + width * n + 7) & ~7L);
    }
}
