package io.converge.patch.api;

import io.converge.patch.domain.Criticality;
import io.converge.patch.domain.MaintenanceWindow;
import io.converge.patch.domain.PlanSpec;
import io.converge.patch.domain.WaveProgress;
import io.converge.patch.registry.TargetQuery;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a {@link CampaignInput}: every malformed or missing field is collected into one 400 problem with
 * {@code errors[]}; a well-formed but invalid maintenance window (cron, duration, time zone) is a 422 with its field
 * errors. Nothing is looked up here (firmware and targets are checked afterwards).
 */
public final class CampaignRequests {

    public static final int MAX_NAME = 200;
    public static final double DEFAULT_SUCCESS = 95;
    public static final double DEFAULT_ERROR = 10;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,49}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
    private static final int MAX_LIST = 50;

    /** A checked creation request; {@code filter} and {@code plan} are the normalized forms stored with it. */
    public record Checked(String name, UUID firmwareId, TargetQuery query, List<String> models, PlanSpec spec,
            WaveProgress.Thresholds thresholds, MaintenanceWindow window, Map<String, Object> filter,
            Map<String, Object> plan) {
    }

    private CampaignRequests() {
    }

    public static Checked check(CampaignInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "a JSON body is required",
                    List.of(FieldError.of("", "a JSON body is required")));
        }
        String name = in.name() == null ? null : in.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.of("name", "is required"));
        } else if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.of("name", "at most " + MAX_NAME + " characters, no control characters"));
        }
        UUID firmwareId = uuid("firmwareId", in.firmwareId(), true, errors);
        CampaignInput.Filter f = in.target();
        TargetQuery query = null;
        List<String> models = List.of();
        Map<String, Object> filter = new LinkedHashMap<>();
        if (f == null) {
            errors.add(FieldError.of("target", "is required (an empty filter {} targets every compatible asset)"));
        } else {
            UUID site = uuid("target.site", f.site(), false, errors);
            UUID line = uuid("target.line", f.line(), false, errors);
            UUID zone = uuid("target.zone", f.zone(), false, errors);
            List<String> types = list("target.type", f.type(), TYPE, errors);
            models = list("target.model", f.model(), Params.NAME_PATTERN, errors);
            List<String> crits = new ArrayList<>();
            for (String c : list("target.criticality", f.criticality(), null, errors)) {
                try {
                    crits.add(Criticality.parse(c).value());
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.of("target.criticality", e.getMessage()));
                }
            }
            String firmware = f.firmware();
            if (firmware != null && !Params.VERSION_PATTERN.matcher(firmware).matches()) {
                errors.add(FieldError.of("target.firmware", "is not a firmware version"));
            }
            List<String> labels = new ArrayList<>();
            Map<String, String> given = f.labels() == null ? Map.of() : f.labels();
            if (given.size() > MAX_LIST) {
                errors.add(FieldError.of("target.labels", "at most " + MAX_LIST + " labels"));
            }
            given.forEach((k, v) -> {
                if (k == null || !LABEL_KEY.matcher(k).matches()) {
                    errors.add(FieldError.of("target.labels", "'" + k + "' is not a label key"));
                } else if (v == null || v.isBlank() || v.length() > 200) {
                    errors.add(FieldError.of("target.labels." + k, "a value of 1 to 200 characters is required"));
                } else {
                    labels.add(k + ":" + v);
                }
            });
            query = new TargetQuery(site, line, types, zone, crits, firmware, labels);
            put(filter, "site", site);
            put(filter, "line", line);
            put(filter, "type", types.isEmpty() ? null : types);
            put(filter, "model", models.isEmpty() ? null : models);
            put(filter, "firmware", firmware);
            put(filter, "zone", zone);
            put(filter, "criticality", crits.isEmpty() ? null : crits);
            put(filter, "labels", given.isEmpty() ? null : new LinkedHashMap<>(given));
        }
        Plan plan = plan(in.plan(), errors);
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the request has invalid fields", errors);
        }
        MaintenanceWindow window = window(in.plan().window());
        Map<String, Object> stored = plan.stored;
        if (window != null) {
            stored.put("window", Map.of("cron", window.cron(), "duration", window.duration().toString(),
                    "zone", window.zone().getId()));
        }
        return new Checked(name, firmwareId, query, models, plan.spec, plan.thresholds, window, filter, stored);
    }

    private record Plan(PlanSpec spec, WaveProgress.Thresholds thresholds, Map<String, Object> stored) {
    }

    private static Plan plan(CampaignInput.Plan p, List<FieldError> errors) {
        if (p == null) {
            errors.add(FieldError.of("plan", "is required"));
            return null;
        }
        int before = errors.size();
        PlanSpec.Canary canary = null;
        if ((p.canaryDevices() == null) == (p.canaryPercent() == null)) {
            errors.add(FieldError.of("plan.canaryDevices", "give exactly one of canaryDevices or canaryPercent"));
        } else {
            try {
                canary = p.canaryDevices() != null ? new PlanSpec.Devices(p.canaryDevices())
                        : new PlanSpec.Percent(p.canaryPercent());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(p.canaryDevices() != null ? "plan.canaryDevices" : "plan.canaryPercent",
                        e.getMessage()));
            }
        }
        if (p.wavePercents() != null && p.wavePercents().size() > MAX_LIST) {
            errors.add(FieldError.of("plan.wavePercents", "at most " + MAX_LIST + " waves"));
        }
        if (p.maxLineShare() == null || !(p.maxLineShare() > 0 && p.maxLineShare() <= 1)) {
            errors.add(FieldError.of("plan.maxLineShare", "is required, in (0, 1], got " + p.maxLineShare()));
        }
        double success = p.successThreshold() == null ? DEFAULT_SUCCESS : p.successThreshold();
        double error = p.errorThreshold() == null ? DEFAULT_ERROR : p.errorThreshold();
        WaveProgress.Thresholds thresholds = null;
        try {
            thresholds = new WaveProgress.Thresholds(success, error);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(e.getMessage().startsWith("success") ? "plan.successThreshold"
                    : "plan.errorThreshold", e.getMessage()));
        }
        PlanSpec spec = null;
        if (canary != null && errors.size() == before) {
            try {
                spec = new PlanSpec(canary, p.wavePercents(), p.maxLineShare());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(e.getMessage().startsWith("maxLineShare") ? "plan.maxLineShare"
                        : "plan.wavePercents", e.getMessage()));
            }
        }
        if (p.window() != null && (p.window().cron() == null || p.window().duration() == null
                || p.window().zone() == null)) {
            errors.add(FieldError.of("plan.window", "cron, duration and zone are all required"));
        }
        if (errors.size() > before) {
            return null;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        put(stored, "canaryDevices", p.canaryDevices());
        put(stored, "canaryPercent", p.canaryPercent());
        stored.put("wavePercents", spec.wavePercents());
        stored.put("maxLineShare", spec.maxLineShare());
        stored.put("successThreshold", thresholds.successPercent());
        stored.put("errorThreshold", thresholds.errorPercent());
        return new Plan(spec, thresholds, stored);
    }

    /** The campaign's own window, or null; invalid cron, duration or zone → 422 naming each field. */
    private static MaintenanceWindow window(CampaignInput.Window w) {
        if (w == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        try {
            MaintenanceWindow.parse(w.cron());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("plan.window.cron", e.getMessage()));
        }
        Duration duration = null;
        try {
            duration = Duration.parse(w.duration());
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
                errors.add(FieldError.of("plan.window.duration", "must be positive and at most 7 days"));
            }
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of("plan.window.duration", "is not an ISO-8601 duration such as PT4H"));
        }
        try {
            MaintenanceWindow.zone(w.zone());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("plan.window.zone", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw DomainException.unprocessable("the campaign's maintenance window is invalid", errors);
        }
        return MaintenanceWindow.of(w.cron(), duration, w.zone());
    }

    private static UUID uuid(String field, String raw, boolean required, List<FieldError> errors) {
        if (raw == null) {
            if (required) {
                errors.add(FieldError.of(field, "is required"));
            }
            return null;
        }
        try {
            UUID u = UUID.fromString(raw);
            if (u.toString().equalsIgnoreCase(raw)) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(FieldError.of(field, "must be a UUID"));
        return null;
    }

    private static List<String> list(String field, List<String> raw, Pattern pattern, List<FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_LIST) {
            errors.add(FieldError.of(field, "at most " + MAX_LIST + " values"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : raw) {
            if (v == null || v.isBlank() || (pattern != null && !pattern.matcher(v).matches())) {
                errors.add(FieldError.of(field, "'" + v + "' is not a valid value"));
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
