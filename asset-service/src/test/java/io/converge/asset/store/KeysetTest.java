package io.converge.asset.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.rest.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetTest {

    record Row(UUID id, String name, int rank, Instant at) {
    }

    private static final Map<String, Keyset.Column<Row>> COLS = Map.of(
            "name", new Keyset.Column<>("t.name", Keyset.Type.TEXT, Row::name),
            "rank", new Keyset.Column<>("t.rank", Keyset.Type.INT, Row::rank),
            "at", new Keyset.Column<>("t.at", Keyset.Type.TIMESTAMP, Row::at));

    private static Keyset<Row> keyset(String sort) {
        return new Keyset<>(COLS, "t.id", Row::id, sort, "name");
    }

    @Test
    void orderByAppendsIdAsTieBreaker() {
        assertEquals(" ORDER BY t.rank DESC, t.name ASC, t.id ASC", keyset("-rank,name").orderBy());
        assertEquals(" ORDER BY t.name ASC, t.id ASC", keyset(null).orderBy());
    }

    @Test
    void cursorRoundTripBuildsTheKeysetCondition() {
        Keyset<Row> k = keyset("-rank,at");
        List<Row> rows = List.of(new Row(UUID.randomUUID(), "a", 3, Instant.parse("2026-01-01T00:00:00Z")),
                new Row(UUID.randomUUID(), "b", 2, Instant.parse("2026-01-02T00:00:00Z")),
                new Row(UUID.randomUUID(), "c", 1, Instant.parse("2026-01-03T00:00:00Z")));
        Page<Row> page = k.page(rows, 2);
        assertEquals(2, page.items().size());
        SqlBuilder sql = new SqlBuilder();
        keyset("-rank,at").after(page.nextCursor(), sql);
        assertEquals(" WHERE ((t.rank < $1) OR (t.rank = $1 AND t.at > $2) OR (t.rank = $1 AND t.at = $2 AND t.id > $3))",
                sql.whereClause());
        assertEquals(3, sql.tuple().size());
        assertEquals(2, sql.tuple().getValue(0));
    }

    @Test
    void lastPageHasNoCursor() {
        assertNull(keyset("name").page(List.of(new Row(UUID.randomUUID(), "a", 1, Instant.now())), 5).nextCursor());
    }

    @Test
    void badInputIs400() {
        assertThrows(DomainException.class, () -> keyset("password"));
        assertThrows(DomainException.class, () -> keyset("name,name"));
        assertThrows(DomainException.class, () -> keyset("name").after("%%%", new SqlBuilder()));
        assertThrows(DomainException.class, () -> keyset("name").after("e30", new SqlBuilder()));
        String cursor = keyset("name").page(List.of(new Row(UUID.randomUUID(), "a", 1, Instant.now()),
                new Row(UUID.randomUUID(), "b", 1, Instant.now())), 1).nextCursor();
        DomainException e = assertThrows(DomainException.class, () -> keyset("rank").after(cursor, new SqlBuilder()));
        assertTrue(e.getMessage().contains("sort order"));
    }
}
