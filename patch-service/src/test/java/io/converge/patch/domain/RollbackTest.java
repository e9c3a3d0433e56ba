package io.converge.patch.domain;

import static io.converge.patch.domain.DeviceOutcome.FAILED;
import static io.converge.patch.domain.DeviceOutcome.IN_PROGRESS;
import static io.converge.patch.domain.DeviceOutcome.PENDING;
import static io.converge.patch.domain.DeviceOutcome.SUCCEEDED;
import static io.converge.patch.domain.DeviceOutcome.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.converge.patch.domain.Rollback.CampaignRollback;
import io.converge.patch.domain.Rollback.DeviceUpdate;
import io.converge.patch.domain.Rollback.Offer;
import io.converge.patch.domain.Rollback.Skipped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RollbackTest {

    static final String NEW = "3.1.0";

    static DeviceUpdate d(int n, String previous, DeviceOutcome outcome) {
        return new DeviceUpdate(new UUID(0, n), "PLC-" + n, previous, NEW, outcome);
    }

    @Test
    void aFailedOrTimedOutDeviceIsOfferedItsPreviousFirmware() {
        assertEquals(Optional.of(new Offer(new UUID(0, 1), "PLC-1", "2.9.1", NEW)),
                Rollback.forFailedDevice(d(1, "2.9.1", FAILED)));
        assertEquals(Optional.of(new Offer(new UUID(0, 2), "PLC-2", "2.8.0", NEW)),
                Rollback.forFailedDevice(d(2, "2.8.0", TIMED_OUT)));
        // not failed, nothing recorded, or nothing to go back to → no offer
        assertEquals(Optional.empty(), Rollback.forFailedDevice(d(3, "2.9.1", SUCCEEDED)));
        assertEquals(Optional.empty(), Rollback.forFailedDevice(d(4, "2.9.1", IN_PROGRESS)));
        assertEquals(Optional.empty(), Rollback.forFailedDevice(d(5, null, FAILED)));
        assertEquals(Optional.empty(), Rollback.forFailedDevice(d(6, NEW, FAILED)));
    }

    @Test
    void aCampaignRollbackOffersEverySuccessfullyUpdatedDeviceItsPreviousFirmware() {
        CampaignRollback r = Rollback.forCampaign(List.of(
                d(1, "2.9.1", SUCCEEDED), d(2, "2.8.0", SUCCEEDED), d(3, "2.9.1", FAILED), d(4, "2.9.1", PENDING),
                d(5, "2.9.1", TIMED_OUT), d(6, " ", SUCCEEDED), d(7, NEW, SUCCEEDED), d(8, "2.7.5", IN_PROGRESS)));
        assertEquals(List.of(new Offer(new UUID(0, 1), "PLC-1", "2.9.1", NEW),
                new Offer(new UUID(0, 2), "PLC-2", "2.8.0", NEW)), r.offers());
        assertEquals(List.of(
                new Skipped(new UUID(0, 6), "PLC-6", "no previous firmware was recorded before the update"),
                new Skipped(new UUID(0, 7), "PLC-7", "the previous firmware is the campaign's firmware 3.1.0")),
                r.skipped());
        assertEquals(new CampaignRollback(List.of(), List.of()), Rollback.forCampaign(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DeviceUpdate(new UUID(0, 1), "x", "1", null, FAILED));
    }
}
