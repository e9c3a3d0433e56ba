package io.converge.kpi.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/**
 * A time-of-use energy price, in force on the given weekdays from {@code start} to {@code end} local time (the
 * site's zone). {@code end} before {@code start} crosses midnight into the next day; {@code end == start} is the
 * whole day. The weekday and the effective dates refer to the day the slot starts. {@code effectiveTo} is
 * inclusive; null means open-ended.
 */
public record Tariff(String id, double pricePerKwh, String currency, Set<DayOfWeek> days, LocalTime start,
                     LocalTime end, LocalDate effectiveFrom, LocalDate effectiveTo) {

    public Tariff {
        if (id == null || currency == null || days == null || start == null || end == null
                || effectiveFrom == null) {
            throw new IllegalArgumentException("tariff id, currency, days, start, end, effectiveFrom are required");
        }
        if (!Double.isFinite(pricePerKwh) || pricePerKwh < 0) {
            throw new IllegalArgumentException("tariff " + id + ": price per kWh must be finite and >= 0");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("tariff " + id + ": at least one weekday is required");
        }
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("tariff " + id + ": effectiveTo is before effectiveFrom");
        }
        days = Set.copyOf(days);
    }

    public boolean effectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    /** Slot length in seconds of local time (24 h when end == start). */
    public int lengthSeconds() {
        int s = start.toSecondOfDay();
        int e = end.toSecondOfDay();
        return e > s ? e - s : e - s + 86_400;
    }
}
