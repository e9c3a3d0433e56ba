package io.converge.asset.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.rest.DomainException;
import org.junit.jupiter.api.Test;

/** The import memory budget: one import too large for it is a 413, imports crowding each other out a 503. */
class ImportBudgetTest {

    private static final long MB = 1 << 20;

    @Test
    void leaseGrowsInStepsAndGivesItAllBack() {
        ImportBudget budget = new ImportBudget(100 * MB, 10 * MB);
        try (ImportBudget.Lease lease = budget.lease()) {
            assertEquals(10 * MB, lease.held());
            lease.ensure(MB / 2, 1000);
            assertEquals(11 * MB, lease.held());
            lease.ensure(MB / 4, 2000);
            assertEquals(11 * MB, lease.held(), "no growth while the estimate fits");
            lease.ensure(40 * MB, 90_000);
            assertEquals(50 * MB, lease.held());
            assertEquals(50 * MB, budget.used());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void anImportThatAloneExceedsTheBudgetIs413() {
        ImportBudget budget = new ImportBudget(100 * MB, 10 * MB);
        try (ImportBudget.Lease lease = budget.lease()) {
            DomainException e = assertThrows(DomainException.class, () -> lease.ensure(95 * MB, 18_000));
            assertEquals(DomainException.Kind.PAYLOAD_TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("after 18000 rows") && e.getMessage().contains("100 MB"),
                    e.getMessage());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void anImportCrowdedOutByOthersIs503AndFitsOnceTheyFinish() {
        ImportBudget budget = new ImportBudget(100 * MB, 10 * MB);
        ImportBudget.Lease first = budget.lease();
        first.ensure(70 * MB, 100_000);
        try (ImportBudget.Lease second = budget.lease()) {
            DomainException e = assertThrows(DomainException.class, () -> second.ensure(30 * MB, 50_000));
            assertEquals(DomainException.Kind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("other imports"), e.getMessage());
        }
        assertEquals(80 * MB, budget.used());
        ImportBudget.Lease third = budget.lease();
        ImportBudget.Lease fourth = budget.lease();
        assertEquals(100 * MB, budget.used());
        assertEquals(DomainException.Kind.UNAVAILABLE, assertThrows(DomainException.class, budget::lease).kind(),
                "no working allowance left for a fifth");
        first.close();
        fourth.close();
        third.ensure(60 * MB, 100_000);
        third.close();
        assertEquals(0, budget.used());
    }

    @Test
    void theWorkingAllowanceIsAtMostAQuarterOfTheBudget() {
        try (ImportBudget.Lease lease = new ImportBudget(8 * MB, 64 * MB).lease()) {
            assertEquals(2 * MB, lease.held());
        }
    }
}
