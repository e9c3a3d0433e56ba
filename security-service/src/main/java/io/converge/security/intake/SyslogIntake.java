package io.converge.security.intake;

import io.converge.security.config.SecurityConfig;
import io.converge.security.domain.SyslogEvents;
import io.converge.security.domain.syslog.SyslogParseException;
import io.converge.security.domain.syslog.SyslogParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The syslog listener (TCP and UDP, RFC 5424 and RFC 3164) feeding the pipeline. A message that does not parse is
 * kept raw with the parse error (counted as unparsed); the listener keeps running whatever arrives.
 */
@ApplicationScoped
public class SyslogIntake {

    private static final Logger LOG = Logger.getLogger(SyslogIntake.class);
    private final SecurityConfig.Syslog config;
    private final IntakeBatcher batcher;
    private final io.vertx.core.Vertx vertx;
    private final SyslogParser parser = new SyslogParser(Clock.systemUTC(), ZoneOffset.UTC);
    private SyslogServer server;

    public SyslogIntake(SecurityConfig config, IntakeBatcher batcher, io.vertx.core.Vertx vertx) {
        this.config = config.syslog();
        this.batcher = batcher;
        this.vertx = vertx;
    }

    public void start() {
        if (!config.enabled()) {
            LOG.info("syslog listener disabled");
            return;
        }
        server = new SyslogServer(vertx, config.host(), config.tcpPort(), config.udpPort(),
                config.maxMessageBytes(), this::accept);
        server.start().toCompletionStage().toCompletableFuture().join();
        LOG.infof("syslog listener on %s: tcp %d, udp %d", config.host(), server.actualTcpPort(),
                server.actualUdpPort());
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public int tcpPort() {
        return server == null ? -1 : server.actualTcpPort();
    }

    public int udpPort() {
        return server == null ? -1 : server.actualUdpPort();
    }

    void accept(String raw, String transport, String peer) {
        String channel = "syslog-" + transport;
        try {
            batcher.add(Intake.ok(channel, raw, SyslogEvents.normalize(parser.parse(raw), raw, Instant.now())));
        } catch (SyslogParseException e) {
            batcher.add(Intake.failed(channel, raw, "from " + peer + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            batcher.add(Intake.failed(channel, raw, "from " + peer + ": unreadable (" + e + ")"));
        }
    }
}
