package io.converge.patch.api;

import static io.restassured.RestAssured.given;

import io.converge.testing.KeycloakTokens;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/** Keys, signed artifacts generated as streams (never held in memory) and uploads over a real HTTP connection. */
final class FirmwareFixtures {

    static final String PROBLEM = "application/problem+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FirmwareFixtures() {
    }

    static String vendor() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** Registers a public key; its id. */
    static String register(String vendor, String algorithm, KeyPair k) {
        return given().header("Authorization", KeycloakTokens.bearer("engineer")).contentType("application/json")
                .body(Map.of("vendor", vendor, "name", "release key", "algorithm", algorithm, "publicKey", pem(k)))
                .post("/api/v1/firmware/vendor-keys").then().statusCode(201).extract().path("id");
    }

    /** A deterministic pseudo-random artifact of {@code size} bytes, produced on demand. */
    record Artifact(long size, long seed) {
        InputStream stream() {
            return new InputStream() {
                private final SplittableRandom random = new SplittableRandom(seed);
                private long left = size;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left == 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = (byte) random.nextInt(256);
                    }
                    left -= n;
                    return n;
                }
            };
        }

        byte[] digest() {
            try (InputStream in = stream()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) >= 0;) {
                    sha.update(buf, 0, n);
                }
                return sha.digest();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(digest());
        }

        /** Ed25519 over the 32-byte digest (the service's scheme). */
        String signEd25519(KeyPair k) {
            return sign("Ed25519", k, digest());
        }

        /** Plain ECDSA-with-SHA-256 over the artifact bytes, as {@code openssl dgst -sha256 -sign} does. */
        String signEcdsa(KeyPair k) {
            try (InputStream in = stream()) {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(k.getPrivate());
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) >= 0;) {
                    s.update(buf, 0, n);
                }
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] bytes(long first, int length) {
            try (InputStream in = stream()) {
                in.skipNBytes(first);
                return in.readNBytes(length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String sign(String algorithm, KeyPair k, byte[] message) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(k.getPrivate());
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upload metadata; {@code null} values are left out of the query. */
    static Map<String, String> meta(String vendor, String version, String models, String sha256, String signature,
            String keyId) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vendor", vendor);
        m.put("version", version);
        m.put("model", models);
        m.put("sha256", sha256);
        m.put("signature", signature);
        m.put("keyId", keyId);
        m.put("releaseNotes", "Fixes CVE-2025-0001; faster boot");
        return m;
    }

    /**
     * Streams the artifact to the service over a real connection: chunked when {@code withLength} is false, else with
     * a Content-Length of {@code declaredLength}.
     */
    static HttpResponse<String> upload(String user, Map<String, String> meta, InputStream body,
            Long declaredLength) {
        String query = meta.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        if (declaredLength != null) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(publisher, declaredLength);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/firmware?" + query)).header("Content-Type", "application/octet-stream").POST(publisher);
        if (user != null) {
            req.header("Authorization", KeycloakTokens.bearer(user));
        }
        try {
            return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the storage directory (part files included). */
    static List<Path> storedFiles() {
        Path root = Path.of(ConfigProvider.getConfig().getValue("converge.firmware.storage-dir", String.class));
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
