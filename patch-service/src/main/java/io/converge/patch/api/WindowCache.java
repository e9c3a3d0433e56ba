package io.converge.patch.api;

import io.converge.patch.domain.MaintenanceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed maintenance windows by their text (cron, duration, zone): a poll asks whether a site's window is open, and
 * parsing the cron expression every time cost more than the rest of the poll. Windows are values, so a cached one
 * is never stale; the cache is emptied when it grows past {@value #MAX} distinct windows.
 */
@ApplicationScoped
public class WindowCache {

    static final int MAX = 10_000;

    private record Key(String cron, Duration duration, String zone) {
    }

    private final Map<Key, MaintenanceWindow> parsed = new ConcurrentHashMap<>();

    /** As {@link MaintenanceWindow#of}, which throws IllegalArgumentException for an invalid window. */
    public MaintenanceWindow of(String cron, Duration duration, String zone) {
        Key k = new Key(cron, duration, zone);
        MaintenanceWindow w = parsed.get(k);
        if (w == null) {
            w = MaintenanceWindow.of(cron, duration, zone);
            if (parsed.size() >= MAX) {
                parsed.clear();
            }
            parsed.put(k, w);
        }
        return w;
    }
}
