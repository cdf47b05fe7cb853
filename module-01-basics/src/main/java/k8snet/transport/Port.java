package k8snet.transport;

import java.util.Optional;

/**
 * A TCP or UDP port number, 1 to 65535, naming one application's mailbox on an address.
 *
 * <p><b>Exercise 1.3 (part 1).</b> Implement the methods that throw {@link UnsupportedOperationException}.
 */
public final class Port implements Comparable<Port> {

    /** 21, FTP control (RFC 959). */
    public static final Port FTP = new Port(21);
    /** 22, SSH (RFC 4253). */
    public static final Port SSH = new Port(22);
    /** 25, SMTP (RFC 5321). */
    public static final Port SMTP = new Port(25);
    /** 53, DNS (RFC 1035). */
    public static final Port DNS = new Port(53);
    /** 80, HTTP (RFC 9110). */
    public static final Port HTTP = new Port(80);
    /** 443, HTTPS (RFC 9110). */
    public static final Port HTTPS = new Port(443);

    private final int number;

    private Port(int number) {
        this.number = number;
    }

    /**
     * The port with this number.
     *
     * @throws IllegalArgumentException if {@code number} is outside 1-65535
     */
    public static Port of(int number) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Port.of");
    }

    /**
     * Parses decimal text such as {@code "8080"}.
     *
     * @throws IllegalArgumentException if {@code text} is null, not plain decimal digits, or out of range
     */
    public static Port parse(String text) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Port.parse");
    }

    /** The number, 1 to 65535. */
    public int number() {
        return number;
    }

    /** True for the system ("well-known") ports 1-1023 (RFC 6335 section 6). */
    public boolean isWellKnown() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Port.isWellKnown");
    }

    /** The IANA service name of the six well-known ports above ({@code "http"} for 80), else empty. */
    public Optional<String> serviceName() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Port.serviceName");
    }

    /** Orders by number. */
    @Override
    public int compareTo(Port other) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Port.compareTo");
    }

    /** The number in decimal. */
    @Override
    public String toString() {
        return Integer.toString(number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Port other && other.number == number;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(number);
    }
}
