package io.converge.patch.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which firmware to offer on a rollback. The firmware a device ran is recorded before its update
 * ({@link DeviceUpdate#previousFirmware}); a rollback offers exactly that version again.
 * <ul>
 *   <li>Device rollback: a device whose update FAILED or TIMED_OUT is offered its previous firmware.</li>
 *   <li>Campaign rollback: every device the campaign updated successfully (SUCCEEDED) is offered its previous
 *       firmware; devices the campaign did not update (pending, in progress, failed, timed out) are not part of it
 *       (a failed device has its own device rollback).</li>
 *   <li>No offer when no previous firmware was recorded (unknown before the update) or when it equals the campaign's
 *       firmware (nothing to go back to); a campaign rollback lists those devices as skipped with the reason.</li>
 * </ul>
 */
public final class Rollback {

    /**
     * One device's update in a campaign.
     *
     * @param previousFirmware the version the device ran before the update, null when it was unknown
     * @param campaignFirmware the version the campaign installs
     */
    public record DeviceUpdate(UUID assetId, String tag, String previousFirmware, String campaignFirmware,
                               DeviceOutcome outcome) {
        public DeviceUpdate {
            if (assetId == null || tag == null || campaignFirmware == null || outcome == null) {
                throw new IllegalArgumentException("assetId, tag, campaignFirmware and outcome are required");
            }
        }
    }

    /** Offer {@code firmware} (the previous version) to the device as a rollback, replacing {@code replacing}. */
    public record Offer(UUID assetId, String tag, String firmware, String replacing) {
    }

    public record Skipped(UUID assetId, String tag, String reason) {
    }

    /** The offers of a campaign rollback and the updated devices that cannot be rolled back, with why. */
    public record CampaignRollback(List<Offer> offers, List<Skipped> skipped) {
        public CampaignRollback {
            offers = List.copyOf(offers);
            skipped = List.copyOf(skipped);
        }
    }

    private Rollback() {
    }

    /** The previous firmware for a failed or timed-out device; empty otherwise or when there is none to offer. */
    public static Optional<Offer> forFailedDevice(DeviceUpdate d) {
        if (!d.outcome().error() || whyNot(d) != null) {
            return Optional.empty();
        }
        return Optional.of(new Offer(d.assetId(), d.tag(), d.previousFirmware(), d.campaignFirmware()));
    }

    /** Every successfully updated device back to its previous firmware. */
    public static CampaignRollback forCampaign(List<DeviceUpdate> updates) {
        List<Offer> offers = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (DeviceUpdate d : updates) {
            if (d.outcome() != DeviceOutcome.SUCCEEDED) {
                continue;
            }
            String why = whyNot(d);
            if (why == null) {
                offers.add(new Offer(d.assetId(), d.tag(), d.previousFirmware(), d.campaignFirmware()));
            } else {
                skipped.add(new Skipped(d.assetId(), d.tag(), why));
            }
        }
        return new CampaignRollback(offers, skipped);
    }

    private static String whyNot(DeviceUpdate d) {
        if (d.previousFirmware() == null || d.previousFirmware().isBlank()) {
            return "no previous firmware was recorded before the update";
        }
        if (d.previousFirmware().equals(d.campaignFirmware())) {
            return "the previous firmware is the campaign's firmware " + d.campaignFirmware();
        }
        return null;
    }
}
