package k8snet.ipam;

import java.util.ArrayList;
import java.util.List;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 2.1 (the specification is the stub's Javadoc). */
public final class Cidr implements Comparable<Cidr> {

    private static final int MAX_SPLIT = 65_536;

    private final int bits;
    private final int prefix;

    private Cidr(int bits, int prefix) {
        this.bits = bits;
        this.prefix = prefix;
    }

    public static Cidr parse(String text) {
        Require.nonNull(text, "CIDR block");
        int slash = text.indexOf('/');
        if (text.isBlank()) {
            throw new IllegalArgumentException("A CIDR block must not be blank: '" + text + "'");
        }
        if (slash == -1 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("A CIDR block is ADDRESS/PREFIX with one '/': '" + text + "'");
        }
        String address = text.substring(0, slash);
        String length = text.substring(slash + 1);
        if (!oneOrTwoDigits(length) || (length.length() == 2 && length.charAt(0) == '0')) {
            throw new IllegalArgumentException("A CIDR prefix length is 0-32 in plain decimal digits, got '"
                    + length + "' in '" + text + "'");
        }
        int n = Integer.parseInt(length);
        if (n > 32) {
            throw new IllegalArgumentException("CIDR prefix length out of range (0-32): " + n + " in '" + text + "'");
        }
        Ipv4Address network;
        try {
            network = Ipv4Address.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad address in CIDR block '" + text + "': " + e.getMessage(), e);
        }
        int masked = network.toInt() & mask(n);
        if (masked != network.toInt()) {
            throw new IllegalArgumentException("Host bits set in CIDR block '" + text + "': the network address of /"
                    + n + " is " + Ipv4Address.fromInt(masked));
        }
        return new Cidr(masked, n);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Cidr of(Ipv4Address network, int prefixLength) {
        Require.nonNull(network, "network");
        checkPrefix(prefixLength);
        int masked = network.toInt() & mask(prefixLength);
        if (masked != network.toInt()) {
            throw new IllegalArgumentException("Host bits set in CIDR block " + network + "/" + prefixLength
                    + ": the network address of /" + prefixLength + " is " + Ipv4Address.fromInt(masked));
        }
        return new Cidr(masked, prefixLength);
    }

    public static Cidr containing(Ipv4Address address, int prefixLength) {
        Require.nonNull(address, "address");
        checkPrefix(prefixLength);
        return new Cidr(address.toInt() & mask(prefixLength), prefixLength);
    }

    public Ipv4Address network() {
        return Ipv4Address.fromInt(bits);
    }

    public int prefixLength() {
        return prefix;
    }

    public Ipv4Address netmask() {
        return Ipv4Address.fromInt(mask(prefix));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public Ipv4Address broadcast() {
        return Ipv4Address.fromInt(bits | ~mask(prefix));
    }

    public Ipv4Address firstUsable() {
        return prefix >= 31 ? network() : network().next();
    }

    public Ipv4Address lastUsable() {
        return prefix >= 31 ? broadcast() : broadcast().previous();
    }

    public Ipv4Address address(long offset) {
        if (!(offset >= 0 && offset < size())) {
            throw new IllegalArgumentException("Offset out of range in " + this + " (0 to size - 1, size "
                    + size() + "): " + offset);
        }
        return Ipv4Address.fromLong(Integer.toUnsignedLong(bits) + offset);
    }

    public boolean contains(Ipv4Address address) {
        Require.nonNull(address, "address");
        return (address.toInt() & mask(prefix)) == bits;
    }

    public boolean contains(Cidr other) {
        Require.nonNull(other, "other");
        return other.prefix >= prefix && (other.bits & mask(prefix)) == bits;
    }

    public boolean overlaps(Cidr other) {
        Require.nonNull(other, "other");
        return contains(other) || other.contains(this);
    }

    public long subnetCount(int newPrefix) {
        if (!(newPrefix >= prefix && newPrefix <= 32)) {
            throw new IllegalArgumentException("Subnet prefix must be " + prefix + "-32 to split "
                    + this + ", got /" + newPrefix);
        }
        return 1L << (newPrefix - prefix);
    }

    public Cidr subnet(int newPrefix, long index) {
        long count = subnetCount(newPrefix);
        if (!(index >= 0 && index < count)) {
            throw new IllegalArgumentException("Subnet index out of range for /" + newPrefix + " in " + this
                    + " (0 to count - 1, count " + count + "): " + index);
        }
        long start = Integer.toUnsignedLong(bits) + (index << (32 - newPrefix));
        return new Cidr((int) start, newPrefix);
    }

    public List<Cidr> split(int newPrefix) {
        long count = subnetCount(newPrefix);
        if (count > MAX_SPLIT) {
            throw new IllegalArgumentException("Splitting " + this + " into /" + newPrefix + " gives " + count
                    + " blocks, more than " + MAX_SPLIT + " in one list; use subnet(prefix, index)");
        }
        List<Cidr> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(subnet(newPrefix, i));
        }
        return out;
    }

    @Override
    public int compareTo(Cidr other) {
        Require.nonNull(other, "other");
        int byNetwork = Integer.compareUnsigned(bits, other.bits);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefix, other.prefix);
    }

    @Override
    public String toString() {
        return network() + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.bits == bits && other.prefix == prefix;
    }

    @Override
    public int hashCode() {
        // Node blocks differ only in their high bits (10.244.0.0/24, 10.244.1.0/24, ...): mix them down, or a
        // HashMap keyed by blocks puts thousands of them in a few buckets.
        int h = (bits * 0x9E3779B9) ^ prefix;
        return h ^ (h >>> 16);
    }

    private static void checkPrefix(int prefixLength) {
        if (!(prefixLength >= 0 && prefixLength <= 32)) {
            throw new IllegalArgumentException("CIDR prefix length out of range (0-32): " + prefixLength);
        }
    }

    /** True for one or two ASCII digits: {@code [0-9]{1,2}}. */
    private static boolean oneOrTwoDigits(String text) {
        if (text.isEmpty() || text.length() > 2) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code n} one bits followed by zeros; shifting an int by 32 is a no-op in Java, hence the long. */
    private static int mask(int n) {
        return (int) (0xFFFF_FFFF_0000_0000L >>> n);
    }
}
