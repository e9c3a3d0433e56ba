package io.converge.bench.kpi;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second kpi-service process for phase B, from the jar ./converge built (kpi-service/target/quarkus-app), on its own
 * port, database and consumer group, so it drains a backlog of converge.telemetry.points the main instance already
 * took. Its output goes to target/kpi-bench-instance.log. Stopped (SIGTERM, then killed after 30 s) by the benchmark,
 * also on failure and on Ctrl-C (shutdown hook).
 */
final class BenchInstance implements AutoCloseable {

    final String url;
    final String group;
    private final Config cfg;
    private final Path log;
    private Process proc;
    private final Thread hook = new Thread(this::stop, "stop-bench-kpi");

    BenchInstance(Config c, String group) {
        this.cfg = c;
        this.group = group;
        this.url = "http://localhost:" + c.benchPort();
        this.log = Path.of(c.logDir(), "kpi-bench-instance.log");
    }

    /** Starts the process; answers the launch time. */
    Instant start() {
        Path jar = Path.of(cfg.kpiJar());
        if (!Files.isRegularFile(jar)) {
            throw new BenchException("kpi-service jar not found at " + jar.toAbsolutePath() + " (./converge up builds "
                    + "it; or set KPI_JAR; PHASE_B=0 skips phase B)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(cfg.javaBin());
        cmd.addAll(Arrays.stream(cfg.benchJavaOpts().split("\\s+")).filter(s -> !s.isBlank()).toList());
        cmd.add("-Dquarkus.http.port=" + cfg.benchPort());
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CONVERGE_DB_NAME", cfg.benchDb());
        pb.environment().put("CONVERGE_KAFKA_GROUP", group);
        pb.environment().remove("QUARKUS_HTTP_PORT");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== " + Instant.now() + " bench/kpi starting: " + String.join(" ", cmd)
                    + " (CONVERGE_DB_NAME=" + cfg.benchDb() + ", CONVERGE_KAFKA_GROUP=" + group + ")\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Instant launched = Instant.now();
            proc = pb.start();
            Runtime.getRuntime().addShutdownHook(hook);
            return launched;
        } catch (IOException e) {
            throw new BenchException("cannot start the bench kpi-service instance: " + e.getMessage(), e);
        }
    }

    boolean alive() {
        return proc != null && proc.isAlive();
    }

    /** Fails with the tail of its log when the process is gone. */
    void checkAlive() {
        if (proc != null && !proc.isAlive()) {
            throw new BenchException("the bench kpi-service instance exited with status " + proc.exitValue()
                    + "; its log (" + log + ") ends with:\n" + tail(20));
        }
    }

    void waitReady(Api api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            String health = api.text(url + "/q/health/ready");
            if (health != null) {
                return;
            }
            BenchException.sleep(250);
        }
        throw new BenchException("the bench kpi-service instance was not ready within " + timeout.toSeconds()
                + " s; its log (" + log + ") ends with:\n" + tail(20));
    }

    /** SIGTERM, up to 30 s for a graceful stop, then SIGKILL. Idempotent. */
    synchronized void stop() {
        if (proc == null) {
            return;
        }
        try {
            proc.destroy();
            if (!proc.waitFor(30, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        proc = null;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Lines of its log with ERROR (for the report). */
    long errors() {
        try (var s = Files.lines(log)) {
            return s.filter(l -> l.contains(" ERROR ")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
