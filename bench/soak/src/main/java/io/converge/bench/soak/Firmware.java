package io.converge.bench.soak;

import io.converge.bench.common.Api;
import io.converge.bench.common.BenchException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The run's firmware: one Ed25519 vendor key ({@value Config#VENDOR}) registered at the start, then one signed 64 KiB
 * release per campaign (version 3.&lt;run&gt;.&lt;n&gt;, model {@value Config#FW_MODEL}), uploaded and released through
 * the gateway as the engineer (recorded routes). {@link #retire} revokes the run's releases and its key afterwards.
 */
final class Firmware {

    static final String UPLOAD = "POST /api/v1/firmware (upload)";
    static final String RELEASE = "POST /api/v1/firmware/{id}/release";

    /** A released firmware: its id, version and the artifact's SHA-256 (hex). */
    record Release(String id, String version, String sha256) {
    }

    private final Config cfg;
    private final Api api;
    private final Traffic traffic;
    private final String runId;
    private final KeyPair key;
    private final String keyId;
    private final List<String> released = new ArrayList<>();

    Firmware(Config cfg, Api api, Traffic traffic, String engineer, String runId) {
        this.cfg = cfg;
        this.api = api;
        this.traffic = traffic;
        this.runId = runId;
        try {
            key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new BenchException("no Ed25519 in this JDK: " + e.getMessage(), e);
        }
        Api.Answer k = api.call("gateway", "POST", cfg.api("/api/v1/firmware/vendor-keys"), engineer, Map.of(
                "vendor", Config.VENDOR, "name", "soak " + runId, "algorithm", "ed25519",
                "publicKey", Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
        Fixture.expect(k, 201, "registering the soak's vendor key");
        keyId = k.body().path("id").asText();
    }

    /** Uploads and releases the n-th firmware of the run; null when either call failed (recorded). */
    Release release(int n, String engineer) {
        String version = "3." + runId + "." + n;
        byte[] artifact = new byte[64 * 1024];
        new Random(version.hashCode()).nextBytes(artifact);
        String sha;
        String signature;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(digest);
            sha = HexFormat.of().formatHex(digest);
            signature = Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new BenchException("signing the soak firmware failed: " + e.getMessage(), e);
        }
        String query = "vendor=" + enc(Config.VENDOR) + "&version=" + enc(version) + "&model=" + Config.FW_MODEL
                + "&sha256=" + sha + "&signature=" + enc(signature) + "&keyId=" + keyId
                + "&releaseNotes=" + enc("soak release " + n);
        Traffic.Answer up = traffic.send(UPLOAD, "POST", cfg.api("/api/v1/firmware?" + query), engineer,
                "application/octet-stream", artifact);
        if (up.status() != 201) {
            return null;
        }
        String id = up.json().path("id").asText();
        synchronized (released) {
            released.add(id);
        }
        Traffic.Answer rel = traffic.send(RELEASE, "POST", cfg.api("/api/v1/firmware/" + id + "/release"),
                engineer, null, null);
        return rel.status() == 200 ? new Release(id, version, sha) : null;
    }

    /** Revokes the run's releases (their campaigns are over) and the vendor key; failures are logged. */
    void retire(String engineer) {
        List<String> ids;
        synchronized (released) {
            ids = List.copyOf(released);
        }
        for (String id : ids) {
            Api.Answer a = api.call("gateway", "POST", cfg.api("/api/v1/firmware/" + id + "/revoke"), engineer,
                    Map.of("reason", "soak run " + runId + " is over"));
            if (a.status() != 200) {
                SoakBench.log("revoking soak firmware " + id + " answered " + a.status() + ": "
                        + Api.snippet(a.raw()));
            }
        }
        Api.Answer k = api.call("gateway", "DELETE", cfg.api("/api/v1/firmware/vendor-keys/" + keyId), engineer,
                null);
        if (k.status() != 204) {
            SoakBench.log("revoking the soak vendor key answered " + k.status() + ": " + Api.snippet(k.raw()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
