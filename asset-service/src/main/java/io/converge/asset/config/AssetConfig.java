package io.converge.asset.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.Optional;

/** asset-service settings under {@code converge.*} (documented in README, "Configuration"). */
@ConfigMapping(prefix = "converge")
public interface AssetConfig {

    Http http();

    @WithName("import")
    Import importing();

    Paging paging();

    Outbox outbox();

    interface Http {
        /** Largest JSON body accepted by the API (bulk import has its own limit). */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    interface Import {
        @WithDefault("64M")
        MemorySize maxBodySize();

        @WithDefault("100000")
        int maxRows();

        /** Rows written per statement inside the import transaction. */
        @WithDefault("2000")
        int chunkSize();

        /**
         * Heap granted to the imports running at once (their rows and working memory, estimated); an import that
         * alone needs more is a 413, one that finds it taken by others a 503. Default: 40% of the maximum heap.
         */
        Optional<MemorySize> memoryBudget();
    }

    interface Paging {
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("500")
        int maxLimit();
    }

    interface Outbox {
        @WithDefault("200")
        int batchSize();

        @WithDefault("5s")
        Duration interval();
    }
}
