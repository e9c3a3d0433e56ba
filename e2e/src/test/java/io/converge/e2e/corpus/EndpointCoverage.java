package io.converge.e2e.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which public endpoints of the services have no corpus case: every operation of each service's OpenAPI document
 * ({@code /q/openapi}, read from the service itself since the gateway does not route {@code /q/}) against the
 * method and path of the cases.
 */
public final class EndpointCoverage {

    /** The services and the default address of each (system property {@code converge.<service>.url}). */
    public static final Map<String, String> SERVICES = Map.of("asset", "http://localhost:8081",
            "telemetry", "http://localhost:8082", "kpi", "http://localhost:8083", "patch", "http://localhost:8084",
            "security", "http://localhost:8085");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    private EndpointCoverage() {
    }

    /** "METHOD /path/{template}" of every operation no case reaches. */
    public static List<String> uncovered(List<CorpusCase> cases) {
        List<String> missing = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        SERVICES.forEach((service, defaultUrl) -> {
            String base = System.getProperty("converge." + service + ".url", defaultUrl);
            JsonNode paths = openapi(http, base).path("paths");
            paths.fields().forEachRemaining(p -> {
                if (!p.getKey().startsWith("/api/")) {
                    return;
                }
                Pattern template = Pattern.compile("^" + p.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "/?$");
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m) && cases.stream().noneMatch(c -> c.method().equalsIgnoreCase(m)
                            && template.matcher(concrete(c.path())).matches())) {
                        missing.add(service + ": " + m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                    }
                });
            });
        });
        return missing;
    }

    private static String concrete(String path) {
        String p = PLACEHOLDER.matcher(path).replaceAll("x");
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    private static JsonNode openapi(HttpClient http, String base) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(base + "/q/openapi → " + r.statusCode());
            }
            return CorpusHttp.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
