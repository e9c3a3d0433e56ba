package io.converge.bench.patch;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/** A fresh Ed25519 vendor key and one signed, released firmware version per run (the campaign's). */
final class Catalog {

    private final HttpClient http;
    private final Api api;
    private final Config cfg;
    private final String engineer;

    Catalog(HttpClient http, Api api, Config cfg, String engineer) {
        this.http = http;
        this.api = api;
        this.cfg = cfg;
        this.engineer = engineer;
    }

    /** Registers a key, uploads {@code version} (64 KiB, signed) and releases it; the firmware id. */
    String releasedFirmware(String version) {
        try {
            KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            Api.Answer k = api.call("patch-service", "POST", cfg.patchUrl() + "/api/v1/firmware/vendor-keys", engineer,
                    Map.of("vendor", Config.VENDOR, "name", "bench " + version, "algorithm", "ed25519",
                            "publicKey", pem));
            expect(k, 201, "registering the vendor key");
            byte[] artifact = new byte[64 * 1024];
            new Random(version.hashCode()).nextBytes(artifact);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(digest);
            String query = "vendor=" + enc(Config.VENDOR) + "&version=" + enc(version) + "&model=" + Config.MODEL
                    + "&sha256=" + HexFormat.of().formatHex(digest) + "&signature="
                    + enc(Base64.getEncoder().encodeToString(s.sign())) + "&keyId=" + k.body().path("id").asText()
                    + "&releaseNotes=" + enc("benchmark release");
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(cfg.patchUrl()
                    + "/api/v1/firmware?" + query)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + engineer).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (up.statusCode() != 201) {
                throw new BenchException("uploading firmware " + version + " answered " + up.statusCode() + ": "
                        + Api.snippet(up.body()));
            }
            String id = Api.JSON.readTree(up.body()).path("id").asText();
            expect(api.call("patch-service", "POST", cfg.patchUrl() + "/api/v1/firmware/" + id + "/release", engineer,
                    null), 200, "releasing firmware " + version);
            return id;
        } catch (BenchException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (Exception e) {
            throw new BenchException("preparing the firmware failed: " + BenchException.describe(e), e);
        }
    }

    static void expect(Api.Answer a, int status, String what) {
        if (a.status() != status) {
            throw new BenchException(what + " answered " + a.status() + ": " + Api.snippet(a.raw()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
