package io.converge.telemetry.domain;

import java.time.Instant;

/**
 * One telemetry sample as received, before validation. Exactly one of {@code value} (numeric) and {@code state}
 * (boolean or text, kept as text) is set. {@code asset} is the asset tag (or, for Sparkplug, the device key until it
 * is mapped to a tag). {@code messageId} is optional and takes part in the idempotency key.
 */
public record Point(String asset, String metric, Instant ts, Double value, String state, Quality quality,
        String messageId) {

    public Point {
        quality = quality == null ? Quality.GOOD : quality;
    }

    public static Point numeric(String asset, String metric, Instant ts, double value, Quality quality) {
        return new Point(asset, metric, ts, value, null, quality, null);
    }

    public static Point state(String asset, String metric, Instant ts, String state, Quality quality) {
        return new Point(asset, metric, ts, null, state, quality, null);
    }

    public Point withAsset(String tag) {
        return new Point(tag, metric, ts, value, state, quality, messageId);
    }

    public Point withTs(java.time.Instant t) {
        return new Point(asset, metric, t, value, state, quality, messageId);
    }

    public Point withQuality(Quality q) {
        return new Point(asset, metric, ts, value, state, q, messageId);
    }
}
