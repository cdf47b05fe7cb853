package k8snet.transport;

import java.util.Optional;

import k8snet.Require;

/**
 * A TCP or UDP port number, 1 to 65535, naming one application's mailbox on an address. An address says
 * which host (interface) a message is for; the port says which program on that host gets it.
 *
 * <p><b>Exercise 1.3 (part 1).</b> Implement the methods that throw {@link UnsupportedOperationException}.
 * The private constructor, the constants, {@code number}, {@code toString}, {@code equals} and
 * {@code hashCode} are given.
 *
 * <pre>{@code
 * Port web = Port.parse("8080");
 * web.number();                    // 8080
 * web.isWellKnown();               // false: above 1023
 * Port.of(22).serviceName();       // Optional[ssh]
 * Port.of(22).equals(Port.SSH);    // true
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Port numbers are 16 bits (RFC 9293 and RFC 768 headers), so the highest is 65535. Port 0 is
 *       reserved: a program that binds to port 0 asks the operating system to pick a free port for it,
 *       so 0 is never a port you listen on or send to. The model accepts 1 to 65535 only.</li>
 *   <li>{@link #parse} accepts plain ASCII decimal digits only. It rejects, with an
 *       {@link IllegalArgumentException} that quotes the input: null, the empty string, signs
 *       ({@code "+80"}, {@code "-1"}), spaces anywhere, any other character ({@code "80a"},
 *       {@code "0x50"}), a leading zero ({@code "080"}: one spelling per number, and C's
 *       {@code strtol} with base 0 would read it as octal), and values outside 1-65535, however many
 *       digits they have (beware {@code Integer.parseInt} overflow and its acceptance of a leading
 *       {@code '+'}).</li>
 *   <li>The "well-known" (IANA: "system") ports are 0-1023 (RFC 6335 section 6); of those, the model's
 *       ports are 1-1023. On Linux a program needs privilege to listen on them. 1024-49151 are
 *       user (registered) ports, 49152-65535 the dynamic (ephemeral) ports a client's operating system
 *       picks for its side of a connection.</li>
 *   <li>{@link #serviceName} knows the six ports of the constants below, by their names in the IANA
 *       Service Name and Transport Protocol Port Number Registry. Note that DNS is registered as
 *       {@code "domain"}, not {@code "dns"}.</li>
 * </ul>
 */
public final class Port implements Comparable<Port> {

    /** 21, FTP control (RFC 959); IANA service name {@code ftp}. */
    public static final Port FTP = new Port(21);
    /** 22, SSH (RFC 4253); IANA service name {@code ssh}. */
    public static final Port SSH = new Port(22);
    /** 25, SMTP (RFC 5321); IANA service name {@code smtp}. */
    public static final Port SMTP = new Port(25);
    /** 53, DNS (RFC 1035); IANA service name {@code domain}. */
    public static final Port DNS = new Port(53);
    /** 80, HTTP (RFC 9110); IANA service name {@code http}. */
    public static final Port HTTP = new Port(80);
    /** 443, HTTPS (RFC 9110); IANA service name {@code https}. */
    public static final Port HTTPS = new Port(443);

    private static final int MIN = 1;
    private static final int MAX = 65535;
    private static final int LAST_SYSTEM_PORT = 1023;

    private final int number;

    private Port(int number) {
        this.number = number;
    }

    /**
     * The port with this number.
     *
     * @param number 1 to 65535
     * @return the port; equal to the constant of the same number, if there is one
     * @throws IllegalArgumentException if {@code number} is outside 1-65535; the message names the range
     *     and the number
     */
    public static Port of(int number) {
        if (number < MIN || number > MAX) {
            throw new IllegalArgumentException("Port out of range (" + MIN + "-" + MAX
                    + "; 0 only asks the operating system for any free port): " + number);
        }
        return new Port(number);
    }

    /**
     * Parses decimal text such as {@code "8080"} (see the class doc for what is rejected).
     *
     * @param text the digits of a port number
     * @return the port
     * @throws IllegalArgumentException if {@code text} is null, not plain decimal digits without a leading
     *     zero, or out of range; the message quotes {@code text}
     */
    public static Port parse(String text) {
        Require.nonNull(text, "port");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("A port is decimal digits 1-65535, got an empty string: \"\"");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("A port is plain decimal digits 0-9 (no sign, no spaces), found '"
                        + c + "' in \"" + text + "\"");
            }
        }
        if (text.startsWith("0") && !text.equals("0")) {
            throw new IllegalArgumentException("A port has no leading zero (one spelling per number): \"" + text + "\"");
        }
        // Five digits at most, so parseInt cannot overflow; longer text is out of range anyway.
        if (text.length() > 5) {
            throw new IllegalArgumentException("Port out of range (" + MIN + "-" + MAX + "): \"" + text + "\"");
        }
        int value = Integer.parseInt(text);
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("Port out of range (" + MIN + "-" + MAX + "): \"" + text + "\"");
        }
        return new Port(value);
    }

    /** The number, 1 to 65535. */
    public int number() {
        return number;
    }

    /** True for the system ("well-known") ports 1-1023 (RFC 6335 section 6), false from 1024 up. */
    public boolean isWellKnown() {
        return number <= LAST_SYSTEM_PORT;
    }

    /**
     * The IANA service name of the six well-known ports of the constants ({@code "http"} for 80,
     * {@code "domain"} for 53), else empty.
     */
    public Optional<String> serviceName() {
        String name = switch (number) {
            case 21 -> "ftp";
            case 22 -> "ssh";
            case 25 -> "smtp";
            case 53 -> "domain";
            case 80 -> "http";
            case 443 -> "https";
            default -> null;
        };
        return Optional.ofNullable(name);
    }

    /** Orders by number; the stub's Javadoc says why null is an IllegalArgumentException. */
    @Override
    public int compareTo(Port other) {
        Require.nonNull(other, "port to compare with");
        return Integer.compare(number, other.number);
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
