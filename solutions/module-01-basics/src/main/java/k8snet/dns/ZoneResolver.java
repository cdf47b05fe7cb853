package k8snet.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A resolver that answers from a {@link DnsZone}, following CNAME chains. Reference solution of
 * exercise 1.2 (part 2); the stub's Javadoc states the rules.
 */
public final class ZoneResolver implements Resolver {

    /** The most CNAMEs followed for one query before giving up with a server failure. */
    public static final int MAX_CNAME_CHAIN = 8;

    private final DnsZone zone;

    public ZoneResolver(DnsZone zone) {
        this.zone = Require.nonNull(zone, "zone");
    }

    @Override
    public DnsResult resolve(Hostname name) {
        Require.nonNull(name, "name");
        List<Hostname> chain = new ArrayList<>();
        chain.add(name);
        List<Duration> ttls = new ArrayList<>();
        Hostname current = name;
        while (true) {
            List<DnsRecord> records = zone.records(current);
            if (records.isEmpty()) {
                // RFC 6604: after a CNAME the RCODE speaks about the last name of the chain.
                return new DnsResult.NxDomain(name, chain);
            }
            DnsRecord.Cname alias = cnameOf(records);
            if (alias != null) {
                ttls.add(alias.ttl());
                Hostname target = alias.target();
                if (chain.contains(target)) {
                    return new DnsResult.ServerFailure(name, chain, "CNAME loop: " + path(chain) + " -> " + target);
                }
                if (chain.size() > MAX_CNAME_CHAIN) {
                    return new DnsResult.ServerFailure(name, chain, "CNAME chain longer than " + MAX_CNAME_CHAIN
                            + " (ZoneResolver.MAX_CNAME_CHAIN): " + path(chain) + " -> " + target);
                }
                chain.add(target);
                current = target;
                continue;
            }
            List<Ipv4Address> addresses = new ArrayList<>();
            for (DnsRecord record : records) {
                if (record instanceof DnsRecord.A a) {
                    addresses.add(a.address());
                    ttls.add(a.ttl());
                }
            }
            if (addresses.isEmpty()) {
                // The name exists with records of other types only (module 4 adds SRV and TXT).
                return new DnsResult.NoData(name, chain);
            }
            // The answer is only as fresh as its shortest-lived record, CNAMEs included.
            return new DnsResult.Answer(name, chain, addresses, Collections.min(ttls));
        }
    }

    private static DnsRecord.Cname cnameOf(List<DnsRecord> records) {
        for (DnsRecord record : records) {
            if (record instanceof DnsRecord.Cname cname) {
                return cname;
            }
        }
        return null;
    }

    private static String path(List<Hostname> chain) {
        return chain.stream().map(Hostname::toString).collect(Collectors.joining(" -> "));
    }
}
