package io.converge.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.simulator.attack.AttackScenario;
import io.converge.simulator.firmware.FirmwareAgents;
import io.converge.simulator.firmware.Install;
import io.converge.simulator.net.Api;
import io.converge.simulator.net.TelemetrySender;
import io.converge.simulator.net.Tokens;
import io.converge.simulator.plant.Plant;
import io.converge.simulator.plant.Transport;
import io.converge.simulator.plant.Vibration;
import io.converge.simulator.security.SecurityTraffic;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The simulator's command line: see {@code --help} and simulator/README.md. */
@Command(name = "converge-simulator", mixinStandardHelpOptions = true, version = "converge-simulator 0.1.0",
        sortOptions = false, showDefaultValues = true,
        description = "Simulates the Converge demo plant: machines sending telemetry over MQTT (JSON, Sparkplug B) and"
                + " HTTP, firmware agents on the device protocol, badge and logon events; --attack adds an attack"
                + " scenario that fires the shipped security rules.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--gateway-url", defaultValue = "${env:CONVERGE_GATEWAY_URL:-http://localhost:8080}",
            description = "API gateway (HTTP telemetry, device protocol, security events)")
    String gatewayUrl;
    @Option(names = "--keycloak-url", defaultValue = "${env:CONVERGE_KEYCLOAK_URL:-http://localhost:8180}",
            description = "Keycloak base URL (tokens from <url>/realms/<realm>)")
    String keycloakUrl;
    @Option(names = "--realm", defaultValue = "converge")
    String realm;
    @Option(names = "--client-id", defaultValue = "converge-device", description = "device client (client credentials)")
    String clientId;
    @Option(names = "--client-secret", defaultValue = "${env:CONVERGE_DEVICE_SECRET:-converge-device-secret}")
    String clientSecret;
    @Option(names = "--mqtt-host", defaultValue = "${env:CONVERGE_MQTT_HOST:-127.0.0.1}")
    String mqttHost;
    @Option(names = "--mqtt-port", defaultValue = "${env:CONVERGE_MQTT_PORT:-1883}")
    int mqttPort;
    @Option(names = "--mqtt-client-id", defaultValue = "converge-sim", description = "MQTT client id prefix")
    String mqttClientId;

    @Option(names = "--sites", defaultValue = "2", description = "sites ACME-P1 …")
    int sites;
    @Option(names = "--lines", defaultValue = "3", description = "lines per site (numbered across the plant)")
    int lines;
    @Option(names = "--machines", defaultValue = "2", description = "machines per line (PLC-L{n}-01 …)")
    int machines;
    @Option(names = "--drives", defaultValue = "2", description = "conveyor drives with vibration per line")
    int drives;
    @Option(names = "--transports", defaultValue = "json,sparkplug,http", split = ",",
            description = "transports given to the lines in turn: json, sparkplug, http")
    List<String> transports;
    @Option(names = "--interval", defaultValue = "2s", converter = Durations.class,
            description = "telemetry period (every machine, drive and meter each period)")
    Duration interval;
    @Option(names = "--mtbf", defaultValue = "20m", converter = Durations.class, description = "mean time between stops")
    Duration mtbf;
    @Option(names = "--mttr", defaultValue = "3m", converter = Durations.class, description = "mean repair time")
    Duration mttr;
    @Option(names = "--scrap-share", defaultValue = "0.02")
    double scrapShare;
    @Option(names = "--degrading-drive", defaultValue = "DRV-L1-01",
            description = "the drive whose gearbox vibration rises (demo condition binding, threshold 7.1 mm/s)")
    String degradingDrive;
    @Option(names = "--degradation-per-hour", defaultValue = "1.0", description = "its rise in mm/s per hour")
    double degradationPerHour;
    @Option(names = "--degradation-start", defaultValue = "-1",
            description = "its level at start, mm/s (negative: where a wear cycle begun at the epoch is now, so"
                    + " restarts continue the same curve)")
    double degradationStart;
    @Option(names = "--vibration-fail-at", defaultValue = "9.0",
            description = "level at which its bearing is replaced (back to healthy)")
    double vibrationFailAt;
    @Option(names = "--seed", defaultValue = "42", description = "random seed of the plant model")
    long seed;

    @Option(names = "--telemetry", negatable = true, defaultValue = "true", fallbackValue = "true")
    boolean telemetry;
    @Option(names = "--firmware", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run a firmware agent per device")
    boolean firmware;
    @Option(names = "--firmware-poll", defaultValue = "60s", converter = Durations.class)
    Duration firmwarePoll;
    @Option(names = "--install-time", defaultValue = "10s", converter = Durations.class)
    Duration installTime;
    @Option(names = "--firmware-failure-share", defaultValue = "0.1", description = "share of updates that fail")
    double firmwareFailureShare;
    @Option(names = "--security", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "everyday badge and logon events")
    boolean security;
    @Option(names = "--security-interval", defaultValue = "15s", converter = Durations.class)
    Duration securityInterval;
    @Option(names = "--badge-denial-share", defaultValue = "0.03")
    double badgeDenialShare;

    @Option(names = "--attack", description = "run the attack scenario once, after --attack-delay")
    boolean attack;
    @Option(names = "--attack-delay", defaultValue = "20s", converter = Durations.class)
    Duration attackDelay;
    @Option(names = "--attack-user", defaultValue = "engineer",
            description = "stolen credentials used for the tampered upload (password grant, converge-console)")
    String attackUser;
    @Option(names = "--attack-password", description = "its password (default: the demo convention, = user name)")
    String attackPassword;
    @Option(names = "--attack-site", defaultValue = "ACME-P1", description = "site of the rogue device's topic")
    String attackSite;
    @Option(names = "--attack-remote-host", defaultValue = "PLC-L4-01",
            description = "OT asset of a site whose maintenance window is closed (demo: ACME-P2 opens Sundays only)")
    String attackRemoteHost;
    @Option(names = "--attack-person", defaultValue = "m.garnier",
            description = "whose badge is refused (not one of the everyday staff, whose logons would chain on it)")
    String attackPerson;
    @Option(names = "--attack-hmi", defaultValue = "HMI-L1-01")
    String attackHmi;

    @Option(names = "--duration", defaultValue = "0s", converter = Durations.class,
            description = "stop after this long (0: run until stopped)")
    Duration duration;
    @Option(names = "--stats-interval", defaultValue = "30s", converter = Durations.class)
    Duration statsInterval;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String realmUrl = Tokens.stripSlash(keycloakUrl) + "/realms/" + realm;
        Api device = new Api(http, gatewayUrl, Tokens.clientCredentials(http, json, realmUrl, clientId, clientSecret));
        String mqttUri = "tcp://" + mqttHost + ":" + mqttPort;
        Plant plant = Plant.build(new Plant.Spec(sites, lines, machines, drives,
                transports.stream().map(Transport::parse).toList(), mtbf.toSeconds(), mttr.toSeconds(), scrapShare,
                degradingDrive, degradationPerHour, degradationStart >= 0 ? degradationStart
                        : Vibration.phaseLevel(Plant.HEALTHY_VIBRATION, degradationPerHour, vibrationFailAt,
                                java.time.Instant.now()), vibrationFailAt, seed));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulator");
            t.setDaemon(true);
            return t;
        });
        TelemetrySender sender = telemetry ? new TelemetrySender(plant.lines(), mqttUri, mqttClientId, device, json)
                : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS); // a tick in flight finishes before the NDEATHs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sender != null) {
                sender.close();
            }
            Log.info("simulator stopped");
        }));
        SecurityTraffic traffic = security ? new SecurityTraffic(sites, lines, badgeDenialShare,
                new SplittableRandom(seed + 1)) : null;
        Simulation sim = new Simulation(plant, sender, traffic, device, json);
        sim.start(scheduler, interval, securityInterval);
        FirmwareAgents agents = null;
        if (firmware) {
            agents = new FirmwareAgents(device, json, new Install(firmwareFailureShare, new SplittableRandom(seed + 2)),
                    installTime);
            agents.start(plant.tags(), firmwarePoll, scheduler);
        }
        Log.info("simulating %d lines (%s), %d devices; gateway %s, MQTT %s%s", plant.lines().size(),
                String.join(",", transports), plant.tags().size(), gatewayUrl, mqttUri, attack ? ", attack on" : "");
        if (attack) {
            Api engineer = new Api(http, gatewayUrl, Tokens.password(http, json, realmUrl, "converge-console",
                    attackUser, attackPassword == null ? attackUser : attackPassword));
            AttackScenario scenario = new AttackScenario(device, engineer, mqttUri, json,
                    new AttackScenario.Targets(attackSite, attackRemoteHost, attackPerson, attackHmi));
            scheduler.schedule(() -> Thread.ofVirtual().start(scenario::run), attackDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        FirmwareAgents a = agents;
        scheduler.scheduleAtFixedRate(() -> Log.info("%s%s", sim.stats(), a == null ? "" : " | firmware " + a.stats()),
                statsInterval.toMillis(), statsInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (duration.isZero()) {
            Thread.currentThread().join();
        }
        Thread.sleep(duration.toMillis());
        Log.info("--duration %s reached: %s", duration, sim.stats());
        return 0;
    }
}
