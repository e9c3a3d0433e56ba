package io.converge.patch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of patch-service under {@code converge.*}; documented in the README's configuration section. */
@ConfigMapping(prefix = "converge")
public interface PatchConfig {

    Outbox outbox();

    interface Outbox {
        @WithDefault("50")
        int batchSize();

        @WithDefault("5s")
        Duration interval();
    }
}
