package io.converge.patch.store;

import io.converge.patch.config.PatchConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The artifact files in the storage directory. An upload streams into {@code incoming/<uuid>.part} in 64 KiB chunks
 * while its SHA-256 is computed (never the whole artifact in memory), and is moved to {@code <firmware id>.bin} once
 * verified; a refused upload's part file is deleted. Part files older than a day (a crash mid-upload) are removed on
 * start.
 */
@ApplicationScoped
@Startup
public class ArtifactStore {

    private static final Logger LOG = Logger.getLogger(ArtifactStore.class);
    private static final int CHUNK = 64 * 1024;
    private final Path root;
    private final Path incoming;
    private final long drainLimit;

    /** A received upload: where it is, how long it is and its SHA-256. */
    public record Received(Path part, long size, byte[] sha256) {
    }

    /** The upload exceeded the limit: its part file was deleted. */
    public static final class TooLarge extends Exception {
        public TooLarge() {
            super(null, null, false, false);
        }
    }

    public ArtifactStore(PatchConfig config) {
        this.root = config.firmware().storageDir().toAbsolutePath().normalize();
        this.incoming = root.resolve("incoming");
        this.drainLimit = config.firmware().drainLimit().asLongValue();
    }

    @PostConstruct
    void prepare() {
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the firmware storage directory " + incoming, e);
        }
        Instant stale = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming, "*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not clean %s: %s", incoming, e.toString());
        }
        LOG.infof("firmware storage: %s", root);
    }

    public Path root() {
        return root;
    }

    /**
     * Streams {@code in} into a new part file, computing its SHA-256. Over {@code maxSize} bytes the part file is
     * deleted, up to the drain limit more is read and discarded (so the client reads the answer), and
     * {@link TooLarge} is thrown.
     *
     * @throws IOException when reading or writing fails; the part file is deleted
     */
    public Received receive(InputStream in, long maxSize) throws IOException, TooLarge {
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha = sha256();
        long size = 0;
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) >= 0;) {
                size += n;
                if (size > maxSize) {
                    break;
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            kept = size <= maxSize;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
        if (!kept) {
            drain(in);
            throw new TooLarge();
        }
        return new Received(part, size, sha.digest());
    }

    /** Moves a verified part file to its final name; the storage path (relative to the root) is returned. */
    public String keep(Received r, UUID firmwareId) throws IOException {
        String name = firmwareId + ".bin";
        Files.move(r.part(), root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    /** The file of a storage path, refusing anything that would leave the storage directory. */
    public Path resolve(String storagePath) {
        Path p = root.resolve(storagePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("storage path outside the storage directory: " + storagePath);
        }
        return p;
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e.toString());
        }
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[CHUNK];
        long drained = 0;
        try {
            for (int n; drained < drainLimit && (n = in.read(buf)) >= 0;) {
                drained += n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
