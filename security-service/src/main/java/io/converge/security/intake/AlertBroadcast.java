package io.converge.security.intake;

import io.converge.security.store.AlertView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Alerts as they are raised or change, for the SSE stream (after the change is committed). */
@ApplicationScoped
public class AlertBroadcast {

    private final BroadcastProcessor<AlertView> processor = BroadcastProcessor.create();

    public synchronized void publish(AlertView a) {
        processor.onNext(a);
    }

    public Multi<AlertView> stream() {
        return processor;
    }
}
