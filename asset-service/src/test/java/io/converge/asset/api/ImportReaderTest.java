package io.converge.asset.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.rest.DomainException;
import io.converge.rest.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Imports whose bytes are not well-formed text: found by the bad-input corpus (stored as U+FFFD or '/' before). */
class ImportReaderTest {

    private static byte[] bytes(String before, String hex, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(HexFormat.of().parseHex(hex));
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void csvWithMalformedUtf8IsABadRequest() {
        byte[] csv = bytes("tag,name,domain,type,criticality\nA-1,", "fffe80c0af", ",OT,plc,low\n");
        List<Object> rows = new ArrayList<>();
        DomainException e = assertThrows(DomainException.class, () -> ImportReader.readCsv(
                new ByteArrayInputStream(csv), StandardCharsets.UTF_8, rows::add));
        assertEquals(400, e.status());
        assertFalse(e.getMessage().contains("java."), e.getMessage());
        assertEquals(List.of(), rows);
    }

    @Test
    void jsonWithAnOverlongSlashIsABadRequest() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        byte[] json = bytes("[{\"tag\": \"A-1", "c0af", "x\", \"name\": \"n\", \"domain\": \"OT\", \"type\": \"plc\"}]");
        DomainException e = assertThrows(DomainException.class, () -> ImportReader.readJson(mapper,
                new ByteArrayInputStream(json), row -> { }));
        assertEquals(400, e.status());
    }

    @Test
    void twoRowsAreStillRead() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        byte[] json = "[{\"tag\": \"A-1\"}, {\"tag\": \"A-2\"}]".getBytes(StandardCharsets.UTF_8);
        List<Object> rows = new ArrayList<>();
        ImportReader.readJson(mapper, new ByteArrayInputStream(json), rows::add);
        assertEquals(2, rows.size());
    }
}
