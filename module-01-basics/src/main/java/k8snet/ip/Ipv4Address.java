package k8snet.ip;

/**
 * An IPv4 address: the 32-bit number that names one network interface, written in
 * dotted-decimal notation ({@code 10.244.1.5}).
 *
 * <p><b>Exercise 1.1.</b> Implement every method that throws {@link UnsupportedOperationException}.
 * The private constructor, the constants, {@code equals} and {@code hashCode} are given.
 *
 * <pre>{@code
 * Ipv4Address pod = Ipv4Address.parse("10.244.1.5");
 * pod.toString();            // "10.244.1.5"
 * pod.next();                // 10.244.1.6
 * pod.toInt();               // 0x0AF40105
 * Ipv4Address.fromInt(0x0AF40105).equals(pod);   // true
 * }</pre>
 *
 * <h2>Accepted text (RFC 791 dotted-decimal, as in RFC 6943 section 3.1.1 "strict" form)</h2>
 * Exactly four parts separated by single dots; each part is one to three ASCII digits with a value
 * from 0 to 255. Rejected, with an {@link IllegalArgumentException} whose message quotes the input:
 * <ul>
 *   <li>the wrong number of parts ({@code "10.0.1"}, {@code "1.2.3.4.5"}), empty parts ({@code "1..2.3"}),
 *       a leading or trailing dot;</li>
 *   <li>a part above 255;</li>
 *   <li>a part with a leading zero ({@code "010"}): some systems read it as octal, others as decimal,
 *       so the only safe answer is to refuse it ({@code "0"} alone is fine);</li>
 *   <li>signs ({@code "+1"}, {@code "-1"}), spaces anywhere, non-ASCII digits, the empty string.</li>
 * </ul>
 * A {@code null} argument is rejected the same way, with an {@link IllegalArgumentException} that names
 * the parameter ({@link k8snet.Require#nonNull} does exactly that): never a {@code NullPointerException}.
 *
 * <h2>The 32-bit value</h2>
 * The first octet is the most significant byte: {@code 1.2.3.4} is {@code 0x01020304}. Java's {@code int}
 * is signed, so addresses from {@code 128.0.0.0} up are negative ints; {@link #toLong()} gives the
 * unsigned value (0 to 4294967295) and ordering follows that unsigned value.
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

    /**
     * Parses dotted-decimal text.
     *
     * @param text an address such as {@code "192.168.0.10"}
     * @return the address
     * @throws IllegalArgumentException if {@code text} is null or not strict dotted-decimal (see the class doc);
     *     the message names the rule that failed and quotes the input
     */
    public static Ipv4Address parse(String text) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.parse");
    }

    /**
     * Tells whether {@link #parse} would accept the text, without throwing.
     *
     * @param text any string, or null (not valid)
     * @return true if {@code parse(text)} succeeds
     */
    public static boolean isValid(String text) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.isValid");
    }

    /**
     * The address with these four octets, most significant first.
     *
     * @throws IllegalArgumentException if any octet is outside 0-255; the message names the octet by its
     *     position from the left, counted from 1 to 4 ("octet 1" is {@code a}, "octet 4" is {@code d}; unlike
     *     {@link #octet(int)}, which counts from 0), and quotes its value
     */
    public static Ipv4Address of(int a, int b, int c, int d) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.of");
    }

    /**
     * The address whose 32 bits are {@code value} (every int is an address).
     */
    public static Ipv4Address fromInt(int value) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.fromInt");
    }

    /**
     * The address with this unsigned 32-bit value.
     *
     * @throws IllegalArgumentException if {@code value} is outside 0 to 4294967295; the message quotes it
     */
    public static Ipv4Address fromLong(long value) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.fromLong");
    }

    /** The 32 bits of this address as a (possibly negative) int. */
    public int toInt() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.toInt");
    }

    /** The unsigned value of this address, 0 to 4294967295. */
    public long toLong() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.toLong");
    }

    /**
     * One octet, counting from the left.
     *
     * @param index 0 to 3; {@code octet(0)} of {@code 10.244.1.5} is 10
     * @return 0 to 255
     * @throws IllegalArgumentException if {@code index} is outside 0-3; the message quotes it
     */
    public int octet(int index) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.octet");
    }

    /**
     * The address one above this one; octets carry ({@code 10.0.0.255} is followed by {@code 10.0.1.0}).
     *
     * @throws IllegalStateException on {@code 255.255.255.255}, which has no next address
     */
    public Ipv4Address next() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.next");
    }

    /**
     * The address one below this one; octets borrow.
     *
     * @throws IllegalStateException on {@code 0.0.0.0}, which has no previous address
     */
    public Ipv4Address previous() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.previous");
    }

    /** True for the loopback block {@code 127.0.0.0/8} (RFC 1122 3.2.1.3): traffic that never leaves the host. */
    public boolean isLoopback() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.isLoopback");
    }

    /** True only for {@code 0.0.0.0}, the unspecified ("any") address. */
    public boolean isUnspecified() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.isUnspecified");
    }

    /**
     * Orders addresses by their unsigned 32-bit value, so {@code 9.255.255.255} comes before
     * {@code 10.0.0.0} and {@code 127.0.0.1} before {@code 192.168.0.1}.
     *
     * @throws IllegalArgumentException if {@code other} is null ({@link Comparable} suggests a
     *     NullPointerException; the kit's rule that bad input gets an IllegalArgumentException naming it wins)
     */
    @Override
    public int compareTo(Ipv4Address other) {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.compareTo");
    }

    /** Dotted-decimal text without leading zeros: {@code parse(a.toString()).equals(a)} for every address. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("Exercise 1.1: implement Ipv4Address.toString");
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
