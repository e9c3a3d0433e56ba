package io.converge.bench.kpi;

import io.converge.bench.common.BenchException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka through the AdminClient: the end offsets of converge.telemetry.points (where the backlog of the run starts and
 * ends), the offsets of the bench instance's consumer group, and its removal at the end.
 */
final class Offsets implements AutoCloseable {

    static final String TOPIC = "converge.telemetry.points";

    private final Admin admin;
    private final String bootstrap;

    Offsets(Config c) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.bootstrap = c.kafka();
        this.admin = Admin.create(p);
    }

    /** The current end offset of every partition of the topic. */
    Map<TopicPartition, Long> ends() {
        try {
            var desc = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            desc.partitions().forEach(p -> ask.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> out.put(tp, r.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("Kafka at " + bootstrap + ": cannot read the end offsets of " + TOPIC + " ("
                    + BenchException.rootMessage(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** Sets the committed offsets of a consumer group (which must have no active member). */
    void set(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((tp, off) -> o.put(tp, new OffsetAndMetadata(off)));
        try {
            admin.alterConsumerGroupOffsets(group, o).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("Kafka: cannot set the offsets of consumer group " + group + " ("
                    + BenchException.rootMessage(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** Deletes consumer groups (best effort: the benchmark's own, after its instance stopped). */
    String delete(List<String> groups) {
        try {
            admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return BenchException.rootMessage(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
