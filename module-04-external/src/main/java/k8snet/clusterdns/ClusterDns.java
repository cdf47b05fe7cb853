package k8snet.clusterdns;

import java.util.List;
import java.util.Set;

import k8snet.ip.Ipv4Address;

/**
 * The records cluster DNS serves for a cluster's Services, as the Kubernetes DNS specification lays them out
 * (kubernetes/dns {@code docs/specification.md}, schema 1.1.0; Kubernetes docs "DNS for Services and Pods").
 *
 * <pre>{@code
 * ClusterDns dns = ClusterDns.defaults();                     // zone cluster.local
 * dns.records(List.of(DnsService.clusterIp("shop", "api", "10.96.4.7", List.of(DnsPort.tcp("http", 80)))));
 * // dns-version.cluster.local. IN TXT "1.1.0"
 * // api.shop.svc.cluster.local. IN A 10.96.4.7
 * // _http._tcp.api.shop.svc.cluster.local. IN SRV 0 100 80 api.shop.svc.cluster.local.
 * // 7.4.96.10.in-addr.arpa. IN PTR api.shop.svc.cluster.local.
 * }</pre>
 *
 * <p><b>Exercise 4.4 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Records</h2>
 * Write {@code <svc>.<ns>.svc.<zone>} for a Service's name below; all names in lower case, without the final dot.
 * <ul>
 *   <li>Always, once: {@code dns-version.<zone>} TXT {@value #SCHEMA_VERSION}.</li>
 *   <li>ClusterIP Service: an A record at its name with the ClusterIP, and a PTR record from the ClusterIP's
 *       reverse name ({@link #reverseName}) to its name.</li>
 *   <li>Headless Service: for each <em>ready</em> endpoint, an A record at the Service's name with the
 *       endpoint's address, an A record at {@code <host>.<svc>.<ns>.svc.<zone>} with the same address, and a
 *       PTR record from the address's reverse name to that host name. {@code <host>} is the endpoint's
 *       hostname if it has one, otherwise its address with dashes ({@code 10-244-1-5}), as CoreDNS names such
 *       endpoints. Endpoints that are not ready get nothing; with none ready the Service's name has no records,
 *       so it does not exist (NXDOMAIN).</li>
 *   <li>Every <em>named</em> port of a ClusterIP or headless Service: SRV records at
 *       {@code _<port>._<proto>.<svc>.<ns>.svc.<zone>}, where {@code <proto>} is {@code tcp} or {@code udp}, with
 *       priority {@value #SRV_PRIORITY} and weight {@value #SRV_WEIGHT} (the specification leaves both open). A
 *       ClusterIP Service has one, whose target is the Service's name; a headless one has one per ready
 *       endpoint, whose target is that endpoint's host name. Unnamed ports get no SRV record.</li>
 *   <li>ExternalName Service: one CNAME at its name, to the external name in lower case (a final dot dropped),
 *       and nothing else.</li>
 * </ul>
 * The records form a set: a record appears once, however often the rules produce it.
 *
 * <h2>Names</h2>
 * The zone is a valid DNS name: lower-case RFC 1123 labels joined by dots, any case accepted and lowered, a final
 * dot dropped. A Service's name is an RFC 1035 label (a letter first, as Kubernetes requires of Service names);
 * its namespace and an endpoint's hostname are lower-case RFC 1123 labels; an ExternalName's target is a valid
 * DNS name (any case, lowered). Anything else is an {@link IllegalArgumentException} quoting it, as is a
 * null argument or list element.
 */
public final class ClusterDns {

    /** The default cluster domain. */
    public static final String DEFAULT_ZONE = "cluster.local";

    /** The schema version the {@code dns-version} record announces. */
    public static final String SCHEMA_VERSION = "1.1.0";

    /** The priority of every SRV record. */
    public static final int SRV_PRIORITY = 0;

    /** The weight of every SRV record. */
    public static final int SRV_WEIGHT = 100;

    /**
     * Cluster DNS for a zone such as {@code cluster.local}.
     *
     * @throws IllegalArgumentException if {@code zone} is null or not a valid DNS name
     */
    public ClusterDns(String zone) {
        throw new UnsupportedOperationException("Exercise 4.4: implement the ClusterDns constructor");
    }

    /** Cluster DNS for {@value #DEFAULT_ZONE}. */
    public static ClusterDns defaults() {
        throw new UnsupportedOperationException("Exercise 4.4: implement ClusterDns.defaults");
    }

    /** The zone, in lower case without a final dot. */
    public String zone() {
        throw new UnsupportedOperationException("Exercise 4.4: implement ClusterDns.zone");
    }

    /**
     * The name of a Service: {@code <name>.<namespace>.svc.<zone>}.
     *
     * @throws IllegalArgumentException if the namespace or the name is null or not a label of its kind (see "Names"
     *         in the class doc); the message names the rule broken and quotes the value
     */
    public String serviceName(String namespace, String name) {
        throw new UnsupportedOperationException("Exercise 4.4: implement ClusterDns.serviceName");
    }

    /**
     * The reverse-lookup name of an address: its four numbers in reverse order, then {@code in-addr.arpa}
     * (RFC 1035 section 3.5): {@code 10.96.4.7} gives {@code 7.4.96.10.in-addr.arpa}.
     *
     * @throws IllegalArgumentException if {@code address} is null
     */
    public static String reverseName(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 4.4: implement ClusterDns.reverseName");
    }

    /**
     * Every record for these Services (see the class doc).
     *
     * @return a set; iteration follows the order the records were first made, for readable output only
     * @throws IllegalArgumentException if the list or an element is null, or a name is invalid
     */
    public Set<ClusterRecord> records(List<DnsService> services) {
        throw new UnsupportedOperationException("Exercise 4.4: implement ClusterDns.records");
    }
}
