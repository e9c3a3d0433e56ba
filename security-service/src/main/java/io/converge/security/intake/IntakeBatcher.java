package io.converge.security.intake;

import io.converge.security.config.SecurityConfig;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Gathers events that arrive one by one (syslog) into batches for the pipeline: flushed when {@code flush-size} are
 * waiting or every {@code flush-interval}. A batch that cannot be stored is retried on the next flush (kept in
 * memory, bounded: beyond 100 000 waiting the oldest are dropped and logged — syslog senders do not retry anyway).
 */
@ApplicationScoped
public class IntakeBatcher {

    private static final Logger LOG = Logger.getLogger(IntakeBatcher.class);
    private static final int MAX_WAITING = 100_000;
    private final SecurityPipeline pipeline;
    private final int flushSize;
    private final long intervalMs;
    private final Vertx vertx;
    private final List<Intake> waiting = new ArrayList<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    public IntakeBatcher(SecurityPipeline pipeline, SecurityConfig config, Vertx vertx) {
        this.pipeline = pipeline;
        this.flushSize = config.intake().flushSize();
        this.intervalMs = Math.max(10, config.intake().flushInterval().toMillis());
        this.vertx = vertx;
    }

    public synchronized void start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(intervalMs, id -> flush());
        }
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    public void add(Intake i) {
        boolean full;
        synchronized (this) {
            waiting.add(i);
            if (waiting.size() > MAX_WAITING) {
                waiting.remove(0);
                LOG.warn("security intake backlog over 100000 events: the oldest waiting event was dropped");
            }
            full = waiting.size() >= flushSize;
        }
        if (full) {
            flush();
        }
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    /** Sends what is waiting (one batch at a time). */
    public void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Intake> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                flushing.set(false);
                return;
            }
            batch = new ArrayList<>(waiting.subList(0, Math.min(waiting.size(), flushSize)));
            waiting.subList(0, batch.size()).clear();
        }
        pipeline.process(batch).subscribe().with(o -> {
            flushing.set(false);
            if (waiting() >= flushSize) {
                flush();
            }
        }, e -> {
            LOG.warnf("security intake batch of %d not stored, retried: %s", batch.size(), e.toString());
            synchronized (this) {
                waiting.addAll(0, batch);
            }
            flushing.set(false);
        });
    }
}
