package io.converge.asset.domain;

import io.converge.rest.DomainException;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusPolicyTest {

    private static final StatusPolicy.Caller ENGINEER = new StatusPolicy.Caller(true, false, false);
    private static final StatusPolicy.Caller ANALYST = new StatusPolicy.Caller(false, true, false);
    private static final StatusPolicy.Caller ADMIN = new StatusPolicy.Caller(true, true, true);

    @ParameterizedTest(name = "{0} → {1}: engineer {2}, analyst {3}")
    @CsvSource({
        "planned, active, ok, FORBIDDEN",
        "active, maintenance, ok, FORBIDDEN",
        "maintenance, active, ok, FORBIDDEN",
        "active, quarantined, FORBIDDEN, ok",
        "quarantined, active, FORBIDDEN, ok",
        "quarantined, maintenance, FORBIDDEN, ok",
        "active, retired, ok, FORBIDDEN",
        "retired, active, CONFLICT, FORBIDDEN",
        "retired, quarantined, FORBIDDEN, CONFLICT",
        "active, planned, CONFLICT, FORBIDDEN",
        "active, active, ok, ok"})
    void transitions(String from, String to, String engineer, String analyst) {
        check(from, to, ENGINEER, engineer);
        check(from, to, ANALYST, analyst);
    }

    private static void check(String from, String to, StatusPolicy.Caller caller, String expected) {
        if (expected.equals("ok")) {
            assertDoesNotThrow(() -> StatusPolicy.checkTransition(AssetStatus.parse(from), AssetStatus.parse(to),
                    caller));
        } else {
            DomainException e = assertThrows(DomainException.class, () -> StatusPolicy.checkTransition(
                    AssetStatus.parse(from), AssetStatus.parse(to), caller));
            assertEquals(DomainException.Kind.valueOf(expected), e.kind());
        }
    }

    @Test
    void adminMayDoEveryAllowedTransition() {
        assertDoesNotThrow(() -> StatusPolicy.checkTransition(AssetStatus.ACTIVE, AssetStatus.QUARANTINED, ADMIN));
        assertDoesNotThrow(() -> StatusPolicy.checkTransition(AssetStatus.QUARANTINED, AssetStatus.ACTIVE, ADMIN));
        assertThrows(DomainException.class, () -> StatusPolicy.checkTransition(AssetStatus.RETIRED,
                AssetStatus.ACTIVE, ADMIN));
    }

    @Test
    void initialStatus() {
        assertDoesNotThrow(() -> StatusPolicy.checkInitial(AssetStatus.PLANNED, ENGINEER));
        assertEquals(DomainException.Kind.FORBIDDEN, assertThrows(DomainException.class,
                () -> StatusPolicy.checkInitial(AssetStatus.QUARANTINED, ENGINEER)).kind());
        assertDoesNotThrow(() -> StatusPolicy.checkInitial(AssetStatus.QUARANTINED, ANALYST));
        assertEquals(DomainException.Kind.UNPROCESSABLE, assertThrows(DomainException.class,
                () -> StatusPolicy.checkInitial(AssetStatus.RETIRED, ADMIN)).kind());
    }
}
