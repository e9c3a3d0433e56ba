package io.converge.telemetry.domain;

import java.util.List;

/**
 * The answer to an ingest batch, given once the accepted points are committed: how many were stored, how many were
 * already stored (same asset, metric, timestamp and message id), how many were refused, and why each was refused.
 */
public record IngestResult(int accepted, int duplicates, int rejected, List<Rejection> errors) {
}
