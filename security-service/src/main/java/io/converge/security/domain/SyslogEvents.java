package io.converge.security.domain;

import io.converge.security.domain.syslog.KeyValues;
import io.converge.security.domain.syslog.SyslogMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes a parsed syslog message (firewalls, PLC gateways, door controllers, hosts) to OCSF:
 * <ul>
 * <li>an OpenSSH-style logon line ({@code Accepted|Failed password for USER from IP port N}), or key=value pairs with
 * a user and a logon result → 3002 Authentication;</li>
 * <li>key=value pairs with a source and a destination address (firewall style: {@code src= dst= spt= dpt= proto=
 * action=}) → 4001 Network Activity (allowed / blocked);</li>
 * <li>anything else → 0 Base Event carrying the message.</li>
 * </ul>
 * The key=value pairs and the RFC 5424 structured data are kept under {@code unmapped}; the raw line in
 * {@code raw_data}.
 */
public final class SyslogEvents {

    private static final Pattern SSH = Pattern.compile(
            "(Accepted|Failed) (\\S+) for (?:invalid user )?(\\S+) from (\\S+) port (\\d+)");

    private SyslogEvents() {
    }

    public static SecurityEvent normalize(SyslogMessage m, String raw, Instant received) {
        Map<String, String> kv = new LinkedHashMap<>();
        m.structuredData().values().forEach(params -> params.forEach(kv::putIfAbsent));
        KeyValues.parse(m.message()).forEach(kv::putIfAbsent);
        Instant time = m.timestamp() != null && !m.timestamp().isAfter(received.plus(JsonEvents.MAX_FUTURE))
                ? m.timestamp() : received;
        String product = m.appName() != null ? m.appName() : "syslog";
        int severity = severity(m.severity());
        UUID id = UUID.randomUUID();
        Matcher ssh = SSH.matcher(m.message());
        String user = first(kv, "user", "usr", "suser", "duser", "username", "account");
        String src = address(first(kv, "src", "srcip", "src_ip", "source", "saddr"));
        String dst = address(first(kv, "dst", "dstip", "dst_ip", "destination", "daddr"));
        OcsfDocument d;
        if (ssh.find()) {
            boolean ok = ssh.group(1).equals("Accepted");
            d = OcsfDocument.start(OcsfClass.AUTHENTICATION, id, time, 1, "Logon", ok ? 1 : 3, product)
                    .set("status_id", ok ? 1 : 2).set("status", ok ? "Success" : "Failure")
                    .set("auth_protocol", ssh.group(2)).set("service.name", "ssh").set("is_remote", true)
                    .set("actor.user.name", ssh.group(3)).set("user.name", ssh.group(3))
                    .set("src_endpoint.ip", address(ssh.group(4)))
                    .set("src_endpoint.port", Long.parseLong(ssh.group(5)))
                    .set("dst_endpoint.hostname", m.hostname());
        } else if (user != null && outcome(kv) != null) {
            boolean ok = outcome(kv);
            d = OcsfDocument.start(OcsfClass.AUTHENTICATION, id, time, 1, "Logon", ok ? 1 : 3, product)
                    .set("status_id", ok ? 1 : 2).set("status", ok ? "Success" : "Failure")
                    .set("actor.user.name", user).set("user.name", user).set("src_endpoint.ip", src)
                    .set("is_remote", src != null).set("service.name", first(kv, "service", "proto", "protocol"))
                    .set("dst_endpoint.ip", dst)
                    .set("dst_endpoint.hostname", dst == null ? m.hostname() : null);
        } else if (src != null && dst != null) {
            boolean blocked = isBlocked(first(kv, "action", "act", "disposition"));
            d = OcsfDocument.start(OcsfClass.NETWORK_ACTIVITY, id, time, blocked ? 5 : 1,
                    blocked ? "Refuse" : "Open", severity, product)
                    .set("src_endpoint.ip", src).set("dst_endpoint.ip", dst)
                    .set("src_endpoint.port", port(first(kv, "spt", "sport", "srcport", "src_port")))
                    .set("dst_endpoint.port", port(first(kv, "dpt", "dport", "dstport", "dst_port")))
                    .set("connection_info.protocol_name", lower(first(kv, "proto", "protocol")))
                    .set("disposition", blocked ? "Blocked" : "Allowed").set("disposition_id", blocked ? 2 : 1);
        } else {
            d = OcsfDocument.start(OcsfClass.BASE_EVENT, id, time, 0, null, severity, product);
        }
        d.set("message", m.message()).set("raw_data", raw).set("device.hostname", m.hostname())
                .set("metadata.log_name", "syslog").set("metadata.log_provider", m.format())
                .set("unmapped.syslog.facility", m.facility()).set("unmapped.syslog.severity", m.severityName())
                .set("unmapped.syslog.app_name", m.appName()).set("unmapped.syslog.proc_id", m.procId())
                .set("unmapped.syslog.msg_id", m.msgId());
        kv.forEach((k, v) -> d.set("unmapped.kv." + k.replace('.', '_'), v));
        return d.toEvent();
    }

    /** Syslog severity (0 emergency … 7 debug) → OCSF severity_id. */
    static int severity(int syslog) {
        return switch (syslog) {
            case 0, 1, 2 -> 5;
            case 3 -> 4;
            case 4 -> 3;
            case 5 -> 2;
            default -> 1;
        };
    }

    private static Boolean outcome(Map<String, String> kv) {
        String v = lower(first(kv, "result", "outcome", "status", "login", "logon"));
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "success", "succeeded", "ok", "accepted", "accept", "allowed", "granted" -> true;
            case "failure", "failed", "fail", "denied", "rejected", "reject", "invalid" -> false;
            default -> null;
        };
    }

    private static boolean isBlocked(String action) {
        String a = lower(action);
        return a != null && (a.startsWith("deny") || a.startsWith("drop") || a.startsWith("reject")
                || a.startsWith("block") || a.equals("denied") || a.equals("blocked"));
    }

    private static String first(Map<String, String> kv, String... keys) {
        for (String k : keys) {
            String v = kv.get(k);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static String address(String s) {
        return s != null && Cidr.isAddress(s) ? s : null;
    }

    private static Long port(String s) {
        if (s == null) {
            return null;
        }
        try {
            long p = Long.parseLong(s);
            return p >= 0 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
