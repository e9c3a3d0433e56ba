package io.converge.patch.domain;

import java.util.Locale;

/**
 * What a person or the service does to a campaign. SUBMIT, APPROVE, REJECT, SCHEDULE, PAUSE, RESUME and CANCEL come
 * from people (through the API); START, COMPLETE and FAIL come from the service itself (scheduler, wave supervisor),
 * and PAUSE also comes from the service on an error threshold or the KPI guard.
 */
public enum CampaignAction {
    SUBMIT, APPROVE, REJECT, SCHEDULE, START, PAUSE, RESUME, COMPLETE, FAIL, CANCEL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    public static CampaignAction parse(String v) {
        for (CampaignAction a : values()) {
            if (a.name().equalsIgnoreCase(v == null ? "" : v.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown campaign action '" + v + "'");
    }
}
