package io.converge.patch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirmwareStateTest {

    @Test
    void transitions() {
        assertTrue(FirmwareState.UPLOADED.canMoveTo(FirmwareState.VERIFIED));
        assertTrue(FirmwareState.VERIFIED.canMoveTo(FirmwareState.RELEASED));
        assertTrue(FirmwareState.VERIFIED.canMoveTo(FirmwareState.REVOKED));
        assertTrue(FirmwareState.RELEASED.canMoveTo(FirmwareState.REVOKED));
        assertFalse(FirmwareState.UPLOADED.canMoveTo(FirmwareState.RELEASED));
        assertFalse(FirmwareState.RELEASED.canMoveTo(FirmwareState.RELEASED));
        assertFalse(FirmwareState.REVOKED.canMoveTo(FirmwareState.RELEASED));
        assertFalse(FirmwareState.REVOKED.canMoveTo(FirmwareState.VERIFIED));
        assertFalse(FirmwareState.RELEASED.canMoveTo(FirmwareState.VERIFIED));
        assertEquals(Optional.of(FirmwareState.RELEASED), FirmwareState.parse("released"));
        assertEquals(Optional.empty(), FirmwareState.parse("RELEASED"));
    }
}
