package k8snet.dns;

import java.time.Duration;
import java.time.InstantSource;

/**
 * A resolver that remembers the answers of another resolver for as long as their TTL allows.
 *
 * <p><b>Exercise 1.2 (part 3).</b> Implement the constructor checks and the methods.
 */
public final class CachingResolver implements Resolver {

    /**
     * @param upstream the resolver asked on a miss
     * @param clock the model's clock, never the wall clock
     * @param negativeTtl how long NXDOMAIN and NODATA results are remembered ({@code Duration.ZERO}: not at all)
     * @throws IllegalArgumentException if an argument is null or {@code negativeTtl} is negative
     */
    public CachingResolver(Resolver upstream, InstantSource clock, Duration negativeTtl) {
        throw new UnsupportedOperationException("Exercise 1.2: implement CachingResolver");
    }

    @Override
    public DnsResult resolve(Hostname name) {
        throw new UnsupportedOperationException("Exercise 1.2: implement CachingResolver.resolve");
    }

    /** Queries answered from the cache so far. */
    public long hits() {
        throw new UnsupportedOperationException("Exercise 1.2: implement CachingResolver.hits");
    }

    /** Queries passed to the upstream resolver so far. */
    public long misses() {
        throw new UnsupportedOperationException("Exercise 1.2: implement CachingResolver.misses");
    }
}
