package k8snet.dns;

import java.time.Duration;
import java.util.List;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * What a resolver answers for a name. A miss has a reason, so each outcome is its own type:
 * <ul>
 *   <li>{@link Answer}: one or more addresses;</li>
 *   <li>{@link NxDomain}: the name (or, after CNAMEs, the name the chain ended at) does not exist
 *       (RCODE 3, RFC 1035 4.1.1; RFC 6604 on CNAME chains);</li>
 *   <li>{@link NoData}: the name exists but has no A record (RFC 2308 2.2);</li>
 *   <li>{@link ServerFailure}: the resolver gave up, for example on a CNAME loop (RCODE 2).</li>
 * </ul>
 * Every outcome carries the {@code chain}: the names visited, starting with the query itself, so a
 * query for an alias {@code www -> web} has chain {@code [www, web]}.
 *
 * <pre>{@code
 * switch-like use:
 * if (result instanceof DnsResult.Answer answer) { answer.addresses(); }
 * }</pre>
 */
public sealed interface DnsResult {

    /** The name that was asked for. */
    Hostname query();

    /** The names visited, starting with {@link #query()}; unmodifiable, never empty. */
    List<Hostname> chain();

    /** The last name of the chain: the one whose records gave the outcome. */
    default Hostname canonicalName() {
        return chain().get(chain().size() - 1);
    }

    /**
     * Addresses for the name.
     *
     * @param addresses in the zone's order, never empty
     * @param ttl how long the whole answer may be cached: the smallest TTL of the records used
     */
    record Answer(Hostname query, List<Hostname> chain, List<Ipv4Address> addresses, Duration ttl)
            implements DnsResult {
        public Answer {
            chain = checkChain(query, chain);
            Require.nonNull(addresses, "addresses");
            addresses = List.copyOf(addresses);
            Require.argument(!addresses.isEmpty(), "An answer has at least one address");
            Require.nonNull(ttl, "ttl");
        }
    }

    /** The name does not exist. */
    record NxDomain(Hostname query, List<Hostname> chain) implements DnsResult {
        public NxDomain {
            chain = checkChain(query, chain);
        }
    }

    /** The name exists but has no address record. */
    record NoData(Hostname query, List<Hostname> chain) implements DnsResult {
        public NoData {
            chain = checkChain(query, chain);
        }
    }

    /** The resolver could not finish; {@code reason} says why in words. */
    record ServerFailure(Hostname query, List<Hostname> chain, String reason) implements DnsResult {
        public ServerFailure {
            chain = checkChain(query, chain);
            Require.nonNull(reason, "reason");
        }
    }

    private static List<Hostname> checkChain(Hostname query, List<Hostname> chain) {
        Require.nonNull(query, "query");
        Require.nonNull(chain, "chain");
        List<Hostname> copy = List.copyOf(chain);
        Require.argument(!copy.isEmpty() && copy.get(0).equals(query),
                "A chain starts with the query " + query + ", got " + copy);
        return copy;
    }
}
