package io.converge.kpi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.kpi.domain.NumericStats.Point;
import io.converge.kpi.domain.TumblingWindows.Emission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TumblingWindowsTest {

    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    static final Duration MIN = Duration.ofMinutes(1);

    static Point p(String key, int seconds, double v) {
        return new Point(key, T0.plusSeconds(seconds), v);
    }

    static TumblingWindows<Point, NumericStats.Summary> windows(List<Duration> widths, Duration lateness) {
        return new TumblingWindows<>(new TumblingWindows.Config(widths, lateness), Point::key, Point::time,
                NumericStats::new);
    }

    @Test
    void closesBehindTheWatermarkCorrectsLateAndDropsTooLate() {
        var w = windows(List.of(MIN), Duration.ofSeconds(30));
        assertEquals(List.of(), w.accept(p("a", 10, 1)));
        assertEquals(List.of(), w.accept(p("a", 50, 2)));
        assertEquals(List.of(), w.accept(p("a", 80, 3)));   // watermark 0:50 < window end 1:00
        List<Emission<NumericStats.Summary>> closed = w.accept(p("a", 95, 4)); // watermark 1:05 ≥ 1:00
        assertEquals(1, closed.size());
        assertEquals(T0, closed.getFirst().window().start());
        assertEquals(2, closed.getFirst().result().count());
        assertEquals(3.0, closed.getFirst().result().sum(), 0); // 1 + 2
        assertEquals(0, closed.getFirst().revision());

        // late point for the closed window: watermark 1:05 < end 1:00 + lateness 0:30 = 1:30 → correction
        List<Emission<NumericStats.Summary>> corr = w.accept(p("a", 40, 10));
        assertEquals(1, corr.size());
        assertTrue(corr.getFirst().isCorrection());
        assertEquals(1, corr.getFirst().revision());
        assertEquals(13.0, corr.getFirst().result().sum(), 0); // 1 + 2 + 10
        assertEquals(1.0, corr.getFirst().result().min(), 0);
        assertEquals(10.0, corr.getFirst().result().max(), 0);

        assertEquals(List.of(), w.accept(p("a", 125, 5)));       // watermark 1:35 ≥ 1:30 → window [0,1) purged
        assertEquals(List.of(), w.accept(p("a", 55, 99)));       // too late: dropped
        assertEquals(1, w.droppedLate(MIN));

        List<Emission<NumericStats.Summary>> rest = w.flush();
        assertEquals(2, rest.size());
        assertEquals(T0.plusSeconds(60), rest.get(0).window().start()); // points at 1:20, 1:35
        assertEquals(2, rest.get(0).result().count());
        assertEquals(7.0, rest.get(0).result().sum(), 0);               // 3 + 4
        assertEquals(T0.plusSeconds(120), rest.get(1).window().start());
        assertEquals(0, w.openWindows());
    }

    @Test
    void aLatePointForAWindowThatNeverOpenedIsEmittedAtOnce() {
        var w = windows(List.of(MIN), Duration.ofSeconds(60));
        w.accept(p("a", 10, 1));
        List<Emission<NumericStats.Summary>> e = w.accept(p("a", 180, 1)); // watermark 2:00 closes [0,1)
        assertEquals(1, e.size());
        List<Emission<NumericStats.Summary>> late = w.accept(p("a", 90, 7)); // [1,2) end 2:00 ≤ wm, 2:00 < 3:00
        assertEquals(1, late.size());
        assertEquals(0, late.getFirst().revision());
        assertEquals(7.0, late.getFirst().result().sum(), 0);
    }

    @Test
    void defaultWidthsAndSeparateKeys() {
        var w = windows(null, Duration.ZERO);
        assertEquals(List.of(MIN, Duration.ofHours(1)), new TumblingWindows.Config(null, Duration.ZERO).widths());
        List<Emission<NumericStats.Summary>> out = new ArrayList<>();
        // 2 keys, one point per 10 s for 2 hours: values 1
        for (int s = 0; s < 7200; s += 10) {
            out.addAll(w.accept(p("a", s, 1)));
            out.addAll(w.accept(p("b", s, 2)));
        }
        out.addAll(w.flush());
        long minuteWindows = out.stream().filter(e -> e.window().width().equals(MIN)).count();
        long hourWindows = out.stream().filter(e -> e.window().width().equals(Duration.ofHours(1))).count();
        assertEquals(240, minuteWindows); // 120 minutes × 2 keys
        assertEquals(4, hourWindows);     // 2 hours × 2 keys
        out.stream().filter(e -> e.window().width().equals(MIN))
                .forEach(e -> assertEquals(6, e.result().count())); // 60 s / 10 s
        double hourSumB = out.stream().filter(e -> e.window().key().equals("b")
                && e.window().width().equals(Duration.ofHours(1))).mapToDouble(e -> e.result().sum()).sum();
        assertEquals(1440.0, hourSumB, 0); // 720 points × 2
        // emissions come in window-end order
        for (int i = 1; i < out.size(); i++) {
            assertTrue(!out.get(i).window().end().isBefore(out.get(i - 1).window().end()));
        }
    }

    @Test
    void droppedLateIsCountedPerWidth() {
        // widths 1 min and 1 h, lateness 0: after a point at 0:10:00 the watermark is 0:10:00
        var w = windows(List.of(MIN, Duration.ofHours(1)), Duration.ZERO);
        w.accept(p("a", 0, 1));
        List<Emission<NumericStats.Summary>> closed = w.accept(p("a", 600, 1)); // closes minute [0,1)
        assertEquals(1, closed.size());
        // a point at 0:05:00: its minute window ended at 0:06:00 ≤ watermark 0:10:00 + 0 → dropped for 1 min,
        // but the hour window [0:00, 1:00) is still open → counted there
        assertEquals(List.of(), w.accept(p("a", 300, 5)));
        assertEquals(1, w.droppedLate(MIN));
        assertEquals(0, w.droppedLate(Duration.ofHours(1)));
        var hour = w.flush().stream().filter(e -> e.window().width().equals(Duration.ofHours(1))).toList();
        assertEquals(3, hour.getFirst().result().count());
    }

    @Test
    void alignmentIsToTheEpoch() {
        assertEquals(Instant.parse("2026-03-02T06:00:00Z"),
                TumblingWindows.align(Instant.parse("2026-03-02T06:59:59.999Z"), Duration.ofHours(1)));
        assertEquals(Instant.parse("1969-12-31T23:59:00Z"),
                TumblingWindows.align(Instant.parse("1969-12-31T23:59:30Z"), MIN));
    }
}
