package io.converge.bench.patch;

/** The figures, the verdicts and a RESULTS.md table row. */
final class Report {

    private Report() {
    }

    static int print(Config cfg, PlanPhase.PlannerFigures p, PlanPhase.CampaignFigures c, double floor,
            FeedbackLoad.Figures f, long stored) {
        boolean planOk = p.planMedianMs() / 1000 < cfg.targetPlanSeconds();
        boolean feedbackOk = f.perSecond() >= cfg.targetFeedbackPerSecond();
        long lost = f.successesAcked() - stored;
        System.out.println();
        System.out.println("bench/patch results");
        System.out.printf("  planner            %,d targets: %.0f ms median (sort baseline %.0f ms, ratio %.1f)"
                + "  target < %.0f s: %s%n", p.targets(), p.planMedianMs(), p.sortMedianMs(), p.ratio(),
                cfg.targetPlanSeconds(), planOk ? "met" : "NOT met");
        System.out.printf("  campaign via API   %,d targets: %.2f s (asset-service listing %.2f s, ratio %.2f)"
                + " waves %s%n", c.targets(), c.createSeconds(), c.listSeconds(), c.ratio(), c.waveSizes());
        System.out.printf("  device feedback    %,d updates in %.1f s = %,.0f updates/s (%,d devices done, %,d polls,"
                + " %,d errors, %,d not offered)  target >= %,.0f/s: %s%n", f.feedback(), f.seconds(), f.perSecond(),
                f.devicesDone(), f.polls(), f.feedbackErrors(), f.devicesNotOffered(), cfg.targetFeedbackPerSecond(),
                feedbackOk ? "met" : "NOT met");
        System.out.printf("  feedback latency   p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", f.percentile(50),
                f.percentile(99), f.percentile(100));
        System.out.printf("  baseline           /q/health/live %,.0f req/s; feedback/baseline %.3f%n", floor,
                f.perSecond() / floor);
        System.out.printf("  acknowledged       %,d successes acked, %,d stored as succeeded, lost %d%n",
                f.successesAcked(), stored, lost);
        if (f.firstError() != null) {
            System.out.println("  first error        " + f.firstError());
        }
        System.out.println();
        System.out.println("RESULTS.md row:");
        System.out.printf("| %,d | %.0f ms | %.0f ms | %.2f s | %.2f s | %d | %,.0f | %,.0f | %.3f | %.1f ms | %.1f ms"
                + " | %d | %s |%n", p.targets(), p.planMedianMs(), p.sortMedianMs(), c.createSeconds(),
                c.listSeconds(), cfg.connections(), f.perSecond(), floor, f.perSecond() / floor, f.percentile(50),
                f.percentile(99), lost, planOk && feedbackOk && lost == 0 ? "**met**" : "not met");
        boolean ok = planOk && feedbackOk && lost == 0 && f.feedbackErrors() == 0;
        if (!ok && f.feedbackErrors() > 0) {
            System.out.println("feedback errors: " + f.feedbackErrors());
        }
        return ok || !cfg.strict() ? 0 : 1;
    }
}
