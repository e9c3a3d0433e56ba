package io.converge.bench.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Phase B: OCSF logon failures ({@code io.converge.security.ocsf-event}) produced to converge.security.events at a
 * fixed rate; each fires rule 100100, so each is stored with the alert it updates in one transaction. Latency per
 * event = the storing transaction's time (security_event.received_at) − the send time (the event's time). Baseline in
 * the same run: a plain consumer of the same records — Kafka's own produce → consume latency.
 */
final class LatencyPhase {

    /**
     * @param latencyMs per event, its storing transaction's start (received_at) − its send time: p50, p95, p99, max
     * @param visibleMs the n-th event sent → the alert counting n events committed and visible to a reader (sampled
     *        every {@value #SAMPLE_MS} ms): p50, p95, p99, max — includes the alert upsert, its lock and the commit
     */
    record Result(int rate, int seconds, long sent, long stored, long alertDelta, double[] latencyMs,
            double[] visibleMs, double[] kafkaMs) {
    }

    static final int SAMPLE_MS = 20;

    private static final String TOPIC = "converge.security.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyPhase() {
    }

    static Result run(String kafka, String jdbc, int rate, int seconds) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long alertBefore = alertCount(jdbc);
        // this run's rows are found through the received_at index, not by scanning every event ever stored (a scan
        // that would compete with the service while it stores the run's last events)
        java.sql.Timestamp since = dbNow(jdbc);
        List<Double> kafkaLat = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = baseline(kafka, run, kafkaLat, stop);
        long[] sentAt = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) rate * (seconds + 1))];
        List<long[]> samples = new ArrayList<>();
        Thread sampler = sampler(jdbc, alertBefore, samples, stop);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    if (sent < sentAt.length) {
                        sentAt[(int) sent] = System.currentTimeMillis();
                    }
                    // keyed by the subject (the account), as the platform's producers key theirs (asset, account)
                    producer.send(new ProducerRecord<>(TOPIC, user(run, sent), event(run, sent)));
                    sent++;
                }
                Thread.sleep(1);
            }
            producer.flush();
        }
        long stored = 0;
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            stored = storedCount(jdbc, run, since);
            if (stored >= sent) {
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(3L * SAMPLE_MS);
        stop.set(true);
        reader.join(10_000);
        sampler.join(10_000);
        double[] lat = latencies(jdbc, run, since);
        double[] visible = visibility(sentAt, (int) Math.min(sent, sentAt.length), samples);
        double[] k = kafkaLat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(rate, seconds, sent, stored, alertCount(jdbc) - alertBefore, lat, visible,
                new double[] {pct(k, 0.5), pct(k, 0.95), pct(k, 0.99), k.length});
    }

    private static String event(String run, long i) throws Exception {
        ObjectNode ce = JSON.createObjectNode();
        ce.put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("source", "/bench/security")
                .put("type", "io.converge.security.ocsf-event").put("time", Instant.now().toString());
        ObjectNode d = ce.putObject("data");
        d.put("class_uid", 3002).put("activity_id", 1).put("time", System.currentTimeMillis())
                .put("status", "Failure").put("status_id", 2);
        d.putObject("actor").putObject("user").put("name", user(run, i));
        d.putObject("metadata").put("uid", UUID.randomUUID().toString());
        d.putObject("unmapped").put("bench", run);
        return JSON.writeValueAsString(ce);
    }

    /** The account of the i-th event: 1,000 accounts in turn, so 1,000 alerts of rule 100100 are kept busy. */
    private static String user(String run, long i) {
        return "bench-" + run + "-" + (i % 1000);
    }

    private static Thread baseline(String kafka, String run, List<Double> out, AtomicBoolean stop) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-security-" + run);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> parts = consumer.partitionsFor(TOPIC).stream()
                .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        int at = r.value().indexOf("\"time\":", r.value().indexOf("\"data\""));
                        if (at > 0 && r.value().contains(run)) {
                            long sentMs = Long.parseLong(r.value().substring(at + 7, r.value().indexOf(',', at)));
                            synchronized (out) {
                                out.add((double) (System.currentTimeMillis() - sentMs));
                            }
                        }
                    }
                }
            }
        }, "kafka-baseline");
        t.start();
        return t;
    }

    /** (wall ms, events the rule-100100 alerts counted since the start) every SAMPLE_MS, as a reader sees them. */
    private static Thread sampler(String jdbc, long before, List<long[]> out, AtomicBoolean stop) throws Exception {
        Connection c = db(jdbc);
        PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(event_count), 0) FROM alert WHERE rule_id = '100100'");
        Thread t = new Thread(() -> {
            try (c; s) {
                while (!stop.get()) {
                    long now = System.currentTimeMillis();
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        out.add(new long[] {now, r.getLong(1) - before});
                    }
                    Thread.sleep(SAMPLE_MS);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "alert-visibility");
        t.start();
        return t;
    }

    /**
     * The n-th event sent is taken as visible at the first sample whose count reached n (events cross three
     * partitions, so this pairs the n-th sent with the n-th stored rather than each event with itself).
     */
    private static double[] visibility(long[] sentAt, int n, List<long[]> samples) {
        double[] ms = new double[n];
        int at = 0;
        int found = 0;
        for (int i = 0; i < n; i++) {
            while (at < samples.size() && samples.get(at)[1] < i + 1) {
                at++;
            }
            if (at == samples.size()) {
                break;
            }
            ms[found++] = Math.max(0, samples.get(at)[0] - sentAt[i]);
        }
        double[] v = Arrays.copyOf(ms, found);
        Arrays.sort(v);
        return found < n ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                : new double[] {pct(v, 0.5), pct(v, 0.95), pct(v, 0.99), v[v.length - 1]};
    }

    private static Connection db(String jdbc) throws Exception {
        return DriverManager.getConnection(jdbc, "converge", "converge");
    }

    private static java.sql.Timestamp dbNow(String jdbc) throws Exception {
        try (Connection c = db(jdbc); PreparedStatement s = c.prepareStatement("SELECT now()");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getTimestamp(1);
        }
    }

    private static long storedCount(String jdbc, String run, java.sql.Timestamp since) throws Exception {
        try (Connection c = db(jdbc); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM security_event"
                + " WHERE received_at >= ? AND intake = 'kafka' AND ocsf->'unmapped'->>'bench' = ?")) {
            s.setTimestamp(1, since);
            s.setString(2, run);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long alertCount(String jdbc) throws Exception {
        try (Connection c = db(jdbc); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(event_count), 0) FROM alert WHERE rule_id = '100100'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** p50, p95, p99, max of (stored − sent) in ms. */
    private static double[] latencies(String jdbc, String run, java.sql.Timestamp since) throws Exception {
        try (Connection c = db(jdbc); PreparedStatement s = c.prepareStatement("SELECT percentile_cont(ARRAY[0.5,"
                + " 0.95, 0.99]) WITHIN GROUP (ORDER BY ms), max(ms) FROM (SELECT extract(epoch FROM received_at"
                + " - event_time) * 1000 AS ms FROM security_event WHERE received_at >= ? AND intake = 'kafka'"
                + " AND ocsf->'unmapped'->>'bench' = ?) x")) {
            s.setTimestamp(1, since);
            s.setString(2, run);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                java.sql.Array a = r.getArray(1);
                if (a == null) {
                    return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
                }
                Double[] v = (Double[]) a.getArray();
                return new double[] {v[0], v[1], v[2], r.getDouble(2)};
            }
        }
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static String fmt(double[] v) {
        return Arrays.toString(v);
    }
}
