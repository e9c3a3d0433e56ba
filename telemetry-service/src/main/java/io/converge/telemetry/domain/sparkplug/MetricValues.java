package io.converge.telemetry.domain.sparkplug;

import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Quality;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric.ValueCase;

/**
 * Turns one Sparkplug metric value into a {@link Point}: Int8..UInt64, Float and Double become numeric points;
 * Boolean ({@code "true"}/{@code "false"}), String, Text, UUID and DateTime (ISO-8601 instant) become state points.
 * DataSet, Template, Bytes, File, PropertySet(List) and arrays are unsupported and yield an error reason.
 */
final class MetricValues {

    /** Either a point or the reason there is none. */
    record Converted(Point point, String error) {
        static Converted ok(Point p) {
            return new Converted(p, null);
        }

        static Converted error(String reason) {
            return new Converted(null, reason);
        }
    }

    private MetricValues() {
    }

    static Converted toPoint(Metric m, int datatype, String asset, String name, Instant ts, Quality quality) {
        DataType type = DataType.forNumber(datatype);
        if (type == null) {
            return Converted.error("unknown datatype code " + datatype);
        }
        ValueCase vc = m.getValueCase();
        if (vc == ValueCase.VALUE_NOT_SET && !isUnsupported(type) && type != DataType.Unknown) {
            return Converted.error("metric has no value (and is_null is not set)");
        }
        return switch (type) {
            case Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64 -> {
                Double v = integral(m, type);
                yield v == null ? mismatch(vc, type) : Converted.ok(Point.numeric(asset, name, ts, v, quality));
            }
            case Float, Double -> {
                Double v = switch (vc) {
                    case FLOAT_VALUE -> Double.parseDouble(Float.toString(m.getFloatValue()));
                    case DOUBLE_VALUE -> m.getDoubleValue();
                    default -> null;
                };
                if (v == null) {
                    yield mismatch(vc, type);
                }
                yield Double.isFinite(v) ? Converted.ok(Point.numeric(asset, name, ts, v, quality))
                        : Converted.error("non-finite " + type + " value " + v);
            }
            case Boolean -> vc == ValueCase.BOOLEAN_VALUE
                    ? Converted.ok(Point.state(asset, name, ts, Boolean.toString(m.getBooleanValue()), quality))
                    : mismatch(vc, type);
            case String, Text, UUID -> vc == ValueCase.STRING_VALUE
                    ? Converted.ok(Point.state(asset, name, ts, m.getStringValue(), quality))
                    : mismatch(vc, type);
            case DateTime -> {
                Long ms = switch (vc) {
                    case LONG_VALUE -> m.getLongValue();
                    case INT_VALUE -> Integer.toUnsignedLong(m.getIntValue());
                    default -> null;
                };
                yield ms == null ? mismatch(vc, type)
                        : Converted.ok(Point.state(asset, name, ts, Instant.ofEpochMilli(ms).toString(), quality));
            }
            case Unknown -> Converted.error("datatype unknown: not declared in the birth nor in the metric");
            default -> Converted.error("unsupported datatype " + type);
        };
    }

    /** DataSet, Template, Bytes, File, PropertySet, PropertySetList and all array types. */
    static boolean isUnsupported(DataType type) {
        return type.getNumber() >= DataType.DataSet_VALUE;
    }

    private static Double integral(Metric m, DataType type) {
        boolean fromInt = m.getValueCase() == ValueCase.INT_VALUE;
        if (!fromInt && m.getValueCase() != ValueCase.LONG_VALUE) {
            return null;
        }
        long raw = fromInt ? m.getIntValue() : m.getLongValue();
        return switch (type) {
            case Int8 -> (double) (byte) raw;
            case Int16 -> (double) (short) raw;
            case Int32 -> (double) (int) raw;
            case UInt8 -> (double) (raw & 0xFFL);
            case UInt16 -> (double) (raw & 0xFFFFL);
            case UInt32 -> (double) (fromInt ? Integer.toUnsignedLong((int) raw) : raw);
            case UInt64 -> unsignedToDouble(fromInt ? Integer.toUnsignedLong((int) raw) : raw);
            default -> (double) raw; // Int64
        };
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static Converted mismatch(ValueCase vc, DataType type) {
        return Converted.error("value field " + vc.name().toLowerCase(Locale.ROOT)
                + " does not match datatype " + type);
    }
}
