package io.converge.bench.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a run, the ratios against the baselines measured in the same run, and the verdict. */
final class Report {

    private Report() {
    }

    static boolean print(Config c, Plant plant, Phases.Live a, Phases.Drain b, String bError, Query.Result q) {
        List<Boolean> verdicts = new ArrayList<>();
        System.out.println();
        System.out.println("A  telemetry ingest (baseline) with kpi-service consuming live");
        p("   telemetry R_t           : %s points/s  (%s points in %.2f s, %d requests, %d retries, accepted %s)",
                n(a.ingestRate()), n(plant.n), a.totals().seconds, a.totals().requests.get(),
                a.totals().retries.get(), n(a.totals().accepted.get()));
        p("   kpi took every point    : %s s after the first request; lag after the last answer %s s",
                s(a.kpiSeconds()), lag(a.kpiSeconds(), a.totals().seconds));
        p("   last 1-min windows      : %s s (lag %s s);  last 1-h windows: %s s (lag %s s)", s(a.minuteSeconds()),
                lag(a.minuteSeconds(), a.totals().seconds), s(a.hourSeconds()), lag(a.hourSeconds(),
                        a.totals().seconds));
        p("   kpi counters (delta)    : consumed %s, late %s, dead-lettered %s", n(a.consumed()), n(a.late()),
                n(a.deadLettered()));
        a.problems().forEach(x -> System.out.println("   ! " + x));
        System.out.println();
        System.out.println("B  kpi-service streaming capacity: second instance drains the run's records from Kafka");
        if (b != null) {
            p("   kpi R_k                 : %s points/s  (%s points in %.2f s from its first consumed batch; "
                    + "boot %.1f s; consumed counter %s)", n(b.rate()), n(b.points()), b.drainSeconds(),
                    b.bootSeconds(), n(b.consumed()));
            p("   last 1-min windows      : %s s after its first batch;  late %s;  ERROR lines in its log %s",
                    s(b.minuteSeconds()), n(b.late()), n(b.logErrors()));
            b.problems().forEach(x -> System.out.println("   ! " + x));
        } else {
            System.out.println("   " + (bError == null ? "skipped (PHASE_B=0)" : "FAILED: " + bError));
        }
        System.out.println();
        System.out.println("C  OEE query, line scope, 1 h buckets, from the stored windows");
        p("   query latency           : median %.1f ms, p95 %.1f ms, max %.1f ms  (%d timed, %d warm-up)",
                q.median(), q.p95(), Query.pct(q.ms(), 100), q.ms().length, c.queryWarmup());
        p("   baseline (raw scan)     : median %.1f ms  (count(*), sum(value) over %s points of the same assets "
                + "and range, %d runs)", q.baselineMedian(), n(q.baselineRows()), q.baselineMs().length);
        p("   answer                  : %d buckets, %d with every asset's window; OEE total %s", q.buckets(),
                q.complete(), q.oee());
        p("   produced quantity       : %s answered vs %s generated (%.3f %%); good %s vs %s",
                n(q.pq()), n(q.expectedPq()), q.deviation() * 100, n(q.gq()), n(q.expectedGq()));
        q.problems().forEach(x -> System.out.println("   ! " + x));
        System.out.println();
        if (b != null) {
            double ratio = b.rate() / a.ingestRate();
            boolean met = ratio >= c.targetRatio() && b.problems().isEmpty();
            verdicts.add(met);
            p("ratio R_k / R_t            : %.2f  (%s / %s points/s; target >= %s)  %s", ratio, n(b.rate()),
                    n(a.ingestRate()), trim(c.targetRatio()), met ? "met" : "NOT met");
        } else {
            verdicts.add(false);
            p("ratio R_k / R_t            : - (phase B %s)  NOT met", bError == null ? "skipped" : "failed");
        }
        boolean live = a.kpiSeconds() >= 0 && a.problems().isEmpty();
        verdicts.add(live);
        p("kpi live, caught up        : %s%s", live ? "yes" : "NO (see A)", a.late() > 0 ? "  (! " + n(a.late())
                + " points dropped as late: arrived more than the allowed lateness behind their asset's clock)" : "");
        double target = c.targetQuerySeconds() * 1000;
        boolean fast = q.median() < target && q.p95() < target;
        verdicts.add(fast);
        p("OEE query median / p95     : %.1f / %.1f ms  (target < %s ms)  %s", q.median(), q.p95(),
                trim(target), fast ? "met" : "NOT met");
        p("query vs raw scan          : %.1f x faster (%.1f ms vs %.1f ms)", q.baselineMedian() / q.median(),
                q.median(), q.baselineMedian());
        boolean plausible = q.complete() > 0 && q.deviation() <= c.tolerance() && q.mixed() == 0;
        verdicts.add(plausible);
        p("answer plausible           : %s  (produced quantity within %s %% of the generated counters)",
                plausible ? "yes" : "NO", trim(c.tolerance() * 100));
        boolean all = verdicts.stream().allMatch(x -> x);
        System.out.println("RESULT: " + (all ? "targets met" : "target NOT met")
                + (c.strict() || all ? "" : " (exit status 0: set STRICT=1 to fail on a missed target)"));
        return all;
    }

    private static void p(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }

    private static String s(double seconds) {
        return seconds < 0 ? "not reached" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String lag(double t, double ingest) {
        return t < 0 ? "-" : String.format(Locale.ROOT, "%.2f", t - ingest);
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
