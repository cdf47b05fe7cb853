package k8snet.clusterdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import k8snet.Require;
import k8snet.dns.DnsResult;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;
import k8snet.ip.Ipv4Address;

/**
 * The cluster's DNS server (CoreDNS's {@code kubernetes} plugin, then {@code forward}): it answers address
 * queries for names in the cluster zone from {@link ClusterDns}'s records and sends every other query upstream
 * (coredns/coredns {@code plugin/kubernetes/README.md}). An ExternalName alias is followed: its CNAME target,
 * outside the zone, is asked upstream, and the chain shows both names.
 *
 * <p>In the zone: a name with A records is an answer; a name with only other records (SRV, TXT) exists but has
 * no address (NODATA); any other name does not exist (NXDOMAIN). Names compare without regard to case.
 */
public final class ClusterDnsServer implements Resolver {

    /** The TTL of cluster answers: CoreDNS's {@code kubernetes} plugin default of 5 seconds. */
    public static final Duration TTL = Duration.ofSeconds(5);

    /** How far a CNAME chain is followed, as module 1's zone resolver does. */
    private static final int MAX_CHAIN = 8;

    private final String zone;
    private final Resolver upstream;
    private final Map<String, List<ClusterRecord>> byName = new HashMap<>();

    /**
     * A server for {@code zone} with these records, asking {@code upstream} for everything else.
     *
     * @throws IllegalArgumentException if an argument or element is null
     */
    public ClusterDnsServer(String zone, Set<ClusterRecord> records, Resolver upstream) {
        this.zone = Require.nonNull(zone, "zone");
        this.upstream = Require.nonNull(upstream, "upstream");
        Require.nonNull(records, "records");
        for (ClusterRecord r : records) {
            byName.computeIfAbsent(Require.nonNull(r, "record").name(), n -> new ArrayList<>()).add(r);
        }
    }

    /** Whether a name is in the cluster zone. */
    public boolean inZone(Hostname name) {
        String n = Require.nonNull(name, "name").toString();
        return n.equals(zone) || n.endsWith("." + zone);
    }

    /** The records of any type at a name, for SRV and PTR lookups; empty if there are none. */
    public List<ClusterRecord> records(String name) {
        Require.nonNull(name, "name");
        return List.copyOf(byName.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()));
    }

    @Override
    public DnsResult resolve(Hostname name) {
        Require.nonNull(name, "name");
        if (!inZone(name)) {
            return upstream.resolve(name);
        }
        List<Hostname> chain = new ArrayList<>();
        chain.add(name);
        Hostname current = name;
        while (true) {
            List<ClusterRecord> records = byName.getOrDefault(current.toString(), List.of());
            if (records.isEmpty()) {
                return new DnsResult.NxDomain(name, chain);
            }
            ClusterRecord.Cname alias = records.stream().filter(ClusterRecord.Cname.class::isInstance)
                    .map(ClusterRecord.Cname.class::cast).findFirst().orElse(null);
            if (alias != null) {
                Hostname target = Hostname.parse(alias.target());
                if (chain.contains(target) || chain.size() > MAX_CHAIN) {
                    return new DnsResult.ServerFailure(name, chain, "CNAME chain too long or looping at " + target);
                }
                chain.add(target);
                if (!inZone(target)) {
                    DnsResult outside = upstream.resolve(target);
                    return joined(name, chain, outside);
                }
                current = target;
                continue;
            }
            List<Ipv4Address> addresses = records.stream().filter(ClusterRecord.A.class::isInstance)
                    .map(r -> ((ClusterRecord.A) r).address()).toList();
            if (addresses.isEmpty()) {
                return new DnsResult.NoData(name, chain);
            }
            return new DnsResult.Answer(name, chain, addresses, ClusterDnsServer.TTL);
        }
    }

    private static DnsResult joined(Hostname query, List<Hostname> chain, DnsResult outside) {
        List<Hostname> all = new ArrayList<>(chain);
        all.addAll(outside.chain().subList(1, outside.chain().size()));
        if (outside instanceof DnsResult.Answer a) {
            Duration ttl = a.ttl().compareTo(TTL) < 0 ? a.ttl() : TTL;
            return new DnsResult.Answer(query, all, a.addresses(), ttl);
        }
        if (outside instanceof DnsResult.NoData) {
            return new DnsResult.NoData(query, all);
        }
        if (outside instanceof DnsResult.ServerFailure f) {
            return new DnsResult.ServerFailure(query, all, f.reason());
        }
        return new DnsResult.NxDomain(query, all);
    }
}
