package io.converge.asset.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.rest.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors found in tag order come out as if found in file order: the lowest rows, a row's own errors in their order. */
class ImportErrorsTest {

    @Test
    void lateErrorsAreKeptByRowAfterTheFileOrderOnes() {
        ImportErrors errors = new ImportErrors();
        errors.add(new FieldError(7L, "name", "must not be blank"));
        errors.addLate(new FieldError(9L, "location", "no hierarchy node with code 'x'"));
        errors.addLate(new FieldError(3L, "zone", "no zone named 'z'"));
        errors.addLate(new FieldError(3L, "status", "retired is final"));
        AssetImporter.Rejected r = errors.rejected();
        assertEquals(4, r.count());
        assertEquals(List.of(7L, 3L, 3L, 9L), r.errors().stream().map(FieldError::row).toList());
        assertEquals(List.of("name", "zone", "status", "location"), r.errors().stream().map(FieldError::field)
                .toList());
    }

    @Test
    void manyLateErrorsKeepTheLowestRowsUpToTheCap() {
        ImportErrors errors = new ImportErrors();
        for (long row = 5000; row >= 1; row--) {
            errors.addLate(new FieldError(row, "location", "no hierarchy node"));
        }
        AssetImporter.Rejected r = errors.rejected();
        assertEquals(5000, r.count());
        assertEquals(ImportErrors.CAP, r.errors().size());
        assertEquals(1L, r.errors().get(0).row());
        assertEquals((long) ImportErrors.CAP, r.errors().get(ImportErrors.CAP - 1).row());
    }
}
