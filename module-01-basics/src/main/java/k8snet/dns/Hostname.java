package k8snet.dns;

import java.util.List;

/**
 * A DNS hostname such as {@code web.default.svc.cluster.local}: dot-separated labels, compared without
 * regard to case.
 *
 * <p><b>Exercise 1.2 (part 1).</b> Implement {@link #parse}, {@link #isValid}, {@link #labels} and
 * {@link #toString}. The private constructor, {@code equals} and {@code hashCode} are given: they compare
 * the normalised text, so {@code parse} must normalise.
 *
 * <pre>{@code
 * Hostname.parse("Web.Example.COM.").toString();   // "web.example.com"
 * Hostname.parse("web.example.com").labels();       // [web, example, com]
 * Hostname.isValid("-web");                          // false
 * }</pre>
 *
 * <h2>Rules (RFC 1123 section 2.1, RFC 1035 sections 2.3.4 and 3.1, RFC 4343)</h2>
 * <ul>
 *   <li>A label is 1 to 63 characters: ASCII letters, digits and hyphens; it starts and ends with a
 *       letter or digit (RFC 1123 allows a leading digit, which RFC 952 did not).</li>
 *   <li>The whole name is at most 253 characters, not counting one optional trailing dot (the dot that
 *       marks a fully qualified name; it is dropped when normalising). The limit comes from the wire form:
 *       RFC 1035 (sections 2.3.4 and 3.1) allows a name 255 octets in a DNS message, where every label
 *       carries a length octet and the name ends with a zero octet, which leaves 253 characters of text.
 *       (RFC 1123 section 2.1 only asks hosts to handle names of up to 255 characters.)</li>
 *   <li>Names compare case-insensitively (RFC 4343), so normalise to lower case. Only ASCII letters can
 *       occur, so lower-case them with {@code Locale.ROOT}: under a Turkish default locale a plain
 *       {@code toLowerCase()} turns {@code "I"} into a dotless {@code "ı"}.</li>
 *   <li>A label may be all digits, so {@code "10.0.0.1"} is a syntactically valid hostname too. Code that
 *       accepts either an address or a name must try the IPv4 form first (RFC 1123 2.1).</li>
 *   <li>Rejected with an {@link IllegalArgumentException} that quotes the input and names the rule: null,
 *       empty or blank text, a lone {@code "."}, empty labels ({@code "a..b"}, a leading dot, two trailing
 *       dots), a label over 63 characters, a name over 253, any other character (underscore, space,
 *       non-ASCII letters). Underscores do appear in DNS owner names such as SRV records'
 *       {@code _http._tcp} (RFC 2782), but those are not hostnames.</li>
 * </ul>
 */
public final class Hostname {

    private final String name;

    private Hostname(String name) {
        this.name = name;
    }

    /**
     * Parses and normalises a hostname (lower case, no trailing dot).
     *
     * @throws IllegalArgumentException if {@code text} is null or breaks a rule of the class doc
     */
    public static Hostname parse(String text) {
        throw new UnsupportedOperationException("Exercise 1.2: implement Hostname.parse");
    }

    /** Tells whether {@link #parse} would accept {@code text} (null is not valid); never throws. */
    public static boolean isValid(String text) {
        throw new UnsupportedOperationException("Exercise 1.2: implement Hostname.isValid");
    }

    /** The labels, left to right, in lower case; unmodifiable. */
    public List<String> labels() {
        throw new UnsupportedOperationException("Exercise 1.2: implement Hostname.labels");
    }

    /** The normalised name: lower case, labels joined by dots, no trailing dot. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("Exercise 1.2: implement Hostname.toString");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hostname other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
