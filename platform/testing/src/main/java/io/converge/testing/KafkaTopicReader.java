package io.converge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads CloudEvents JSON records from a real Kafka topic in tests. Open it before the action under test: it starts at
 * the topic's current end, so it only sees what is published afterwards.
 */
public final class KafkaTopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final List<Received> unmatched = new ArrayList<>();

    /** A received record: key, parsed value and headers' content type. */
    public record Received(String key, JsonNode value) {
    }

    public KafkaTopicReader(String topic) {
        Properties p = new Properties();
        String servers = System.getProperty("kafka.bootstrap.servers",
                Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).orElse("localhost:9092"));
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now, before the action under test
    }

    /**
     * Waits for the first record matching the predicate; fails after the timeout. Records that do not match are kept
     * for later calls (one poll may bring the records two awaits are looking for).
     */
    public Received await(Predicate<Received> match, Duration timeout) {
        for (java.util.Iterator<Received> it = unmatched.iterator(); it.hasNext();) {
            Received rec = it.next();
            if (match.test(rec)) {
                it.remove();
                return rec;
            }
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Received> batch = new ArrayList<>();
            consumer.poll(Duration.ofMillis(200)).forEach(r -> batch.add(new Received(r.key(), parse(r.value()))));
            for (int i = 0; i < batch.size(); i++) {
                if (match.test(batch.get(i))) {
                    unmatched.addAll(batch.subList(i + 1, batch.size()));
                    return batch.get(i);
                }
                unmatched.add(batch.get(i));
            }
        }
        throw new AssertionError("no matching record within " + timeout + "; saw " + unmatched.size() + ": "
                + unmatched);
    }

    /** All records not yet returned by {@link #await} plus those that arrive within the given time. */
    public List<Received> drain(Duration during) {
        List<Received> out = new ArrayList<>(unmatched);
        unmatched.clear();
        Instant deadline = Instant.now().plus(during);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(new Received(r.key(), parse(r.value()))));
        }
        return out;
    }

    private static JsonNode parse(String v) {
        try {
            return JSON.readTree(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
