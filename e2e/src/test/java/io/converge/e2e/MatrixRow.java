package io.converge.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One operation of the authorization matrix and the probe that calls it: the principals it allows and the status the
 * probe gets from them. A probe gets past authorization and stops at validation, at "not found" or is a read, so that
 * an allowed cell writes nothing; every other authenticated principal gets 403, every unauthenticated one 401.
 */
final class MatrixRow {

    /** Where a row is called: through the gateway, or on each service's own port (open endpoints, not routed). */
    enum Target { GATEWAY, EACH_SERVICE }

    /** Ids that exist nowhere (fresh each run), put into the path templates' placeholders. */
    static final String UNKNOWN_ID = UUID.randomUUID().toString();
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "{id}", UNKNOWN_ID, "{site}", UNKNOWN_ID, "{action}", UNKNOWN_ID,
            "{tag}", "AUTHZ-UNKNOWN-TAG", "{code}", "AUTHZ-UNKNOWN-CODE", "{asset}", "AUTHZ-UNKNOWN-TAG",
            "{metric}", "authz.unknown", "{scope}", "line:" + UNKNOWN_ID);

    final String service;
    final String method;
    final String path;
    final Set<Principal> allowed;
    final int answer;
    Target target = Target.GATEWAY;
    String query;
    String contentType;
    String body;
    final List<String> headers = new ArrayList<>();
    boolean stream;
    String pathOverride;

    MatrixRow(String service, String method, String path, Set<Principal> allowed, int answer) {
        this.service = service;
        this.method = method;
        this.path = path;
        this.allowed = allowed;
        this.answer = answer;
    }

    /** A query string (without the question mark). */
    MatrixRow query(String q) {
        this.query = q;
        return this;
    }

    /** A JSON body. */
    MatrixRow json(String json) {
        return body("application/json", json);
    }

    MatrixRow body(String type, String text) {
        this.contentType = type;
        this.body = text;
        return this;
    }

    MatrixRow header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    /** A path value where the placeholder's default does not fit (e.g. a rule id, which is not a UUID). */
    MatrixRow pathValue(String concretePath) {
        this.pathOverride = concretePath;
        return this;
    }

    /** Server-Sent Events: an allowed caller gets 200 text/event-stream, read as far as the headers. */
    MatrixRow stream() {
        this.stream = true;
        return this;
    }

    MatrixRow onEachService() {
        this.target = Target.EACH_SERVICE;
        return this;
    }

    /** The path and query the probe calls. */
    String probePath() {
        String p = (pathOverride != null ? pathOverride : path) + (query == null ? "" : "?" + query);
        for (Map.Entry<String, String> e : PLACEHOLDERS.entrySet()) {
            p = p.replace(e.getKey(), e.getValue());
        }
        return p;
    }

    /** What the probe sends, in words, for the printed table: query, body, headers; unknown ids are implied. */
    String probeDescription() {
        List<String> parts = new ArrayList<>();
        if (query != null) {
            parts.add("`?" + query + "`");
        }
        if (body != null) {
            parts.add("`" + (body.isEmpty() ? "(empty " + contentType + ")" : body) + "`");
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            parts.add("`" + headers.get(i) + ": " + headers.get(i + 1).replace("\"", "") + "`");
        }
        if (pathOverride != null || path.contains("{")) {
            parts.add("unknown " + String.join(", ", placeholders()));
        }
        return (parts.isEmpty() ? "" : String.join(" ", parts) + " ") + "→ " + answer + (stream ? " (SSE)" : "");
    }

    private List<String> placeholders() {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[a-z]+}").matcher(path);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The status this principal must get. */
    int expected(Principal p) {
        if (allowed.contains(p)) {
            return answer;
        }
        return p.authenticated() ? 403 : 401;
    }

    /** The operation as OpenAPI names it: method and path template. */
    String operation() {
        return method + " " + path;
    }
}
