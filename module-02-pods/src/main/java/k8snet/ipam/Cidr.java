package k8snet.ipam;

import java.util.List;

import k8snet.ip.Ipv4Address;

/**
 * A CIDR block (RFC 4632): every IPv4 address whose first {@code prefixLength} bits equal those of the block's
 * network address. {@code 10.244.0.0/16} is the 65,536 addresses 10.244.0.0 to 10.244.255.255; a Kubernetes
 * cluster hands each node a smaller block of it, such as {@code 10.244.1.0/24}, for its pods.
 *
 * <pre>{@code
 * Cidr cluster = Cidr.parse("10.244.0.0/16");
 * cluster.size();                                   // 65536
 * cluster.contains(Ipv4Address.parse("10.244.7.9")); // true
 * cluster.subnet(24, 1);                            // 10.244.1.0/24
 * Cidr.parse("10.244.1.7/24");                      // IllegalArgumentException: host bits set
 * Cidr.containing(Ipv4Address.parse("10.244.1.7"), 24);   // 10.244.1.0/24, on purpose
 * }</pre>
 *
 * <p><b>Exercise 2.1.</b> Implement every method that throws {@link UnsupportedOperationException}. A block
 * is a value: immutable, equal to every block with the same network address and prefix length.
 *
 * <h2>Text form</h2>
 * {@code A.B.C.D/N}: an IPv4 address as {@link Ipv4Address#parse} accepts it, one {@code '/'}, and a prefix
 * length {@code N} of 0 to 32 written in plain decimal digits (one or two, without sign, spaces or a leading
 * zero: {@code /08} is as ambiguous as the octet {@code 08}). The address must be the network address: its
 * bits after the prefix (the host bits) must all be zero. {@code 10.244.1.7/24} is rejected rather than
 * guessed at, because it usually means a mistake (did the writer mean the block, or the host?); a caller
 * who wants the block around an address says so with {@link #containing}. Every rejection is an
 * {@link IllegalArgumentException} whose message quotes the input and says which rule it broke.
 *
 * <h2>Arithmetic</h2>
 * Addresses are 32-bit unsigned numbers ({@link Ipv4Address#toLong()}), so a block of prefix {@code n} holds
 * 2<sup>32-n</sup> addresses, starting at its network address and ending at its broadcast address (the last
 * one). The usable (host) addresses leave out those two, except where that would leave nothing: a {@code /31}
 * has two usable addresses (RFC 3021, point-to-point links) and a {@code /32} one.
 *
 * <h2>Order</h2>
 * Blocks sort by network address as an unsigned number, then by prefix length, shorter first, so that
 * {@code 10.0.0.0/8} comes before {@code 10.0.0.0/16} and both before {@code 128.0.0.0/1}.
 */
public final class Cidr implements Comparable<Cidr> {

    private Cidr() {
        // Exercise 2.1: choose the fields and write the constructor you need.
    }

    /**
     * Parses {@code A.B.C.D/N} (see the class doc for the rules).
     *
     * @throws IllegalArgumentException if the text is null, blank, or breaks a rule; the message quotes it
     */
    public static Cidr parse(String text) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.parse");
    }

    /** True if {@link #parse} would accept {@code text}; false (never an exception) otherwise, null included. */
    public static boolean isValid(String text) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.isValid");
    }

    /**
     * The block with this network address and prefix length.
     *
     * @throws IllegalArgumentException if {@code network} is null, the prefix is outside 0-32, or host bits are set
     */
    public static Cidr of(Ipv4Address network, int prefixLength) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.of");
    }

    /**
     * The block of this prefix length that contains {@code address}: its host bits cleared.
     *
     * @throws IllegalArgumentException if {@code address} is null or the prefix is outside 0-32
     */
    public static Cidr containing(Ipv4Address address, int prefixLength) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.containing");
    }

    /** The network address: the first address of the block. */
    public Ipv4Address network() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.network");
    }

    /** The prefix length, 0 to 32. */
    public int prefixLength() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.prefixLength");
    }

    /** The netmask: {@code prefixLength} one bits followed by zeros ({@code /24} is 255.255.255.0). */
    public Ipv4Address netmask() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.netmask");
    }

    /** How many addresses the block holds: 2<sup>32-prefixLength</sup> ({@code /0} holds 4,294,967,296). */
    public long size() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.size");
    }

    /** The broadcast address: the last address of the block. */
    public Ipv4Address broadcast() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.broadcast");
    }

    /** The first usable host address (class doc: the network address itself for a /31 or /32). */
    public Ipv4Address firstUsable() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.firstUsable");
    }

    /** The last usable host address (class doc: the broadcast address itself for a /31 or /32). */
    public Ipv4Address lastUsable() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.lastUsable");
    }

    /**
     * The address {@code offset} places after the network address.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or not less than {@link #size()}
     */
    public Ipv4Address address(long offset) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.address");
    }

    /**
     * True if {@code address} lies in the block.
     *
     * @throws IllegalArgumentException if {@code address} is null
     */
    public boolean contains(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.contains(Ipv4Address)");
    }

    /**
     * True if every address of {@code other} lies in this block (a block contains itself).
     *
     * @throws IllegalArgumentException if {@code other} is null
     */
    public boolean contains(Cidr other) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.contains(Cidr)");
    }

    /**
     * True if the two blocks share at least one address. (Two CIDR blocks either are disjoint or one contains
     * the other.)
     *
     * @throws IllegalArgumentException if {@code other} is null
     */
    public boolean overlaps(Cidr other) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.overlaps");
    }

    /**
     * How many blocks of {@code newPrefix} this block splits into: 2<sup>newPrefix-prefixLength</sup>.
     *
     * @throws IllegalArgumentException if {@code newPrefix} is shorter than this block's prefix or above 32
     */
    public long subnetCount(int newPrefix) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.subnetCount");
    }

    /**
     * The {@code index}-th block of {@code newPrefix} inside this one, counting from 0 at the network address.
     *
     * @throws IllegalArgumentException if {@code newPrefix} is out of range (as for {@link #subnetCount}) or
     *     {@code index} is negative or not less than {@code subnetCount(newPrefix)}
     */
    public Cidr subnet(int newPrefix, long index) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.subnet");
    }

    /**
     * Every block of {@code newPrefix} inside this one, in address order; {@code split(prefixLength())} is
     * a list of this block alone.
     *
     * @throws IllegalArgumentException if {@code newPrefix} is out of range (as for {@link #subnetCount}), or
     *     the list would hold more than 65,536 blocks (use {@link #subnet} to reach one of many)
     */
    public List<Cidr> split(int newPrefix) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.split");
    }

    /**
     * Network address as an unsigned number first, then prefix length, shorter first.
     *
     * @throws IllegalArgumentException if {@code other} is null
     */
    @Override
    public int compareTo(Cidr other) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.compareTo");
    }

    /** The text form, {@code 10.244.1.0/24}. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.toString");
    }

    /** Equal when the network address and prefix length are. */
    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.equals");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("Exercise 2.1: implement Cidr.hashCode");
    }
}
