package io.converge.bench.soak;

import io.converge.bench.common.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Memory of the suite's processes over the run: the resident set (VmRSS) of every component ./converge started
 * (.converge/run/&lt;name&gt;.pid holds "&lt;pid&gt; &lt;start time&gt;"; the pid leads a process group, so nginx's
 * workers and a wrapper's JVM are summed with it) and its CPU time; for the five services the old generation's use
 * ({@code jvm_memory_used_bytes} of G1 Old Gen in /q/metrics), which tells a growing heap from native growth; and the
 * box's CPU use (/proc/stat).
 */
final class Memory {

    /**
     * One sample: seconds since the load started, by component name the RSS in KiB, the old generation's use in bytes
     * (services only) and the CPU time used so far in clock ticks (its live processes), and the whole box's busy and
     * total clock ticks (/proc/stat).
     */
    record Sample(double at, Map<String, Long> rssKib, Map<String, Long> oldGen, Map<String, Long> cpuTicks,
            long boxBusy, long boxTotal) {
    }

    static final Map<String, String> SERVICES = Map.of("asset-service", "http://localhost:8081",
            "telemetry-service", "http://localhost:8082", "kpi-service", "http://localhost:8083",
            "patch-service", "http://localhost:8084", "security-service", "http://localhost:8085");

    /**
     * The machine's own services (not started by ./converge): their CPU is reported, not their RSS (PostgreSQL's
     * backends share their buffers, which a sum of resident sets would count once per backend).
     */
    static final Map<String, String> MACHINE_SERVICES = Map.of("postgres", "postgresql (machine, all databases)",
            "mosquitto", "mosquitto (machine)");

    /** This process, shown with the components. */
    static final String LOAD_GENERATOR = "(soak load generator)";

    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

    private final Path runDir;
    private final Api api;

    Memory(Path runDir, Api api) {
        this.runDir = runDir;
        this.api = api;
    }

    Sample sample(double at) {
        Map<String, Long> rss = new TreeMap<>();
        Map<String, Long> old = new TreeMap<>();
        Map<String, Long> cpu = new TreeMap<>();
        Map<Long, String> leaders = leaders();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String stat = stat(p);
                if (stat == null) {
                    return;
                }
                long ticks = Long.parseLong(field(stat, 14)) + Long.parseLong(field(stat, 15));
                String name = leaders.get(Long.parseLong(field(stat, 5)));
                if (name != null) {
                    rss.merge(name, vmRssKib(p), Long::sum);
                    cpu.merge(name, ticks, Long::sum);
                } else {
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (MACHINE_SERVICES.containsKey(comm)) {
                        cpu.merge(MACHINE_SERVICES.get(comm), ticks, Long::sum);   // CPU only: see the class note
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        Path self = Path.of("/proc", Long.toString(ProcessHandle.current().pid()));
        String own = stat(self);
        if (own != null) {
            rss.put(LOAD_GENERATOR, vmRssKib(self));
            cpu.put(LOAD_GENERATOR, Long.parseLong(field(own, 14)) + Long.parseLong(field(own, 15)));
        }
        SERVICES.forEach((name, url) -> {
            long v = oldGenUsed(api.text(url + "/q/metrics"));
            if (v >= 0) {
                old.put(name, v);
            }
        });
        long[] box = box();
        Sample s = new Sample(at, rss, old, cpu, box[0], box[1]);
        samples.add(s);
        return s;
    }

    /** pid (= process group) → component name, for the pid files whose process is alive with its start time. */
    private Map<Long, String> leaders() {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                String[] parts = Files.readString(f).trim().split("\\s+");
                if (parts.length < 2 || !parts[0].chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat = stat(Path.of("/proc", parts[0]));
                if (stat != null && parts[1].equals(field(stat, 22))) {
                    out.put(Long.parseLong(parts[0]), f.getFileName().toString().replace(".pid", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pid files in " + runDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The G1 old generation's use in a /q/metrics text, or -1. */
    static long oldGenUsed(String metrics) {
        if (metrics == null) {
            return -1;
        }
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("id=\"G1 Old Gen\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return -1;
    }

    /** The box's busy (user, nice, system, irq, softirq, steal) and total clock ticks since boot. */
    private static long[] box() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Field n (1-based, as in proc(5)) of a /proc/pid/stat line; the command name may hold spaces. */
    private static String field(String stat, int n) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return rest[n - 3];
    }

    private static String stat(Path proc) {
        try {
            return Files.readString(proc.resolve("stat"));
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    private static long vmRssKib(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | SecurityException | NumberFormatException gone) {
            return 0;
        }
        return 0;   // a kernel thread or a zombie
    }
}
