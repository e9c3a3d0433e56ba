package io.converge.kpi.stream;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Told about the samples of one asset after the consumed batch that holds them was committed; samples are sorted by
 * time and are only those of metrics some {@link MetricInterest} asked for. Calls for one asset come in consumption
 * order, one at a time. A failure is logged and does not stop consumption.
 */
public interface SampleListener {

    Uni<Void> onSamples(AssetInfo asset, List<KpiSample> samples);
}
