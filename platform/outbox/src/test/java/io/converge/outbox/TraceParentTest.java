package io.converge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aStoredTraceparentBecomesTheRemoteParentOfTheSend() {
        SpanContext s = Span.fromContext(TraceParent.parent("00-" + TRACE + "-" + SPAN + "-01")).getSpanContext();
        assertEquals(TRACE, s.getTraceId());
        assertEquals(SPAN, s.getSpanId());
        assertTrue(s.isSampled());
        assertTrue(s.isRemote());
        SpanContext unsampled = Span.fromContext(TraceParent.parent("00-" + TRACE + "-" + SPAN + "-00"))
                .getSpanContext();
        assertEquals(false, unsampled.isSampled());
    }

    @Test
    void malformedOrMissingIsNoParent() {
        assertNull(TraceParent.parent(null));
        assertNull(TraceParent.parent(""));
        assertNull(TraceParent.parent("garbage"));
        assertNull(TraceParent.parent("01-" + TRACE + "-" + SPAN + "-01"));
        assertNull(TraceParent.parent("00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"));
        assertNull(TraceParent.parent("00-" + "0".repeat(32) + "-" + SPAN + "-01"));
        assertNull(TraceParent.parent("00-" + TRACE + "-" + "0".repeat(16) + "-01"));
        assertNull(TraceParent.parent("00-" + TRACE + "-" + SPAN + "-01-extra"));
    }

    @Test
    void theCurrentSpanIsWrittenAsTraceparentAndNothingWithoutOne() {
        assertNull(TraceParent.current());
        SpanContext s = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(s)).makeCurrent()) {
            assertEquals("00-" + TRACE + "-" + SPAN + "-01", TraceParent.current());
        }
    }
}
