package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Incremental tumbling windows keyed by (scope key, width, window start), driven only by event time.
 *
 * <p>Semantics (documented choices):
 * <ul>
 *   <li>Windows are aligned to the epoch: start = floor(t / width) × width, [start, start + width).</li>
 *   <li>watermark = max event time seen − allowedLateness. A window closes (emits revision 0) once
 *       its end ≤ watermark.</li>
 *   <li>A point for an already closed window is accepted as long as watermark &lt; window end + allowedLateness
 *       (the window is retained until then); it emits the whole window again with revision + 1 (a correction).
 *       A point for a window behind the watermark that never had a point emits it at once (revision 0).</li>
 *   <li>Anything later is dropped and counted per width ({@link #droppedLate}).</li>
 *   <li>The point is assigned with the watermark as it was before the point; then the watermark advances.</li>
 * </ul>
 * Not thread-safe: feed it from one thread (or one partition) at a time.
 */
public final class TumblingWindows<P, R> {

    /** Accumulates the points of one window; {@link #result()} may be called more than once (corrections). */
    public interface Accumulator<P, R> {
        void add(P point);

        R result();
    }

    public record Config(List<Duration> widths, Duration allowedLateness) {
        public static final List<Duration> DEFAULT_WIDTHS = List.of(Duration.ofMinutes(1), Duration.ofHours(1));

        public Config {
            if (widths == null || widths.isEmpty()) {
                widths = DEFAULT_WIDTHS;
            }
            for (Duration w : widths) {
                if (w.isNegative() || w.isZero() || w.toMillis() == 0) {
                    throw new IllegalArgumentException("window width must be >= 1 ms, got " + w);
                }
            }
            if (allowedLateness == null || allowedLateness.isNegative()) {
                throw new IllegalArgumentException("allowed lateness must be >= 0");
            }
            widths = List.copyOf(widths);
        }
    }

    public record WindowKey(String key, Duration width, Instant start) {
        public Instant end() {
            return start.plus(width);
        }
    }

    public record Emission<R>(WindowKey window, R result, int revision) {
        public boolean isCorrection() {
            return revision > 0;
        }
    }

    private static final class State<P, R> {
        final Accumulator<P, R> acc;
        int revision = -1; // -1 = never emitted

        State(Accumulator<P, R> acc) {
            this.acc = acc;
        }
    }

    private static final Comparator<WindowKey> ORDER = Comparator.comparing(WindowKey::end)
            .thenComparing(WindowKey::start).thenComparing(WindowKey::key).thenComparing(WindowKey::width);

    private final Config config;
    private final Function<P, String> keyOf;
    private final Function<P, Instant> timeOf;
    private final Supplier<? extends Accumulator<P, R>> factory;
    private final Map<WindowKey, State<P, R>> open = new HashMap<>();
    private final Map<WindowKey, State<P, R>> closed = new HashMap<>();
    private final NavigableMap<Instant, Set<WindowKey>> openByEnd = new TreeMap<>();
    private final NavigableMap<Instant, Set<WindowKey>> closedByEnd = new TreeMap<>();
    private final Map<Duration, Long> dropped = new HashMap<>();
    private Instant maxEventTime;

    public TumblingWindows(Config config, Function<P, String> keyOf, Function<P, Instant> timeOf,
                           Supplier<? extends Accumulator<P, R>> factory) {
        this.config = config;
        this.keyOf = keyOf;
        this.timeOf = timeOf;
        this.factory = factory;
    }

    /** max event time − allowed lateness; null before the first point. */
    public Instant watermark() {
        return maxEventTime == null ? null : maxEventTime.minus(config.allowedLateness());
    }

    public long droppedLate(Duration width) {
        return dropped.getOrDefault(width, 0L);
    }

    public int openWindows() {
        return open.size();
    }

    public static Instant align(Instant t, Duration width) {
        long w = width.toMillis();
        long start = Math.floorDiv(t.toEpochMilli(), w) * w;
        return Instant.ofEpochMilli(start);
    }

    public List<Emission<R>> accept(P point) {
        Instant t = timeOf.apply(point);
        String key = keyOf.apply(point);
        Instant wm = watermark();
        List<Emission<R>> out = new ArrayList<>();
        for (Duration width : config.widths()) {
            WindowKey wk = new WindowKey(key, width, align(t, width));
            State<P, R> st = open.get(wk);
            if (st != null) {
                st.acc.add(point);
                continue;
            }
            boolean behind = wm != null && !wk.end().isAfter(wm);
            if (!behind) {
                st = new State<>(factory.get());
                st.acc.add(point);
                open.put(wk, st);
                openByEnd.computeIfAbsent(wk.end(), e -> new HashSet<>()).add(wk);
                continue;
            }
            if (!wm.isBefore(wk.end().plus(config.allowedLateness()))) {
                dropped.merge(width, 1L, Long::sum);
                continue;
            }
            st = closed.get(wk);
            if (st == null) {
                st = new State<>(factory.get());
                closed.put(wk, st);
                closedByEnd.computeIfAbsent(wk.end(), e -> new HashSet<>()).add(wk);
            }
            st.acc.add(point);
            st.revision++;
            out.add(new Emission<>(wk, st.acc.result(), st.revision));
        }
        if (maxEventTime == null || t.isAfter(maxEventTime)) {
            maxEventTime = t;
            out.addAll(advance(watermark()));
        }
        return out;
    }

    /** Closes every open window regardless of the watermark (shutdown, end of a replay). */
    public List<Emission<R>> flush() {
        return advance(Instant.MAX);
    }

    private List<Emission<R>> advance(Instant wm) {
        List<WindowKey> due = new ArrayList<>();
        NavigableMap<Instant, Set<WindowKey>> head = openByEnd.headMap(wm, true);
        head.values().forEach(due::addAll);
        head.clear();
        due.sort(ORDER);
        List<Emission<R>> out = new ArrayList<>();
        for (WindowKey wk : due) {
            State<P, R> st = open.remove(wk);
            st.revision = 0;
            out.add(new Emission<>(wk, st.acc.result(), 0));
            closed.put(wk, st);
            closedByEnd.computeIfAbsent(wk.end(), e -> new HashSet<>()).add(wk);
        }
        // purge closed windows that can no longer be corrected: end + lateness <= watermark
        if (wm != Instant.MAX) {
            NavigableMap<Instant, Set<WindowKey>> expired =
                    closedByEnd.headMap(wm.minus(config.allowedLateness()), true);
            expired.values().forEach(ks -> ks.forEach(closed::remove));
            expired.clear();
        }
        return out;
    }
}
