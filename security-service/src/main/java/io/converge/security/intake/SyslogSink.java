package io.converge.security.intake;

/**
 * Receives every raw syslog message that {@link SyslogServer} read off the wire.
 *
 * <p>Called on a Vert.x event-loop thread: implementations must not block (hand the message to a queue, a worker or
 * the event bus). An exception thrown here is logged and does not affect the listener.
 */
@FunctionalInterface
public interface SyslogSink {

    /**
     * @param raw       the message as decoded UTF-8 (malformed bytes replaced), framing removed, at most the
     *                  server's {@code maxMessageBytes} bytes of the original
     * @param transport {@code "tcp"} or {@code "udp"}
     * @param peer      the sender as {@code ip:port} ({@code [ip]:port} for IPv6)
     */
    void accept(String raw, String transport, String peer);
}
