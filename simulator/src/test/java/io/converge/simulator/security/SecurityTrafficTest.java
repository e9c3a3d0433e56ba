package io.converge.simulator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecurityTrafficTest {

    @Test
    void neverThreeBadgeDenialsForOnePersonWithinTenMinutes() {
        SecurityTraffic t = new SecurityTraffic(2, 3, 0.5, new SplittableRandom(4));
        Instant now = Instant.parse("2026-12-04T08:00:00Z");
        Map<String, List<Instant>> denials = new HashMap<>();
        int total = 0;
        for (int i = 0; i < 20_000; i++) {
            now = now.plusSeconds(5);
            for (Map<String, Object> e : t.next(now)) {
                if ("badge-denied".equals(e.get("kind"))) {
                    denials.computeIfAbsent((String) e.get("person"), k -> new ArrayList<>()).add(now);
                    total++;
                }
            }
        }
        assertTrue(total > 100, "denials happen: " + total);
        for (List<Instant> d : denials.values()) {
            for (int i = 2; i < d.size(); i++) {
                assertTrue(Duration.between(d.get(i - 2), d.get(i)).compareTo(Duration.ofMinutes(10)) > 0,
                        "3 denials within 10 minutes: " + d.subList(i - 2, i + 1));
            }
        }
    }

    @Test
    void logonsAreLocalOnTheHmisOfThePersonsSite() {
        SecurityTraffic t = new SecurityTraffic(2, 3, 0.03, new SplittableRandom(5));
        Map<String, Integer> sites = new HashMap<>();
        t.staff().forEach(p -> sites.put(p.name(), p.site()));
        int logons = 0;
        for (int i = 0; i < 2000; i++) {
            for (Map<String, Object> e : t.next(Instant.EPOCH.plusSeconds(i * 15L))) {
                if ("logon-success".equals(e.get("kind"))) {
                    logons++;
                    assertEquals(false, e.get("remote"));
                    String host = (String) e.get("host");
                    int line = Integer.parseInt(host.substring(5, host.indexOf('-', 5)));
                    int site = sites.get((String) e.get("user"));
                    assertTrue(line > (site - 1) * 3 && line <= site * 3, host + " for site " + site);
                } else {
                    assertTrue(((String) e.get("kind")).startsWith("badge-"));
                    assertTrue(((String) e.get("reader")).startsWith("BADGE-P"));
                }
            }
        }
        assertEquals(1000, logons, 100);
    }
}
