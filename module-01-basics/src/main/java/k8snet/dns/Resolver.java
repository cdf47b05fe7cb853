package k8snet.dns;

/**
 * Turns a hostname into a {@link DnsResult}. Implementations: {@link ZoneResolver} answers from a
 * {@link DnsZone}; {@link CachingResolver} remembers another resolver's answers for their TTL. Tests may
 * pass a lambda.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * Resolves a name to its IPv4 addresses.
     *
     * @throws IllegalArgumentException if {@code name} is null
     */
    DnsResult resolve(Hostname name);
}
