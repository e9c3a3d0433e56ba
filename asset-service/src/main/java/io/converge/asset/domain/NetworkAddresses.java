package io.converge.asset.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates and normalizes IP and MAC address literals (never resolves host names). */
public final class NetworkAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern MAC = Pattern.compile("^([0-9A-Fa-f]{2})([:-])([0-9A-Fa-f]{2}\\2){4}[0-9A-Fa-f]{2}$");

    private NetworkAddresses() {
    }

    public static boolean isIp(String v) {
        if (v == null) {
            return false;
        }
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        if (!v.contains(":") || !IPV6_CHARS.matcher(v).matches()) {
            return false;
        }
        try {
            // a literal containing ':' is parsed, never looked up
            return InetAddress.getByName(v) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static boolean isMac(String v) {
        return v != null && MAC.matcher(v).matches();
    }

    /**
     * The canonical text of an IP literal, as PostgreSQL prints it: IPv4 unchanged, IPv6 in RFC 5952 form (lower
     * case, no leading zeros, the longest run of two or more zero groups compressed), so that re-imports compare equal.
     */
    public static String normalizeIp(String v) {
        if (v == null || !v.contains(":") || v.contains(".")) {
            return v == null ? null : v.toLowerCase(Locale.ROOT);
        }
        byte[] b;
        try {
            b = InetAddress.getByName(v).getAddress();
        } catch (UnknownHostException e) {
            return v;
        }
        if (b.length != 16) {
            return v.toLowerCase(Locale.ROOT);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** aa:bb:cc:dd:ee:ff, lower case, colon separated. */
    public static String normalizeMac(String v) {
        return v == null ? null : v.toLowerCase(Locale.ROOT).replace('-', ':');
    }
}
