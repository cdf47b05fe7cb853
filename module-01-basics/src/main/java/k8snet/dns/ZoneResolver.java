package k8snet.dns;

import k8snet.Require;

/**
 * A resolver that answers from a {@link DnsZone}, following CNAME chains: what a recursive resolver
 * does for a client, with the zone standing in for every authoritative server it would ask.
 *
 * <p><b>Exercise 1.2 (part 2).</b> Implement {@link #resolve}. The constructor is given.
 *
 * <pre>{@code
 * DnsZone zone = new DnsZone();
 * zone.addCname("www.example.com", "web.example.com", Duration.ofHours(1));
 * zone.addA("web.example.com", "203.0.113.10", Duration.ofMinutes(5));
 * DnsResult result = new ZoneResolver(zone).resolve(Hostname.parse("www.example.com"));
 * // Answer: chain [www.example.com, web.example.com], addresses [203.0.113.10], ttl PT5M
 * }</pre>
 *
 * <h2>The walk (RFC 1034 section 3.6.2 and 4.3.2, RFC 2181 section 10.1)</h2>
 * Start with the queried name as the only entry of the chain, then look at the zone's records for the
 * current name (the last one of the chain):
 * <ul>
 *   <li><b>A records</b>: the walk ends with an {@link DnsResult.Answer} holding every address of that
 *       name, in the order the zone keeps them (several A records are how one name spreads load over
 *       several servers).</li>
 *   <li><b>a CNAME</b>: the name is an alias. Add its target to the chain and carry on from there.</li>
 *   <li><b>no records at all</b>: {@link DnsResult.NxDomain}. After one or more CNAMEs this describes the
 *       <em>last</em> name of the chain, not the query (RFC 6604 section 3): an alias that points
 *       nowhere is a "name does not exist" answer whose chain shows where it broke.</li>
 *   <li><b>records, but none of type A</b>: {@link DnsResult.NoData} (RFC 2308 section 2.2). Module 1's
 *       zones hold only A and CNAME records, so this cannot happen yet; keep the branch anyway, since
 *       module 4 adds SRV and TXT records.</li>
 * </ul>
 * Every result carries the query and the chain of names visited, starting with the query.
 *
 * <h2>TTL of an answer (RFC 2181 sections 5.2 and 8)</h2>
 * An answer built from several records may be cached only as long as the shortest-lived of them: once
 * any link of the chain expires, the whole answer may be out of date. Its TTL is therefore the minimum
 * over <em>every</em> record used, the CNAMEs followed and the A records returned (RFC 2181 5.2 already
 * asks for the minimum when the A records of one name disagree).
 *
 * <h2>When to give up: {@link DnsResult.ServerFailure} (RCODE 2, RFC 1035 section 4.1.1)</h2>
 * <ul>
 *   <li>A CNAME whose target is already in the chain is a loop (RFC 1034 sections 3.6.2 and 5.2.2:
 *       follow chains, but catch loops and report them as an error). The reason spells the loop
 *       out with arrows, ending at the repeated name, for example
 *       {@code "CNAME loop: a.example -> b.example -> a.example"}; the chain holds each name once.</li>
 *   <li>Following at most {@link #MAX_CNAME_CHAIN} CNAMEs for one query is fine; a CNAME that would be one
 *       more than that ends the walk, with a reason that names the limit; the chain then ends at the name
 *       whose CNAME was not followed. Real resolvers also cap the number of CNAMEs they follow, so
 *       that a long or malicious chain cannot keep them busy.</li>
 * </ul>
 * The loop check comes first: a CNAME pointing back into the chain is reported as a loop.
 *
 * <h2>Other rules</h2>
 * Names are compared as {@link Hostname}s, so case does not matter. The resolver keeps no answers of
 * its own: every query reads the zone as it is now, so records added or removed later are seen by
 * later queries (caching is {@link CachingResolver}'s job).
 */
public final class ZoneResolver implements Resolver {

    /**
     * The most CNAMEs followed for one query before giving up with a server failure; a chain may
     * therefore hold up to {@code MAX_CNAME_CHAIN + 1} names.
     */
    public static final int MAX_CNAME_CHAIN = 8;

    private final DnsZone zone;

    /**
     * A resolver over {@code zone}; later changes to the zone are seen by later queries.
     *
     * @throws IllegalArgumentException if {@code zone} is null
     */
    public ZoneResolver(DnsZone zone) {
        this.zone = Require.nonNull(zone, "zone");
    }

    /**
     * Resolves {@code name} to its IPv4 addresses by walking the zone as the class doc describes.
     *
     * @param name the name asked for
     * @return an answer, NXDOMAIN, NODATA or a server failure; never null
     * @throws IllegalArgumentException if {@code name} is null (the message names the parameter)
     */
    @Override
    public DnsResult resolve(Hostname name) {
        throw new UnsupportedOperationException("Exercise 1.2: implement ZoneResolver.resolve");
    }
}
