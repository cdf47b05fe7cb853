package k8snet.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import k8snet.Require;

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

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

    private final Ingress ingress;

    /**
     * A router for {@code ingress}, checked first (see the class doc).
     *
     * @throws IllegalArgumentException if {@code ingress} is null or breaks a validation rule
     */
    public IngressRouter(Ingress ingress) {
        Require.nonNull(ingress, "ingress");
        Require.argument(!ingress.rules().isEmpty() || ingress.defaultBackend().isPresent(),
                "Ingress " + ingress.name() + " has neither rules nor a defaultBackend");
        for (IngressRule rule : ingress.rules()) {
            checkHost(rule.host());
            for (IngressPath path : rule.paths()) {
                String type = path.pathType();
                Require.argument(!type.isEmpty(), "pathType is required, and missing for path \"" + path.path()
                        + "\" of host \"" + rule.host() + "\"");
                Require.argument(type.equals("Exact") || type.equals("Prefix") || type.equals("ImplementationSpecific"),
                        "Unknown pathType \"" + type + "\" (Exact, Prefix or ImplementationSpecific)");
                checkPath(type, path.path());
            }
        }
        this.ingress = ingress;
    }

    /** The Ingress this router serves. */
    public Ingress ingress() {
        return ingress;
    }

    /**
     * Where a request for {@code host} and {@code path} goes (see the class doc).
     *
     * @param host the request's Host, without a port
     * @param path the request path, starting with {@code /}
     * @throws IllegalArgumentException if an argument is null or the path does not start with {@code /}
     */
    public IngressRoute route(String host, String path) {
        Require.nonNull(host, "host");
        Require.nonNull(path, "path");
        Require.argument(path.startsWith("/"), "A request path starts with /: \"" + path + "\"");
        String h = host.toLowerCase(Locale.ROOT);
        List<IngressRule> exact = new ArrayList<>();
        List<IngressRule> wildcard = new ArrayList<>();
        List<IngressRule> any = new ArrayList<>();
        for (IngressRule rule : ingress.rules()) {
            if (rule.host().isEmpty()) {
                any.add(rule);
            } else if (rule.host().startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot + 1).equals(rule.host().substring(2))) {
                    wildcard.add(rule);
                }
            } else if (rule.host().equals(h)) {
                exact.add(rule);
            }
        }
        List<IngressRule> chosen = !exact.isEmpty() ? exact : !wildcard.isEmpty() ? wildcard : any;
        IngressRule bestRule = null;
        IngressPath best = null;
        for (IngressRule rule : chosen) {
            for (IngressPath p : rule.paths()) {
                if (matches(p, path) && (best == null || better(p, best))) {
                    best = p;
                    bestRule = rule;
                }
            }
        }
        if (best != null) {
            return new IngressRoute.Matched(best.backend(), bestRule.host(), best);
        }
        Optional<IngressBackend> fallback = ingress.defaultBackend();
        return fallback.<IngressRoute>map(IngressRoute.Default::new).orElseGet(IngressRoute.NotFound::new);
    }

    private static boolean better(IngressPath candidate, IngressPath best) {
        if (candidate.path().length() != best.path().length()) {
            return candidate.path().length() > best.path().length();
        }
        return candidate.pathType().equals("Exact") && !best.pathType().equals("Exact");
    }

    private static boolean matches(IngressPath p, String requestPath) {
        if (p.pathType().equals("Exact")) {
            return p.path().equals(requestPath);
        }
        List<String> want = elements(p.path());
        List<String> got = elements(requestPath);
        return want.size() <= got.size() && got.subList(0, want.size()).equals(want);
    }

    private static List<String> elements(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** The API server's rules for a rule path: absolute, and for Exact and Prefix free of ambiguous sequences. */
    private static void checkPath(String type, String path) {
        if (type.equals("ImplementationSpecific") && path.isEmpty()) {
            return;
        }
        Require.argument(path.startsWith("/"), "An Ingress path must start with /: \"" + path + "\"");
        if (type.equals("ImplementationSpecific")) {
            return;
        }
        for (String sequence : List.of("//", "/./", "/../", "%2f", "%2F")) {
            Require.argument(!path.contains(sequence), "An " + type + " path must not contain '" + sequence + "': \""
                    + path + "\"");
        }
        for (String suffix : List.of("/..", "/.")) {
            Require.argument(!path.endsWith(suffix), "An " + type + " path must not end with '" + suffix + "': \""
                    + path + "\"");
        }
    }

    /** Whether the API server reads {@code host} as an IPv4 address: four decimal numbers 0-255, leading zeros allowed. */
    private static boolean isIpv4(String host) {
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) {
            String digits = part.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 3 || Integer.parseInt(digits) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void checkHost(String host) {
        if (host.isEmpty()) {
            return;
        }
        Require.argument(!host.equals("*"), "A bare * is not a valid Ingress host: use *.example.com or leave the host out");
        String name = host.startsWith("*.") ? host.substring(2) : host;
        Require.argument(!isIpv4(host), "An Ingress host must be a DNS name, not an IP address: \"" + host + "\"");
        Require.argument(host.length() <= 253, "An Ingress host is at most 253 characters, a wildcard's *. included: \""
                + host + "\"");
        for (String label : name.split("\\.", -1)) {
            Require.argument(LABEL.matcher(label).matches(), "Invalid Ingress host \"" + host + "\": \"" + label
                    + "\" is not a lower-case RFC 1123 label" + (label.contains("*")
                            ? " (a wildcard is allowed only as the whole first label, *.)" : ""));
        }
    }
}
