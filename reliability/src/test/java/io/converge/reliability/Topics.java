package io.converge.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Raw Kafka access for the tests: records written to a chosen partition, offsets, records read with headers. */
final class Topics {

    private Topics() {
    }

    static String servers() {
        return System.getProperty("kafka.bootstrap.servers", "localhost:9092");
    }

    /** A record as read: where it is, key, value and headers (last value per name). */
    record Read(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
    }

    /** Writes a record to one partition and waits for the broker's acknowledgement; its offset. */
    static long write(String topic, int partition, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS)
                    .offset();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge a record on " + topic + "-" + partition, e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** The end offset (next offset to be written) of every partition of a topic. */
    static Map<Integer, Long> ends(String topic) {
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(parts, Duration.ofSeconds(30)).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }

    /**
     * Reads a topic from the given offsets per partition (the ends taken before the action) until {@code enough} holds
     * for the records matching {@code match}, or the time is up (then what was found); the matching records.
     */
    static List<Read> read(String topic, Map<Integer, Long> from, Predicate<Read> match,
            Predicate<List<Read>> enough, Duration timeout) {
        List<Read> found = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = from.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, from.get(tp.partition())));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(250))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    Read read = new Read(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers);
                    if (match.test(read)) {
                        found.add(read);
                    }
                }
            }
        }
        return found;
    }

    /** The offset a consumer group committed on a partition (the next record it will read), -1 when none. */
    static long committed(String group, String topic, int partition) {
        return io.converge.testing.KafkaTopicWriter.committed(group, new TopicPartition(topic, partition));
    }
}
