package io.converge.bench.soak;

import io.converge.bench.common.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * What people at consoles ask while all this goes on: QUERY_USERS users together make QUERY_RATE requests per second
 * in a fixed mix (of every 20 requests): 6 latest values of a machine, 4 downsampled series (1 h in 1-min buckets of
 * a sensor, or 10 min in 10-s buckets of a counter), 3 filtered asset lists (a site's CNCs sorted by criticality; a
 * name/tag search with status), 3 OEE (a line over the last hour in 5-min buckets; a machine over 15 min), 2 alert
 * lists (the analyst's new alerts; high-severity alerts) and 2 campaign lists. Viewer token, the analyst's for
 * alerts. Any answer but 200 is an error.
 */
final class QueryDriver {

    static final String LATEST = "GET /api/v1/telemetry/latest";
    static final String SERIES = "GET /api/v1/telemetry/series";
    static final String ASSETS = "GET /api/v1/assets (filtered)";
    static final String OEE = "GET /api/v1/kpis/oee";
    static final String ALERTS = "GET /api/v1/security/alerts";
    static final String CAMPAIGNS = "GET /api/v1/campaigns";

    private static final String[] MIX = {LATEST, SERIES, ASSETS, LATEST, OEE, SERIES, LATEST, ALERTS, ASSETS,
        LATEST, CAMPAIGNS, SERIES, OEE, LATEST, ASSETS, SERIES, LATEST, ALERTS, OEE, CAMPAIGNS};

    final AtomicLong requests = new AtomicLong();

    private final Config cfg;
    private final Traffic traffic;
    private final Tokens tokens;

    QueryDriver(Config cfg, Traffic traffic, Tokens tokens) {
        this.cfg = cfg;
        this.traffic = traffic;
        this.tokens = tokens;
    }

    List<Runnable> workers(Fixture plant, long t0, long deadline) {
        List<Runnable> out = new ArrayList<>();
        if (!(cfg.queryRate() > 0) || plant.machineLines.isEmpty()) {
            return out;
        }
        List<String> tags = plant.machineTags();
        Duration period = Duration.ofNanos(Math.round(cfg.queryUsers() * 1e9 / cfg.queryRate()));
        for (int u = 0; u < cfg.queryUsers(); u++) {
            int user = u;
            long first = t0 + period.toNanos() * u / cfg.queryUsers();
            out.add(() -> {
                long[] i = {user * 7L};
                Pacer.every(period, first, deadline, () -> {
                    long n = i[0]++;
                    String tag = tags.get((int) ((n * 31 + user) % tags.size()));
                    Fixture.Line line = plant.machineLines.get((int) ((n + user) % plant.machineLines.size()));
                    query(MIX[(int) (n % MIX.length)], n, tag, line, plant);
                });
            });
        }
        return out;
    }

    private void query(String route, long n, String tag, Fixture.Line line, Fixture plant) {
        requests.incrementAndGet();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IntFunction<String> ago = m -> now.minus(Duration.ofMinutes(m)).toString();
        String path = switch (route) {
            case LATEST -> "/api/v1/telemetry/latest?asset=" + tag;
            case SERIES -> n % 2 == 0
                    ? "/api/v1/telemetry/series?asset=" + tag + "&metric=temperature&from=" + ago.apply(60)
                            + "&to=" + now + "&bucket=1m&agg=avg"
                    : "/api/v1/telemetry/series?asset=" + tag + "&metric=count.good&from=" + ago.apply(10)
                            + "&to=" + now + "&bucket=10s&agg=max";
            case ASSETS -> n % 2 == 0
                    ? "/api/v1/assets?site=" + plant.site + "&type=cnc&sort=-criticality,tag&limit=50"
                    : "/api/v1/assets?q=" + enc(tag.substring(0, tag.length() - 1)) + "&status=active,maintenance"
                            + "&sort=tag&limit=20";
            case OEE -> n % 2 == 0
                    ? "/api/v1/kpis/oee?scope=line:" + line.id() + "&from=" + ago.apply(60) + "&to=" + now
                            + "&bucket=PT5M"
                    : "/api/v1/kpis/oee?scope=asset:" + tag + "&from=" + ago.apply(15) + "&to=" + now
                            + "&bucket=PT15M";
            case ALERTS -> n % 2 == 0 ? "/api/v1/security/alerts?state=new&limit=50"
                    : "/api/v1/security/alerts?severity=high&limit=20";
            default -> "/api/v1/campaigns?limit=20";
        };
        String token = route.equals(ALERTS) ? tokens.user("analyst") : tokens.viewer();
        traffic.get(route, cfg.api(path), token);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
