package io.converge.events;

/** CloudEvents {@code type} values published by patch-service on {@link Topics#PATCH_EVENTS}. */
public final class PatchEventTypes {
    public static final String SOURCE = "/converge/patch-service";
    /**
     * A device installed the firmware of its deployment action ({@link DeploymentEventData}); asset-service records
     * the asset's new firmware version from it.
     */
    public static final String DEPLOYMENT_SUCCEEDED = "io.converge.patch.deployment-succeeded";

    private PatchEventTypes() {
    }
}
