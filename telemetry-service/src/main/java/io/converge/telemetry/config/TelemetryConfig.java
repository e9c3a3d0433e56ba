package io.converge.telemetry.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of telemetry-service under {@code converge.*}; documented in the README's configuration section. */
@ConfigMapping(prefix = "converge")
public interface TelemetryConfig {

    Ingest ingest();

    Retention retention();

    Query query();

    Outbox outbox();

    Registry registry();

    Mqtt mqtt();

    interface Ingest {
        /** Most points in one HTTP batch; more → 413. */
        @WithDefault("10000")
        int maxBatch();

        /** Largest ingest body (JSON array or NDJSON); more → 413 before anything is read. */
        @WithDefault("16M")
        MemorySize maxBodySize();

        /** How far in the future a timestamp may be (clock skew of devices). */
        @WithDefault("PT5M")
        Duration futureTolerance();

        /** Longest text state and message id. */
        @WithDefault("256")
        int maxTextLength();

        /** At most one security event per (asset tag, reason) in this interval; the event carries the count. */
        @WithDefault("PT1M")
        Duration securityEventInterval();
    }

    interface Retention {
        /** Points older than this many days are refused, and their daily partitions dropped. */
        @WithDefault("30")
        int days();

        /** Daily partitions created ahead of today. */
        @WithDefault("3")
        int daysAhead();
    }

    interface Query {
        /** Most buckets one series query may return; more → 400 asking for a larger bucket. */
        @WithDefault("10000")
        int maxBuckets();

        /** Bucket used when the query gives none: the smallest "nice" width giving at most this many buckets. */
        @WithDefault("500")
        int defaultBuckets();
    }

    interface Outbox {
        @WithDefault("50")
        int batchSize();

        /** Relay tick (the relay also runs right after each commit). */
        @WithDefault("5s")
        String interval();
    }

    interface Registry {
        /** Full reload of the local asset view from asset-service, on top of the asset events. */
        @WithDefault("PT10M")
        Duration resyncInterval();

        /** Page size of the reload. */
        @WithDefault("500")
        int pageSize();
    }

    interface Mqtt {
        /** Broker host, port and the client id prefix (-json, -spb, -cmd are appended per channel). */
        String host();

        int port();

        String clientId();

        /** Messages grouped into one database transaction (then acknowledged together). */
        @WithDefault("200")
        int batchMessages();

        /** Longest wait for a group to fill. */
        @WithDefault("PT0.02S")
        Duration batchLinger();

        /**
         * Messages one ingest session may hold unacknowledged before its socket is paused (resumed at half); keep
         * the channels' buffer-size well above it (see MqttFlowControl).
         */
        @WithDefault("4000")
        int maxUnacknowledged();

        /** Label of an asset naming its Sparkplug B device as group/edgeNode/device (else the device id is the tag). */
        @WithDefault("sparkplug")
        String sparkplugLabel();
    }
}
