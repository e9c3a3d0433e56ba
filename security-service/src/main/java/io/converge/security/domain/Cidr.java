package io.converge.security.domain;

import io.netty.util.NetUtil;

/** An IPv4 or IPv6 network in CIDR notation; address literals are parsed by Netty's {@link NetUtil} (never DNS). */
public final class Cidr {

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a /32 (/128). */
    public static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        String addr = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = bytes(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 network");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + max);
            }
        }
        return new Cidr(bytes, prefix);
    }

    public static boolean isAddress(String s) {
        return bytes(s) != null;
    }

    /** Whether {@code address} (a literal) lies in this network; other text or the other IP family → false. */
    public boolean contains(String address) {
        byte[] a = bytes(address);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static byte[] bytes(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (NetUtil.isValidIpV4Address(s)) {
            return NetUtil.createByteArrayFromIpAddressString(s);
        }
        if (NetUtil.isValidIpV6Address(s)) {
            byte[] b = NetUtil.createByteArrayFromIpAddressString(s);
            // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) matches IPv4 networks
            if (b != null && b.length == 16 && isV4Mapped(b)) {
                return java.util.Arrays.copyOfRange(b, 12, 16);
            }
            return b;
        }
        return null;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }
}
