package io.converge.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running suite as an operator sees it: components are stopped, started and killed only through {@code ./converge
 * stop|start|restart|kill <name>} (the start logic lives in infra/, never here), and {@link #ensureHealthy()} brings
 * back whatever a test left down, so that every test — also a failing one — hands a healthy suite to the next.
 */
final class Suite {

    static final List<String> SERVICES = List.of("asset-service", "telemetry-service", "kpi-service",
            "patch-service", "security-service");
    static final Map<String, Integer> PORT = Map.of("asset-service", 8081, "telemetry-service", 8082,
            "kpi-service", 8083, "patch-service", 8084, "security-service", 8085);
    /** One read per service through the gateway: service → {user allowed to make it, path}. */
    static final Map<String, String[]> READS = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    static {
        READS.put("asset-service", new String[] {"viewer", "/api/v1/assets?limit=1"});
        READS.put("telemetry-service", new String[] {"viewer", "/api/v1/telemetry/latest?asset=PLC-L1-01"});
        READS.put("kpi-service", new String[] {"viewer", "/api/v1/kpis/alarms?limit=1"});
        READS.put("patch-service", new String[] {"viewer", "/api/v1/campaigns?limit=1"});
        READS.put("security-service", new String[] {"analyst", "/api/v1/security/alerts?limit=1"});
    }

    private Suite() {
    }

    static Path root() {
        Path p = Path.of(System.getProperty("converge.root", "..")).toAbsolutePath().normalize();
        if (!Files.isExecutable(p.resolve("converge"))) {
            throw new IllegalStateException("no ./converge script in " + p + " (system property converge.root)");
        }
        return p;
    }

    /** Runs {@code ./converge <args>} and waits for it (at most 5 minutes); fails with its output when it fails. */
    static void converge(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("converge").toString());
        cmd.addAll(List.of(args));
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes());
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("./converge " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            log("./converge " + String.join(" ", args) + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)"
                    + (p.exitValue() == 0 ? "" : " FAILED:\n" + out));
            if (p.exitValue() != 0) {
                throw new AssertionError("./converge " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "):\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./converge: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How long a test keeps its component down beyond its checks: {@code fallback} in {@code ./converge test}; the
     * system property {@code converge.reliability.outage} (ISO-8601, e.g. PT90S) for the long runs of
     * {@code ./converge bench faults}, which outlast the consumers' and producers' retry windows.
     */
    static Duration outage(Duration fallback) {
        String v = System.getProperty("converge.reliability.outage", "");
        Duration d = v.isBlank() ? Duration.ZERO : Duration.parse(v);
        return d.isZero() ? fallback : d;
    }

    /** What a test does while a component is down. */
    interface Outage {
        void run() throws Exception;
    }

    /**
     * {@code ./converge <fault> <name>} (stop or kill), then the outage's checks, then {@code ./converge start <name>}
     * whatever happened: a failed check is reported with a failed start attached, never hidden by it.
     */
    static void during(String fault, String name, Outage outage) throws Exception {
        converge(fault, name);
        Throwable failure = null;
        try {
            outage.run();
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                converge("start", name);
            } catch (AssertionError | RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    static void log(String line) {
        System.out.printf("[reliability %tT] %s%n", System.currentTimeMillis(), line);
    }

    /** True when the component answers as it does when healthy. */
    static boolean healthy(String name) {
        return switch (name) {
            case "postgres" -> open(5432);
            case "kafka" -> open(9092);
            case "keycloak" -> ok("http://localhost:8180/realms/converge/.well-known/openid-configuration");
            case "gateway" -> ok(Api.gateway() + "/gateway/health");
            default -> ok("http://localhost:" + PORT.get(name) + "/q/health/ready");
        };
    }

    /**
     * Starts every part of the suite that does not answer (PostgreSQL, Kafka, Keycloak, the services, the gateway)
     * and waits until all of them are ready; fails when one cannot be brought back.
     */
    static void ensureHealthy() {
        List<String> order = new ArrayList<>(List.of("postgres", "kafka", "keycloak"));
        order.addAll(SERVICES);
        order.add("gateway");
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (String name : order) {
            if (!healthy(name)) {
                try {
                    converge("start", name);
                } catch (AssertionError | RuntimeException e) {
                    failed.put(name, e);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError("could not bring back " + failed.keySet() + ": " + failed);
        }
        Poll.until("every service ready", Duration.ofMinutes(3),
                () -> SERVICES.stream().filter(s -> !healthy(s)).toList(), List::isEmpty);
    }

    static boolean open(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean ok(String url) {
        return status(url) == 200;
    }

    /** The pid file of every service (pid and start time): equal before and after = not restarted. */
    static Map<String, String> pids() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String svc : SERVICES) {
            try {
                out.put(svc, Files.readString(root().resolve(".converge/run/" + svc + ".pid")).trim());
            } catch (IOException e) {
                out.put(svc, "none");
            }
        }
        return out;
    }

    /** The readiness status of a service: 200 (UP), 503 (DOWN) or -1 (not answering). */
    static int readiness(String service) {
        return status("http://localhost:" + PORT.get(service) + "/q/health/ready");
    }
}
