package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.converge.testing.Await;
import io.converge.testing.KafkaTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Assets imported by CSV through the gateway appear in the registry, their events go out on converge.asset.events,
 * and telemetry-service (which learns the registry from those events) accepts their points.
 */
class CsvImportFlowTest {

    @Test
    void importedAssetsAppearTheirEventsFlowAndTheirTelemetryIsAccepted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tags = List.of("E2E-CSV-" + run + "-1", "E2E-CSV-" + run + "-2", "E2E-CSV-" + run + "-3");
        StringBuilder csv = new StringBuilder("tag,name,domain,type,vendor,model,serialNumber,ipAddress,macAddress,"
                + "location,zone,criticality,firmwareVersion,status,labels\n");
        for (int i = 0; i < tags.size(); i++) {
            csv.append(tags.get(i)).append(",Imported drive ").append(i + 1).append(",OT,drive,ABB,ACS880,SN-")
                    .append(run).append('-').append(i).append(",10.98.0.").append(i + 10)
                    .append(",,,,low,1.4.").append(i).append(",active,e2e-run=").append(run).append('\n');
        }
        try (KafkaTopicReader events = new KafkaTopicReader("converge.asset.events")) {
            Gateway.Answer imported = Gateway.send("engineer", "POST", "/api/v1/assets/import", "text/csv",
                    csv.toString());
            assertEquals(200, imported.status(), imported.body());

            Gateway.Answer listed = Gateway.get("viewer", "/api/v1/assets?label=e2e-run:" + run + "&sort=tag");
            assertEquals(200, listed.status(), listed.body());
            assertEquals(tags, listed.json().path("items").findValuesAsText("tag"));
            assertEquals("1.4.2", listed.json().path("items").get(2).path("firmwareVersion").asText());

            Set<String> published = new HashSet<>();
            for (int i = 0; i < tags.size(); i++) {
                KafkaTopicReader.Received r = events.await(x -> tags.contains(x.value().path("data").path("tag")
                        .asText()) && !published.contains(x.value().path("data").path("tag").asText()),
                        Duration.ofSeconds(60));
                assertEquals("io.converge.asset.created", r.value().path("type").asText(), r.value().toString());
                published.add(r.value().path("data").path("tag").asText());
            }
            assertEquals(new HashSet<>(tags), published);
        }

        Await.until("the imported assets' points accepted", Duration.ofSeconds(60), () -> {
            Gateway.Answer a = Gateway.call("engineer", "POST", "/api/v1/telemetry/points", tags.stream()
                    .map(t -> Map.of("asset", t, "metric", "drive.current", "ts", Instant.now().toString(),
                            "value", 12.5)).toList());
            return a.status() == 200 && a.json().path("accepted").asInt() == tags.size();
        });
        Gateway.Answer latest = Gateway.get("viewer", "/api/v1/telemetry/latest?asset=" + tags.get(0));
        assertEquals(200, latest.status(), latest.body());
        assertEquals(12.5, latest.json().findValue("value").asDouble(), latest.body());
    }
}
