package io.converge.security.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The OCSF 1.3 event classes Converge accepts, with their category. An event of any other {@code class_uid} is
 * refused (422) at the API; Kafka and syslog intake only produce these.
 *
 * <p>OCSF has no physical-access class: badge readings are {@link #AUTHENTICATION} events with
 * {@code auth_protocol = "badge"} (the door is the destination endpoint), door alarms (forced, held open) are
 * {@link #DETECTION_FINDING}s of the door controller.
 */
public enum OcsfClass {
    BASE_EVENT(0, "Base Event", 0, "Uncategorized"),
    FILE_SYSTEM_ACTIVITY(1001, "File System Activity", 1, "System Activity"),
    PROCESS_ACTIVITY(1007, "Process Activity", 1, "System Activity"),
    SECURITY_FINDING(2001, "Security Finding", 2, "Findings"),
    DETECTION_FINDING(2004, "Detection Finding", 2, "Findings"),
    ACCOUNT_CHANGE(3001, "Account Change", 3, "Identity & Access Management"),
    AUTHENTICATION(3002, "Authentication", 3, "Identity & Access Management"),
    NETWORK_ACTIVITY(4001, "Network Activity", 4, "Network Activity"),
    HTTP_ACTIVITY(4002, "HTTP Activity", 4, "Network Activity"),
    DEVICE_INVENTORY_INFO(5001, "Device Inventory Info", 5, "Discovery"),
    DEVICE_CONFIG_STATE_CHANGE(5019, "Device Config State Change", 5, "Discovery"),
    API_ACTIVITY(6003, "API Activity", 6, "Application Activity");

    private static final Map<Integer, OcsfClass> BY_UID = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(OcsfClass::uid, c -> c));

    private final int uid;
    private final String label;
    private final int categoryUid;
    private final String categoryName;

    OcsfClass(int uid, String label, int categoryUid, String categoryName) {
        this.uid = uid;
        this.label = label;
        this.categoryUid = categoryUid;
        this.categoryName = categoryName;
    }

    public int uid() {
        return uid;
    }

    public String label() {
        return label;
    }

    public int categoryUid() {
        return categoryUid;
    }

    public String categoryName() {
        return categoryName;
    }

    public static Optional<OcsfClass> of(int uid) {
        return Optional.ofNullable(BY_UID.get(uid));
    }

    /** OCSF severity_id → caption (0 Unknown … 6 Fatal, 99 Other). */
    public static String severityName(int id) {
        return switch (id) {
            case 0 -> "Unknown";
            case 1 -> "Informational";
            case 2 -> "Low";
            case 3 -> "Medium";
            case 4 -> "High";
            case 5 -> "Critical";
            case 6 -> "Fatal";
            case 99 -> "Other";
            default -> throw new IllegalArgumentException("severity_id must be 0-6 or 99, not " + id);
        };
    }

    /** A severity word (informational, low, medium, high, critical, fatal) → OCSF severity_id; unknown → 0. */
    public static int severityId(String name) {
        if (name == null) {
            return 0;
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "informational", "info", "debug", "notice" -> 1;
            case "low" -> 2;
            case "medium", "warning" -> 3;
            case "high", "error" -> 4;
            case "critical" -> 5;
            case "fatal", "emergency", "alert" -> 6;
            default -> 0;
        };
    }
}
