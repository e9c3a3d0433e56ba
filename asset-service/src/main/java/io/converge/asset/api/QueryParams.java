package io.converge.asset.api;

import io.converge.asset.config.AssetConfig;
import io.converge.rest.DomainException;
import io.converge.asset.domain.Enums;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Parses list query parameters; every bad value is a 400 naming the parameter (never a 404 or a 500). */
@ApplicationScoped
public class QueryParams {

    private final AssetConfig config;

    public QueryParams(AssetConfig config) {
        this.config = config;
    }

    /** The page size: a bad number is a 400 (a typed @QueryParam would turn it into a 404). */
    public int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return config.paging().defaultLimit();
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > config.paging().maxLimit()) {
            throw DomainException.badRequest("limit must be between 1 and " + config.paging().maxLimit());
        }
        return limit;
    }

    /** An optional whole number; anything else is a 400 naming the parameter. */
    public static Long longValue(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(name + " must be a UUID, not '" + value + "'");
        }
    }

    /** Comma-separated (or repeated) enum values. */
    public static <E extends Enum<E>> List<E> enums(String name, Class<E> type, List<String> values) {
        List<E> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(Enums.parse(type, part.trim()));
                } catch (IllegalArgumentException e) {
                    throw DomainException.badRequest(name + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    public static <E extends Enum<E>> E oneEnum(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value.trim()))
                    .findFirst().orElseGet(() -> Enums.parse(type, value.trim()));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(name + ": " + e.getMessage());
        }
    }

    /** {@code label=key:value} (repeatable): every label must match. */
    public static Map<String, String> labels(List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            int i = v.indexOf(':');
            if (i <= 0 || i == v.length() - 1) {
                throw DomainException.badRequest("label filters are key:value, not '" + v + "'");
            }
            out.put(v.substring(0, i), v.substring(i + 1));
        }
        return out;
    }

    /** Free text: bounded so a huge string is a clear 400, not a slow query. */
    public static String text(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw DomainException.badRequest(name + " is longer than " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
