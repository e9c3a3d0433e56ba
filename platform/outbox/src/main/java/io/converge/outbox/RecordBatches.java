package io.converge.outbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Consumes a Kafka batch (channel with {@code batch=true}, method taking a {@link KafkaRecordBatch}) so that one
 * transaction serves the whole batch while a bad record still goes alone to the channel's dead-letter topic: each
 * record is read first, one that cannot be read is nacked with the reason (the failure strategy sends it to the DLQ);
 * the readable ones are applied together; when that fails as a whole (after the caller's own retries) they are applied
 * one at a time and only the failing ones are nacked. The batch is acknowledged once every record is applied or
 * dead-lettered, so its offsets are committed only then.
 */
public final class RecordBatches {

    private static final Logger LOG = Logger.getLogger(RecordBatches.class);

    private RecordBatches() {
    }

    /**
     * @param reader a record's value to its item; null to skip the record (not for this consumer); throws
     *        {@link IllegalArgumentException} with the reason when the record cannot be read
     * @param apply applies items (in batch order) in one unit of work
     */
    public static <T> Uni<Void> consume(KafkaRecordBatch<String, String> batch, Function<String, T> reader,
            Function<List<T>, Uni<Void>> apply) {
        List<T> items = new ArrayList<>();
        List<KafkaRecord<String, String>> sources = new ArrayList<>();
        List<Uni<Void>> refused = new ArrayList<>();
        for (KafkaRecord<String, String> r : batch.getRecords()) {
            T item;
            try {
                item = reader.apply(r.getPayload());
            } catch (RuntimeException e) {
                // unreadable (IllegalArgumentException with the reason) or a reader bug: this record alone
                refused.add(nack(r, e));
                continue;
            }
            if (item != null) {
                items.add(item);
                sources.add(r);
            }
        }
        Uni<Void> applied = items.isEmpty() ? Uni.createFrom().voidItem()
                : apply.apply(items).onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "a batch of %d records failed as a whole: applying them one at a time",
                            items.size());
                    return Multi.createFrom().range(0, items.size()).onItem()
                            .transformToUniAndConcatenate(i -> apply.apply(List.of(items.get(i)))
                                    .onFailure().recoverWithUni(f -> {
                                        LOG.warnf(f, "a record of %s-%d (key %s) failed: dead-lettered",
                                                sources.get(i).getTopic(), sources.get(i).getPartition(),
                                                sources.get(i).getKey());
                                        return nack(sources.get(i), f);
                                    }))
                            .collect().last().replaceWithVoid();
                });
        return applied.call(() -> refused.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(refused).andCollectFailures().replaceWithVoid())
                .call(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * Sends one record of a batch to the channel's dead-letter topic with the reason (the failure strategy's
     * dead-letter-reason, -topic, -partition and -offset headers), for consumers that handle unreadable records
     * themselves; never fails (a record that cannot be dead-lettered is logged).
     */
    public static Uni<Void> deadLetter(KafkaRecord<String, String> r, String reason) {
        return nack(r, new IllegalArgumentException(reason));
    }

    private static Uni<Void> nack(KafkaRecord<String, String> r, Throwable reason) {
        return Uni.createFrom().completionStage(() -> r.nack(reason)).onFailure().recoverWithUni(e -> {
            LOG.errorf("a record of %s-%d (key %s) could not be dead-lettered: %s", r.getTopic(), r.getPartition(),
                    r.getKey(), e.toString());
            return Uni.createFrom().voidItem();
        });
    }
}
