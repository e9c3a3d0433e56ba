package io.converge.security.domain;

import java.util.Locale;

/**
 * The severity of an alert: the rule's level weighted by what is at stake.
 *
 * <pre>
 *   score = min(100, round(level / 15 × 100 × w_criticality × w_zone))
 *   w_criticality: low 0.6, medium 0.8, high 1.0, critical 1.2, unknown asset 0.8
 *   w_zone       : 0.8 + 0.1 × SL-T of the asset's zone (SL-T 0 → 0.8 … SL-T 4 → 1.2); no zone known → 1.0
 *   severity     : score ≥ 80 critical, ≥ 60 high, ≥ 40 medium, ≥ 20 low, else info
 * </pre>
 * So a level-12 rule scores 80 (critical) on a high-criticality asset in an SL-T 2 zone, 96 on a critical one in
 * an SL-T 2 zone, and 38 (low) on a low-criticality asset in an SL-T 0 zone.
 */
public final class SeverityScore {

    private SeverityScore() {
    }

    public static int score(int level, String criticality, Integer zoneSlT) {
        if (level < 0 || level > 15) {
            throw new IllegalArgumentException("level must be 0-15");
        }
        double raw = level / 15.0 * 100 * criticalityWeight(criticality) * zoneWeight(zoneSlT);
        return (int) Math.min(100, Math.round(raw));
    }

    public static double criticalityWeight(String criticality) {
        if (criticality == null) {
            return 0.8;
        }
        return switch (criticality.toLowerCase(Locale.ROOT)) {
            case "low" -> 0.6;
            case "medium" -> 0.8;
            case "high" -> 1.0;
            case "critical" -> 1.2;
            default -> 0.8;
        };
    }

    public static double zoneWeight(Integer slT) {
        if (slT == null) {
            return 1.0;
        }
        int s = Math.max(0, Math.min(4, slT));
        return 0.8 + 0.1 * s;
    }

    /** The severity word of a score. */
    public static String severity(int score) {
        if (score >= 80) {
            return "critical";
        }
        if (score >= 60) {
            return "high";
        }
        if (score >= 40) {
            return "medium";
        }
        if (score >= 20) {
            return "low";
        }
        return "info";
    }

    /** OCSF severity_id of a severity word (info 1 … critical 5). */
    public static int ocsfSeverityId(String severity) {
        return switch (severity) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            case "low" -> 2;
            default -> 1;
        };
    }
}
