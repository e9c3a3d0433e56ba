package io.converge.security.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The MITRE ATT&CK for ICS technique catalog (attack-ics-techniques.tsv next to this class). */
public final class AttackIcs {

    /** A technique: id (T0xxx), name and its tactics. */
    public record Technique(String id, String name, List<String> tactics) {
    }

    private static final Map<String, Technique> CATALOG = load();

    private AttackIcs() {
    }

    public static Optional<Technique> technique(String id) {
        return Optional.ofNullable(CATALOG.get(id));
    }

    public static boolean known(String id) {
        return CATALOG.containsKey(id);
    }

    /** The whole catalog, by id. */
    public static java.util.List<Technique> all() {
        return CATALOG.values().stream().sorted(java.util.Comparator.comparing(Technique::id)).toList();
    }

    public static int size() {
        return CATALOG.size();
    }

    private static Map<String, Technique> load() {
        Map<String, Technique> m = new LinkedHashMap<>();
        try (InputStream in = AttackIcs.class.getResourceAsStream("attack-ics-techniques.tsv")) {
            if (in == null) {
                throw new IllegalStateException("attack-ics-techniques.tsv missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                m.put(cols[0], new Technique(cols[0], cols[1], Arrays.asList(cols[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
