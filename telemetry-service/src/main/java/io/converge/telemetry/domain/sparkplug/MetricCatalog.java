package io.converge.telemetry.domain.sparkplug;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics an edge node or device declared in its birth certificate: name, optional alias and datatype. Immutable.
 * When two definitions share a name or an alias, the first one wins (the decoder reports the duplicates).
 */
public final class MetricCatalog {

    /** Metric names that are Sparkplug session plumbing, not telemetry. */
    public static final String BD_SEQ = "bdSeq";
    private static final String NODE_CONTROL = "Node Control/";
    private static final String DEVICE_CONTROL = "Device Control/";

    public static final MetricCatalog EMPTY = new MetricCatalog(List.of());

    /** One declared metric; {@code alias} is null when the birth gave none; {@code datatype} is the Sparkplug code. */
    public record Definition(String name, Long alias, int datatype) {
    }

    private final List<Definition> definitions;
    private final Map<String, Definition> byName;
    private final Map<Long, Definition> byAlias;

    public MetricCatalog(Collection<Definition> definitions) {
        List<Definition> kept = new ArrayList<>();
        Map<String, Definition> names = new HashMap<>();
        Map<Long, Definition> aliases = new HashMap<>();
        for (Definition d : definitions) {
            if (d.name() == null || names.containsKey(d.name())
                    || (d.alias() != null && aliases.containsKey(d.alias()))) {
                continue;
            }
            kept.add(d);
            names.put(d.name(), d);
            if (d.alias() != null) {
                aliases.put(d.alias(), d);
            }
        }
        this.definitions = List.copyOf(kept);
        this.byName = Map.copyOf(names);
        this.byAlias = Map.copyOf(aliases);
    }

    public Optional<Definition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Definition> byAlias(long alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    public List<Definition> definitions() {
        return definitions;
    }

    public int size() {
        return definitions.size();
    }

    /** Names of the declared telemetry metrics (no bdSeq, no Node/Device Control), in birth order. */
    public List<String> telemetryNames() {
        return definitions.stream().map(Definition::name).filter(MetricCatalog::isTelemetry).toList();
    }

    /** False for Sparkplug plumbing metrics ({@code bdSeq}, {@code Node Control/*}, {@code Device Control/*}). */
    public static boolean isTelemetry(String name) {
        return name != null && !BD_SEQ.equals(name) && !name.startsWith(NODE_CONTROL)
                && !name.startsWith(DEVICE_CONTROL);
    }
}
