package k8snet.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractIntegerAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.ip.Ipv4Address;
import k8snet.sim.ManualClock;

@DisplayName("A caching resolver (exercise 1.2, part 3)")
class CachingResolverTest {

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(10);

    private static final Hostname WEB = Hostname.parse("web.example.com");
    private static final Hostname API = Hostname.parse("api.example.com");

    /**
     * An upstream resolver that answers what the test tells it to and counts the questions it gets, like a
     * recursive resolver whose query log we can read.
     */
    private static final class ScriptedUpstream implements Resolver {
        private final Map<Hostname, DnsResult> script = new HashMap<>();
        private final List<Hostname> asked = new ArrayList<>();

        void answer(Hostname name, Duration ttl, String... addresses) {
            List<Ipv4Address> parsed = Arrays.stream(addresses).map(Ipv4Address::parse).toList();
            script.put(name, new DnsResult.Answer(name, List.of(name), parsed, ttl));
        }

        void set(Hostname name, DnsResult result) {
            script.put(name, result);
        }

        @Override
        public DnsResult resolve(Hostname name) {
            asked.add(name);
            DnsResult result = script.get(name);
            return result != null ? result : new DnsResult.NxDomain(name, List.of(name));
        }

        int calls() {
            return asked.size();
        }

        long callsFor(Hostname name) {
            return asked.stream().filter(name::equals).count();
        }
    }

    private ManualClock clock;
    private ScriptedUpstream upstream;
    private CachingResolver cache;

    @BeforeEach
    void freshCache() {
        clock = new ManualClock();
        upstream = new ScriptedUpstream();
        cache = new CachingResolver(upstream, clock, NEGATIVE_TTL);
    }

    private void later(Duration step) {
        clock.advance(step);
    }

    /** An assertion on how many queries the cache sent upstream; {@code why} (a format) says why that many. */
    private AbstractIntegerAssert<?> assertQueriesUpstream(String why, Object... args) {
        return assertThat(upstream.calls()).as("queries sent upstream: " + why, args);
    }

    private void assertCounters(long hits, long misses, String situation) {
        assertThat(List.of(cache.hits(), cache.misses()))
                .as("[hits, misses] after %s", situation)
                .containsExactly(hits, misses);
    }

    @Nested
    @DisplayName("holding an answer")
    class Answers {

        @Test
        @DisplayName("answers from the cache while the TTL runs, without asking upstream")
        void hitWithinTtl() {
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.10");
            DnsResult first = cache.resolve(WEB);
            later(Duration.ofSeconds(29));
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.99");
            DnsResult second = cache.resolve(WEB);
            assertQueriesUpstream(
                    "the answer has a 30 s TTL and only 29 s have passed: the second query must come from the "
                            + "cache, not go upstream")
                    .isEqualTo(1);
            assertThat(second).as("the cached answer, even though upstream would now say something else")
                    .isEqualTo(first);
            assertCounters(1, 1, "one query upstream and one from the cache");
        }

        @Test
        @DisplayName("asks upstream again exactly when the TTL has run out")
        void expiresExactlyAtTtl() {
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.10");
            cache.resolve(WEB);
            later(Duration.ofSeconds(30).minusNanos(1));
            cache.resolve(WEB);
            assertQueriesUpstream("1 ns before the 30 s TTL runs out the answer is still fresh")
                    .isEqualTo(1);
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.20");
            later(Duration.ofNanos(1));
            DnsResult refreshed = cache.resolve(WEB);
            assertQueriesUpstream(
                    "at exactly 30 s a 30 s TTL has expired (fresh means now < stored + TTL): ask upstream")
                    .isEqualTo(2);
            assertThat(((DnsResult.Answer) refreshed).addresses())
                    .as("after expiry the resolver returns upstream's new answer")
                    .containsExactly(Ipv4Address.parse("203.0.113.20"));
            assertCounters(1, 2, "a miss, a hit 1 ns before expiry, and a miss at expiry");
        }

        @Test
        @DisplayName("keeps a refreshed answer for its new TTL, counted from the refresh")
        void refreshStartsANewLifetime() {
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.10");
            cache.resolve(WEB);
            later(Duration.ofSeconds(45));
            upstream.answer(WEB, Duration.ofSeconds(60), "203.0.113.20");
            cache.resolve(WEB);
            later(Duration.ofSeconds(59));
            DnsResult result = cache.resolve(WEB);
            assertQueriesUpstream(
                    "refreshed at 45 s with a 60 s TTL, so still fresh at 104 s")
                    .isEqualTo(2);
            assertThat(((DnsResult.Answer) result).addresses()).containsExactly(Ipv4Address.parse("203.0.113.20"));
            later(Duration.ofSeconds(1));
            cache.resolve(WEB);
            assertQueriesUpstream("expired at 105 s, 60 s after the refresh").isEqualTo(3);
        }

        @Test
        @DisplayName("uses the answer's own TTL, not the negative-caching time")
        void answerTtlIsNotTheNegativeTtl() {
            upstream.answer(WEB, Duration.ofMinutes(5), "203.0.113.10");
            cache.resolve(WEB);
            later(Duration.ofMinutes(4));
            cache.resolve(WEB);
            assertQueriesUpstream(
                    "a 5 min answer is still fresh after 4 min, though negative results last only %s",
                            NEGATIVE_TTL)
                    .isEqualTo(1);
            upstream.answer(API, Duration.ofSeconds(2), "203.0.113.11");
            cache.resolve(API);
            later(Duration.ofSeconds(2));
            cache.resolve(API);
            assertThat(upstream.callsFor(API))
                    .as("queries for %s sent upstream: a 2 s answer has expired after 2 s, though negative results "
                            + "last %s", API, NEGATIVE_TTL)
                    .isEqualTo(2);
        }

        @Test
        @DisplayName("never reuses an answer with TTL 0")
        void zeroTtl() {
            upstream.answer(WEB, Duration.ZERO, "203.0.113.10");
            cache.resolve(WEB);
            cache.resolve(WEB);
            cache.resolve(WEB);
            assertQueriesUpstream(
                    "TTL 0 means \"use for this transaction only\" (RFC 1035 3.2.1): every query goes upstream, "
                            + "even at the same instant")
                    .isEqualTo(3);
            assertCounters(0, 3, "three queries for a TTL 0 answer");
        }
    }

    @Nested
    @DisplayName("holding a negative result")
    class NegativeResults {

        @Test
        @DisplayName("remembers NXDOMAIN for the negative-caching time")
        void nxdomainIsCached() {
            cache.resolve(WEB);
            later(NEGATIVE_TTL.minusSeconds(1));
            upstream.answer(WEB, Duration.ofMinutes(5), "203.0.113.10");
            DnsResult cached = cache.resolve(WEB);
            assertThat(cached)
                    .as("NXDOMAIN is remembered for the negative TTL (%s, RFC 2308) even if the name appeared "
                            + "meanwhile", NEGATIVE_TTL)
                    .isInstanceOf(DnsResult.NxDomain.class);
            assertQueriesUpstream("the second resolve came from the cache").isEqualTo(1);
            later(Duration.ofSeconds(1));
            assertThat(cache.resolve(WEB))
                    .as("at exactly %s the negative entry has expired and the new A record is found", NEGATIVE_TTL)
                    .isInstanceOf(DnsResult.Answer.class);
            assertCounters(1, 2, "NXDOMAIN, a cached NXDOMAIN, then a fresh answer");
        }

        @Test
        @DisplayName("remembers NODATA for the negative-caching time")
        void nodataIsCached() {
            upstream.set(WEB, new DnsResult.NoData(WEB, List.of(WEB)));
            cache.resolve(WEB);
            later(NEGATIVE_TTL.minusNanos(1));
            cache.resolve(WEB);
            assertQueriesUpstream("NODATA is a negative answer too (RFC 2308 2.2)").isEqualTo(1);
            later(Duration.ofNanos(1));
            cache.resolve(WEB);
            assertQueriesUpstream("and expires after the negative TTL").isEqualTo(2);
        }

        @Test
        @DisplayName("remembers nothing negative when the negative-caching time is zero")
        void zeroNegativeTtl() {
            CachingResolver noNegative = new CachingResolver(upstream, clock, Duration.ZERO);
            noNegative.resolve(WEB);
            noNegative.resolve(WEB);
            upstream.set(API, new DnsResult.NoData(API, List.of(API)));
            noNegative.resolve(API);
            noNegative.resolve(API);
            assertQueriesUpstream(
                    "a negative TTL of zero turns negative caching off: NXDOMAIN and NODATA go upstream "
                            + "every time")
                    .isEqualTo(4);
            assertThat(List.of(noNegative.hits(), noNegative.misses())).containsExactly(0L, 4L);
        }

        @Test
        @DisplayName("uses the negative-caching time it was given")
        void negativeTtlIsAParameter() {
            CachingResolver longNegative = new CachingResolver(upstream, clock, Duration.ofMinutes(15));
            longNegative.resolve(WEB);
            later(Duration.ofMinutes(14));
            longNegative.resolve(WEB);
            assertQueriesUpstream("a 15 min negative TTL still holds after 14 min").isEqualTo(1);
            later(Duration.ofMinutes(1));
            longNegative.resolve(WEB);
            assertQueriesUpstream("and runs out at 15 min").isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("given a server failure")
    class Failures {

        @Test
        @DisplayName("never remembers it")
        void serverFailureIsNotCached() {
            upstream.set(WEB, new DnsResult.ServerFailure(WEB, List.of(WEB), "CNAME loop"));
            DnsResult first = cache.resolve(WEB);
            DnsResult second = cache.resolve(WEB);
            assertThat(first).isInstanceOf(DnsResult.ServerFailure.class);
            assertQueriesUpstream(
                    "SERVFAIL says nothing about the name: the next query, even at the same instant, asks again")
                    .isEqualTo(2);
            upstream.answer(WEB, Duration.ofMinutes(5), "203.0.113.10");
            assertThat(cache.resolve(WEB)).as("once upstream recovers, its answer comes straight through")
                    .isInstanceOf(DnsResult.Answer.class);
            assertThat(second).isEqualTo(first);
            assertCounters(0, 3, "two failures and an answer, all from upstream");
        }

        @Test
        @DisplayName("reports an upstream that returns null as a broken upstream")
        void nullFromUpstream() {
            CachingResolver broken = new CachingResolver(name -> null, clock, NEGATIVE_TTL);
            assertThatIllegalStateException()
                    .as("a resolver always returns a DnsResult; null from upstream is a bug to report, not to cache")
                    .isThrownBy(() -> broken.resolve(WEB));
        }
    }

    @Nested
    @DisplayName("holding several names")
    class SeveralNames {

        @Test
        @DisplayName("keeps an entry per name, each with its own lifetime")
        void independentEntries() {
            upstream.answer(WEB, Duration.ofSeconds(10), "203.0.113.10");
            upstream.answer(API, Duration.ofSeconds(100), "203.0.113.20");
            DnsResult web = cache.resolve(WEB);
            DnsResult api = cache.resolve(API);
            assertQueriesUpstream("two different names: two upstream queries").isEqualTo(2);
            assertThat(cache.resolve(WEB)).as("web.example.com's own answer").isEqualTo(web);
            assertThat(cache.resolve(API)).as("api.example.com's own answer, not web's").isEqualTo(api);
            later(Duration.ofSeconds(50));
            cache.resolve(WEB);
            cache.resolve(API);
            assertThat(upstream.callsFor(WEB))
                    .as("queries for %s sent upstream: web's 10 s TTL ran out after 50 s", WEB)
                    .isEqualTo(2);
            assertThat(upstream.callsFor(API))
                    .as("queries for %s sent upstream: api's 100 s TTL has not run out, whatever happened to web", API)
                    .isEqualTo(1);
            assertCounters(3, 3, "two misses, two hits, web expired, api still fresh");
        }

        @Test
        @DisplayName("treats names that differ only in case as one entry")
        void caseInsensitiveKey() {
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.10");
            cache.resolve(Hostname.parse("web.example.com"));
            DnsResult result = cache.resolve(Hostname.parse("WEB.Example.COM."));
            assertQueriesUpstream("WEB.Example.COM. is web.example.com: one entry, one upstream query")
                    .isEqualTo(1);
            assertThat(result).isInstanceOf(DnsResult.Answer.class);
        }

        @Test
        @DisplayName("counts every query as exactly one hit or one miss")
        void countsQueries() {
            assertCounters(0, 0, "no query yet");
            upstream.answer(WEB, Duration.ofSeconds(30), "203.0.113.10");
            cache.resolve(WEB);
            assertCounters(0, 1, "the first query for web");
            cache.resolve(WEB);
            cache.resolve(WEB);
            assertCounters(2, 1, "two more queries within the TTL");
            cache.resolve(API);
            assertCounters(2, 2, "a first query for api (NXDOMAIN)");
            cache.resolve(API);
            assertCounters(3, 2, "api again within the negative TTL");
            assertThat((long) upstream.calls()).as("misses are the queries that went upstream")
                    .isEqualTo(cache.misses());
        }
    }

    @Nested
    @DisplayName("given bad input")
    class BadInput {

        @Test
        @DisplayName("rejects a null name without counting it")
        void nullName() {
            assertThatIllegalArgumentException()
                    .as("resolve(null) names the problem instead of throwing a NullPointerException")
                    .isThrownBy(() -> cache.resolve(null))
                    .withMessageContaining("name");
            assertCounters(0, 0, "a rejected null query");
            assertQueriesUpstream("a null query must not reach upstream").isZero();
        }

        @Test
        @DisplayName("rejects a null upstream, clock or negative TTL, naming it")
        void nullArguments() {
            assertThatIllegalArgumentException().as("no upstream resolver")
                    .isThrownBy(() -> new CachingResolver(null, clock, NEGATIVE_TTL))
                    .withMessageContaining("upstream");
            assertThatIllegalArgumentException().as("no clock")
                    .isThrownBy(() -> new CachingResolver(upstream, null, NEGATIVE_TTL))
                    .withMessageContaining("clock");
            assertThatIllegalArgumentException().as("no negative TTL")
                    .isThrownBy(() -> new CachingResolver(upstream, clock, null))
                    .withMessageContaining("negativeTtl");
        }

        @Test
        @DisplayName("rejects a negative negative-caching time, quoting it")
        void negativeNegativeTtl() {
            Duration minusFive = Duration.ofSeconds(-5);
            assertThatIllegalArgumentException()
                    .as("a lifetime cannot be negative; the message quotes %s", minusFive)
                    .isThrownBy(() -> new CachingResolver(upstream, clock, minusFive))
                    .withMessageContaining(minusFive.toString());
            assertThatIllegalArgumentException()
                    .as("even one nanosecond below zero")
                    .isThrownBy(() -> new CachingResolver(upstream, clock, Duration.ofNanos(-1)));
        }
    }
}
