package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer to a bad request must be: the expected 4xx, {@code application/problem+json} with type, title and
 * a status equal to the HTTP status, no stack trace or Java class name, and no header a client smuggled in.
 */
public final class CorpusChecks {

    /** The header name the corpus tries to smuggle into answers (header-injection cases). */
    public static final String INJECTED_HEADER = "X-Corpus-Injected";

    /** Stack frames, exception names and fully qualified names of Java packages a service is built from. */
    private static final Pattern LEAK = Pattern.compile(
            "(?:\\bat [a-zA-Z_$][\\w$]*(?:\\.[\\w$<>]+)+\\([\\w$.]*(?::\\d+)?\\))"
            + "|(?:\\b[A-Z][\\w$]*(?:Exception|Error)\\b)"
            + "|(?:\\b(?:java|javax|jakarta|sun|jdk|io\\.(?:quarkus|vertx|netty|smallrye|converge|opentelemetry)"
            + "|org\\.(?:jboss|hibernate|postgresql|apache|eclipse|reactivestreams)|com\\.(?:fasterxml|sun))"
            + "\\.[a-zA-Z_$][\\w$]*(?:\\.[\\w$]+)*)");

    private CorpusChecks() {
    }

    /** Every way the answer breaks the rules; empty when it keeps them all. */
    public static List<String> problems(CorpusCase c, CorpusHttp.Answer a) {
        List<String> wrong = new ArrayList<>();
        if (a.status() >= 500 || a.status() < 400) {
            wrong.add("status " + a.status() + " is not a 4xx");
        } else if (!c.expects(a.status())) {
            wrong.add("status " + a.status() + ", expected " + c.expect());
        }
        if (!a.contentType().toLowerCase().startsWith("application/problem+json")) {
            wrong.add("content type '" + a.contentType() + "' is not application/problem+json");
        }
        JsonNode p = a.json();
        if (p == null || !p.isObject()) {
            wrong.add("body is not a JSON object");
        } else {
            if (!p.path("type").isTextual() || p.path("type").asText().isBlank()) {
                wrong.add("problem has no type");
            }
            if (!p.path("title").isTextual() || p.path("title").asText().isBlank()) {
                wrong.add("problem has no title");
            }
            if (!p.path("status").isInt() || p.path("status").asInt() != a.status()) {
                wrong.add("problem status " + p.path("status") + " differs from the HTTP status " + a.status());
            }
        }
        Matcher leak = LEAK.matcher(a.body());
        if (leak.find()) {
            wrong.add("body leaks implementation details: '" + leak.group() + "'");
        }
        if (a.headers().firstValue(INJECTED_HEADER).isPresent()) {
            wrong.add("answer carries the injected header " + INJECTED_HEADER);
        }
        return wrong;
    }
}
