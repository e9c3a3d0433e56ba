package io.converge.patch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Optional body of {@code schedule}: when the campaign starts by itself ({@code startAt}, an ISO-8601 instant) and
 * why. A malformed body or instant is a 400 with {@code errors[]}; a start in the past (beyond {@link #SKEW} of clock
 * skew) or further ahead than allowed is a 422.
 */
public record ScheduleInput(String startAt, String reason) {

    /** A start this far in the past still counts as "now" (the client's clock may lag). */
    static final Duration SKEW = Duration.ofMinutes(1);

    static ScheduleInput read(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return new ScheduleInput(null, null);
        }
        ScheduleInput in;
        try {
            in = json.readValue(body, ScheduleInput.class);
        } catch (JsonProcessingException e) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST,
                    "the body must be {\"startAt\": \"<ISO-8601 instant>\", \"reason\": \"…\"}",
                    List.of(FieldError.of("body", "malformed body: " + io.converge.rest.JsonShapes.parseError(e))));
        }
        if (in == null) {
            return new ScheduleInput(null, null);
        }
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > RevokeInput.MAX_REASON) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields",
                    List.of(FieldError.of("reason", "at most " + RevokeInput.MAX_REASON + " characters")));
        }
        return new ScheduleInput(in.startAt(), reason);
    }

    /** The start time, checked against {@code now}; null when none was given. */
    Instant startAt(Instant now, Duration maxAhead) {
        if (startAt == null || startAt.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(startAt.strip());
        } catch (DateTimeParseException e) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields",
                    List.of(FieldError.of("startAt", "must be an ISO-8601 instant such as 2026-12-24T22:00:00Z")));
        }
        if (at.isBefore(now.minus(SKEW))) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "startAt " + at + " is in the past",
                    List.of(FieldError.of("startAt", "must not be in the past")));
        }
        if (at.isAfter(now.plus(maxAhead))) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "startAt " + at + " is more than "
                    + maxAhead.toDays() + " days ahead", List.of(FieldError.of("startAt", "too far ahead")));
        }
        return at;
    }
}
