package k8snet.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import k8snet.ip.Ipv4Address;

@DisplayName("A resolver over a zone (exercise 1.2, part 2)")
class ZoneResolverTest {

    private static final long SEED = 0x1034_3602L;

    /** Enough shrinking to find a small counterexample quickly, even for a badly wrong implementation. */
    private static final int SHRINKS = 300;
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private DnsZone zone;
    private ZoneResolver resolver;

    @BeforeEach
    void emptyZone() {
        zone = new DnsZone();
        resolver = new ZoneResolver(zone);
    }

    private static Hostname name(String text) {
        return Hostname.parse(text);
    }

    private static List<Hostname> names(String... texts) {
        return Arrays.stream(texts).map(Hostname::parse).toList();
    }

    private static List<Ipv4Address> addresses(String... texts) {
        return Arrays.stream(texts).map(Ipv4Address::parse).toList();
    }

    private DnsResult.Answer answerFor(String query) {
        DnsResult result = resolver.resolve(name(query));
        assertThat(result)
                .as("%s should resolve to addresses, but the resolver said %s; zone: %s", query, result,
                        zone.allRecords())
                .isInstanceOf(DnsResult.Answer.class);
        return (DnsResult.Answer) result;
    }

    @Nested
    @DisplayName("asked for a name with A records")
    class AddressRecords {

        @Test
        @DisplayName("answers with its address, its TTL and a chain of just the query")
        void singleAddress() {
            zone.addA("web.example.com", "203.0.113.10", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor("web.example.com");
            assertThat(answer.query()).as("the answer is for the name asked").isEqualTo(name("web.example.com"));
            assertThat(answer.chain()).as("no CNAME was followed, so the chain is the query alone")
                    .containsExactly(name("web.example.com"));
            assertThat(answer.addresses()).as("web.example.com IN A 203.0.113.10")
                    .containsExactly(Ipv4Address.parse("203.0.113.10"));
            assertThat(answer.ttl()).as("the TTL of the only record used").isEqualTo(FIVE_MINUTES);
        }

        @Test
        @DisplayName("answers with every address, in the zone's order, not sorted")
        void severalAddressesInZoneOrder() {
            zone.addA("api.example.com", "198.51.100.12", FIVE_MINUTES);
            zone.addA("api.example.com", "198.51.100.3", FIVE_MINUTES);
            zone.addA("api.example.com", "198.51.100.7", FIVE_MINUTES);
            zone.addA("other.example.com", "192.0.2.1", FIVE_MINUTES);
            assertThat(answerFor("api.example.com").addresses())
                    .as("a name with three A records spreads clients over three servers: all three, in zone order, "
                            + "and none of another name's")
                    .containsExactlyElementsOf(addresses("198.51.100.12", "198.51.100.3", "198.51.100.7"));
        }

        @Test
        @DisplayName("gives the smallest TTL when the A records disagree")
        void smallestTtlOfTheRecordSet() {
            zone.addA("api.example.com", "198.51.100.1", Duration.ofSeconds(300));
            zone.addA("api.example.com", "198.51.100.2", Duration.ofSeconds(60));
            zone.addA("api.example.com", "198.51.100.3", Duration.ofSeconds(120));
            assertThat(answerFor("api.example.com").ttl())
                    .as("A records with TTLs 300 s, 60 s and 120 s: the whole answer is only good for 60 s "
                            + "(RFC 2181 5.2)")
                    .isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        @DisplayName("finds the name whatever its case, with or without a trailing dot")
        void caseInsensitive() {
            zone.addA("Web.Example.COM", "203.0.113.10", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor("WEB.example.com.");
            assertThat(answer.addresses()).as("DNS names match case-insensitively (RFC 4343)")
                    .containsExactly(Ipv4Address.parse("203.0.113.10"));
        }
    }

    @Nested
    @DisplayName("asked for an alias")
    class Aliases {

        @Test
        @DisplayName("follows the CNAME chain and records every name on the way")
        void followsTheChain() {
            zone.addCname("www.example.com", "web.example.com", Duration.ofHours(1));
            zone.addCname("web.example.com", "lb.example.net", Duration.ofHours(1));
            zone.addA("lb.example.net", "203.0.113.10", Duration.ofHours(1));
            zone.addA("lb.example.net", "203.0.113.11", Duration.ofHours(1));
            DnsResult.Answer answer = answerFor("www.example.com");
            assertThat(answer.query()).as("the query stays the name asked, not the canonical name")
                    .isEqualTo(name("www.example.com"));
            assertThat(answer.chain()).as("www -> web -> lb: the chain lists every name visited, query first")
                    .containsExactlyElementsOf(names("www.example.com", "web.example.com", "lb.example.net"));
            assertThat(answer.addresses()).as("the addresses are those of the canonical name lb.example.net")
                    .containsExactlyElementsOf(addresses("203.0.113.10", "203.0.113.11"));
        }

        @Test
        @DisplayName("counts the CNAMEs' TTLs too: a short-lived alias makes a short-lived answer")
        void ttlIncludesTheCnames() {
            zone.addCname("www.example.com", "web.example.com", Duration.ofSeconds(3600));
            zone.addCname("web.example.com", "lb.example.com", Duration.ofSeconds(30));
            zone.addCname("lb.example.com", "eu.lb.example.com", Duration.ofSeconds(900));
            zone.addA("eu.lb.example.com", "203.0.113.10", Duration.ofSeconds(300));
            assertThat(answerFor("www.example.com").ttl())
                    .as("CNAME TTLs 3600 s, 30 s, 900 s and A TTL 300 s: once the 30 s CNAME expires the answer "
                            + "may be wrong, so it may be cached for 30 s only")
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        @DisplayName("takes the A record's TTL when it is the shortest")
        void ttlFromTheAddressWhenShortest() {
            zone.addCname("www.example.com", "web.example.com", Duration.ofSeconds(3600));
            zone.addA("web.example.com", "203.0.113.10", Duration.ofSeconds(600));
            zone.addA("web.example.com", "203.0.113.11", Duration.ofSeconds(20));
            assertThat(answerFor("www.example.com").ttl())
                    .as("CNAME TTL 3600 s, A TTLs 600 s and 20 s: the answer lasts 20 s")
                    .isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        @DisplayName("says NXDOMAIN, for the last name, when the chain ends at a name that does not exist")
        void danglingAlias() {
            zone.addCname("www.example.com", "web.example.com", FIVE_MINUTES);
            zone.addCname("web.example.com", "gone.example.com", FIVE_MINUTES);
            zone.addA("www2.example.com", "203.0.113.10", FIVE_MINUTES);
            DnsResult result = resolver.resolve(name("www.example.com"));
            assertThat(result)
                    .as("www -> web -> gone, and gone.example.com has no records: NXDOMAIN describes the end of "
                            + "the chain (RFC 6604), and the chain shows where it broke")
                    .isEqualTo(new DnsResult.NxDomain(name("www.example.com"),
                            names("www.example.com", "web.example.com", "gone.example.com")));
            assertThat(result.canonicalName()).isEqualTo(name("gone.example.com"));
        }

        @Test
        @DisplayName("matches the CNAME target whatever its case")
        void caseInsensitiveTarget() {
            zone.addCname("www.example.com", "WEB.Example.com.", FIVE_MINUTES);
            zone.addA("web.example.COM", "203.0.113.10", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor("WWW.example.com");
            assertThat(answer.addresses()).as("the target WEB.Example.com. is the name web.example.COM")
                    .containsExactly(Ipv4Address.parse("203.0.113.10"));
            assertThat(answer.chain()).containsExactlyElementsOf(names("www.example.com", "web.example.com"));
        }

        @Test
        @DisplayName("lists the chain in the order walked, not sorted")
        void chainOrderIsTheWalkOrder() {
            zone.addCname("z.example.com", "y.example.com", FIVE_MINUTES);
            zone.addCname("y.example.com", "x.example.com", FIVE_MINUTES);
            zone.addA("x.example.com", "203.0.113.30", FIVE_MINUTES);
            zone.addA("y2.example.com", "203.0.113.31", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor("z.example.com");
            assertThat(answer.chain().stream().map(Hostname::toString).collect(Collectors.joining(" -> ")))
                    .as("the chain is in walk order, not sorted")
                    .isEqualTo("z.example.com -> y.example.com -> x.example.com");
            assertThat(answer.canonicalName()).isEqualTo(name("x.example.com"));
        }
    }

    @Nested
    @DisplayName("asked for a name it does not know")
    class Unknown {

        @Test
        @DisplayName("says NXDOMAIN with a chain of just the query")
        void nxdomain() {
            zone.addA("web.example.com", "203.0.113.10", FIVE_MINUTES);
            assertThat(resolver.resolve(name("api.example.com")))
                    .as("api.example.com has no records at all: the name does not exist")
                    .isEqualTo(new DnsResult.NxDomain(name("api.example.com"), names("api.example.com")));
        }

        @Test
        @DisplayName("says NXDOMAIN for a parent of a known name, which has no records of its own")
        void parentWithoutRecords() {
            zone.addA("web.example.com", "203.0.113.10", FIVE_MINUTES);
            assertThat(resolver.resolve(name("example.com")))
                    .as("the zone has web.example.com but no records at example.com itself; in this model that "
                            + "is NXDOMAIN")
                    .isEqualTo(new DnsResult.NxDomain(name("example.com"), names("example.com")));
        }

        @Test
        @DisplayName("rejects a null name with an IllegalArgumentException")
        void rejectsNull() {
            assertThatIllegalArgumentException()
                    .as("resolve(null) must name the problem, not throw a NullPointerException")
                    .isThrownBy(() -> resolver.resolve(null))
                    .withMessageContaining("name");
        }
    }

    @Nested
    @DisplayName("asked for an alias that never ends")
    class GivingUp {

        @Test
        @DisplayName("reports a CNAME loop as a server failure that spells the loop out")
        void twoNameLoop() {
            zone.addCname("a.example.com", "b.example.com", FIVE_MINUTES);
            zone.addCname("b.example.com", "a.example.com", FIVE_MINUTES);
            DnsResult result = resolver.resolve(name("a.example.com"));
            assertThat(result)
                    .as("a -> b -> a never reaches an address: the resolver must detect the loop (RFC 1034 3.6.2) "
                            + "and give up with SERVFAIL, but it said %s", result)
                    .isInstanceOf(DnsResult.ServerFailure.class);
            DnsResult.ServerFailure failure = (DnsResult.ServerFailure) result;
            assertThat(failure.query()).isEqualTo(name("a.example.com"));
            assertThat(failure.chain()).as("each name of the loop once, in the order visited")
                    .containsExactlyElementsOf(names("a.example.com", "b.example.com"));
            assertThat(failure.reason()).as("the reason tells the operator what to fix")
                    .containsIgnoringCase("loop")
                    .contains("a.example.com -> b.example.com -> a.example.com");
        }

        @Test
        @DisplayName("detects a loop that starts after a few good links")
        void loopFurtherDown() {
            zone.addCname("www.example.com", "a.example.com", FIVE_MINUTES);
            zone.addCname("a.example.com", "b.example.com", FIVE_MINUTES);
            zone.addCname("b.example.com", "c.example.com", FIVE_MINUTES);
            zone.addCname("c.example.com", "b.example.com", FIVE_MINUTES);
            DnsResult result = resolver.resolve(name("www.example.com"));
            assertThat(result).as("www -> a -> b -> c -> b loops, though the query itself is not in the loop")
                    .isInstanceOf(DnsResult.ServerFailure.class);
            DnsResult.ServerFailure failure = (DnsResult.ServerFailure) result;
            assertThat(failure.chain())
                    .containsExactlyElementsOf(names("www.example.com", "a.example.com", "b.example.com",
                            "c.example.com"));
            assertThat(failure.reason()).containsIgnoringCase("loop")
                    .contains("b.example.com -> c.example.com -> b.example.com");
        }

        @Test
        @DisplayName("follows exactly MAX_CNAME_CHAIN CNAMEs to an answer")
        void longestAllowedChain() {
            List<Hostname> chain = aliasChain(ZoneResolver.MAX_CNAME_CHAIN);
            zone.addA(chain.get(chain.size() - 1).toString(), "203.0.113.10", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor(chain.get(0).toString());
            assertThat(answer.chain())
                    .as("%d CNAMEs is the most a query may follow, but it may follow that many",
                            ZoneResolver.MAX_CNAME_CHAIN)
                    .containsExactlyElementsOf(chain);
            assertThat(answer.addresses()).containsExactly(Ipv4Address.parse("203.0.113.10"));
        }

        @Test
        @DisplayName("says NXDOMAIN, not failure, when the longest allowed chain ends nowhere")
        void longestAllowedChainEndingNowhere() {
            List<Hostname> chain = aliasChain(ZoneResolver.MAX_CNAME_CHAIN);
            assertThat(resolver.resolve(chain.get(0)))
                    .as("%d CNAMEs are within the limit, and the last target has no records",
                            ZoneResolver.MAX_CNAME_CHAIN)
                    .isEqualTo(new DnsResult.NxDomain(chain.get(0), chain));
        }

        @Test
        @DisplayName("gives up on one CNAME more than MAX_CNAME_CHAIN, naming the limit")
        void oneTooMany() {
            int limit = ZoneResolver.MAX_CNAME_CHAIN;
            List<Hostname> chain = aliasChain(limit + 1);
            zone.addA(chain.get(chain.size() - 1).toString(), "203.0.113.10", FIVE_MINUTES);
            DnsResult result = resolver.resolve(chain.get(0));
            assertThat(result)
                    .as("a chain of %d CNAMEs is one more than the limit of %d: the resolver must stop with SERVFAIL "
                            + "instead of following it, but it said %s", limit + 1, limit, result)
                    .isInstanceOf(DnsResult.ServerFailure.class);
            DnsResult.ServerFailure failure = (DnsResult.ServerFailure) result;
            assertThat(failure.chain())
                    .as("the chain ends at the name whose CNAME was not followed")
                    .containsExactlyElementsOf(chain.subList(0, limit + 1));
            assertThat(failure.reason()).as("the reason names the limit").contains(String.valueOf(limit));
        }

        @Test
        @DisplayName("reports a loop, not the chain limit, when the loop closes at the limit")
        void loopAtTheLimit() {
            int limit = ZoneResolver.MAX_CNAME_CHAIN;
            List<Hostname> chain = aliasChain(limit);
            Hostname first = chain.get(0);
            Hostname last = chain.get(chain.size() - 1);
            zone.addCname(last.toString(), first.toString(), FIVE_MINUTES);
            DnsResult result = resolver.resolve(first);
            assertThat(result)
                    .as("%s -> ... -> %s is %d CNAMEs, and the next CNAME points back at %s: the walk must stop "
                            + "with SERVFAIL, but it said %s", first, last, limit, first, result)
                    .isInstanceOf(DnsResult.ServerFailure.class);
            DnsResult.ServerFailure failure = (DnsResult.ServerFailure) result;
            assertThat(failure.chain())
                    .as("each name of the loop once, in the order visited")
                    .containsExactlyElementsOf(chain);
            String loop = chain.stream().map(Hostname::toString).collect(Collectors.joining(" -> ")) + " -> " + first;
            assertThat(failure.reason())
                    .as("the CNAME from %s points back into the chain, and that loop is what the operator must fix: "
                            + "the loop check comes before the chain limit, so the reason says 'loop' and spells "
                            + "out %s, even though the chain also reached the limit of %d", last, loop, limit)
                    .containsIgnoringCase("loop")
                    .contains(loop);
        }

        /** hop0.chain.test -> hop1.chain.test -> ... with {@code cnames} CNAMEs; returns every name in order. */
        private List<Hostname> aliasChain(int cnames) {
            List<Hostname> chain = IntStream.rangeClosed(0, cnames)
                    .mapToObj(i -> name("hop" + i + ".chain.test")).toList();
            for (int i = 0; i < cnames; i++) {
                zone.addCname(chain.get(i).toString(), chain.get(i + 1).toString(), FIVE_MINUTES);
            }
            return chain;
        }
    }

    @Nested
    @DisplayName("used again after the zone changed")
    class ZoneChanges {

        @Test
        @DisplayName("sees records added and removed since the last query")
        void seesChanges() {
            Hostname web = name("web.example.com");
            assertThat(resolver.resolve(web)).as("before any record exists")
                    .isInstanceOf(DnsResult.NxDomain.class);
            zone.addA("web.example.com", "203.0.113.10", FIVE_MINUTES);
            assertThat(answerFor("web.example.com").addresses())
                    .as("an A record added after the first query is seen by the next one: the resolver reads the "
                            + "zone on every query and keeps nothing")
                    .containsExactly(Ipv4Address.parse("203.0.113.10"));
            zone.remove(web);
            assertThat(resolver.resolve(web)).as("after the record was removed")
                    .isEqualTo(new DnsResult.NxDomain(web, List.of(web)));
        }

        @Test
        @DisplayName("follows a CNAME that was repointed")
        void repointedAlias() {
            zone.addCname("www.example.com", "blue.example.com", FIVE_MINUTES);
            zone.addA("blue.example.com", "203.0.113.10", FIVE_MINUTES);
            zone.addA("green.example.com", "203.0.113.20", FIVE_MINUTES);
            assertThat(answerFor("www.example.com").addresses()).containsExactly(Ipv4Address.parse("203.0.113.10"));
            zone.remove(name("www.example.com"));
            zone.addCname("www.example.com", "green.example.com", FIVE_MINUTES);
            DnsResult.Answer answer = answerFor("www.example.com");
            assertThat(answer.addresses()).as("a blue/green switch: www now points at green")
                    .containsExactly(Ipv4Address.parse("203.0.113.20"));
            assertThat(answer.chain()).containsExactlyElementsOf(names("www.example.com", "green.example.com"));
        }

        @Test
        @DisplayName("leaves the zone as it was")
        void readOnly() {
            zone.addCname("www.example.com", "web.example.com", FIVE_MINUTES);
            zone.addA("web.example.com", "203.0.113.10", FIVE_MINUTES);
            List<DnsRecord> before = zone.allRecords();
            resolver.resolve(name("www.example.com"));
            resolver.resolve(name("missing.example.com"));
            assertThat(zone.allRecords()).as("resolving reads the zone, it never writes it").isEqualTo(before);
            assertThat(answerFor("www.example.com").addresses()).containsExactly(Ipv4Address.parse("203.0.113.10"));
        }
    }

    @Nested
    @DisplayName("over a random zone of A and CNAME records")
    class RandomZones {

        /**
         * One entry per name {@code n0.zone.test}, {@code n1.zone.test}, ...: kind 0 means no records, kind 1 one
         * to three A records, kind 2 a CNAME to another name of the zone (which may have no records, so chains can
         * dangle, loop or run long).
         */
        private record Entry(int kind, int target, int count, int ttl) {
        }

        /** The entries, and a spine: the first {@code spine} names form the chain n0 -> n1 -> n2 -> ... */
        private record RandomZone(List<Entry> entries, int spine) {
        }

        private final Gen<RandomZone> zones = lists()
                .of(integers().between(0, 2).zip(integers().between(0, 15), integers().between(1, 3),
                        integers().between(0, 3600), Entry::new))
                .ofSizeBetween(1, 16)
                .zip(integers().between(0, 14), RandomZone::new);

        private DnsZone build(RandomZone spec) {
            List<Entry> entries = spec.entries();
            DnsZone random = new DnsZone();
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                String owner = "n" + i + ".zone.test";
                int target = i < spec.spine() ? i + 1 : entry.target() % entries.size();
                if ((entry.kind() == 2 || i < spec.spine()) && target != i) {
                    random.addCname(owner, "n" + target + ".zone.test", Duration.ofSeconds(entry.ttl()));
                } else if (entry.kind() >= 1) {
                    for (int k = 0; k < entry.count(); k++) {
                        // Addresses shared between names on purpose: distinct names may point at one server.
                        random.addA(owner, "192.0.2." + ((i * 7 + k * 3) % 20), Duration.ofSeconds(entry.ttl() + k));
                    }
                }
            }
            return random;
        }

        @Test
        @DisplayName("a CNAME chain never resolves to an address outside the zone, and follows the zone's CNAMEs")
        void chainsStayInsideTheZone() {
            // 300 zones of up to 16 names: every outcome (answer, NXDOMAIN, loop, chain limit) shows up many times.
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(300)
                    .forAll(named("zone", zones, spec -> build(spec).allRecords().toString()))
                    .checkAssert(spec -> {
                        DnsZone random = build(spec);
                        ZoneResolver zoneResolver = new ZoneResolver(random);
                        for (int i = 0; i <= spec.entries().size(); i++) {
                            Hostname query = name("n" + i + ".zone.test");
                            checkOne(random, query, zoneResolver.resolve(query));
                        }
                    });
        }

        private void checkOne(DnsZone random, Hostname query, DnsResult result) {
            // Built only when an assertion fails: the zone's text is long.
            Supplier<String> zoneText = () -> " (resolving " + query + " gave " + result + " over the zone "
                    + random.allRecords() + ", seed " + SEED + ")";
            assertThat(result).as(zoneText).isNotNull();
            assertThat(result.query()).as(() -> "the query of the result" + zoneText.get()).isEqualTo(query);
            List<Hostname> chain = result.chain();
            assertThat(chain.get(0)).as(() -> "the chain starts at the query" + zoneText.get()).isEqualTo(query);
            assertThat(new HashSet<>(chain)).as(() -> "no name twice in the chain" + zoneText.get())
                    .hasSameSizeAs(chain);
            List<Duration> ttls = new ArrayList<>();
            for (int i = 0; i + 1 < chain.size(); i++) {
                Hostname alias = chain.get(i);
                Hostname next = chain.get(i + 1);
                List<DnsRecord> records = random.records(alias);
                assertThat(records)
                        .as(() -> alias + " is followed by " + next + " in the chain, so the zone must have the CNAME "
                                + alias + " -> " + next + zoneText.get())
                        .hasSize(1)
                        .first().isInstanceOfSatisfying(DnsRecord.Cname.class,
                                cname -> assertThat(cname.target()).isEqualTo(next));
                ttls.add(records.get(0).ttl());
            }
            Hostname last = result.canonicalName();
            List<DnsRecord> lastRecords = random.records(last);
            assertThat(result).as(() -> "a zone of A and CNAME records never gives NODATA" + zoneText.get())
                    .isNotInstanceOf(DnsResult.NoData.class);
            if (result instanceof DnsResult.Answer answer) {
                List<Ipv4Address> zoneAddresses = lastRecords.stream()
                        .filter(r -> r instanceof DnsRecord.A).map(r -> ((DnsRecord.A) r).address()).toList();
                assertThat(answer.addresses())
                        .as(() -> "the answer holds exactly the A records of the canonical name " + last
                                + ", in zone order" + zoneText.get())
                        .isNotEmpty()
                        .containsExactlyElementsOf(zoneAddresses);
                lastRecords.forEach(r -> ttls.add(r.ttl()));
                assertThat(answer.ttl()).as(() -> "the smallest TTL of the records used" + zoneText.get())
                        .isEqualTo(ttls.stream().min(Duration::compareTo).orElseThrow());
                assertThat(chain.size() - 1).as(() -> "CNAMEs followed" + zoneText.get())
                        .isLessThanOrEqualTo(ZoneResolver.MAX_CNAME_CHAIN);
            } else if (result instanceof DnsResult.NxDomain) {
                assertThat(lastRecords).as(() -> "NXDOMAIN only for a name without records" + zoneText.get())
                        .isEmpty();
            } else if (result instanceof DnsResult.ServerFailure) {
                assertThat(lastRecords).as(() -> "a failure only stops at a CNAME it did not follow" + zoneText.get())
                        .hasSize(1).first().isInstanceOf(DnsRecord.Cname.class);
                Hostname target = ((DnsRecord.Cname) lastRecords.get(0)).target();
                boolean loop = chain.contains(target);
                boolean tooLong = chain.size() - 1 == ZoneResolver.MAX_CNAME_CHAIN;
                assertThat(loop || tooLong)
                        .as(() -> "a failure needs a CNAME back into the chain or a chain of "
                                + ZoneResolver.MAX_CNAME_CHAIN + " CNAMEs already" + zoneText.get())
                        .isTrue();
                if (loop) {
                    String spelled = chain.subList(chain.indexOf(target), chain.size()).stream()
                            .map(Hostname::toString).collect(Collectors.joining(" -> ")) + " -> " + target;
                    String reason = ((DnsResult.ServerFailure) result).reason();
                    assertThat(reason)
                            .as(() -> "the CNAME of " + last + " points back at " + target + ", which is already in "
                                    + "the chain: that is a loop, and the loop check comes before the chain limit, so "
                                    + "the reason says 'loop' and spells out " + spelled + zoneText.get())
                            .containsIgnoringCase("loop")
                            .contains(spelled);
                }
            }
        }
    }
}
