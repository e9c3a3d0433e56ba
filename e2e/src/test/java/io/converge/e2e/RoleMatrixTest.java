package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each demo user × a representative read and write of every service, through the gateway with the user's real token.
 * Writes carry an empty body: a caller the endpoint allows gets past authorization and is refused by validation
 * (4xx, nothing written); a caller it does not allow gets 403 problem+json; no token gets 401. The table below is the
 * expectation; the test prints what it saw.
 */
class RoleMatrixTest {

    /** One call and the users allowed to make it. */
    private record Cell(String service, String method, String path, Set<String> allowed) {
    }

    private static final List<String> USERS = List.of("viewer", "operator", "engineer", "engineer2", "approver",
            "approver2", "analyst", "admin", "nobody");
    private static final Set<String> VIEWERS = Set.of("viewer", "operator", "engineer", "engineer2", "approver",
            "approver2", "analyst", "admin");
    private static final Set<String> ENGINEERS = Set.of("engineer", "engineer2", "admin");
    private static final Set<String> OPERATORS = Set.of("operator", "engineer", "engineer2", "admin");
    private static final Set<String> ANALYSTS = Set.of("analyst", "admin");

    private static final List<Cell> CELLS = List.of(
            new Cell("asset", "GET", "/api/v1/assets?limit=1", VIEWERS),
            new Cell("asset", "POST", "/api/v1/assets", ENGINEERS),
            new Cell("telemetry", "GET", "/api/v1/telemetry/latest", VIEWERS),
            new Cell("telemetry", "POST", "/api/v1/telemetry/points", ENGINEERS),
            new Cell("kpi", "GET", "/api/v1/kpis/alarms", VIEWERS),
            new Cell("kpi", "POST", "/api/v1/kpis/alarms/" + UUID.randomUUID() + "/acknowledge", OPERATORS),
            new Cell("patch", "GET", "/api/v1/campaigns", VIEWERS),
            new Cell("patch", "POST", "/api/v1/campaigns", ENGINEERS),
            new Cell("security", "GET", "/api/v1/security/alerts?limit=1", ANALYSTS),
            new Cell("security", "POST", "/api/v1/security/rules", ANALYSTS));

    @Test
    void everyDemoUserGetsWhatTheirRolesAllowAndNothingElse() {
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-10s %-6s %-45s", "service", "", "path"));
        USERS.forEach(u -> table.append(String.format(" %-9s", u)));
        table.append(String.format(" %-9s%n", "no token"));
        for (Cell c : CELLS) {
            table.append(String.format("%-10s %-6s %-45s", c.service(), c.method(), shorten(c.path())));
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (String user : USERS) {
                Gateway.Answer a = c.method().equals("GET") ? Gateway.get(user, c.path())
                        : Gateway.call(user, c.method(), c.path(), Map.of());
                seen.put(user, a.status());
                table.append(String.format(" %-9d", a.status()));
                boolean allowed = c.allowed().contains(user);
                boolean ok = allowed ? a.status() != 401 && a.status() != 403 && a.status() < 500
                        : a.status() == 403 && a.contentType().startsWith("application/problem+json");
                if (!ok) {
                    wrong.add(user + " " + c.method() + " " + c.path() + " → " + a.status() + " (expected "
                            + (allowed ? "allowed" : "403 problem+json") + "): " + a.body());
                }
            }
            Gateway.Answer anonymous = c.method().equals("GET") ? Gateway.get(null, c.path())
                    : Gateway.call(null, c.method(), c.path(), Map.of());
            table.append(String.format(" %-9d%n", anonymous.status()));
            if (anonymous.status() != 401) {
                wrong.add("no token " + c.method() + " " + c.path() + " → " + anonymous.status());
            }
        }
        System.out.println("Role matrix through the gateway (status per user):\n" + table);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + CELLS.size() * (USERS.size() + 1) + " cells wrong:\n"
                + String.join("\n", wrong));
    }

    private static String shorten(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
    }
}
