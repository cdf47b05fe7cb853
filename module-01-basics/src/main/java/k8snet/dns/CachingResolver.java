package k8snet.dns;

import java.time.Duration;
import java.time.InstantSource;

/**
 * A resolver that remembers the answers of another resolver for as long as their TTL allows: the cache
 * every stub resolver, node-local DNS cache and CoreDNS {@code cache} plugin keeps, so that a busy pod
 * does not ask the same question upstream a thousand times a second.
 *
 * <p><b>Exercise 1.2 (part 3).</b> Implement the constructor checks and the methods.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * CachingResolver cache = new CachingResolver(new ZoneResolver(zone), clock, Duration.ofSeconds(30));
 * cache.resolve(Hostname.parse("web.example.com"));   // asks the zone: misses() == 1
 * cache.resolve(Hostname.parse("WEB.example.com"));   // same name, still fresh: hits() == 1
 * clock.advance(Duration.ofMinutes(10));              // longer than the answer's TTL
 * cache.resolve(Hostname.parse("web.example.com"));   // expired, asks again: misses() == 2
 * }</pre>
 *
 * <h2>What is remembered, and for how long (RFC 1035 section 3.2.1, RFC 2181 section 8, RFC 2308)</h2>
 * <ul>
 *   <li>An {@link DnsResult.Answer} is kept for its own {@link DnsResult.Answer#ttl() ttl}.</li>
 *   <li>{@link DnsResult.NxDomain} and {@link DnsResult.NoData} are "negative answers"; RFC 2308 lets a
 *       resolver cache them too. On the real Internet their lifetime comes from the zone's SOA record;
 *       this model has no SOA, so the constructor's {@code negativeTtl} stands in for it.</li>
 *   <li>{@link DnsResult.ServerFailure} is never kept: it says the resolver could not finish, not
 *       anything about the name, so the next query asks upstream again.</li>
 *   <li>A lifetime of zero means "do not keep" (RFC 1035 3.2.1: a TTL of zero is for this one
 *       transaction only), whether it is an answer's TTL or {@code negativeTtl}.</li>
 * </ul>
 *
 * <h2>Freshness</h2>
 * A result stored at instant {@code t} with lifetime {@code ttl} is fresh while
 * {@code now < t + ttl}, strictly: at exactly {@code t + ttl} it has expired and the next query goes
 * upstream (and stores the new result). "Now" is always {@code clock.instant()}: the model's clock, never
 * the wall clock, so tests can move time exactly.
 *
 * <h2>Keys and counters</h2>
 * Results are kept per {@link Hostname}, which is already normalised, so {@code WEB.example.com} and
 * {@code web.example.com.} share one entry; different names have independent entries and lifetimes.
 * Every successful call of {@link #resolve} counts exactly once: as a hit when the result came from the
 * cache, as a miss when the upstream resolver was asked.
 */
public final class CachingResolver implements Resolver {

    /**
     * A cache in front of {@code upstream}, empty, with both counters at zero.
     *
     * @param upstream the resolver asked on a miss
     * @param clock the model's clock, never the wall clock
     * @param negativeTtl how long NXDOMAIN and NODATA results are remembered ({@code Duration.ZERO}: not at all)
     * @throws IllegalArgumentException if an argument is null (the message names it) or {@code negativeTtl}
     *     is negative (the message quotes it as {@link Duration#toString()} writes it)
     */
    public CachingResolver(Resolver upstream, InstantSource clock, Duration negativeTtl) {
        throw new UnsupportedOperationException("Exercise 1.2: implement CachingResolver");
    }

    /**
     * The cached result for {@code name} if it is still fresh, otherwise the upstream resolver's result,
     * remembered as the class doc describes.
     *
     * @param name the name asked for
     * @return the result; never null
     * @throws IllegalArgumentException if {@code name} is null (the message names the parameter; nothing is
     *     counted)
     * @throws IllegalStateException if the upstream resolver returns null, which no resolver may do
     */
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
