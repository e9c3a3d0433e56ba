package io.converge.telemetry.domain.sparkplug;

/**
 * A Sparkplug B message that cannot be handled as a whole: an invalid topic, or a payload that is not a Sparkplug B
 * protobuf. Problems with single metrics are not exceptions; they are reported in {@link SparkplugResult#errors()}.
 */
public class SparkplugException extends RuntimeException {

    public SparkplugException(String message) {
        super(message);
    }

    public SparkplugException(String message, Throwable cause) {
        super(message, cause);
    }
}
