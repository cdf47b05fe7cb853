package k8snet.link;


import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A 48-bit Ethernet (MAC) address: the address a frame carries on one layer-2 segment, where IP addresses
 * mean nothing to the switch or bridge that carries it. ARP (RFC 826) exists to find the MAC address behind
 * an IP address on the same segment.
 *
 * <pre>{@code
 * MacAddress.parse("0a:58:0a:f4:01:02");
 * MacAddress.forAddress(Ipv4Address.parse("10.244.1.2"));   // 0a:58:0a:f4:01:02
 * MacAddress.BROADCAST;                                   // ff:ff:ff:ff:ff:ff
 * }</pre>
 *
 * <p>The model gives every interface a MAC derived from its IP address, behind the prefix {@code 0a:58}
 * (the "locally administered" bit of the first octet is set, so it can never clash with a vendor's address;
 * IEEE 802 section 8.2). Older releases of the CNI plugins did the same, so that an address reused by a new
 * pod kept its MAC and no neighbour cache could point at a departed pod. It also makes traces reproducible.
 */
public final class MacAddress implements Comparable<MacAddress> {

    private static final String HEX = "0123456789abcdef";

    /** The all-ones address: a frame for every station on the segment. */
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    private static final long LOCAL_PREFIX = 0x0A58L << 32;

    private final long bits;

    private MacAddress(long bits) {
        this.bits = bits;
    }

    /**
     * Parses six two-digit hexadecimal octets separated by colons, such as {@code 0a:58:0a:f4:01:02}.
     *
     * @throws IllegalArgumentException if the text is null or not of that form; the message quotes it
     */
    public static MacAddress parse(String text) {
        Require.nonNull(text, "MAC address");
        if (!text.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException(
                    "A MAC address is six hex octets separated by ':', such as 0a:58:0a:f4:01:02: \"" + text + "\"");
        }
        return new MacAddress(Long.parseLong(text.replace(":", ""), 16));
    }

    /** The low 48 bits of {@code value}. @throws IllegalArgumentException if other bits are set */
    public static MacAddress of(long value) {
        if (!((value & ~0xFFFF_FFFF_FFFFL) == 0)) {
            throw new IllegalArgumentException("A MAC address has 48 bits, got 0x" + Long.toHexString(value));
        }
        return new MacAddress(value);
    }

    /** {@code 0a:58} followed by the four octets of {@code address} (see the class doc). */
    public static MacAddress forAddress(Ipv4Address address) {
        Require.nonNull(address, "address");
        return new MacAddress(LOCAL_PREFIX | address.toLong());
    }

    /** True for {@link #BROADCAST}. */
    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** The 48 bits as a number. */
    public long toLong() {
        return bits;
    }

    @Override
    public int compareTo(MacAddress other) {
        Require.nonNull(other, "other");
        return Long.compare(bits, other.bits);
    }

    @Override
    public String toString() {
        // By hand rather than String.format: every frame of every trace names two MACs.
        char[] out = new char[17];
        for (int octet = 0; octet < 6; octet++) {
            int value = (int) (bits >>> (40 - 8 * octet)) & 0xFF;
            out[octet * 3] = HEX.charAt(value >>> 4);
            out[octet * 3 + 1] = HEX.charAt(value & 0xF);
            if (octet < 5) {
                out[octet * 3 + 2] = ':';
            }
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }
}
