package k8snet.clusterdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import k8snet.dns.CachingResolver;
import k8snet.dns.DnsResult;
import k8snet.dns.DnsZone;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;
import k8snet.dns.ZoneResolver;
import k8snet.ip.Ipv4Address;
import k8snet.sim.ManualClock;

@DisplayName("A pod's resolver with its search list and ndots (exercise 4.4, part 2)")
class PodResolverTest {

    private static final List<String> KUBELET_SEARCH = List.of("shop.svc.cluster.local", "svc.cluster.local",
            "cluster.local");

    private static Hostname host(String name) {
        return Hostname.parse(name);
    }

    private static List<String> texts(List<Hostname> names) {
        return names.stream().map(Hostname::toString).toList();
    }

    /** A server that answers from a map (NXDOMAIN otherwise) and writes down every query, in order. */
    private static final class RecordingServer implements Resolver {
        final List<Hostname> asked = new ArrayList<>();
        final Map<Hostname, DnsResult> results = new HashMap<>();

        RecordingServer answer(String name, String address) {
            Hostname h = host(name);
            results.put(h, new DnsResult.Answer(h, List.of(h), List.of(Ipv4Address.parse(address)),
                    Duration.ofSeconds(30)));
            return this;
        }

        RecordingServer noData(String name) {
            Hostname h = host(name);
            results.put(h, new DnsResult.NoData(h, List.of(h)));
            return this;
        }

        RecordingServer failure(String name) {
            Hostname h = host(name);
            results.put(h, new DnsResult.ServerFailure(h, List.of(h), "upstream timed out"));
            return this;
        }

        @Override
        public DnsResult resolve(Hostname name) {
            asked.add(name);
            return results.getOrDefault(name, new DnsResult.NxDomain(name, List.of(name)));
        }
    }

    private static List<String> search(String name) {
        return KUBELET_SEARCH.stream().map(d -> name + "." + d).toList();
    }

    private static List<String> asIsFirst(String name) {
        List<String> out = new ArrayList<>();
        out.add(name);
        out.addAll(search(name));
        return out;
    }

    private static List<String> asIsLast(String name) {
        List<String> out = new ArrayList<>(search(name));
        out.add(name);
        return out;
    }

    @Nested
    @DisplayName("orders the names it tries by ndots")
    class Candidates {

        @ParameterizedTest(name = "\"{0}\" ({1} dots) with ndots:{2}: {3}")
        @CsvSource({
            "web, 0, 5, search first",
            "web.other, 1, 5, search first",
            "www.example.com, 2, 5, search first",
            "a.b.c.d.e, 4, 5, search first",
            "a.b.c.d.e.f, 5, 5, as is first",
            "a.b.c.d.e.f.g, 6, 5, as is first",
            "web, 0, 1, search first",
            "web.other, 1, 1, as is first",
            "www.example.com, 2, 1, as is first",
            "a.b.c.d.e, 4, 1, as is first",
            "a.b.c.d.e.f, 5, 1, as is first",
            "web, 0, 0, as is first",
            "web.other, 1, 0, as is first",
            "www.example.com, 2, 0, as is first",
            "a.b.c.d.e.f, 5, 0, as is first",
            "web.other, 1, 2, search first",
            "www.example.com, 2, 2, as is first",
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o, 14, 15, search first",
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p, 15, 15, as is first",
        })
        void order(String name, int dots, int ndots, String order) {
            PodResolver r = new PodResolver(new RecordingServer(), KUBELET_SEARCH, ndots);
            List<String> expected = order.equals("as is first") ? asIsFirst(name) : asIsLast(name);
            assertThat(texts(r.candidates(name)))
                    .as("\"%s\" has %d dots; with ndots:%d it is tried %s (as it is first when dots >= ndots)",
                            name, dots, ndots, order.equals("as is first") ? "as it is, then with each search domain"
                                    : "with each search domain, then as it is")
                    .containsExactlyElementsOf(expected);
        }

        @ParameterizedTest(name = "\"{0}\" with ndots:{1} is queried once, as it is")
        @CsvSource({
            "www.example.com., 5, www.example.com",
            "web., 5, web",
            "web., 0, web",
            "a.b.c.d.e.f., 5, a.b.c.d.e.f",
            "API.Shop.SVC.Cluster.Local., 1, api.shop.svc.cluster.local",
        })
        void absolute(String name, int ndots, String only) {
            PodResolver r = new PodResolver(new RecordingServer(), KUBELET_SEARCH, ndots);
            assertThat(texts(r.candidates(name))).as("\"%s\" ends with a dot: absolute, no search list", name)
                    .containsExactly(only);
        }

        @Test
        @DisplayName("candidates are normalised hostnames")
        void normalised() {
            PodResolver r = new PodResolver(new RecordingServer(), KUBELET_SEARCH, 5);
            assertThat(r.candidates("API")).as("case does not matter in DNS names").containsExactly(
                    host("api.shop.svc.cluster.local"), host("api.svc.cluster.local"), host("api.cluster.local"),
                    host("api"));
        }

        @Test
        @DisplayName("with no search list a name is tried only as it is")
        void emptySearch() {
            PodResolver r = new PodResolver(new RecordingServer(), List.of(), 5);
            assertThat(texts(r.candidates("web"))).containsExactly("web");
            assertThat(texts(r.candidates("a.b.c.d.e.f"))).containsExactly("a.b.c.d.e.f");
        }
    }

    @Nested
    @DisplayName("is set up by the kubelet for ClusterFirst pods")
    class ClusterFirst {

        @Test
        @DisplayName("search <ns>.svc.<zone> svc.<zone> <zone>, ndots 5")
        void kubelet() {
            PodResolver r = PodResolver.clusterFirst(new RecordingServer(), "shop", "cluster.local");
            assertThat(r.search()).as("the kubelet's search list for namespace shop")
                    .containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
            assertThat(r.ndots()).as("the kubelet writes options ndots:5").isEqualTo(5)
                    .isEqualTo(PodResolver.KUBELET_NDOTS);
            assertThat(texts(r.candidates("api"))).containsExactly("api.shop.svc.cluster.local",
                    "api.svc.cluster.local", "api.cluster.local", "api");
        }

        @Test
        @DisplayName("another namespace and zone")
        void otherZone() {
            PodResolver r = PodResolver.clusterFirst(new RecordingServer(), "dev", "K8S.Example.");
            assertThat(r.search()).as("namespace dev in zone k8s.example, normalised")
                    .containsExactly("dev.svc.k8s.example", "svc.k8s.example", "k8s.example");
            assertThat(r.ndots()).isEqualTo(5);
        }

        @Test
        @DisplayName("nulls and invalid names are rejected")
        void invalid() {
            RecordingServer s = new RecordingServer();
            assertThatIllegalArgumentException().isThrownBy(() -> PodResolver.clusterFirst(null, "shop", "cluster.local"))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> PodResolver.clusterFirst(s, null, "cluster.local"))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> PodResolver.clusterFirst(s, "shop", null))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().as("namespace my_ns makes an invalid search domain")
                    .isThrownBy(() -> PodResolver.clusterFirst(s, "my_ns", "cluster.local"))
                    .withMessageContaining("my_ns");
            assertThatIllegalArgumentException().as("zone cluster..local")
                    .isThrownBy(() -> PodResolver.clusterFirst(s, "shop", "cluster..local"))
                    .withMessageContaining("cluster..local");
        }
    }

    @Nested
    @DisplayName("sends the candidates to the server")
    class Resolve {

        @Test
        @DisplayName("and stops at the first answer")
        void firstAnswerStops() {
            RecordingServer s = new RecordingServer().answer("api.shop.svc.cluster.local", "10.96.4.7")
                    .answer("api", "198.51.100.1");
            Lookup lookup = new PodResolver(s, KUBELET_SEARCH, 5).resolve("api");
            Hostname q = host("api.shop.svc.cluster.local");
            assertThat(s.asked).as("the first candidate answered: the server is asked nothing more")
                    .containsExactly(q);
            assertThat(lookup.name()).isEqualTo("api");
            assertThat(lookup.attempts()).containsExactly(new Lookup.Attempt(q, s.results.get(q)));
            assertThat(lookup.result()).isEqualTo(s.results.get(q));
        }

        @Test
        @DisplayName("NXDOMAIN, NODATA and a server failure all move on")
        void missesMoveOn() {
            RecordingServer s = new RecordingServer().noData("api.shop.svc.cluster.local")
                    .failure("api.svc.cluster.local").answer("api", "198.51.100.1")
                    .answer("api.example.org", "198.51.100.2");
            Lookup lookup = new PodResolver(s, KUBELET_SEARCH, 5).resolve("API");
            List<Hostname> queries = List.of(host("api.shop.svc.cluster.local"), host("api.svc.cluster.local"),
                    host("api.cluster.local"), host("api"));
            assertThat(s.asked).as("NODATA, SERVFAIL, NXDOMAIN, then the name as it is answers")
                    .containsExactlyElementsOf(queries);
            assertThat(lookup.attempts()).as("every query sent, in order, with its result")
                    .extracting(Lookup.Attempt::query).containsExactlyElementsOf(queries);
            assertThat(lookup.attempts()).extracting(a -> a.result().getClass().getSimpleName())
                    .containsExactly("NoData", "ServerFailure", "NxDomain", "Answer");
            assertThat(lookup.attempts().get(2).result())
                    .isEqualTo(new DnsResult.NxDomain(host("api.cluster.local"), List.of(host("api.cluster.local"))));
            assertThat(lookup.result()).isEqualTo(s.results.get(host("api")));
            assertThat(lookup.name()).as("the name as the application wrote it").isEqualTo("API");
        }

        @Test
        @DisplayName("when nothing answers, the outcome is the last query's")
        void nothingAnswers() {
            RecordingServer s = new RecordingServer().failure("www.example.com.cluster.local");
            Lookup lookup = new PodResolver(s, KUBELET_SEARCH, 5).resolve("www.example.com");
            List<Hostname> queries = List.of(host("www.example.com.shop.svc.cluster.local"),
                    host("www.example.com.svc.cluster.local"), host("www.example.com.cluster.local"),
                    host("www.example.com"));
            assertThat(s.asked).as("2 dots < ndots 5: three search domains, then the name itself; nothing answers")
                    .containsExactlyElementsOf(queries);
            assertThat(lookup.attempts()).extracting(Lookup.Attempt::query).containsExactlyElementsOf(queries);
            assertThat(lookup.result()).as("the last attempt's NXDOMAIN, not the earlier server failure")
                    .isEqualTo(new DnsResult.NxDomain(host("www.example.com"), List.of(host("www.example.com"))));
        }

        @Test
        @DisplayName("with ndots:1 a dotted name goes out as it is first")
        void ndotsOne() {
            RecordingServer s = new RecordingServer().answer("www.example.com", "203.0.113.80");
            Lookup lookup = new PodResolver(s, KUBELET_SEARCH, 1).resolve("www.example.com");
            assertThat(s.asked).as("one query, no search-list misses").containsExactly(host("www.example.com"));
            assertThat(lookup.attempts()).hasSize(1);
        }

        @Test
        @DisplayName("an absolute name is one query, even when it misses")
        void absoluteOnce() {
            RecordingServer s = new RecordingServer().answer("api.shop.svc.cluster.local", "10.96.4.7");
            Lookup lookup = new PodResolver(s, KUBELET_SEARCH, 5).resolve("api.");
            assertThat(s.asked).as("\"api.\" is absolute").containsExactly(host("api"));
            assertThat(lookup.result()).isEqualTo(new DnsResult.NxDomain(host("api"), List.of(host("api"))));
        }

        @Test
        @DisplayName("an invalid or null name sends nothing")
        void invalidName() {
            RecordingServer s = new RecordingServer();
            PodResolver r = new PodResolver(s, KUBELET_SEARCH, 5);
            for (String bad : List.of("", "web_1", "a..b", "-web", ".", "web..", "my host")) {
                assertThatIllegalArgumentException().as("\"%s\" is not a hostname; the message quotes it", bad)
                        .isThrownBy(() -> r.resolve(bad)).withMessageContaining("\"" + bad + "\"");
                assertThatIllegalArgumentException().as("\"%s\" is not a hostname; the message quotes it", bad)
                        .isThrownBy(() -> r.candidates(bad)).withMessageContaining("\"" + bad + "\"");
            }
            assertThatIllegalArgumentException().isThrownBy(() -> r.resolve(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> r.candidates(null)).withMessageContaining("null");
            assertThat(s.asked).as("nothing was sent").isEmpty();
        }
    }

    @Nested
    @DisplayName("leaves out candidates longer than 253 characters")
    class LengthLimit {

        /** A name of {@code length} characters in four labels, so three dots: fewer than ndots 5. */
        private String nameOf(int length) {
            int rest = length - 3;
            int first = rest - 3 * 58;
            String name = "a".repeat(first) + "." + "b".repeat(58) + "." + "c".repeat(58) + "." + "d".repeat(58);
            assertThat(name).hasSize(length);
            return name;
        }

        @Test
        @DisplayName("a candidate of exactly 253 characters is kept, one of 254 is left out")
        void boundary() {
            PodResolver r = new PodResolver(new RecordingServer(), KUBELET_SEARCH, 5);
            // ".svc.cluster.local" adds 18 characters, ".shop.svc.cluster.local" 23, ".cluster.local" 14
            String n235 = nameOf(235);
            assertThat(texts(r.candidates(n235))).as("a 235-character name: with shop.svc.cluster.local it would be "
                    + "258 characters (left out), with svc.cluster.local exactly 253 (kept)")
                    .containsExactly(n235 + ".svc.cluster.local", n235 + ".cluster.local", n235);
            String n236 = nameOf(236);
            assertThat(texts(r.candidates(n236))).as("a 236-character name: with svc.cluster.local it would be 254 "
                    + "characters, one too many; with cluster.local 250")
                    .containsExactly(n236 + ".cluster.local", n236);
            String n239 = nameOf(239);
            assertThat(texts(r.candidates(n239))).as("239 + 14 = 253: cluster.local is still possible")
                    .containsExactly(n239 + ".cluster.local", n239);
            String n240 = nameOf(240);
            assertThat(texts(r.candidates(n240))).as("240 + 14 = 254: only the name itself")
                    .containsExactly(n240);
            String n253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
            assertThat(n253).hasSize(253);
            assertThat(texts(r.candidates(n253))).as("a 253-character name is sent only as it is")
                    .containsExactly(n253);
        }

        @Test
        @DisplayName("resolve sends only what fits")
        void resolveSkips() {
            RecordingServer s = new RecordingServer();
            String n236 = nameOf(236);
            new PodResolver(s, KUBELET_SEARCH, 5).resolve(n236);
            assertThat(texts(s.asked)).containsExactly(n236 + ".cluster.local", n236);
        }
    }

    @Nested
    @DisplayName("checks its settings")
    class Validation {

        @Test
        @DisplayName("ndots is 0 to 15")
        void ndots() {
            RecordingServer s = new RecordingServer();
            assertThat(new PodResolver(s, KUBELET_SEARCH, 0).ndots()).isZero();
            assertThat(new PodResolver(s, KUBELET_SEARCH, 15).ndots()).isEqualTo(15).isEqualTo(PodResolver.MAX_NDOTS);
            for (int bad : new int[] {-1, 16, 100, Integer.MIN_VALUE}) {
                assertThatIllegalArgumentException().as("ndots:%d is outside 0-15; the message quotes it", bad)
                        .isThrownBy(() -> new PodResolver(s, KUBELET_SEARCH, bad))
                        .withMessageContaining(String.valueOf(bad));
            }
        }

        @Test
        @DisplayName("32 search domains at most")
        void searchCount() {
            RecordingServer s = new RecordingServer();
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                domains.add("d" + i + ".example");
            }
            PodResolver r = new PodResolver(s, domains, 1);
            assertThat(r.search()).as("32 search domains are allowed").hasSize(32).containsExactlyElementsOf(domains);
            assertThat(PodResolver.MAX_SEARCH).isEqualTo(32);
            domains.add("d32.example");
            assertThatIllegalArgumentException().as("33 search domains are one too many; the message says 33")
                    .isThrownBy(() -> new PodResolver(s, domains, 1)).withMessageContaining("33");
        }

        @Test
        @DisplayName("search domains are normalised: lower case, no final dot")
        void normalisedSearch() {
            PodResolver r = new PodResolver(new RecordingServer(), List.of("Shop.SVC.Cluster.Local.", "Example.COM"), 2);
            assertThat(r.search()).containsExactly("shop.svc.cluster.local", "example.com");
            assertThat(texts(r.candidates("web"))).as("the normalised domains are appended")
                    .containsExactly("web.shop.svc.cluster.local", "web.example.com", "web");
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("search() is unmodifiable: adding a domain to the list it returns must throw "
                            + "UnsupportedOperationException, not change the pod's resolver")
                    .isThrownBy(() -> r.search().add("evil.example"));
        }

        @Test
        @DisplayName("the search list is copied")
        void copied() {
            List<String> domains = new ArrayList<>(List.of("a.example"));
            PodResolver r = new PodResolver(new RecordingServer(), domains, 1);
            domains.add("b.example");
            assertThat(r.search()).containsExactly("a.example");
        }

        @ParameterizedTest(name = "rejects search domain \"{0}\"")
        @CsvSource({"bad_domain.example", "a..b", "''", "-x.example", ".", "'my domain'"})
        void invalidDomain(String bad) {
            assertThatIllegalArgumentException().as("\"%s\" is not a valid search domain; the message quotes it", bad)
                    .isThrownBy(() -> new PodResolver(new RecordingServer(), List.of("ok.example", bad), 5))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @Test
        @DisplayName("nulls are rejected")
        void nulls() {
            assertThatIllegalArgumentException().isThrownBy(() -> new PodResolver(null, KUBELET_SEARCH, 5))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> new PodResolver(new RecordingServer(), null, 5))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new PodResolver(new RecordingServer(), Arrays.asList("a.example", null), 5))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("behind a cache, with the cluster DNS server")
    class Cached {

        @Test
        @DisplayName("a second lookup within the 5 s TTL is answered from the cache")
        void cachedForTheTtl() {
            ClusterDnsServer server = new ClusterDnsServer("cluster.local", ClusterDns.defaults().records(List.of(
                    DnsService.clusterIp("shop", "api", "10.96.4.7", List.of()))), new ZoneResolver(new DnsZone()));
            List<Hostname> asked = new ArrayList<>();
            Resolver counting = name -> {
                asked.add(name);
                return server.resolve(name);
            };
            ManualClock clock = new ManualClock();
            CachingResolver cache = new CachingResolver(counting, clock, Duration.ofSeconds(30));
            PodResolver pod = PodResolver.clusterFirst(cache, "shop", "cluster.local");
            Hostname q = host("api.shop.svc.cluster.local");
            DnsResult answer = new DnsResult.Answer(q, List.of(q), List.of(Ipv4Address.parse("10.96.4.7")),
                    Duration.ofSeconds(5));

            assertThat(pod.resolve("api").result()).isEqualTo(answer);
            assertThat(asked).as("the first lookup asks the server").containsExactly(q);
            clock.advance(Duration.ofMillis(4999));
            assertThat(pod.resolve("api").result()).isEqualTo(answer);
            assertThat(asked).as("4.999 s later the answer is still fresh: the cache answers").containsExactly(q);
            assertThat(cache.hits()).as("answers the pod's DNS cache gave itself (hits)").isEqualTo(1);
            clock.advance(Duration.ofMillis(1));
            assertThat(pod.resolve("api").result()).isEqualTo(answer);
            assertThat(asked).as("after the 5 s TTL the server is asked again").containsExactly(q, q);
        }
    }

    @Nested
    @DisplayName("on random names (property)")
    class Properties {

        private static final long SEED = 0x4_4000_0044L;
        private static final List<String> LABELS = List.of("api", "db", "db-0", "shop", "dev", "svc", "cluster",
                "local", "www", "example", "com", "payments");
        private static final List<String> NAMESPACES = List.of("shop", "dev", "default");

        private static final ClusterDnsServer SERVER = server();

        private static ClusterDnsServer server() {
            DnsZone internet = new DnsZone();
            internet.addA("www.example.com", "203.0.113.80", Duration.ofMinutes(10));
            internet.addA("api.payments.example.com", "203.0.113.10", Duration.ofMinutes(5));
            internet.addA("example.com", "203.0.113.1", Duration.ofMinutes(5));
            internet.addA("api.example.com", "203.0.113.2", Duration.ofMinutes(5));
            internet.addA("api.shop", "198.51.100.7", Duration.ofMinutes(1));
            List<DnsService> services = List.of(
                    DnsService.clusterIp("shop", "api", "10.96.4.7", List.of(DnsPort.tcp("http", 80))),
                    DnsService.clusterIp("dev", "api", "10.96.8.8", List.of()),
                    DnsService.clusterIp("default", "www", "10.96.0.80", List.of()),
                    DnsService.headless("shop", "db", List.of(DnsPort.tcp("pg", 5432)),
                            List.of(new DnsEndpoint(Ipv4Address.parse("10.244.1.5"), java.util.Optional.of("db-0"),
                                    true))),
                    DnsService.externalName("shop", "payments", "api.payments.example.com"));
            return new ClusterDnsServer("cluster.local", ClusterDns.defaults().records(services),
                    new ZoneResolver(internet));
        }

        /** Names of 1 to 5 labels from a small vocabulary, so that they often hit a record. */
        private static final Gen<String> NAMES = lists().of(integers().between(0, LABELS.size() - 1))
                .ofSizeBetween(1, 5).map(picks -> String.join(".", picks.stream().map(LABELS::get).toList()));

        @Test
        @DisplayName("a name found through the search list gives what the absolute query gives")
        void sameAsAbsolute() {
            qt(SEED).withExamples(200)
                    .forAll(named("name", NAMES, n -> "\"" + n + "\""),
                            named("namespace", integers().between(0, NAMESPACES.size() - 1), NAMESPACES::get),
                            named("ndots", integers().between(0, 6)))
                    .checkAssert((name, ns, ndots) -> {
                List<String> search = List.of(NAMESPACES.get(ns) + ".svc.cluster.local", "svc.cluster.local",
                        "cluster.local");
                List<Hostname> asked = new ArrayList<>();
                Resolver recording = q -> {
                    asked.add(q);
                    return SERVER.resolve(q);
                };
                PodResolver pod = new PodResolver(recording, search, ndots);
                List<Hostname> candidates = pod.candidates(name);
                Lookup lookup = pod.resolve(name);
                String context = String.format("\"%s\" from namespace %s with ndots:%d, candidates %s (seed %d)",
                        name, NAMESPACES.get(ns), ndots, candidates, SEED);
                assertThat(asked).as("%s: the queries sent are the candidates, in order, up to the first answer",
                        context).isEqualTo(lookup.attempts().stream().map(Lookup.Attempt::query).toList());
                assertThat(candidates.subList(0, asked.size())).as(context).isEqualTo(asked);
                for (int i = 0; i < lookup.attempts().size() - 1; i++) {
                    assertThat(lookup.attempts().get(i).result()).as("%s: attempt %d did not answer, or the lookup "
                            + "would have stopped there", context, i).isNotInstanceOf(DnsResult.Answer.class);
                }
                Lookup.Attempt last = lookup.attempts().get(lookup.attempts().size() - 1);
                if (last.result() instanceof DnsResult.Answer) {
                    Lookup absolute = new PodResolver(SERVER, search, ndots).resolve(last.query() + ".");
                    assertThat(absolute.attempts()).as("%s: the absolute query %s. is one query", context,
                            last.query()).hasSize(1);
                    assertThat(lookup.result()).as("%s: the search found %s, which answers the same when asked "
                            + "directly", context, last.query()).isEqualTo(absolute.result())
                            .isEqualTo(SERVER.resolve(last.query()));
                } else {
                    assertThat(asked).as("%s: nothing answered, so every candidate was tried", context)
                            .isEqualTo(candidates);
                    assertThat(lookup.result()).as(context).isEqualTo(last.result());
                }
            });
        }
    }
}
