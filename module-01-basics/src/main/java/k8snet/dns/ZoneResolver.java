package k8snet.dns;

/**
 * A resolver that answers from a {@link DnsZone}, following CNAME chains.
 *
 * <p><b>Exercise 1.2 (part 2).</b> Implement {@link #resolve}.
 */
public final class ZoneResolver implements Resolver {

    /** The most CNAMEs followed for one query before giving up with a server failure. */
    public static final int MAX_CNAME_CHAIN = 8;

    private final DnsZone zone;

    /**
     * A resolver over {@code zone}; later changes to the zone are seen by later queries.
     *
     * @throws IllegalArgumentException if {@code zone} is null
     */
    public ZoneResolver(DnsZone zone) {
        this.zone = zone;
    }

    @Override
    public DnsResult resolve(Hostname name) {
        throw new UnsupportedOperationException("Exercise 1.2: implement ZoneResolver.resolve");
    }
}
