package k8snet.dns;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

import k8snet.Require;

/**
 * A resolver that remembers the answers of another resolver for as long as their TTL allows.
 * Reference solution of exercise 1.2 (part 3); the stub's Javadoc states the rules.
 */
public final class CachingResolver implements Resolver {

    private record Entry(DnsResult result, Instant expires) {
    }

    private final Resolver upstream;
    private final InstantSource clock;
    private final Duration negativeTtl;
    private final Map<Hostname, Entry> cache = new HashMap<>();
    private long hits;
    private long misses;

    public CachingResolver(Resolver upstream, InstantSource clock, Duration negativeTtl) {
        this.upstream = Require.nonNull(upstream, "upstream");
        this.clock = Require.nonNull(clock, "clock");
        this.negativeTtl = Require.nonNull(negativeTtl, "negativeTtl");
        Require.argument(!negativeTtl.isNegative(),
                "The negative-caching time cannot be negative (RFC 2308): " + negativeTtl);
    }

    @Override
    public DnsResult resolve(Hostname name) {
        Require.nonNull(name, "name");
        Instant now = clock.instant();
        Entry entry = cache.get(name);
        if (entry != null && now.isBefore(entry.expires())) {
            hits++;
            return entry.result();
        }
        misses++;
        DnsResult result = upstream.resolve(name);
        if (result == null) {
            throw new IllegalStateException("The upstream resolver returned null for " + name
                    + "; a resolver always returns a DnsResult");
        }
        Duration ttl = cacheTime(result);
        if (ttl.compareTo(Duration.ZERO) > 0) {
            cache.put(name, new Entry(result, now.plus(ttl)));
        }
        return result;
    }

    private Duration cacheTime(DnsResult result) {
        if (result instanceof DnsResult.Answer answer) {
            return answer.ttl();
        }
        if (result instanceof DnsResult.NxDomain || result instanceof DnsResult.NoData) {
            return negativeTtl;
        }
        // A server failure says nothing about the name, so the next query asks again.
        return Duration.ZERO;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
