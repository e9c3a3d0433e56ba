package io.converge.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} of an outbox event: taken from the span current when the event is written, turned back
 * into a parent context when the relay sends it (version 00 only; anything else is no parent).
 */
public final class TraceParent {

    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParent() {
    }

    /** The current span's traceparent, or null when there is none (no request, tracing off). */
    public static String current() {
        SpanContext s = Span.current().getSpanContext();
        if (!s.isValid()) {
            return null;
        }
        return "00-" + s.getTraceId() + "-" + s.getSpanId() + "-" + s.getTraceFlags().asHex();
    }

    /** The remote parent context this traceparent names, or null when it is missing or malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || !FORMAT.matcher(traceparent).matches()) {
            return null;
        }
        SpanContext s = SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
        return s.isValid() ? Context.root().with(Span.wrap(s)) : null;
    }
}
