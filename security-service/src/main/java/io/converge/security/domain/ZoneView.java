package io.converge.security.domain;

import java.util.UUID;

/** An IEC 62443 zone as asset-service defines it: its target security level SL-T (0-4). */
public record ZoneView(UUID id, String name, int slT) {
}
