package k8snet.net;

import java.util.Optional;

import k8snet.transport.Port;

/**
 * Where a program wants to send: a host (name or IPv4 literal), a port, and optionally the URL scheme
 * and path it came from.
 *
 * <p><b>Exercise 1.4 (part 1).</b> Implement {@link #parse}.
 */
public final class Destination {

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
     * Parses {@code host:port} or {@code scheme://host[:port][/path]}.
     *
     * @throws IllegalArgumentException if {@code text} is null or not a destination
     */
    public static Destination parse(String text) {
        throw new UnsupportedOperationException("Exercise 1.4: implement Destination.parse");
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
