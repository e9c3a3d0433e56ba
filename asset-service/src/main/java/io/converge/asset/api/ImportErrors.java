package io.converge.asset.api;

import io.converge.rest.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The row errors of one import: counts all of them, keeps the first {@link #CAP}. Phase 1 reports in file order
 * ({@link #add}); phase 2 checks the rows in tag order (the order it locks them in) and reports through
 * {@link #addLate}, which keeps the {@code CAP} lowest rows and hands them on in row order, so that the answer lists
 * the same errors as if phase 2 had gone through the file from the top.
 */
final class ImportErrors {

    static final int CAP = 1000;
    private static final Comparator<FieldError> BY_ROW = Comparator.comparing(FieldError::row);

    private final List<FieldError> kept = new ArrayList<>();
    private final List<FieldError> late = new ArrayList<>();
    private long count;

    void add(FieldError e) {
        count++;
        if (kept.size() < CAP) {
            kept.add(e);
        }
    }

    /** An error found out of file order; a row's own errors must come in one go, in their order. */
    void addLate(FieldError e) {
        count++;
        late.add(e);
        if (late.size() >= 2 * CAP) {
            trimLate();
        }
    }

    long count() {
        return count;
    }

    /** The refusal of the whole file, with the errors kept. */
    AssetImporter.Rejected rejected() {
        trimLate();
        for (FieldError e : late) {
            if (kept.size() == CAP) {
                break;
            }
            kept.add(e);
        }
        late.clear();
        return new AssetImporter.Rejected(kept, count);
    }

    /** Keeps the late errors of the lowest rows (a stable sort: a row's errors stay in their order). */
    private void trimLate() {
        late.sort(BY_ROW);
        if (late.size() > CAP) {
            late.subList(CAP, late.size()).clear();
        }
    }
}
