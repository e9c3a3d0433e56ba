package io.converge.events;

/** CloudEvents {@code type} values of facts reported on {@link Topics#SECURITY_EVENTS} by any service. */
public final class SecurityEventTypes {
    /** A security-relevant fact observed by a service ({@link SecurityFindingData}); subject = asset id if known. */
    public static final String FINDING = "io.converge.security.finding";

    /**
     * An event already normalized to OCSF by its producer (data = the OCSF document, with {@code class_uid}); e.g. a
     * connector forwarding firewall or badge-reader logs.
     */
    public static final String OCSF_EVENT = "io.converge.security.ocsf-event";

    /** Finding kinds reported by telemetry-service. */
    public static final String UNKNOWN_DEVICE = "unknown-device";
    public static final String TELEMETRY_FROM_QUARANTINED_ASSET = "telemetry-from-quarantined-asset";
    public static final String TELEMETRY_FROM_RETIRED_ASSET = "telemetry-from-retired-asset";

    /**
     * Finding kind reported by patch-service: an uploaded firmware artifact did not match its declared SHA-256 or its
     * detached signature did not verify with the vendor's registered key (the artifact was discarded).
     */
    public static final String FIRMWARE_INTEGRITY_FAILURE = "firmware-integrity-failure";

    private SecurityEventTypes() {
    }
}
