package io.converge.security.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.testing.Await;
import io.converge.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Syslog over real TCP and UDP sockets into the running service: normalized, stored, evaluated; garbage kept raw. */
@QuarkusTest
class SyslogIntakeTest {

    @Inject
    SyslogIntake syslog;

    private static JsonPath events(String query) {
        return given().header("Authorization", KeycloakTokens.bearer("analyst"))
                .get("/api/v1/security/events?limit=500&" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void tcpAndUdpMessagesAreNormalizedAndGarbageIsKeptRawWhileTheListenerKeepsRunning() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String firewall = "<134>1 2026-12-03T10:00:00.000Z fw-1 filter - - - action=deny src=10.1.2.3 dst=10.20.0.5"
                + " dpt=502 proto=tcp run=" + run;
        String ssh = "<38>Dec  3 10:00:01 ews-7 sshd[812]: Failed password for admin from 10.9.8.7 port 52144 ssh2 "
                + run;
        String garbage = "no priority here " + run;
        String after = "<13>1 - host app - - - still listening " + run;
        try (Socket s = new Socket("127.0.0.1", syslog.tcpPort()); OutputStream out = s.getOutputStream()) {
            byte[] f = firewall.getBytes(StandardCharsets.UTF_8);
            out.write((f.length + " ").getBytes(StandardCharsets.UTF_8));
            out.write(f);
            out.write((ssh + "\n" + garbage + "\n" + after + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        String plc = "<29>Dec  3 10:00:02 plc-gw-2 s7gw: program download to CPU 1516 by ews-3 " + run;
        try (DatagramSocket u = new DatagramSocket()) {
            byte[] b = plc.getBytes(StandardCharsets.UTF_8);
            u.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), syslog.udpPort()));
        }
        Await.until("syslog events stored", Duration.ofSeconds(30), () -> {
            List<String> raws = events("intake=syslog-tcp").getList("items.raw");
            return raws.stream().filter(r -> r != null && r.contains(run)).count() == 4
                    && events("intake=syslog-udp").getList("items.raw").stream()
                            .anyMatch(r -> r != null && r.toString().contains(run));
        });
        JsonPath tcp = events("intake=syslog-tcp");
        List<Object> classes = tcp.getList("items.findAll { it.raw != null && it.raw.contains('" + run
                + "') }.classUid");
        assertTrue(classes.contains(4001) && classes.contains(3002) && classes.contains(0), classes.toString());
        List<String> errors = events("intake=syslog-tcp&failed=true").getList("items.findAll { it.raw.contains('"
                + run + "') }.parseError");
        assertTrue(errors.size() == 1 && errors.get(0).contains("PRI"), errors.toString());
        given().header("Authorization", KeycloakTokens.bearer("analyst"))
                .get("/api/v1/security/alerts?ruleId=100160&limit=500").then().statusCode(200)
                .body("items.ruleId", hasItem("100160"));
        given().header("Authorization", KeycloakTokens.bearer("analyst")).get("/api/v1/security/events/stats")
                .then().statusCode(200).body("keySet()", hasItem("syslog-tcp"));
    }
}
