package io.converge.telemetry.domain;

/** One refused point of a batch: its 0-based index in the request, the reason and a human detail. */
public record Rejection(int index, RejectReason reason, String detail) {
}
