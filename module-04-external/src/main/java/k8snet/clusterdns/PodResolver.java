package k8snet.clusterdns;

import java.util.List;

import k8snet.dns.DnsResult;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;

/**
 * A pod's stub resolver: the {@code search} list and {@code ndots} option of its {@code /etc/resolv.conf}, applied
 * in the order glibc applies them (resolv.conf(5); glibc {@code resolv/res_query.c}, {@code __res_context_search}).
 * The kubelet writes, for a pod with the default {@code dnsPolicy: ClusterFirst} in namespace {@code shop}:
 * {@code search shop.svc.cluster.local svc.cluster.local cluster.local} and {@code options ndots:5}
 * (kubernetes/kubernetes {@code pkg/kubelet/network/dns/dns.go}).
 *
 * <pre>{@code
 * PodResolver r = PodResolver.clusterFirst(server, "shop", "cluster.local");
 * r.candidates("api");               // [api.shop.svc.cluster.local, api.svc.cluster.local, api.cluster.local, api]
 * r.candidates("www.example.com.");  // [www.example.com]
 * r.resolve("api").result();         // the answer for api.shop.svc.cluster.local, after one query
 * }</pre>
 *
 * <p><b>Exercise 4.4 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Count the dots of the name as written, a final dot aside.</li>
 *   <li>A name with a final dot is absolute: it is queried as it is, once, and nothing else is tried.</li>
 *   <li>A name with at least {@code ndots} dots is tried as it is first, then with each search domain appended,
 *       in the list's order.</li>
 *   <li>A name with fewer dots is tried with each search domain appended first, in order, and as it is last.</li>
 *   <li>A candidate longer than 253 characters is left out (it cannot be sent).</li>
 *   <li>{@link #resolve} sends the candidates in that order to the server and stops at the first
 *       {@link DnsResult.Answer}; NXDOMAIN, NODATA and a server failure all move on to the next candidate. The
 *       lookup records every query sent.</li>
 *   <li>{@code ndots} is 0 to 15 (glibc caps it at 15); search domains are valid DNS names (a final dot is
 *       dropped, case lowered), at most {@value #MAX_SEARCH} of them. The name must be a valid hostname, with
 *       or without a final dot. Anything else, or a null, is an {@link IllegalArgumentException} quoting the bad value.</li>
 * </ul>
 */
public final class PodResolver {

    /** The {@code ndots} the kubelet writes for ClusterFirst pods. */
    public static final int KUBELET_NDOTS = 5;

    /** The most {@code ndots} glibc honours. */
    public static final int MAX_NDOTS = 15;

    /**
     * The most search domains this resolver takes: Kubernetes' own limit for a pod (the kubelet's
     * {@code MaxDNSSearchPathsExpanded}); glibc has had no limit since 2.26.
     */
    public static final int MAX_SEARCH = 32;

    /**
     * A resolver that asks {@code server}, with this search list and ndots.
     *
     * @throws IllegalArgumentException if an argument or element is null or breaks a rule of the class doc
     */
    public PodResolver(Resolver server, List<String> search, int ndots) {
        throw new UnsupportedOperationException("Exercise 4.4: implement the PodResolver constructor");
    }

    /**
     * The resolver the kubelet sets up for a ClusterFirst pod in {@code namespace}: search
     * {@code <namespace>.svc.<zone> svc.<zone> <zone>}, ndots {@value #KUBELET_NDOTS}.
     *
     * @throws IllegalArgumentException if an argument is null or a name is invalid
     */
    public static PodResolver clusterFirst(Resolver server, String namespace, String zone) {
        throw new UnsupportedOperationException("Exercise 4.4: implement PodResolver.clusterFirst");
    }

    /** The search domains, normalised; unmodifiable. */
    public List<String> search() {
        throw new UnsupportedOperationException("Exercise 4.4: implement PodResolver.search");
    }

    /** The ndots option. */
    public int ndots() {
        throw new UnsupportedOperationException("Exercise 4.4: implement PodResolver.ndots");
    }

    /**
     * The names a lookup of {@code name} would query, in order (see the class doc).
     *
     * @throws IllegalArgumentException if {@code name} is null or not a valid hostname
     */
    public List<Hostname> candidates(String name) {
        throw new UnsupportedOperationException("Exercise 4.4: implement PodResolver.candidates");
    }

    /**
     * Looks {@code name} up (see the class doc).
     *
     * @throws IllegalArgumentException as {@link #candidates}
     */
    public Lookup resolve(String name) {
        throw new UnsupportedOperationException("Exercise 4.4: implement PodResolver.resolve");
    }
}
