package io.converge.bench.telemetry;

import io.converge.bench.common.BenchException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * Baseline: the same kind of points COPYed straight into the same table by the client (text format, one COPY per
 * connection, autocommit). Timed from the first byte sent to the last COPY's commit.
 */
final class CopyPhase {

    static final String SQL = "COPY point (asset_id, metric, ts, message_id, value, state, quality) FROM STDIN";

    private CopyPhase() {
    }

    /** Returns the seconds the COPY took. */
    static double copy(Db db, PointSet set, int connections) {
        List<List<byte[]>> chunks = set.copyRows(connections);
        List<Connection> conns = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(chunks.size());
        try {
            for (int i = 0; i < chunks.size(); i++) {
                conns.add(db.open());
            }
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                Connection c = conns.get(i);
                List<InputStream> blocks = chunks.get(i).stream().<InputStream>map(ByteArrayInputStream::new).toList();
                done.add(pool.submit(() -> c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(SQL, new SequenceInputStream(Collections.enumeration(blocks)), 1 << 16)));
            }
            long copied = 0;
            for (Future<Long> f : done) {
                copied += f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (copied != set.n) {
                throw new BenchException("COPY reported " + copied + " rows for " + set.n + " sent");
            }
            return seconds;
        } catch (ExecutionException e) {
            String m = BenchException.rootMessage(e);
            throw new BenchException("COPY into point failed: " + m + (m.contains("no partition")
                    ? " (telemetry-service creates the daily partitions; is it up to date?)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } finally {
            pool.shutdownNow();
            for (Connection c : conns) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing
                }
            }
        }
    }
}
