package io.converge.kpi.stream;

import java.util.Set;

/**
 * Which metrics of an asset some feature needs (KPI bindings, alarm rules, condition monitoring). The consumer keeps
 * the samples of the union of every bean's answer and drops the rest. Called for every consumed record: answer from
 * a cache.
 */
public interface MetricInterest {

    Set<String> metrics(AssetInfo asset);
}
