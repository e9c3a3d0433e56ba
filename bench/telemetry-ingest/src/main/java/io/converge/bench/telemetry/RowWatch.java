package io.converge.bench.telemetry;

/**
 * Watches a point set arrive in the table, cheaply enough to poll while the service ingests it. The sample times are
 * cut into chunks whose expected row counts are known; a watermark moves over the chunks found complete (a complete
 * chunk stays complete: rows are unique and nothing is deleted while the bench runs), and each poll counts only the
 * rows from the watermark on. The bench sends points roughly in sample-time order, so a poll counts about one chunk
 * plus what arrived out of order, not the whole set.
 */
final class RowWatch {

    private final Db db;
    private final PointSet set;
    private final int[] chunkStart;   // sample index where chunk c starts; chunk c ends where c+1 starts
    private int watermark;            // chunks [0, watermark) are complete
    private long completeRows;        // rows in those chunks
    private int polls;
    private long pollNanos;

    RowWatch(Db db, PointSet set, int chunks) {
        this.db = db;
        this.set = set;
        int samples = set.seriesLength();
        int c = Math.max(1, Math.min(chunks, samples));
        chunkStart = new int[c + 1];
        for (int i = 0; i <= c; i++) {
            chunkStart[i] = (int) ((long) samples * i / c);
        }
    }

    /** Rows of the set in the table now. */
    long poll() {
        long t0 = System.nanoTime();
        try {
            return count();
        } finally {
            polls++;
            pollNanos += System.nanoTime() - t0;
        }
    }

    /** "n polls, x ms each" for the notes. */
    String stats() {
        return String.format(java.util.Locale.ROOT, "%d counts, %.0f ms each", polls,
                polls == 0 ? 0.0 : pollNanos / 1e6 / polls);
    }

    private long count() {
        int chunks = chunkStart.length - 1;
        while (watermark < chunks) {
            long expected = set.pointsInSamples(chunkStart[watermark], chunkStart[watermark + 1]);
            if (expected > 0 && db.count(set, set.sampleTime(chunkStart[watermark]),
                    set.sampleTime(chunkStart[watermark + 1] - 1)) < expected) {
                break;
            }
            completeRows += expected;
            watermark++;
        }
        if (watermark == chunks) {
            return completeRows;
        }
        return completeRows + db.count(set, set.sampleTime(chunkStart[watermark]), set.last);
    }
}
