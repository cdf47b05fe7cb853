package k8snet.ingress;

/**
 * What an ingress controller does with one Ingress: check it as the API server would, then send each HTTP
 * request to a backend by its host and path (Kubernetes docs "Ingress": "Path types", "Examples", "Multiple
 * matches", "Hostname wildcards"; k8s.io/api networking/v1 {@code IngressRule} and {@code HTTPIngressPath}).
 *
 * <pre>{@code
 * IngressRouter router = new IngressRouter(shop);
 * router.route("shop.example.com", "/api/orders");   // Matched: api:8080 by path /api (Prefix)
 * router.route("shop.example.com", "/apiary");       // Matched: web:80 by path / ("/api" is not an element of it)
 * router.route("other.example.org", "/");            // NotFound (404): no rule for that host, no default backend
 * }</pre>
 *
 * <p><b>Exercise 4.3.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Validation (the constructor)</h2>
 * An {@link IllegalArgumentException} that quotes the offending text, for:
 * <ul>
 *   <li>an Ingress with no rules and no default backend;</li>
 *   <li>a host that is neither {@code ""}, nor a lower-case DNS subdomain (RFC 1123 labels of at most 63
 *       characters joined by dots, 253 characters at most), nor {@code *.} followed by one with the whole host,
 *       {@code *.} included, still 253 characters at most (the API server counts the wildcard too:
 *       k8s.io/apimachinery {@code IsWildcardDNS1123Subdomain}); nor is a host the API server parses as an IPv4
 *       address (its {@code ParseIPSloppy}: four decimal numbers of 0 to 255 each, leading zeros allowed), though
 *       its labels would pass as a DNS name; digits that are no address (a number above 255, or a wildcard in
 *       front) are a name like any other. A bare {@code *} is not a valid host, nor a {@code *} anywhere but the
 *       first label;</li>
 *   <li>a path type that is missing ({@code ""}) or not exactly {@code Exact}, {@code Prefix} or
 *       {@code ImplementationSpecific} (the names are case-sensitive);</li>
 *   <li>a path that does not start with {@code /}, except that an {@code ImplementationSpecific} path may be
 *       empty ({@code ""});</li>
 *   <li>an {@code Exact} or {@code Prefix} path that holds {@code //}, {@code /./}, {@code /../}, {@code %2f} or
 *       {@code %2F}, or ends with {@code /..} or {@code /.}: such a path could name the same resource in two ways,
 *       so the API server refuses it (k8s.io/kubernetes {@code pkg/apis/networking/validation},
 *       {@code invalidPathSequences} and {@code invalidPathSuffixes}); an {@code ImplementationSpecific} path
 *       needs only to be absolute.</li>
 * </ul>
 *
 * <h2>Hosts</h2>
 * The request's host is compared without regard to case. An exact rule host matches only itself. A wildcard
 * {@code *.example.com} matches a host made of exactly one more label in front of {@code example.com}
 * ({@code shop.example.com}), not {@code example.com} itself and not {@code a.shop.example.com}. A rule with
 * host {@code ""} matches every host. Like ingress-nginx, which serves each host in a server block of its own,
 * the router uses only the most specific kind of rule that matches the host: the exact rules for it if there
 * are any, otherwise the matching wildcard rules, otherwise the rules without a host. The paths of every rule of
 * that kind are considered together.
 *
 * <h2>Paths</h2>
 * <ul>
 *   <li>{@code Exact} matches the request path exactly, case-sensitively; {@code /foo} does not match
 *       {@code /foo/}.</li>
 *   <li>{@code Prefix} matches element by element, where the elements are the non-empty parts between
 *       {@code /}: the path's elements must be the first elements of the request's. So {@code /foo/bar}
 *       matches {@code /foo/bar}, {@code /foo/bar/} and {@code /foo/bar/baz} but not {@code /foo/barbaz};
 *       a trailing slash on either side makes no difference; {@code /} matches every path. Comparison is
 *       case-sensitive.</li>
 *   <li>{@code ImplementationSpecific} is up to the controller; this one treats it as {@code Prefix} (an empty
 *       one has no elements, so, like {@code /}, it matches every path).</li>
 *   <li>Among the matching paths the longest (in characters, as written) wins; between two of equal length an
 *       {@code Exact} one wins; after that the earlier one in the Ingress (rules in order, their paths in order).</li>
 * </ul>
 * If no path matches, the request goes to the default backend if there is one ({@link IngressRoute.Default}),
 * otherwise the answer is 404 ({@link IngressRoute.NotFound}).
 */
public final class IngressRouter {

    /**
     * A router for {@code ingress}, checked first (see the class doc).
     *
     * @throws IllegalArgumentException if {@code ingress} is null or breaks a validation rule
     */
    public IngressRouter(Ingress ingress) {
        throw new UnsupportedOperationException("Exercise 4.3: implement the IngressRouter constructor");
    }

    /** The Ingress this router serves. */
    public Ingress ingress() {
        throw new UnsupportedOperationException("Exercise 4.3: implement IngressRouter.ingress");
    }

    /**
     * Where a request for {@code host} and {@code path} goes (see the class doc).
     *
     * @param host the request's Host, without a port
     * @param path the request path, starting with {@code /}
     * @throws IllegalArgumentException if an argument is null or the path does not start with {@code /}
     */
    public IngressRoute route(String host, String path) {
        throw new UnsupportedOperationException("Exercise 4.3: implement IngressRouter.route");
    }
}
