package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** Weeknights 22:00 for 8 h in Paris (winter: UTC+1, so 21:00Z → 05:00Z). 2025-01-06 is a Monday. */
    static final MaintenanceWindow WEEKNIGHTS = MaintenanceWindow.of("0 22 * * 1-5", Duration.ofHours(8),
            "Europe/Paris");

    @Test
    void opensAtTheFiringAndCrossesMidnightHalfOpen() {
        assertFalse(WEEKNIGHTS.isOpen(at("2025-01-06T20:59:59Z")));
        assertEquals(Optional.of(at("2025-01-06T21:00:00Z")), WEEKNIGHTS.nextOpening(at("2025-01-06T20:59:59Z")));
        assertTrue(WEEKNIGHTS.isOpen(at("2025-01-06T21:00:00Z")));          // 22:00 local, the firing itself
        assertTrue(WEEKNIGHTS.isOpen(at("2025-01-06T23:30:00Z")));          // 00:30 local Tuesday
        assertTrue(WEEKNIGHTS.isOpen(at("2025-01-07T04:59:59Z")));          // 05:59:59 local
        assertEquals(Optional.of(at("2025-01-07T05:00:00Z")), WEEKNIGHTS.closesAt(at("2025-01-07T04:59:59Z")));
        assertFalse(WEEKNIGHTS.isOpen(at("2025-01-07T05:00:00Z")));         // 06:00 local: closed (half-open)
        assertEquals(Optional.empty(), WEEKNIGHTS.closesAt(at("2025-01-07T05:00:00Z")));
    }

    @Test
    void weekdaysOnlyFridayNightRunsIntoSaturdayAndTheWeekendIsClosed() {
        assertTrue(WEEKNIGHTS.isOpen(at("2025-01-11T03:00:00Z")));          // Saturday 04:00 local, Friday's window
        assertFalse(WEEKNIGHTS.isOpen(at("2025-01-11T21:30:00Z")));         // Saturday 22:30 local
        assertEquals(Optional.of(at("2025-01-13T21:00:00Z")), WEEKNIGHTS.nextOpening(at("2025-01-11T12:00:00Z")));
        assertEquals(Optional.of(at("2025-01-13T21:00:00Z")),
                WEEKNIGHTS.nextOpenInstant(at("2025-01-11T12:00:00Z")));
        assertEquals(Optional.of(at("2025-01-07T01:00:00Z")),
                WEEKNIGHTS.nextOpenInstant(at("2025-01-07T01:00:00Z")));   // open now → now
    }

    @Test
    void springForwardInParis() {
        MaintenanceWindow nightly = MaintenanceWindow.of("0 22 * * *", Duration.ofHours(8), "Europe/Paris");
        // Sat 2025-03-29 22:00 CET = 21:00Z; closes Sun 06:00 CEST = 04:00Z: 7 h of real time (wall-clock duration)
        assertTrue(nightly.isOpen(at("2025-03-29T21:00:00Z")));
        assertTrue(nightly.isOpen(at("2025-03-30T03:59:59Z")));
        assertFalse(nightly.isOpen(at("2025-03-30T04:00:00Z")));
        // Sun 22:00 is now CEST: 20:00Z
        assertEquals(Optional.of(at("2025-03-30T20:00:00Z")), nightly.nextOpening(at("2025-03-30T04:00:00Z")));

        // 02:00 does not exist on 2025-03-30 in Paris: that night's firing is skipped (cron-utils' behaviour)
        MaintenanceWindow twoAm = MaintenanceWindow.of("0 2 * * *", Duration.ofHours(1), "Europe/Paris");
        assertTrue(twoAm.isOpen(at("2025-03-29T01:30:00Z")));               // Sat 02:30 CET
        assertFalse(twoAm.isOpen(at("2025-03-30T01:30:00Z")));              // Sun 03:30 CEST: no window
        assertEquals(Optional.of(at("2025-03-31T00:00:00Z")), twoAm.nextOpening(at("2025-03-29T12:00:00Z")));
    }

    @Test
    void fallBackInParis() {
        MaintenanceWindow nightly = MaintenanceWindow.of("0 22 * * *", Duration.ofHours(8), "Europe/Paris");
        // Sat 2025-10-25 22:00 CEST = 20:00Z; closes Sun 06:00 CET = 05:00Z: 9 h of real time
        assertTrue(nightly.isOpen(at("2025-10-25T20:00:00Z")));
        assertTrue(nightly.isOpen(at("2025-10-26T04:59:59Z")));
        assertFalse(nightly.isOpen(at("2025-10-26T05:00:00Z")));
        // 02:30 local happens twice (00:30Z CEST and 01:30Z CET): a 02:00–03:00 window covers both
        MaintenanceWindow twoAm = MaintenanceWindow.of("0 2 * * *", Duration.ofHours(1), "Europe/Paris");
        assertFalse(twoAm.isOpen(at("2025-10-25T23:59:59Z")));
        assertTrue(twoAm.isOpen(at("2025-10-26T00:30:00Z")));
        assertTrue(twoAm.isOpen(at("2025-10-26T01:30:00Z")));
        assertFalse(twoAm.isOpen(at("2025-10-26T02:00:00Z")));              // 03:00 CET
    }

    @Test
    void aWindowLongerThanItsPeriodIsAlwaysOpenAndOneThatNeverFiresNeverOpens() {
        MaintenanceWindow hourly = MaintenanceWindow.of("0 * * * *", Duration.ofHours(2), "UTC");
        for (String t : new String[] {"2025-05-01T00:00:00Z", "2025-05-01T13:59:59Z", "2025-05-02T07:30:00Z"}) {
            assertTrue(hourly.isOpen(at(t)), t);
        }
        MaintenanceWindow feb30 = MaintenanceWindow.of("0 0 30 2 *", Duration.ofHours(1), "UTC");
        assertFalse(feb30.isOpen(at("2025-03-01T00:30:00Z")));
        assertEquals(Optional.empty(), feb30.nextOpening(at("2025-01-01T00:00:00Z")));
    }

    @Test
    void invalidCronZoneAndDurationAreRefusedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindow.of("61 * * * *", Duration.ofHours(1), "UTC"));
        assertTrue(e.getMessage().startsWith("invalid cron expression '61 * * * *': "), e.getMessage());
        assertTrue(e.getMessage().contains("59"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.of("* * * *", Duration.ofHours(1), "UTC"));
        // Quartz syntax (seconds field, ?) is not UNIX cron
        assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindow.of("0 0 22 ? * *", Duration.ofHours(1), "UTC"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindow.of(" ", Duration.ofHours(1), "UTC")).getMessage().contains("empty"));

        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindow.of("0 22 * * *", Duration.ofHours(1), "Europe/Pariss"));
        assertEquals("unknown time zone 'Europe/Pariss': expected an IANA id such as Europe/Paris", z.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.of("0 22 * * *", Duration.ofHours(1), ""));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.of("0 22 * * *", Duration.ZERO, "UTC"));
        assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindow.of("0 22 * * *", Duration.ofMinutes(-5), "UTC"));
        // names and ranges are fine
        assertEquals("0 22 * * MON-FRI",
                MaintenanceWindow.of(" 0 22 * * MON-FRI ", Duration.ofHours(1), "Europe/Paris").cron());
    }

    @Test
    void siteAndCampaignWindowsMustBothBeOpenAndAnAbsentOneIsAlwaysOpen() {
        MaintenanceWindow site = MaintenanceWindow.of("0 22 * * *", Duration.ofHours(8), "Europe/Paris");
        MaintenanceWindow campaign = MaintenanceWindow.of("0 1 * * *", Duration.ofHours(2), "Europe/Paris");
        Instant both = at("2025-01-07T00:30:00Z");      // 01:30 local: 22–06 and 01–03
        Instant siteOnly = at("2025-01-06T22:00:00Z");  // 23:00 local
        Instant neither = at("2025-01-07T12:00:00Z");   // 13:00 local
        assertTrue(Windows.isOpen(both, site, campaign));
        assertFalse(Windows.isOpen(siteOnly, site, campaign));
        assertFalse(Windows.isOpen(neither, site, campaign));
        assertTrue(Windows.isOpen(siteOnly, site, null));
        assertTrue(Windows.isOpen(both, null, campaign));
        assertFalse(Windows.isOpen(neither, null, campaign));
        assertTrue(Windows.isOpen(neither, null, null));
        // a campaign window outside the site window never opens a device
        MaintenanceWindow noon = MaintenanceWindow.of("0 12 * * *", Duration.ofHours(1), "Europe/Paris");
        assertFalse(Windows.isOpen(at("2025-01-07T11:30:00Z"), site, noon));
    }
}
