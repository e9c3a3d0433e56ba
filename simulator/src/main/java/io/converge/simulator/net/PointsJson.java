package io.converge.simulator.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.converge.simulator.plant.Reading;
import java.util.List;

/**
 * Readings as telemetry-service's point JSON: {@code {"asset","metric","ts","value"}} for HTTP, the same without
 * {@code asset} for the MQTT JSON topic {@code converge/{site}/{assetTag}/telemetry} (the tag is the topic's).
 */
public final class PointsJson {

    private final ObjectMapper json;

    public PointsJson(ObjectMapper json) {
        this.json = json;
    }

    /** A JSON array for POST /api/v1/telemetry/points. */
    public byte[] forHttp(List<Reading> readings) {
        return write(readings, true);
    }

    /** A JSON array for one asset's MQTT topic (every reading must be of that asset). */
    public byte[] forMqtt(List<Reading> readings) {
        return write(readings, false);
    }

    public static String mqttTopic(String site, String tag) {
        return "converge/" + site + "/" + tag + "/telemetry";
    }

    private byte[] write(List<Reading> readings, boolean withAsset) {
        ArrayNode a = json.createArrayNode();
        String asset = readings.isEmpty() ? null : readings.get(0).asset();
        for (Reading r : readings) {
            if (!withAsset && !r.asset().equals(asset)) {
                throw new IllegalArgumentException("an MQTT message carries the readings of one asset");
            }
            ObjectNode p = a.addObject();
            if (withAsset) {
                p.put("asset", r.asset());
            }
            p.put("metric", r.metric()).put("ts", r.ts().toString());
            switch (r.value()) {
                case Double d -> p.put("value", d);
                case Long l -> p.put("value", l);
                case Boolean b -> p.put("value", b);
                case String s -> p.put("value", s);
                default -> throw new IllegalArgumentException("unsupported value");
            }
        }
        try {
            return json.writeValueAsBytes(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
