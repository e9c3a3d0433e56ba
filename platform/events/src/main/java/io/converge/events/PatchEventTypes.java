package io.converge.events;

/** CloudEvents {@code type} values published by patch-service on {@link Topics#PATCH_EVENTS}. */
public final class PatchEventTypes {
    public static final String SOURCE = "/converge/patch-service";
    /**
     * A device installed the firmware of its deployment action ({@link DeploymentEventData}); asset-service records
     * the asset's new firmware version from it.
     */
    public static final String DEPLOYMENT_SUCCEEDED = "io.converge.patch.deployment-succeeded";

    /** A campaign was created or changed state ({@link CampaignEventData}). */
    public static final String CAMPAIGN_STATE_CHANGED = "io.converge.patch.campaign-state-changed";

    /** Firmware passed its SHA-256 and signature checks and entered the catalog ({@link FirmwareEventData}). */
    public static final String FIRMWARE_VERIFIED = "io.converge.patch.firmware-verified";
    /** Firmware was released: campaigns may now use it ({@link FirmwareEventData}). */
    public static final String FIRMWARE_RELEASED = "io.converge.patch.firmware-released";
    /** Firmware was revoked: no new campaign may use it and running ones stop ({@link FirmwareEventData}). */
    public static final String FIRMWARE_REVOKED = "io.converge.patch.firmware-revoked";

    private PatchEventTypes() {
    }
}
