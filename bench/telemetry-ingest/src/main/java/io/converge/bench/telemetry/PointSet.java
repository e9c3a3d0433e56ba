package io.converge.bench.telemetry;

import io.converge.bench.common.BenchException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The n generated points of one phase (or warm-up, or probe), all unique on (asset, metric, ts).
 *
 * <p>Point i belongs to asset {@code i % A}; within its asset it is the k-th point ({@code k = i / A}), with metric
 * {@code <prefix><label>_<k % M>} and sample time {@code start + (k / M) * step}. The metric names carry the run id and
 * the phase, so phases and runs never collide and each phase's rows can be counted and deleted exactly. Payloads are
 * rendered up front, so the timed part of a phase is transfer and server work only.
 */
final class PointSet {

    record Asset(String tag, UUID id) {
    }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] VALUES = new String[1000];

    static {
        for (int v = 0; v < VALUES.length; v++) {
            VALUES[v] = Double.toString((200 + v) / 10.0);   // 20.0 .. 119.9
        }
    }

    final String label;
    final int n;
    final List<Asset> assets;
    final String[] metricNames;
    final Instant first;
    final Instant last;
    private final String[] ts;
    private final long stepMs;

    /** @param start first sample time; @param span the samples of each series are spread evenly over [start, start+span) */
    PointSet(String runPrefix, String label, int n, List<Asset> assets, int metrics, Instant start, long spanMs) {
        this.label = label;
        this.n = n;
        this.assets = List.copyOf(assets);
        int a = assets.size();
        int m = Math.max(1, Math.min(metrics, ceilDiv(n, a)));
        metricNames = new String[m];
        for (int i = 0; i < m; i++) {
            metricNames[i] = runPrefix + label + "_" + i;
        }
        int seriesLength = ceilDiv(ceilDiv(n, a), m);
        long step = seriesLength <= 1 ? 0 : spanMs / seriesLength;
        if (seriesLength > 1 && step < 1) {
            throw new BenchException("N=" + n + " does not fit the time window: " + seriesLength + " samples per series"
                    + " need more than " + spanMs + " ms; raise WINDOW_HOURS, ASSETS or METRICS");
        }
        ts = new String[seriesLength];
        for (int s = 0; s < seriesLength; s++) {
            ts[s] = TS.format(start.plusMillis(s * step));
        }
        first = start;
        last = start.plusMillis((seriesLength - 1) * step);
        stepMs = step;
    }

    /** Samples per (asset, metric) series; sample s of every series has time {@link #sampleTime(int)}. */
    int seriesLength() {
        return ts.length;
    }

    Instant sampleTime(int sample) {
        return first.plusMillis(sample * stepMs);
    }

    /** Points of this set whose sample index lies in [from, to). */
    long pointsInSamples(int from, int to) {
        int a = assets.size();
        int m = metricNames.length;
        // point i has sample (i / a) / m: the samples [from, to) are the points [from*a*m, to*a*m), capped at n
        long lo = Math.min(n, (long) from * a * m);
        long hi = Math.min(n, (long) to * a * m);
        return hi - lo;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    int assetIndex(int i) {
        return i % assets.size();
    }

    String metric(int i) {
        int k = i / assets.size();
        return metricNames[k % metricNames.length];
    }

    String ts(int i) {
        int k = i / assets.size();
        return ts[k / metricNames.length];
    }

    static String value(int i) {
        return VALUES[i % VALUES.length];
    }

    /** HTTP bodies of {@code batch} consecutive points each (mixed assets, as a gateway would send them). */
    List<byte[]> httpBodies(int batch, boolean ndjson) {
        List<byte[]> bodies = new ArrayList<>(ceilDiv(n, batch));
        StringBuilder sb = new StringBuilder(batch * 128);
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            sb.setLength(0);
            if (!ndjson) {
                sb.append('[');
            }
            for (int i = from; i < to; i++) {
                if (!ndjson && i > from) {
                    sb.append(',');
                }
                sb.append("{\"asset\":\"").append(assets.get(assetIndex(i)).tag())
                        .append("\",\"metric\":\"").append(metric(i))
                        .append("\",\"ts\":\"").append(ts(i))
                        .append("\",\"value\":").append(value(i))
                        .append(",\"quality\":\"good\"}");
                if (ndjson) {
                    sb.append('\n');
                }
            }
            if (!ndjson) {
                sb.append(']');
            }
            bodies.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    record Message(int asset, int points, byte[] payload) {
    }

    /**
     * MQTT messages of at most {@code batch} points each, every message for one asset (the topic names the asset),
     * assets interleaved: message j is for asset j % A while assets have points left.
     */
    List<Message> mqttMessages(int batch) {
        int a = assets.size();
        List<List<Message>> perAsset = new ArrayList<>(a);
        StringBuilder sb = new StringBuilder(batch * 96);
        for (int asset = 0; asset < a; asset++) {
            List<Message> msgs = new ArrayList<>();
            int count = n / a + (asset < n % a ? 1 : 0);
            for (int fromK = 0; fromK < count; fromK += batch) {
                int toK = Math.min(count, fromK + batch);
                sb.setLength(0);
                sb.append('[');
                for (int k = fromK; k < toK; k++) {
                    int i = k * a + asset;
                    if (k > fromK) {
                        sb.append(',');
                    }
                    sb.append("{\"metric\":\"").append(metric(i))
                            .append("\",\"ts\":\"").append(ts(i))
                            .append("\",\"value\":").append(value(i)).append('}');
                }
                sb.append(']');
                msgs.add(new Message(asset, toK - fromK, sb.toString().getBytes(StandardCharsets.UTF_8)));
            }
            perAsset.add(msgs);
        }
        List<Message> all = new ArrayList<>(ceilDiv(n, batch) + a);
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<Message> msgs : perAsset) {
                if (round < msgs.size()) {
                    all.add(msgs.get(round));
                    any = true;
                }
            }
            if (!any) {
                return all;
            }
        }
    }

    /**
     * COPY text-format rows (asset_id, metric, ts, message_id, value, state, quality) split into {@code parts}
     * contiguous parts, one per COPY connection, each as blocks of at most 50,000 rows (no single huge array).
     */
    List<List<byte[]>> copyRows(int parts) {
        List<List<byte[]>> out = new ArrayList<>(parts);
        String[] ids = assets.stream().map(x -> x.id().toString()).toArray(String[]::new);
        int per = ceilDiv(n, parts);
        int block = 50_000;
        StringBuilder sb = new StringBuilder(Math.min(n, block) * 96);
        for (int from = 0; from < n; from += per) {
            int to = Math.min(n, from + per);
            List<byte[]> blocks = new ArrayList<>();
            for (int b = from; b < to; b += block) {
                sb.setLength(0);
                for (int i = b; i < Math.min(to, b + block); i++) {
                    sb.append(ids[assetIndex(i)]).append('\t').append(metric(i)).append('\t').append(ts(i))
                            .append("\t\t").append(value(i)).append("\t\\N\t0\n");
                }
                blocks.add(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.add(blocks);
        }
        return out;
    }
}
