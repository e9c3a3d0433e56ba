package io.converge.asset.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NetworkAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.255.255", "0.0.0.0", "2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a",
        "::ffff:10.0.0.1"})
    void validIps(String ip) {
        assertTrue(NetworkAddresses.isIp(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "10.0.0", "01.2.3.4", "localhost", "example.com", "2001:db8::zz", "1:2:3",
        " 10.0.0.1", "10.0.0.1/24", ""})
    void invalidIps(String ip) {
        assertFalse(NetworkAddresses.isIp(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:1b:1b:aa:bb:01", "00-1B-1B-AA-BB-01"})
    void validMacs(String mac) {
        assertTrue(NetworkAddresses.isMac(mac));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:1b:1b:aa:bb", "00:1b:1b:aa:bb:0g", "00:1b-1b:aa:bb:01", "001b1baabb01"})
    void invalidMacs(String mac) {
        assertFalse(NetworkAddresses.isMac(mac));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:1ff:fe23:4567:890a, fe80::1ff:fe23:4567:890a",
        "2001:db8:1:1:1:1:1:1, 2001:db8:1:1:1:1:1:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:0:0:0:0:0, 1::",
        "10.0.0.1, 10.0.0.1"})
    void ipIsNormalizedAsPostgresPrintsIt(String in, String out) {
        assertEquals(out, NetworkAddresses.normalizeIp(in));
    }

    @Test
    void macIsNormalized() {
        assertEquals("00:1b:1b:aa:bb:01", NetworkAddresses.normalizeMac("00-1B-1B-AA-BB-01"));
    }
}
