package io.converge.patch.domain;

import java.util.Locale;

/** The states of a campaign; COMPLETED, CANCELLED and FAILED are terminal. Written lower-case with dashes. */
public enum CampaignState {
    DRAFT, PENDING_APPROVAL, APPROVED, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** draft, pending-approval, …: the wire and database form. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return value();
    }

    public static CampaignState parse(String v) {
        for (CampaignState s : values()) {
            if (s.value().equalsIgnoreCase(v == null ? "" : v.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown campaign state '" + v + "'");
    }
}
