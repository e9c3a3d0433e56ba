package io.converge.bench.patch;

/** The figures, the verdicts and a RESULTS.md table row. */
final class Report {

    private Report() {
    }

    /** {@code g}: the gateway path's figures, null when it did not run. */
    static int print(Config cfg, PlanPhase.PlannerFigures p, PlanPhase.CampaignFigures c, double floor,
            FeedbackLoad.Figures f, FeedbackLoad.Figures g, long stored) {
        boolean planOk = p.planMedianMs() / 1000 < cfg.targetPlanSeconds();
        double best = Math.max(f.perSecond(), g == null ? 0 : g.perSecond());
        boolean feedbackOk = best >= cfg.targetFeedbackPerSecond();
        long acked = f.successesAcked() + (g == null ? 0 : g.successesAcked());
        long errors = f.feedbackErrors() + (g == null ? 0 : g.feedbackErrors());
        long lost = acked - stored;
        System.out.println();
        System.out.println("bench/patch results");
        System.out.printf("  planner            %,d targets: %.0f ms median (sort baseline %.0f ms, ratio %.1f)"
                + "  target < %.0f s: %s%n", p.targets(), p.planMedianMs(), p.sortMedianMs(), p.ratio(),
                cfg.targetPlanSeconds(), planOk ? "met" : "NOT met");
        System.out.printf("  campaign via API   %,d targets: %.2f s (asset-service listing %.2f s, ratio %.2f)"
                + " waves %s%n", c.targets(), c.createSeconds(), c.listSeconds(), c.ratio(), c.waveSizes());
        System.out.printf("  baseline           /q/health/live %,.0f req/s at %d connections%n", floor,
                cfg.connections());
        line("one device per call", f, floor, cfg.connections() + " connections");
        if (g != null) {
            line("gateway calls", g, floor, cfg.gatewayBatch() + " reports per call, " + cfg.gatewayConnections()
                    + " connections");
        }
        System.out.printf("  target             >= %,.0f updates/s: %s (best path %,.0f/s)%n",
                cfg.targetFeedbackPerSecond(), feedbackOk ? "met" : "NOT met", best);
        System.out.printf("  acknowledged       %,d successes acked, %,d stored as succeeded, lost %d, errors %d%n",
                acked, stored, lost, errors);
        for (FeedbackLoad.Figures x : g == null ? new FeedbackLoad.Figures[] {f} : new FeedbackLoad.Figures[] {f, g}) {
            if (x.firstError() != null) {
                System.out.println("  first error        " + x.firstError());
            }
        }
        System.out.println();
        System.out.println("RESULTS.md row:");
        System.out.printf("| %,d | %.0f ms | %.0f ms | %.2f s | %.2f s | %,.0f | %,.0f (p99 %.0f ms) | %s | %d | %s |%n",
                p.targets(), p.planMedianMs(), p.sortMedianMs(), c.createSeconds(), c.listSeconds(), floor,
                f.perSecond(), f.percentile(99), g == null ? "—" : String.format("%,.0f (p99 %.0f ms per call)",
                        g.perSecond(), g.percentile(99)), lost,
                planOk && feedbackOk && lost == 0 && errors == 0 ? "**met**" : "not met");
        boolean ok = planOk && feedbackOk && lost == 0 && errors == 0;
        return ok || !cfg.strict() ? 0 : 1;
    }

    private static void line(String name, FeedbackLoad.Figures f, double floor, String how) {
        System.out.printf("  %-18s %,d updates in %.1f s = %,.0f updates/s (%s; %,d devices done, %,d polls,"
                + " %,d errors, %,d not offered); latency p50 %.1f ms, p99 %.1f ms; %.3f × baseline%n", name,
                f.feedback(), f.seconds(), f.perSecond(), how, f.devicesDone(), f.polls(), f.feedbackErrors(),
                f.devicesNotOffered(), f.percentile(50), f.percentile(99), f.perSecond() / floor);
    }
}
