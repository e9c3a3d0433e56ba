package io.converge.telemetry.domain.sparkplug;

import io.converge.telemetry.domain.Quality;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.PropertySet;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.PropertyValue;

/**
 * Maps the Sparkplug metric property {@code Quality} (an Int32 with OPC DA style codes, as Ignition and most
 * Sparkplug edge nodes send it) to {@link Quality}.
 */
public final class SparkplugQuality {

    /** Name of the metric property carrying the quality code (matched case-insensitively). */
    public static final String PROPERTY = "Quality";

    private SparkplugQuality() {
    }

    /**
     * Quality of an OPC DA style code: 192..255 good, 0..63 (and negative) bad, 64..191 uncertain, 500 (Ignition
     * "stale") uncertain, anything else uncertain.
     */
    public static Quality fromCode(long code) {
        if (code < 64) {
            return Quality.BAD;
        }
        if (code >= 192 && code <= 255) {
            return Quality.GOOD;
        }
        return Quality.UNCERTAIN;
    }

    /** The quality the metric's {@code Quality} property states; GOOD when it has none (or a null/non-integer one). */
    static Quality of(Metric metric) {
        if (!metric.hasProperties()) {
            return Quality.GOOD;
        }
        PropertySet props = metric.getProperties();
        int n = Math.min(props.getKeysCount(), props.getValuesCount());
        for (int i = 0; i < n; i++) {
            if (PROPERTY.equalsIgnoreCase(props.getKeys(i))) {
                PropertyValue v = props.getValues(i);
                if (v.getIsNull()) {
                    return Quality.GOOD;
                }
                return switch (v.getValueCase()) {
                    case INT_VALUE -> fromCode(v.getIntValue());
                    case LONG_VALUE -> fromCode(v.getLongValue());
                    default -> Quality.GOOD;
                };
            }
        }
        return Quality.GOOD;
    }
}
