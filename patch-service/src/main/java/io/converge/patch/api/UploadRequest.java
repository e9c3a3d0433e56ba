package io.converge.patch.api;

import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The metadata of an upload, from its query parameters, checked before a byte of the artifact is read.
 *
 * @param sha256    the declared digest, lower-case hex
 * @param signature the detached signature (base64 or base64url in the request)
 * @param keyId     the vendor key to verify with; null: any active key of the vendor
 */
record UploadRequest(String vendor, String version, List<String> models, String releaseNotes, String sha256,
        byte[] signature, UUID keyId) {

    static final int MAX_MODELS = 100;
    static final int MAX_RELEASE_NOTES = 4000;

    /** Parses and validates everything at once: 400 problem+json with one {@code errors[]} entry per bad field. */
    static UploadRequest parse(String vendor, String version, List<String> models, String releaseNotes,
            String sha256, String signature, String keyId) {
        List<FieldError> errors = new ArrayList<>();
        if (vendor == null || !Params.NAME_PATTERN.matcher(vendor).matches()) {
            errors.add(FieldError.of("vendor", "required: a name of letters, digits, '.', '_', '-'"));
        }
        if (version == null || !Params.VERSION_PATTERN.matcher(version).matches()) {
            errors.add(FieldError.of("version", "required: letters, digits, '.', '_', '+', '-' (≤ 64)"));
        }
        LinkedHashSet<String> compatible = new LinkedHashSet<>();
        for (String m : models == null ? List.<String>of() : models) {
            for (String one : m.split(",", -1)) {
                String t = one.strip();
                if (!Params.NAME_PATTERN.matcher(t).matches()) {
                    errors.add(FieldError.of("model", "'" + t + "' is not a valid model name"));
                } else {
                    compatible.add(t);
                }
            }
        }
        if (compatible.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("model"))) {
            errors.add(FieldError.of("model", "required: at least one compatible model (repeat model= or comma-separate)"));
        } else if (compatible.size() > MAX_MODELS) {
            errors.add(FieldError.of("model", "at most " + MAX_MODELS + " models"));
        }
        if (releaseNotes != null && releaseNotes.length() > MAX_RELEASE_NOTES) {
            errors.add(FieldError.of("releaseNotes", "at most " + MAX_RELEASE_NOTES + " characters"));
        }
        String digest = sha256 == null ? null : sha256.strip().toLowerCase(Locale.ROOT);
        if (digest == null || !digest.matches("[0-9a-f]{64}")) {
            errors.add(FieldError.of("sha256", "required: the artifact's SHA-256 as 64 hex digits"));
        }
        byte[] sig = decode(signature);
        if (sig == null) {
            errors.add(FieldError.of("signature", "required: the detached signature in base64 (or base64url)"));
        }
        UUID key = null;
        if (keyId != null) {
            try {
                key = RequestParams.uuid("keyId", keyId);
            } catch (DomainException e) {
                errors.add(FieldError.of("keyId", "must be a UUID"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "the upload has invalid parameters", errors);
        }
        return new UploadRequest(vendor, version, List.copyOf(compatible),
                releaseNotes == null || releaseNotes.isBlank() ? null : releaseNotes, digest, sig, key);
    }

    byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }

    String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    private static byte[] decode(String s) {
        if (s == null || s.isBlank() || s.length() > 1024) {
            return null;
        }
        String t = s.replace(' ', '+').strip(); // an unencoded '+' in a query string arrives as a space
        try {
            byte[] b = t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(t)
                    : Base64.getDecoder().decode(t);
            return b.length == 0 ? null : b;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
