package io.converge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a failing target from flooding the log: per key, the first failure is logged, the same key's next ones only
 * once per period (with the number suppressed in between); a success of the key starts over. Thread-safe.
 */
public final class LogThrottle {

    private record State(Instant logged, int suppressed) {
    }

    private final Duration period;
    private final Map<String, State> states = new HashMap<>();

    public LogThrottle(Duration period) {
        this.period = period;
    }

    /**
     * Whether to log this failure of {@code key} now: -1 = no (suppressed), otherwise yes, with the number of failures
     * suppressed since the last one logged.
     */
    public synchronized int failure(String key, Instant now) {
        State s = states.get(key);
        if (s == null || !now.isBefore(s.logged().plus(period))) {
            states.put(key, new State(now, 0));
            return s == null ? 0 : s.suppressed();
        }
        states.put(key, new State(s.logged(), s.suppressed() + 1));
        return -1;
    }

    /** The key works again. */
    public synchronized void success(String key) {
        states.remove(key);
    }

    /** Logs a warning for a failure of {@code key} unless throttled. */
    public void warn(String key, String format, Object... args) {
        int suppressed = failure(key, Instant.now());
        if (suppressed >= 0) {
            Log.warn(String.format(format, args) + (suppressed > 0 ? " (" + suppressed + " similar suppressed)" : ""));
        }
    }
}
