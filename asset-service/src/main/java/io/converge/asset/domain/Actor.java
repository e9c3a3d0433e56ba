package io.converge.asset.domain;

/** Who makes a change: token subject, display name, and the powers its roles give. */
public record Actor(String subject, String name, StatusPolicy.Caller powers) {
}
