package io.converge.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to a real Kafka topic in tests (what another service would publish), waiting for each ack. */
public final class KafkaTopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public KafkaTopicWriter() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers",
                Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).orElse("localhost:9092")));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** Sends one record and waits until Kafka acknowledged it; answers where it was written. */
    public TopicPartitionOffset send(String topic, String key, String value) {
        try {
            var meta = producer.send(new ProducerRecord<>(topic, key, value)).get(Duration.ofSeconds(30).toMillis(),
                    TimeUnit.MILLISECONDS);
            return new TopicPartitionOffset(new org.apache.kafka.common.TopicPartition(meta.topic(),
                    meta.partition()), meta.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record on " + topic, e);
        }
    }

    /** A written record's partition and offset. */
    public record TopicPartitionOffset(org.apache.kafka.common.TopicPartition partition, long offset) {
    }

    /**
     * The offset the consumer group committed on a partition (the next record it will read), -1 when none: lets a
     * test check that a consumer acknowledges what it processed.
     */
    public static long committed(String group, org.apache.kafka.common.TopicPartition partition) {
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kafka.bootstrap.servers",
                Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).orElse("localhost:9092")));
        try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var o = offsets.get(partition);
            return o == null ? -1 : o.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + group, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
