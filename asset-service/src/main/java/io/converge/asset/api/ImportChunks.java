package io.converge.asset.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one step per chunk of a list, one after the other, each step let go once it completed.
 *
 * <p>Not a chain of {@code uni.call(...)} built in a loop: every operator of such a chain keeps its upstream, so the
 * step running at the end still reaches every completed step and what it captured (the written assets, the audit and
 * outbox payloads of every chunk), and a 100,000-row import held all of them at once (OutOfMemoryError at 256 MB).
 * A concatenating {@link Multi} holds only the step under way.
 */
final class ImportChunks {

    private ImportChunks() {
    }

    static <T> Uni<Void> each(List<T> all, int chunkSize, Function<List<T>, Uni<?>> step) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = Math.max(1, chunkSize);
        List<List<T>> chunks = new ArrayList<>((all.size() + size - 1) / size);
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> step.apply(chunk).replaceWith(Boolean.TRUE))
                .onItem().ignoreAsUni();
    }
}
