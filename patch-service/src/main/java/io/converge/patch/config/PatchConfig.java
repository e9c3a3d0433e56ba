package io.converge.patch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.nio.file.Path;
import java.time.Duration;

/** Every setting of patch-service under {@code converge.*}; documented in the README's configuration section. */
@ConfigMapping(prefix = "converge")
public interface PatchConfig {

    Outbox outbox();

    Http http();

    Firmware firmware();

    Campaigns campaigns();

    /** The KPI guard on running campaigns. */
    Guard guard();

    /** The device protocol. */
    Devices devices();

    interface Devices {
        /** Most devices one gateway poll names, and most reports one gateway feedback carries (413 above). */
        @WithDefault("1000")
        int maxBatch();
    }

    /** The KPI guard on running campaigns (see KpiGuardSupervisor). */
    interface Guard {
        @WithDefault("true")
        boolean enabled();

        /** OEE drop (absolute, 0.05 = 5 points) of an updated line tolerated before the campaign is paused. */
        @WithDefault("0.05")
        double margin();

        /** How long after a device's update its line is watched. */
        @WithDefault("PT30M")
        Duration observation();

        /** The line's baseline: its mean OEE over this long before the campaign started. */
        @WithDefault("PT1H")
        Duration baseline();

        /** How often running campaigns are checked. */
        @WithDefault("60s")
        Duration interval();
    }

    interface Campaigns {
        /** Page size of the campaign and target lists when {@code limit} is absent, and its maximum. */
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("1000")
        int maxLimit();

        /** Page size asked of asset-service while resolving a target filter. */
        @WithDefault("500")
        int registryPageSize();

        /** Most targets one campaign may have (422 above): a bound on the frozen list resolved at creation. */
        @WithDefault("100000")
        int maxTargets();

        /** A device offered an update and silent this long (no poll answer acknowledged, no feedback) is timed out. */
        @WithDefault("PT30M")
        Duration deviceTimeout();

        /** How often the timeout sweep runs. */
        @WithDefault("60s")
        Duration sweepInterval();

        /** How often scheduled campaigns whose start time has come are started. */
        @WithDefault("15s")
        Duration startInterval();

        /** How far ahead a campaign may be scheduled. */
        @WithDefault("P366D")
        Duration maxScheduleAhead();
    }

    interface Http {
        /** Largest JSON body (413 problem+json above); firmware uploads have their own limit. */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    /** The firmware catalog. */
    interface Firmware {
        /**
         * Directory holding the artifacts (a volume in Kubernetes); uploads stream into {@code incoming/} below it
         * and are moved next to it once verified. Default in application.properties: java.io.tmpdir/converge-firmware.
         */
        Path storageDir();

        /** Largest artifact accepted (413 problem+json above; the partial file is deleted). */
        @WithDefault("512M")
        MemorySize maxSize();

        /**
         * After an upload over the limit without Content-Length, at most this much more is read and discarded so the
         * client receives the 413; beyond it the connection is closed.
         */
        @WithDefault("64M")
        MemorySize drainLimit();

        /** Page size of the firmware list when {@code limit} is absent, and its maximum. */
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("500")
        int maxLimit();
    }

    interface Outbox {
        @WithDefault("500")
        int batchSize();

        @WithDefault("5s")
        Duration interval();
    }
}
