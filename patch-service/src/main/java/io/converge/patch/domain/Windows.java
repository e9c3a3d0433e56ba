package io.converge.patch.domain;

import java.time.Instant;

/**
 * Whether a device may be offered its update now: inside its site's maintenance window and, when the campaign has
 * its own (narrower) window, inside that one too. An absent window ({@code null}) is always open.
 */
public final class Windows {

    private Windows() {
    }

    public static boolean isOpen(Instant t, MaintenanceWindow siteWindow, MaintenanceWindow campaignWindow) {
        return (siteWindow == null || siteWindow.isOpen(t)) && (campaignWindow == null || campaignWindow.isOpen(t));
    }
}
