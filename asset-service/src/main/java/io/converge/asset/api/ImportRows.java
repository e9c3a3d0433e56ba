package io.converge.asset.api;

import io.converge.asset.domain.AssetDomain;
import io.converge.asset.domain.AssetDraft;
import io.converge.asset.domain.AssetStatus;
import io.converge.asset.domain.AssetType;
import io.converge.asset.domain.Criticality;
import io.converge.asset.domain.Enums;
import io.converge.asset.store.AssetBulkRepository.References;
import io.converge.rest.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a raw import row into an {@link AssetInput} and validates it with the same Bean Validation rules and messages
 * as the REST API. Wrong enum values and UUIDs are field errors of their row (the REST API answers 400 for them).
 */
final class ImportRows {

    /**
     * A row that passed phase 1, normalized and compact: {@code draft} carries the status as given (null: keep the
     * current one, or active for a new asset) and the node and zone ids as given; {@code location}/{@code zone} are
     * the codes still to be resolved to ids.
     */
    record ImportRow(int row, AssetDraft draft, String location, String zone) {

        /** The draft to write: node and zone resolved (null where a code is unknown), status defaulted. */
        AssetDraft resolve(References refs, AssetStatus fallbackStatus) {
            UUID node = location != null ? refs.nodesByCode().get(location) : draft.nodeId();
            UUID zoneId = zone != null ? refs.zonesByName().get(zone) : draft.zoneId();
            return draft.placed(node, zoneId, fallbackStatus);
        }
    }

    private ImportRows() {
    }

    /** The row, or null when it has errors (added to {@code errors}); repeating values shared via {@code values}. */
    static ImportRow map(ImportReader.RawRow raw, Validator validator, ImportValues values, List<FieldError> errors) {
        if (raw.broken()) {
            errors.addAll(raw.errors());
            return null;
        }
        long row = raw.row();
        List<FieldError> rowErrors = new ArrayList<>(raw.errors());
        Map<String, String> v = raw.values();
        Map<String, String> labels = raw.labels();
        if (v.get("labels") != null) {
            try {
                labels = AssetCsv.decodeLabels(v.get("labels"));
            } catch (IllegalArgumentException e) {
                rowErrors.add(new FieldError(row, "labels", e.getMessage()));
            }
        }
        AssetInput input = new AssetInput(v.get("tag"), v.get("name"), domain(row, v.get("domain"), rowErrors),
                parse(row, "type", AssetType.class, v.get("type"), rowErrors), v.get("vendor"), v.get("model"),
                v.get("serialNumber"), v.get("ipAddress"), v.get("macAddress"), uuid(row, "nodeId", v, rowErrors),
                uuid(row, "zoneId", v, rowErrors),
                parse(row, "criticality", Criticality.class, v.get("criticality"), rowErrors),
                v.get("firmwareVersion"), parse(row, "status", AssetStatus.class, v.get("status"), rowErrors),
                labels);
        String location = values.shared(trimmed(v.get("location")));
        String zone = values.shared(trimmed(v.get("zone")));
        if (location != null && input.nodeId() != null) {
            rowErrors.add(new FieldError(row, "location", "give nodeId or location, not both"));
        }
        if (zone != null && input.zoneId() != null) {
            rowErrors.add(new FieldError(row, "zone", "give zoneId or zone, not both"));
        }
        Set<String> reported = new HashSet<>();
        rowErrors.forEach(e -> reported.add(e.field()));
        List<FieldError> violations = new ArrayList<>();
        for (ConstraintViolation<AssetInput> cv : validator.validate(input)) {
            String field = cv.getPropertyPath().toString();
            // a value that could not be converted is reported once, not again as "must not be null"
            if (!reported.contains(field)) {
                violations.add(new FieldError(row, field, cv.getMessage()));
            }
        }
        violations.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        rowErrors.addAll(violations);
        if (!rowErrors.isEmpty()) {
            errors.addAll(rowErrors);
            return null;
        }
        // status null: a new asset starts active, an existing one keeps its status (resolved in phase 2)
        return new ImportRow((int) row, values.compact(input.toDraft(null)), location, zone);
    }

    private static AssetDomain domain(long row, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (AssetDomain d : AssetDomain.values()) {
            if (d.name().equalsIgnoreCase(value.trim())) {
                return d;
            }
        }
        errors.add(new FieldError(row, "domain", invalid(value, Enums.allowed(AssetDomain.class))));
        return null;
    }

    private static <E extends Enum<E>> E parse(long row, String field, Class<E> type, String value,
            List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enums.parse(type, value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(row, field, invalid(value, Enums.allowed(type))));
            return null;
        }
    }

    private static UUID uuid(long row, String field, Map<String, String> v, List<FieldError> errors) {
        String value = trimmed(v.get(field));
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(row, field, "must be a UUID, not '" + value + "'"));
            return null;
        }
    }

    private static String invalid(String value, String allowed) {
        return "invalid value '" + value + "'; allowed: " + allowed;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
