package io.converge.security.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyslogServerTest {

    static final String HOST = "127.0.0.1";
    static final int MAX = 100;
    static final Duration DEADLINE = Duration.ofSeconds(10);

    record Received(String raw, String transport, String peer) {
    }

    Vertx vertx;
    final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    SyslogServer start(int tcpPort, int udpPort) throws Exception {
        SyslogServer server = new SyslogServer(vertx, HOST, tcpPort, udpPort, MAX, (raw, transport, peer) -> {
            received.add(new Received(raw, transport, peer));
            if (raw.contains("boom")) {
                throw new IllegalStateException("sink failure on purpose");
            }
        });
        await(server.start());
        return server;
    }

    @Test
    void tcpMixedFramingOversizedAndGarbage() throws Exception {
        SyslogServer server = start(0, -1);
        assertTrue(server.actualTcpPort() > 0);
        assertEquals(-1, server.actualUdpPort());

        String big = "<13>" + "A".repeat(MAX + 50);            // 154 bytes: counted as 154, delivered as 100
        byte[] garbage = {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 7, (byte) 0x80};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(octet("<34>1 2003-10-11T22:14:15.003Z host su - ID47 - first"));
        stream.writeBytes(utf8("<13>Oct 11 22:14:15 host app: lf frame\n"));
        stream.writeBytes(utf8("<13>crlf frame\r\n"));
        stream.writeBytes(octet(big));
        stream.writeBytes(utf8("<13>Tür in UTF-8\n"));
        stream.writeBytes(utf8("<13>" + "B".repeat(2 * MAX) + "\n"));   // oversized LF frame
        stream.writeBytes(garbage);
        stream.writeBytes(utf8("\n"));
        stream.writeBytes(utf8("12345678901234567890 not a length\n"));
        stream.writeBytes(utf8("42abc\n"));
        stream.writeBytes(utf8("<13>boom\n"));                          // the sink throws on this one
        stream.writeBytes(octet("<13>multi\nline"));

        try (Socket socket = new Socket(HOST, server.actualTcpPort())) {
            socket.setTcpNoDelay(true);
            String peer = HOST + ":" + socket.getLocalPort();
            OutputStream out = socket.getOutputStream();
            byte[] all = stream.toByteArray();
            out.write(all, 0, 10);          // split inside the first frame
            out.flush();
            Thread.sleep(20);
            out.write(all, 10, all.length - 10);
            out.flush();

            List<String> expected = List.of(
                    "<34>1 2003-10-11T22:14:15.003Z host su - ID47 - first",
                    "<13>Oct 11 22:14:15 host app: lf frame",
                    "<13>crlf frame",
                    big.substring(0, MAX),
                    "<13>Tür in UTF-8",
                    "<13>" + "B".repeat(MAX - 4),
                    "\u0000\uFFFD\uFFFD\uFFFD(\u0007\uFFFD",
                    "12345678901234567890 not a length",
                    "42abc",
                    "<13>boom",
                    "<13>multi\nline");
            awaitCount(expected.size());
            assertEquals(expected, raws());
            received.forEach(r -> assertEquals(new Received(r.raw(), "tcp", peer), r));

            // still reading the same connection after garbage and a failing sink
            out.write(utf8("<14>after garbage\n"));
            out.flush();
            awaitCount(expected.size() + 1);
            assertEquals("<14>after garbage", received.get(expected.size()).raw());
        }

        // and accepting new connections; an unterminated last line is delivered when the sender closes
        try (Socket second = new Socket(HOST, server.actualTcpPort())) {
            second.getOutputStream().write(utf8("<14>second connection"));
        }
        awaitCount(13);
        assertEquals("<14>second connection", received.get(12).raw());
        Thread.sleep(50); // nothing else trickles in
        assertEquals(13, received.size());
        assertEquals(13, server.received());

        await(server.stop());
        assertEquals(-1, server.actualTcpPort());
    }

    @Test
    void udpOneDatagramOneMessage() throws Exception {
        SyslogServer server = start(-1, 0);
        assertEquals(-1, server.actualTcpPort());
        assertTrue(server.actualUdpPort() > 0);

        String first = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8";
        String second = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\"] " + "x".repeat(MAX);   // longer than MAX: truncated
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            String peer = HOST + ":" + udp.getLocalPort();
            send(udp, server, utf8(first));
            send(udp, server, utf8(second));
            awaitCount(2);
            assertEquals(List.of(new Received(first, "udp", peer),
                    new Received(second.substring(0, MAX), "udp", peer)), received);

            send(udp, server, new byte[] {(byte) 0xFF, 0x00, (byte) 0xC0});   // garbage
            send(udp, server, utf8("<13>boom"));                              // sink throws
            send(udp, server, utf8("<14>still alive"));
            awaitCount(5);
            assertEquals(List.of("\uFFFD\u0000\uFFFD", "<13>boom", "<14>still alive"), raws().subList(2, 5));
        }
        assertEquals(5, server.received());
    }

    @Test
    void bothTransportsOnAnyFreePort() throws Exception {
        SyslogServer server = start(0, 0);
        try (Socket tcp = new Socket(HOST, server.actualTcpPort());
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            tcp.getOutputStream().write(utf8("<14>via tcp\n"));
            send(udp, server, utf8("<14>via udp"));
            awaitCount(2);
        }
        assertEquals(List.of("tcp", "udp"), received.stream().map(Received::transport).sorted().toList());
        await(server.stop());
        assertEquals(-1, server.actualUdpPort());
    }

    @Test
    void startFailsWhenThePortIsTaken() throws Exception {
        SyslogServer first = start(0, -1);
        SyslogServer clash = new SyslogServer(vertx, HOST, first.actualTcpPort(), 0, MAX, (r, t, p) -> { });
        try {
            await(clash.start());
            fail("expected the second bind to fail");
        } catch (ExecutionException expected) {
            assertEquals(-1, clash.actualUdpPort()); // the UDP socket that did bind is closed again
        }
    }

    // ---- helpers ----

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] octet(String msg) {
        byte[] body = utf8(msg);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(utf8(body.length + " "));
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    static void send(DatagramSocket udp, SyslogServer server, byte[] data) throws Exception {
        udp.send(new DatagramPacket(data, data.length, InetAddress.getByName(HOST), server.actualUdpPort()));
    }

    List<String> raws() {
        return received.stream().map(Received::raw).toList();
    }

    void awaitCount(int count) throws InterruptedException {
        poll(() -> received.size() >= count, "sink to receive " + count + " messages, has " + raws());
    }

    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
}
