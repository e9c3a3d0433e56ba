package io.converge.security.intake;

import io.converge.security.domain.SecurityEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One received event on its way in: normalized ({@code event}) or not ({@code error}, kept raw with it).
 *
 * @param channel api, kafka, syslog-tcp or syslog-udp
 */
public record Intake(String channel, String raw, SecurityEvent event, String error, Instant received) {

    public static Intake ok(String channel, String raw, SecurityEvent e) {
        return new Intake(channel, raw, e, null, Instant.now());
    }

    public static Intake failed(String channel, String raw, String error) {
        return new Intake(channel, raw, null, error, Instant.now());
    }

    public UUID id() {
        return event != null ? event.id() : null;
    }
}
