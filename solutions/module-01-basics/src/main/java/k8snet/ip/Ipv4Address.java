package k8snet.ip;

import k8snet.Require;

/**
 * An IPv4 address: the 32-bit number that names one network interface, written in
 * dotted-decimal notation ({@code 10.244.1.5}). Reference solution of exercise 1.1.
 *
 * <pre>{@code
 * Ipv4Address pod = Ipv4Address.parse("10.244.1.5");
 * pod.next();                // 10.244.1.6
 * }</pre>
 *
 * <p>The stub's Javadoc (module-01-basics/src/main/java) states the rules this class follows.
 */
public final class Ipv4Address implements Comparable<Ipv4Address> {

    /** {@code 0.0.0.0}: "any address"; a listener bound here accepts on every interface (RFC 1122 3.2.1.3). */
    public static final Ipv4Address ANY = new Ipv4Address(0);

    /** {@code 127.0.0.1}: this host, over the loopback interface (RFC 1122 3.2.1.3, RFC 6890). */
    public static final Ipv4Address LOCALHOST = new Ipv4Address(0x7F000001);

    /** {@code 255.255.255.255}: the highest address, the limited broadcast address (RFC 919). */
    public static final Ipv4Address BROADCAST = new Ipv4Address(0xFFFFFFFF);

    private final int bits;

    private Ipv4Address(int bits) {
        this.bits = bits;
    }

    public static Ipv4Address parse(String text) {
        Require.nonNull(text, "IPv4 address");
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "An IPv4 address has exactly 4 dot-separated parts, found " + parts.length + ": \"" + text + "\"");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | parseOctet(parts[i], i, text);
        }
        return new Ipv4Address(value);
    }

    private static int parseOctet(String part, int index, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("Part " + (index + 1) + " of the IPv4 address is empty: \"" + text + "\"");
        }
        if (part.length() > 3) {
            throw new IllegalArgumentException(
                    "Part " + (index + 1) + " of the IPv4 address has more than 3 digits: \"" + text + "\"");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("IPv4 address parts are decimal digits 0-9 only, found '"
                        + c + "' in part " + (index + 1) + ": \"" + text + "\"");
            }
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new IllegalArgumentException("Leading zeros are ambiguous (octal or decimal?), so part "
                    + (index + 1) + " \"" + part + "\" is rejected: \"" + text + "\"");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException(
                    "IPv4 address part out of range (0-255): " + value + " in \"" + text + "\"");
        }
        return value;
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        int[] octets = {a, b, c, d};
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (octets[i] < 0 || octets[i] > 255) {
                throw new IllegalArgumentException(
                        "Octet " + (i + 1) + " out of range (0-255): " + octets[i]);
            }
            value = (value << 8) | octets[i];
        }
        return new Ipv4Address(value);
    }

    public static Ipv4Address fromInt(int value) {
        return new Ipv4Address(value);
    }

    public static Ipv4Address fromLong(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IPv4 address value out of range (0-4294967295): " + value);
        }
        return new Ipv4Address((int) value);
    }

    public int toInt() {
        return bits;
    }

    public long toLong() {
        return Integer.toUnsignedLong(bits);
    }

    public int octet(int index) {
        if (index < 0 || index > 3) {
            throw new IllegalArgumentException("Octet index out of range (0-3): " + index);
        }
        return (bits >>> (24 - 8 * index)) & 0xFF;
    }

    public Ipv4Address next() {
        if (bits == 0xFFFFFFFF) {
            throw new IllegalStateException("255.255.255.255 is the last IPv4 address; it has no next address");
        }
        return new Ipv4Address(bits + 1);
    }

    public Ipv4Address previous() {
        if (bits == 0) {
            throw new IllegalStateException("0.0.0.0 is the first IPv4 address; it has no previous address");
        }
        return new Ipv4Address(bits - 1);
    }

    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public boolean isUnspecified() {
        return bits == 0;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        Require.nonNull(other, "address to compare with");
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Address other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(bits);
    }
}
