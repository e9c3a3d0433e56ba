package io.converge.kpi.stream;

import io.converge.kpi.domain.Interval;
import io.converge.kpi.domain.WindowFigures;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Told about every KPI window of an asset once it was stored: when it closes (revision 0) and when late points
 * changed it (revision + 1). Windows of one asset arrive in start order per computation. A failure is logged.
 */
public interface WindowListener {

    Uni<Void> onWindow(AssetInfo asset, Duration width, Interval window, int revision, WindowFigures figures);
}
