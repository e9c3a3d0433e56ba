package io.converge.security.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** security-service settings ({@code converge.security.*}). */
@ConfigMapping(prefix = "converge.security")
public interface SecurityConfig {

    /** Intake limits. */
    Intake intake();

    /** Alert grouping and listing. */
    Alerts alerts();

    /** The syslog listener. */
    Syslog syslog();

    /** Context from other services: zones and conduits, maintenance windows, campaigns. */
    Context context();

    interface Intake {
        /** Most events one POST may carry (more → 413). */
        @WithDefault("1000")
        int maxBatch();

        /** Largest JSON body of a POST (more → 413). */
        @WithDefault("4M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** Syslog and Kafka events are gathered for at most this long before one transaction stores them. */
        @WithDefault("PT0.05S")
        Duration flushInterval();

        /** … or until this many are waiting. */
        @WithDefault("500")
        int flushSize();
    }

    interface Alerts {
        /** Matches of one rule on one asset within this long of the alert's last event are grouped into it. */
        @WithDefault("PT1H")
        Duration groupWindow();

        /**
         * Least time between two alert-updated events of one alert on converge.security.alerts: a raised alert and
         * every analyst change are published at once; more events grouped into an open alert publish its latest
         * state once this interval since its last publication is over (the SSE stream shows every change).
         */
        @WithDefault("PT5S")
        Duration publishInterval();

        @WithDefault("50")
        int defaultLimit();

        @WithDefault("500")
        int maxLimit();
    }

    interface Syslog {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        /** TCP port (RFC 6587 framing); negative = off. */
        @WithDefault("5514")
        int tcpPort();

        /** UDP port; negative = off. */
        @WithDefault("5514")
        int udpPort();

        /** Longest message kept; longer ones are cut. */
        @WithDefault("8192")
        int maxMessageBytes();
    }

    interface Context {
        /** How often zones and conduits are fetched from asset-service. */
        @WithDefault("60s")
        String refreshInterval();

        /** A deployment of a campaign covers a firmware change of its asset up to this long after it was offered. */
        @WithDefault("PT24H")
        Duration campaignCoverWindow();

        /** Longest time a maintenance-window answer of patch-service is reused. */
        @WithDefault("PT15M")
        Duration windowCacheTtl();
    }
}
