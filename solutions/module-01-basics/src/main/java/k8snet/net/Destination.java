package k8snet.net;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.dns.Hostname;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Port;

/**
 * Where a program wants to send: a host (name or IPv4 literal), a port, and optionally the URL scheme
 * and path it came from. It is what a user types ({@code curl http://web/}, {@code nc db 5432}) before
 * any DNS lookup: the host is still text.
 *
 * <p><b>Exercise 1.4 (part 1).</b> Implement {@link #parse}. The fields, accessors, {@code toString},
 * {@code equals} and {@code hashCode} are given.
 *
 * <pre>{@code
 * Destination.parse("db.internal:5432");        // host db.internal, port 5432, no scheme, path ""
 * Destination.parse("HTTPS://Web.Example.COM."); // scheme https, host web.example.com, port 443, path "/"
 * Destination.parse("http://10.0.0.7:8080/api"); // scheme http, host 10.0.0.7, port 8080, path "/api"
 * }</pre>
 *
 * <h2>Accepted forms</h2>
 * <ul>
 *   <li>{@code host:port}: exactly one {@code ':'}; the port is required (there is no scheme to take a
 *       default from), so {@code "web"} alone fails with "no port: use host:port or a URL". No scheme,
 *       path {@code ""}.</li>
 *   <li>{@code scheme://host[:port][/path]} (the shape of RFC 3986 section 3): the scheme is one of
 *       {@code http} (default port 80), {@code https} (443; both RFC 9110 section 4.2), {@code ftp} (21,
 *       RFC 959), {@code ssh} (22, RFC 4253), compared without regard to case and kept in lower case; any
 *       other scheme is rejected. The authority ends at the first {@code '/'}, {@code '?'} or {@code '#'}.
 *       The path is the rest; a fragment ({@code #...}) is dropped, because a client never sends it
 *       (RFC 3986 section 3.5); a query ({@code ?a=b}) is kept in the path, as it appears in an HTTP
 *       request line; a path that does not start with {@code '/'} gets one, so no path becomes
 *       {@code "/"} (RFC 9112 section 3.2.1). An explicit port must not be empty ({@code "http://web:/"}
 *       is rejected rather than guessed).</li>
 *   <li>The host is an IPv4 literal in strict dotted-decimal ({@link k8snet.ip.Ipv4Address#isValid}) or a
 *       hostname ({@link k8snet.dns.Hostname} rules), normalised: lower case, one trailing dot dropped.
 *       A host whose last label is all digits must be a valid IPv4 literal: RFC 1123 section 2.1 notes that
 *       a hostname never has the dotted-decimal form, so {@code "10.0.0.256"} is an error, not a name.</li>
 *   <li>Ports go through {@link Port#parse}, so its rules apply (1-65535, digits only).</li>
 * </ul>
 *
 * <h2>Rejected</h2>
 * With an {@link IllegalArgumentException} that names the rule and quotes the input: null, empty or blank
 * text, whitespace anywhere, an unknown or empty scheme, a missing host, a missing port in {@code host:port},
 * more than one {@code ':'} in the authority, user information ({@code "http://user@web/"}: RFC 3986 section 3.2.1
 * deprecates passwords there, and the model has no use for a user name), and IPv6 literals in brackets (module 1 is IPv4 only).
 */
public final class Destination {

    /** The schemes the model knows, with their default ports. */
    private static final Map<String, Port> DEFAULT_PORTS =
            Map.of("http", Port.HTTP, "https", Port.HTTPS, "ftp", Port.FTP, "ssh", Port.SSH);

    private final String scheme;
    private final String host;
    private final Port port;
    private final String path;

    private Destination(String scheme, String host, Port port, String path) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /**
     * Parses {@code host:port} or {@code scheme://host[:port][/path]} (see the class doc for the rules).
     *
     * @param text what the user typed
     * @return the destination, normalised
     * @throws IllegalArgumentException if {@code text} is null or not a destination; the message names the
     *     rule and quotes {@code text}
     */
    public static Destination parse(String text) {
        Require.nonNull(text, "destination");
        if (text.isBlank()) {
            throw new IllegalArgumentException(
                    "A destination is host:port or a URL such as http://web/, got a blank one: \"" + text + "\"");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new IllegalArgumentException("A destination has no spaces: \"" + text + "\"");
            }
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            if (!text.contains(":")) {
                throw new IllegalArgumentException("Destination \"" + text
                        + "\" has no port: use host:port or a URL such as http://" + text + "/");
            }
            return authority(null, text, text, null, "");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Port defaultPort = DEFAULT_PORTS.get(scheme);
        if (defaultPort == null) {
            throw new IllegalArgumentException("Unknown scheme \"" + text.substring(0, schemeEnd)
                    + "\" (the model knows http, https, ftp and ssh): \"" + text + "\"");
        }
        String rest = text.substring(schemeEnd + 3);
        int authorityEnd = 0;
        while (authorityEnd < rest.length() && "/?#".indexOf(rest.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String path = rest.substring(authorityEnd);
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            // A fragment is for the client alone; it never travels (RFC 3986 3.5).
            path = path.substring(0, fragment);
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        return authority(scheme, rest.substring(0, authorityEnd), text, defaultPort, path);
    }

    /** Parses {@code host[:port]}; {@code defaultPort} null means the port is required. */
    private static Destination authority(String scheme, String authority, String text, Port defaultPort, String path) {
        if (authority.contains("@")) {
            throw new IllegalArgumentException(
                    "User information (user@host) is not supported in a destination: \"" + text + "\"");
        }
        if (authority.startsWith("[")) {
            throw new IllegalArgumentException("IPv6 literals are not modelled (module 1 is IPv4 only): \"" + text + "\"");
        }
        String hostText = authority;
        Port port = defaultPort;
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            if (authority.lastIndexOf(':') != colon) {
                throw new IllegalArgumentException("A destination has at most one ':' between host and port: \""
                        + text + "\"");
            }
            hostText = authority.substring(0, colon);
            String portText = authority.substring(colon + 1);
            try {
                port = Port.parse(portText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Bad port \"" + portText + "\" in \"" + text + "\": " + e.getMessage(), e);
            }
        }
        if (hostText.isEmpty()) {
            throw new IllegalArgumentException("A destination needs a host: \"" + text + "\"");
        }
        return new Destination(scheme, host(hostText, text), port, path);
    }

    /** An IPv4 literal as it is, or a hostname normalised; never a malformed address taken for a name. */
    private static String host(String hostText, String text) {
        if (Ipv4Address.isValid(hostText)) {
            return hostText;
        }
        String body = hostText.endsWith(".") ? hostText.substring(0, hostText.length() - 1) : hostText;
        String lastLabel = body.substring(body.lastIndexOf('.') + 1);
        if (!lastLabel.isEmpty() && lastLabel.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                Ipv4Address.parse(hostText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + hostText + "\" ends in a number, so it must be an IPv4"
                        + " address (RFC 1123 2.1), and it is not one: \"" + text + "\"; " + e.getMessage(), e);
            }
        }
        try {
            return Hostname.parse(hostText).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad host \"" + hostText + "\" in \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** The scheme in lower case ({@code "http"}), if the text was a URL. */
    public Optional<String> scheme() {
        return Optional.ofNullable(scheme);
    }

    /** The host part, lower case, without a trailing dot: a hostname or an IPv4 literal. */
    public String host() {
        return host;
    }

    /** The port: explicit, or the scheme's default. */
    public Port port() {
        return port;
    }

    /** The path of a URL ({@code "/"} when it has none); empty for {@code host:port}. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return (scheme == null ? "" : scheme + "://") + host + ":" + port + path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Destination d && java.util.Objects.equals(d.scheme, scheme) && d.host.equals(host)
                && d.port.equals(port) && d.path.equals(path);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scheme, host, port, path);
    }
}
