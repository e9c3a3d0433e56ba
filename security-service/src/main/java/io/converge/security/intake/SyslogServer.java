package io.converge.security.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Syslog listener on TCP (RFC 6587 framing, see {@link SyslogFramer}) and UDP (one datagram, one message), handing
 * every raw message to a {@link SyslogSink}.
 *
 * <p>A port of 0 binds any free port (see {@link #actualTcpPort()}, {@link #actualUdpPort()}); a negative port
 * disables that transport. Messages longer than {@code maxMessageBytes} are delivered as their first
 * {@code maxMessageBytes} bytes. Bytes are decoded as UTF-8 with malformed sequences replaced.
 *
 * <p>The listener survives whatever it is sent: garbage is delivered as text for the sink to judge, and an exception
 * from the sink is logged, not propagated, so the connection or socket goes on reading.
 */
public final class SyslogServer {

    private static final Logger LOG = Logger.getLogger(SyslogServer.class);

    /**
     * Receive buffer for UDP: Vert.x sizes each datagram read by it (Netty's default of 2048 bytes would truncate
     * larger datagrams), and 65535 holds the largest possible UDP payload.
     */
    private static final int UDP_RECEIVE_BUFFER = 65_535;

    private final Vertx vertx;
    private final String host;
    private final int tcpPort;
    private final int udpPort;
    private final int maxMessageBytes;
    private final SyslogSink sink;
    private final AtomicLong received = new AtomicLong();

    private volatile NetServer tcpServer;
    private volatile DatagramSocket udpSocket;

    /**
     * @param vertx           the Vert.x instance to listen with
     * @param host            address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param tcpPort         TCP port; 0 for any free port, negative to disable TCP
     * @param udpPort         UDP port; 0 for any free port, negative to disable UDP
     * @param maxMessageBytes largest message delivered whole (at least 1)
     * @param sink            receives every message
     */
    public SyslogServer(Vertx vertx, String host, int tcpPort, int udpPort, int maxMessageBytes, SyslogSink sink) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.host = Objects.requireNonNull(host, "host");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (tcpPort > 65_535 || udpPort > 65_535) {
            throw new IllegalArgumentException("port above 65535: tcp " + tcpPort + ", udp " + udpPort);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1: " + maxMessageBytes);
        }
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Binds the enabled transports. Fails if either cannot be bound, in which case the other is closed again.
     */
    public Future<Void> start() {
        if (tcpServer != null || udpSocket != null) {
            return Future.failedFuture(new IllegalStateException("syslog server already started"));
        }
        Future<Void> tcp = tcpPort < 0 ? Future.succeededFuture() : startTcp();
        Future<Void> udp = udpPort < 0 ? Future.succeededFuture() : startUdp();
        return Future.join(tcp, udp)
                .<Void>mapEmpty()
                .onSuccess(v -> LOG.infof("syslog listening on %s: tcp %s, udp %s", host, describe(actualTcpPort()),
                        describe(actualUdpPort())))
                .recover(err -> stop().transform(ignored -> Future.failedFuture(err)));
    }

    /** Closes the enabled transports; open TCP connections are closed with the server. */
    public Future<Void> stop() {
        NetServer tcp = tcpServer;
        DatagramSocket udp = udpSocket;
        tcpServer = null;
        udpSocket = null;
        Future<Void> tcpClosed = tcp == null ? Future.succeededFuture() : tcp.close();
        Future<Void> udpClosed = udp == null ? Future.succeededFuture() : udp.close();
        return Future.join(tcpClosed, udpClosed).mapEmpty();
    }

    /** The bound TCP port, or -1 when TCP is disabled or the server is not running. */
    public int actualTcpPort() {
        NetServer tcp = tcpServer;
        return tcp == null ? -1 : tcp.actualPort();
    }

    /** The bound UDP port, or -1 when UDP is disabled or the server is not running. */
    public int actualUdpPort() {
        DatagramSocket udp = udpSocket;
        return udp == null ? -1 : udp.localAddress().port();
    }

    /** How many messages were handed to the sink (including those it threw on) since construction. */
    public long received() {
        return received.get();
    }

    private Future<Void> startTcp() {
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(tcpPort))
                .connectHandler(this::onConnection);
        return server.listen().onSuccess(s -> tcpServer = s).mapEmpty();
    }

    private Future<Void> startUdp() {
        DatagramSocket socket = vertx.createDatagramSocket(
                new DatagramSocketOptions().setReceiveBufferSize(UDP_RECEIVE_BUFFER));
        socket.handler(this::onDatagram);
        socket.exceptionHandler(e -> LOG.debugf("syslog udp socket error: %s", e.toString()));
        return socket.listen(udpPort, host).onSuccess(s -> udpSocket = s).mapEmpty();
    }

    private void onConnection(NetSocket socket) {
        String peer = peer(socket.remoteAddress());
        SyslogFramer framer = new SyslogFramer(maxMessageBytes, raw -> deliver(raw, "tcp", peer));
        socket.handler(chunk -> {
            try {
                framer.feed(chunk.getBytes());
            } catch (RuntimeException e) {
                LOG.warnf(e, "syslog tcp framing failed for %s; continuing", peer);
            }
        });
        socket.exceptionHandler(e -> LOG.debugf("syslog tcp connection %s: %s", peer, e.toString()));
        socket.closeHandler(v -> {
            int dropped = framer.finish();
            if (dropped > 0) {
                LOG.debugf("syslog tcp connection %s closed inside an octet-counted frame; %d bytes dropped",
                        peer, dropped);
            }
        });
    }

    private void onDatagram(DatagramPacket packet) {
        Buffer data = packet.data();
        if (data.length() == 0) {
            return;
        }
        byte[] bytes = data.getBytes(0, Math.min(data.length(), maxMessageBytes));
        deliver(new String(bytes, StandardCharsets.UTF_8), "udp", peer(packet.sender()));
    }

    private void deliver(String raw, String transport, String peer) {
        received.incrementAndGet();
        try {
            sink.accept(raw, transport, peer);
        } catch (Exception e) {
            LOG.warnf(e, "syslog sink failed on a %s message from %s; continuing", transport, peer);
        }
    }

    /** {@code ip:port}, with the IPv6 address in brackets. */
    static String peer(SocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        String ip = address.hostAddress() != null ? address.hostAddress() : address.host();
        return (ip != null && ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.port();
    }

    private static String describe(int port) {
        return port < 0 ? "off" : String.valueOf(port);
    }
}
