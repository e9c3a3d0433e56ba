package io.converge.outbox;

import io.converge.events.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to Kafka: takes the oldest events (deleted in one statement, rows locked with SKIP LOCKED across
 * replicas), sends them and waits for the broker's acknowledgement before the transaction commits the deletion. A
 * failed send rolls the deletion back and leaves them in the outbox (attempts and last error recorded) to be retried
 * on the next tick, so an acknowledged change is never lost.
 * Each service extends it with a bean that wires its channel and batch size and schedules {@link #relay()}.
 */
public abstract class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private final Pool pool;
    private final OutboxStore outbox;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Counter published;
    private final Counter failures;
    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();

    protected OutboxRelay(Pool pool, OutboxStore outbox, MutinyEmitter<String> emitter, int batchSize,
            MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = Counter.builder("converge.outbox.published").description("events relayed to Kafka")
                .register(registry);
        this.failures = Counter.builder("converge.outbox.failures").description("failed relay attempts")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("converge.outbox.pending", pending,
                java.util.concurrent.atomic.AtomicLong::get)
                .description("events waiting in the outbox (Kafka down or slow when it grows)").register(registry);
    }

    /** The scheduled run: relays what is pending, then measures the backlog for the pending gauge. */
    public Uni<Void> tick() {
        return relay().flatMap(x -> pool.withConnection(outbox::count)).invoke(pending::set)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Relays now (called after a commit so events leave without waiting for the next tick). */
    public void kick() {
        relay().subscribe().with(x -> { }, e -> LOG.debugf("outbox relay: %s", e.toString()));
    }

    /** Relays batches until the outbox is empty or a send fails. */
    public Uni<Void> relay() {
        if (!running.compareAndSet(false, true)) {
            // a relay is under way and may have claimed its batch before this commit: run once more after it
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return drain().eventually(() -> {
            running.set(false);
            if (again.getAndSet(false)) {
                kick();
            }
        });
    }

    private Uni<Void> drain() {
        // taken (deleted) and sent in one transaction: a failed send rolls the deletion back
        return pool.withTransaction(c -> outbox.take(c, batchSize)
                .flatMap(batch -> batch.isEmpty() ? Uni.createFrom().item(0) : send(batch).replaceWith(batch.size())))
                .invoke(n -> published.increment(n))
                .flatMap(n -> n >= batchSize ? drain() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(e -> {
                    failures.increment();
                    LOG.warnf("outbox relay failed, will retry: %s", e.toString());
                    return pool.withTransaction(c -> outbox.claim(c, batchSize)
                            .flatMap(b -> outbox.recordFailure(c, b.stream().map(OutboxStore.Pending::id).toList(),
                                    String.valueOf(e.getMessage()))))
                            .onFailure().recoverWithNull().replaceWithVoid();
                });
    }

    private Uni<Void> send(List<OutboxStore.Pending> batch) {
        List<Uni<Void>> acks = batch.stream().map(e -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(e.key()).withTopic(e.topic()).withHeaders(headers).build();
            Message<String> m = Message.of(e.payload()).addMetadata(meta);
            // the producer span (and the traceparent header it writes) joins the trace of the change
            io.opentelemetry.context.Context parent = TraceParent.parent(e.traceparent());
            if (parent != null) {
                m = m.addMetadata(io.smallrye.reactive.messaging.TracingMetadata.withCurrent(parent));
            }
            return emitter.sendMessage(m);
        }).toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
