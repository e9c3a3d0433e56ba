package io.converge.kpi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Every setting of kpi-service under {@code converge.*}; documented in the README's configuration section. */
@ConfigMapping(prefix = "converge")
public interface KpiConfig {

    Windows windows();

    States states();

    Query query();

    Outbox outbox();

    Kafka kafka();

    Maintenance maintenance();

    Alarms alarms();

    interface Alarms {
        /**
         * How often each replica reloads alarm rules and open alarms from the database. A rule written through this
         * replica applies at once; this interval bounds how long other replicas use the old rule.
         */
        @WithDefault("PT30S")
        Duration refreshInterval();

        /** Alarms per list page when no limit is given. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest list limit (400 above). */
        @WithDefault("500")
        int maxLimit();

        /** Longest description of a rule (characters). */
        @WithDefault("500")
        int maxDescription();
    }

    interface Kafka {
        /** The consumer group every replica shares (partitions, keyed by asset id, are split among them). */
        @WithDefault("kpi-service")
        String group();
    }

    interface Windows {
        /** Tumbling window widths computed as points arrive; each must divide the next (e.g. 1 min, 1 h). */
        @WithDefault("PT1M,PT1H")
        List<Duration> widths();

        /** A window closes once the asset's latest sample is this far past its end (counters need the next sample). */
        @WithDefault("PT30S")
        Duration closeDelay();

        /**
         * Points up to this much older than the asset's latest sample still correct their (closed) windows, which are
         * published again with revision + 1; older points are dropped and counted.
         */
        @WithDefault("PT15M")
        Duration allowedLateness();

        /**
         * An asset that sent nothing for this long (wall clock) has its windows closed up to its latest sample plus
         * the state max gap (after that its state is unknown anyway), so a machine that stopped reporting still gets
         * its windows.
         */
        @WithDefault("PT5M")
        Duration idleClose();

        /** How often the window worker looks for windows to compute (it also runs after every consumed batch). */
        @WithDefault("1s")
        Duration interval();

        /** Most assets one worker pass computes. */
        @WithDefault("200")
        int assetsPerPass();

        /** Consumed event ids are remembered this long (longer than any redelivery). */
        @WithDefault("P7D")
        Duration dedupRetention();
    }

    interface States {
        /** A state holds until the next sample, but for at most this long; then the time is unknown. */
        @WithDefault("PT10M")
        Duration maxGap();

        /** DOWN and IDLE runs shorter than this are small stops. */
        @WithDefault("PT5M")
        Duration smallStopThreshold();

        /** Down reasons that count as setup and adjustments. */
        @WithDefault("setup,changeover")
        Set<String> setupReasons();
    }

    interface Query {
        /** Most buckets one KPI query may return; more → 400 asking for a larger bucket. */
        @WithDefault("10000")
        int maxBuckets();
    }

    interface Outbox {
        @WithDefault("50")
        int batchSize();

        @WithDefault("5s")
        Duration interval();
    }

    /** Predictive maintenance from condition bindings (see the README, "Predictive maintenance"). */
    interface Maintenance {
        /** A recommendation opens when the predicted crossing is at most this far ahead of the latest sample. */
        @WithDefault("PT72H")
        Duration horizon();

        /** Least trend confidence (0–1) that opens a recommendation; an already crossed threshold needs none. */
        @WithDefault("0.5")
        double minConfidence();

        /**
         * Hysteresis against flapping: an open recommendation resolves only when the crossing is beyond
         * horizon × (1 + this) or the confidence below minConfidence × (1 − this), or the trend is gone.
         */
        @WithDefault("0.1")
        double resolveHysteresis();

        /** EWMA smoothing factor of a binding that sets none, in (0, 1]. */
        @WithDefault("0.2")
        double defaultAlpha();

        /** Regression window (samples) of a binding that sets none. */
        @WithDefault("240")
        int defaultWindow();

        /** Largest window a binding may ask for (memory: one predictor holds that many samples). */
        @WithDefault("5000")
        int maxWindow();

        /**
         * |z| above this flags an anomaly. 4 rather than the textbook 3: at one sample a minute, 3 flags several
         * ordinary samples a day per metric (more with the t-like tails of a small window), 4 about one in 10⁴.
         */
        @WithDefault("4.0")
        double zThreshold();

        /** Re-publish an open recommendation when its predicted crossing moved by more than this share of the time left. */
        @WithDefault("0.1")
        double republishFraction();

        /** ... and by at least this much (no chatter close to the crossing). */
        @WithDefault("PT10M")
        Duration republishMinShift();

        /** How often the binding cache is reloaded (bindings written through another replica). */
        @WithDefault("PT1M")
        Duration refresh();

        /** Default and largest {@code limit} of the maintenance list. */
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("500")
        int maxLimit();
    }
}
