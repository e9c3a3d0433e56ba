package io.converge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keycloak stopped ({@code ./converge stop keycloak}): every service keeps accepting the tokens Keycloak issued before
 * (signature checked against the keys it cached) and stays ready; a new login through the gateway fails at once with
 * a problem+json 502/503, not a hang; once Keycloak is back ({@code ./converge start keycloak}) new tokens work at
 * every service, which were never restarted.
 */
class KeycloakDownTest {

    @BeforeEach
    void healthy() {
        Suite.ensureHealthy();
    }

    @AfterEach
    void leaveHealthy() {
        Suite.ensureHealthy();
    }

    @Test
    void issuedTokensStayValidNewLoginsFailClearlyAndEverythingRecoversWithoutRestart() throws Exception {
        Map<String, String> pids = Suite.pids();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String[] r : Suite.READS.values()) {
            tokens.put(r[0], Api.user(r[0]));
        }
        String device = Api.device();
        String tag = "REL-KC-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerAsset(tag, "keycloak");
        Poll.until("telemetry-service knows " + tag, Duration.ofSeconds(60), () -> ingest(device, tag),
                a -> a.ok() && a.json().path("accepted").asInt() == 1);
        answersAll("before the fault", tokens);

        Suite.during("stop", "keycloak", () -> {
            // tokens issued before keep working: signatures are checked against the cached keys
            answersAll("with Keycloak down", tokens);
            Api.Answer ingest = ingest(device, tag);
            assertEquals(200, ingest.status(), "a device's token issued before: " + ingest.body());
            assertEquals(1, ingest.json().path("accepted").asInt(), ingest.body());
            for (String svc : Suite.SERVICES) {
                assertEquals(200, Suite.readiness(svc), svc + " readiness with Keycloak down");
            }
            // a new login fails at once, clearly
            long start = System.nanoTime();
            Api.Answer login = Api.login("operator");
            long ms = (System.nanoTime() - start) / 1_000_000;
            Suite.log("login with Keycloak down: " + login.status() + " in " + ms + " ms: " + login.body());
            assertTrue(login.status() == 502 || login.status() == 503, "login with Keycloak down: " + login.status()
                    + " " + login.body());
            assertTrue(login.header("Content-Type").startsWith("application/problem+json"), login.header(
                    "Content-Type"));
            assertEquals(login.status(), login.json().path("status").asInt(), login.body());
            assertTrue(login.json().path("detail").asText().length() > 10, login.body());
            assertTrue(ms < 10_000, "the failed login took " + ms + " ms");
            // a long outage: the tokens issued before still work at its end (keys cached, not fetched per request)
            Poll.sleep(Suite.outage(Duration.ZERO));
            answersAll("at the end of the outage", tokens);
        });

        // back: new logins, and their tokens are accepted by the same service processes
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String user : tokens.keySet()) {
            Api.Answer login = Api.login(user);
            assertEquals(200, login.status(), user + " login after Keycloak came back: " + login.body());
            fresh.put(user, "Bearer " + login.json().path("access_token").asText());
        }
        answersAll("with tokens issued after the restart", fresh);
        assertEquals(pids, Suite.pids(), "no service was restarted");
    }

    private static Api.Answer ingest(String device, String tag) {
        return Api.post(device, "/api/v1/telemetry/points", List.of(Map.of("asset", tag, "metric",
                "reliability.keycloak", "ts", Instant.now().minusSeconds(1).toString(), "value", 1)));
    }

    private static void answersAll(String when, Map<String, String> tokens) {
        List<String> failures = new ArrayList<>();
        Suite.READS.forEach((svc, r) -> {
            Api.Answer a = Api.get(tokens.get(r[0]), r[1]);
            if (a.status() != 200) {
                failures.add(svc + " " + r[1] + " as " + r[0] + ": " + a.status() + " " + a.body());
            }
        });
        assertTrue(failures.isEmpty(), when + ":\n" + String.join("\n", failures));
    }
}
