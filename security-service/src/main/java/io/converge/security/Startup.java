package io.converge.security;

import io.converge.security.context.AssetDirectory;
import io.converge.security.context.CampaignCoverage;
import io.converge.security.context.ZoneDirectory;
import io.converge.security.intake.IntakeBatcher;
import io.converge.security.intake.SyslogIntake;
import io.converge.security.rules.RuleBook;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;

/**
 * At start: the rule set (the shipped one seeded on first start), the stored registry and campaign views, zones and
 * conduits from asset-service (retried on schedule if it is not up yet), then the syslog listener. Scheduled: zones
 * refresh, rule changes of other replicas.
 */
@ApplicationScoped
public class Startup {

    private final RuleBook rules;
    private final AssetDirectory assets;
    private final CampaignCoverage campaigns;
    private final ZoneDirectory zones;
    private final IntakeBatcher batcher;
    private final SyslogIntake syslog;

    public Startup(RuleBook rules, AssetDirectory assets, CampaignCoverage campaigns, ZoneDirectory zones,
            IntakeBatcher batcher, SyslogIntake syslog) {
        this.rules = rules;
        this.assets = assets;
        this.campaigns = campaigns;
        this.zones = zones;
        this.batcher = batcher;
        this.syslog = syslog;
    }

    void onStart(@Observes StartupEvent e) {
        Duration wait = Duration.ofSeconds(60);
        rules.start().await().atMost(wait);
        assets.load().await().atMost(wait);
        campaigns.load(Clock.systemUTC()).await().atMost(wait);
        zones.refresh().subscribe().with(x -> { });
        batcher.start();
        syslog.start();
    }

    void onStop(@Observes ShutdownEvent e) {
        syslog.stop();
        batcher.flush();
        batcher.stop();
    }

    @Scheduled(every = "${converge.security.context.refresh-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshZones() {
        return zones.refresh();
    }

    @Scheduled(every = "${converge.security.rules.refresh-interval:30s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshRules() {
        return rules.refreshIfChanged().onFailure().recoverWithNull();
    }
}
