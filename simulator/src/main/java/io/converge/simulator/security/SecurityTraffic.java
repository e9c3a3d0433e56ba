package io.converge.simulator.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The everyday physical-access and logon traffic of the plant, in security-service's short event forms: staff badge
 * at the doors of their site (now and then refused: a worn badge), and operators log on locally at their line's HMI.
 * It stays below the shipped rules on purpose: at most one badge denial per person within the 10-minute window of
 * rule 100121 (3 denials), and logons are local (rule 100110 is about remote ones), so normal operation raises at
 * most the informational alert of a single denial (100120) and only the attack mode fires the correlation rules.
 */
public final class SecurityTraffic {

    /** A member of staff: name, badge id, home site number. */
    public record Person(String name, String badgeId, int site) {
    }

    static final Duration DENIAL_SPACING = Duration.ofMinutes(15);
    private static final String[] NAMES = {"j.martin", "a.dubois", "l.bernard", "c.thomas", "m.petit", "s.robert",
        "n.richard", "e.durand", "p.leroy", "k.moreau", "h.simon", "r.laurent"};

    private final List<Person> staff;
    private final int sites;
    private final int linesPerSite;
    private final double denialShare;
    private final RandomGenerator random;
    private final Map<String, Instant> lastDenial = new HashMap<>();

    public SecurityTraffic(int sites, int linesPerSite, double denialShare, RandomGenerator random) {
        this.sites = sites;
        this.linesPerSite = linesPerSite;
        this.denialShare = denialShare;
        this.random = Objects.requireNonNull(random, "random");
        this.staff = java.util.stream.IntStream.range(0, NAMES.length)
                .mapToObj(i -> new Person(NAMES[i], String.format("B-%05d", 10_000 + i * 37), i % sites + 1))
                .toList();
    }

    public List<Person> staff() {
        return staff;
    }

    /** The badge reader tag at a site's door n (1 = hall, 2 = warehouse). */
    public static String reader(int site, int door) {
        return String.format("BADGE-P%d-%02d", site, door);
    }

    public static String door(int site, int door) {
        return "P" + site + (door == 1 ? "-HALL" : "-WAREHOUSE");
    }

    /** The events of one tick: a badge reading and, every other tick on average, an operator logon. */
    public List<Map<String, Object>> next(Instant now) {
        Person p = staff.get(random.nextInt(staff.size()));
        int d = 1 + random.nextInt(2);
        Instant last = lastDenial.get(p.name());
        boolean deny = random.nextDouble() < denialShare
                && (last == null || !last.plus(DENIAL_SPACING).isAfter(now));
        if (deny) {
            lastDenial.put(p.name(), now);
        }
        Map<String, Object> badge = new LinkedHashMap<>();
        badge.put("kind", deny ? "badge-denied" : "badge-granted");
        badge.put("time", now.toString());
        badge.put("badgeId", p.badgeId());
        badge.put("person", p.name());
        badge.put("door", door(p.site(), d));
        badge.put("reader", reader(p.site(), d));
        badge.put("assetTag", reader(p.site(), d));
        badge.put("site", "ACME-P" + p.site());
        if (random.nextBoolean()) {
            return List.of(badge);
        }
        return List.of(badge, logon(p, now));
    }

    private Map<String, Object> logon(Person p, Instant now) {
        int line = (p.site() - 1) * linesPerSite + 1 + random.nextInt(linesPerSite);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", "logon-success");
        e.put("time", now.toString());
        e.put("user", p.name());
        e.put("host", String.format("HMI-L%d-01", line));
        e.put("remote", false);
        e.put("protocol", "console");
        return e;
    }

    int sites() {
        return sites;
    }
}
