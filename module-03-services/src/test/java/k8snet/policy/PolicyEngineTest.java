package k8snet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * The world of most tests (Kubernetes docs "Network Policies" for the rules):
 *
 * <pre>
 * namespace  labels      pod          node    labels         ip           named container ports
 * web        team=web    front-1      node-1  app=web        10.244.1.2   http=8080
 *                        front-2      node-1  app=admin      10.244.1.3   -
 * db         team=data   api-1        node-2  app=api        10.244.2.3   pg=5432, metrics=9090
 *                        pg-1         node-2  app=postgres   10.244.2.4   pg=5433
 *                        web-in-db    node-2  app=web        10.244.2.5   -
 * default    (none)      client       node-1  app=client     10.244.1.4   -
 * node-1: 192.168.1.11, 10.244.1.1    node-2: 192.168.1.12, 10.244.2.1    outside: 203.0.113.7
 * </pre>
 */
@DisplayName("Exercise 3.6: the NetworkPolicy engine decides which connections pass")
class PolicyEngineTest {

    private static final String FRONT_1 = "10.244.1.2";
    private static final String FRONT_2 = "10.244.1.3";
    private static final String CLIENT = "10.244.1.4";
    private static final String API_1 = "10.244.2.3";
    private static final String PG_1 = "10.244.2.4";
    private static final String WEB_IN_DB = "10.244.2.5";
    private static final String OUTSIDE = "203.0.113.7";
    private static final String NODE_1 = "192.168.1.11";
    private static final String NODE_1_BRIDGE = "10.244.1.1";
    private static final String NODE_2 = "192.168.1.12";
    private static final String NODE_2_BRIDGE = "10.244.2.1";

    private static final Set<PolicyType> BOTH = EnumSet.of(PolicyType.INGRESS, PolicyType.EGRESS);

    private PolicyEngine engine;
    private PolicyPod front1;
    private PolicyPod api1;
    private PolicyPod pg1;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Connection tcp(String from, String to, int port) {
        return new Connection(Protocol.TCP, ip(from), ip(to), Port.of(port));
    }

    private static Connection udp(String from, String to, int port) {
        return new Connection(Protocol.UDP, ip(from), ip(to), Port.of(port));
    }

    private static PolicyPod pod(String namespace, String name, String node, Labels labels, String ip,
            Map<String, Port> ports) {
        return new PolicyPod(namespace, name, node, labels, ip(ip), ports);
    }

    private static Selector sel(String text) {
        return Selector.parse(text);
    }

    private static PolicyRule rule(List<Peer> peers, List<PolicyPort> ports) {
        return new PolicyRule(peers, ports);
    }

    private static PolicyRule from(Peer peer, PolicyPort... ports) {
        return new PolicyRule(List.of(peer), List.of(ports));
    }

    private static PolicyPort named(Protocol protocol, String name) {
        return new PolicyPort(protocol, Optional.of(TargetPort.named(name)), Optional.empty());
    }

    private static PolicyPort range(int start, int end) {
        return new PolicyPort(Protocol.TCP, Optional.of(TargetPort.number(start)), Optional.of(end));
    }

    private static PolicyPort every(Protocol protocol) {
        return new PolicyPort(protocol, Optional.empty(), Optional.empty());
    }

    private static Peer block(String cidr, String... except) {
        return Peer.block(Cidr.parse(cidr), java.util.Arrays.stream(except).map(Cidr::parse).toList());
    }

    /** A policy isolating the pods {@code podSelector} picks for ingress only, with these ingress rules. */
    private static NetworkPolicy ingressPolicy(String namespace, String name, String podSelector,
            PolicyRule... rules) {
        return NetworkPolicy.of(namespace, name, sel(podSelector), List.of(rules), List.of());
    }

    /** A policy isolating for egress only, with these egress rules. */
    private static NetworkPolicy egressPolicy(String namespace, String name, String podSelector,
            PolicyRule... rules) {
        return new NetworkPolicy(namespace, name, sel(podSelector), List.of(), List.of(rules),
                EnumSet.of(PolicyType.EGRESS));
    }

    /** Default deny, both directions, for every pod of the namespace. */
    private static NetworkPolicy denyBoth(String namespace, String name) {
        return new NetworkPolicy(namespace, name, Selector.everything(), List.of(), List.of(), BOTH);
    }

    private boolean ingressAllowed(Connection c) {
        return engine.ingress(c).allowed();
    }

    private boolean egressAllowed(Connection c) {
        return engine.egress(c).allowed();
    }

    @BeforeEach
    void setUp() {
        engine = new PolicyEngine();
        engine.setNamespace("web", Labels.of("team", "web"));
        engine.setNamespace("db", Labels.of("team", "data"));
        engine.setNode("node-1", List.of(ip(NODE_1), ip(NODE_1_BRIDGE)));
        engine.setNode("node-2", List.of(ip(NODE_2), ip(NODE_2_BRIDGE)));
        front1 = pod("web", "front-1", "node-1", Labels.of("app", "web"), FRONT_1, Map.of("http", Port.of(8080)));
        api1 = pod("db", "api-1", "node-2", Labels.of("app", "api"), API_1,
                Map.of("pg", Port.of(5432), "metrics", Port.of(9090)));
        pg1 = pod("db", "pg-1", "node-2", Labels.of("app", "postgres"), PG_1, Map.of("pg", Port.of(5433)));
        engine.setPod(front1);
        engine.setPod(pod("web", "front-2", "node-1", Labels.of("app", "admin"), FRONT_2, Map.of()));
        engine.setPod(api1);
        engine.setPod(pg1);
        engine.setPod(pod("db", "web-in-db", "node-2", Labels.of("app", "web"), WEB_IN_DB, Map.of()));
        engine.setPod(pod("default", "client", "node-1", Labels.of("app", "client"), CLIENT, Map.of()));
    }

    @Nested
    @DisplayName("isolation: which pods the policies select, and for which direction")
    class Isolation {

        @Test
        @DisplayName("without any policy a pod is not isolated: everything passes, with no policies and no reason")
        void noPolicyNoIsolation() {
            Connection c = tcp(FRONT_1, API_1, 5432);
            assertThat(engine.ingress(c)).as("ingress to api-1 with no policy at all")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of(), Optional.empty(), c));
            assertThat(engine.egress(c)).as("egress from front-1 with no policy at all")
                    .isEqualTo(new Judgement(PolicyType.EGRESS, "web/front-1", List.of(), Optional.empty(), c));
            assertThat(engine.allows(c)).as("with no policy every connection passes").isTrue();
            assertThat(engine.selecting(api1, PolicyType.INGRESS)).as("no policy selects api-1").isEmpty();
        }

        @Test
        @DisplayName("a policy that isolates a pod for ingress only leaves its egress open, and the other way round")
        void directionsAreIndependent() {
            engine.addPolicy(ingressPolicy("db", "deny-in", "app=api"));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432)))
                    .as("deny-in has no ingress rules, so ingress to api-1 is denied").isFalse();
            assertThat(engine.egress(tcp(API_1, FRONT_1, 8080)).selecting())
                    .as("deny-in has policyTypes [Ingress]: api-1 is not isolated for egress").isEmpty();
            assertThat(engine.allows(tcp(API_1, FRONT_1, 8080)))
                    .as("api-1 may still open connections to a pod nothing isolates").isTrue();

            engine.removePolicy("db", "deny-in");
            engine.addPolicy(egressPolicy("db", "deny-out", "app=api"));
            assertThat(egressAllowed(tcp(API_1, FRONT_1, 8080)))
                    .as("deny-out has no egress rules, so egress from api-1 is denied").isFalse();
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)).selecting())
                    .as("deny-out has policyTypes [Egress]: api-1 is not isolated for ingress").isEmpty();
            assertThat(engine.allows(tcp(FRONT_1, API_1, 5432)))
                    .as("connections to api-1 still pass when it is isolated for egress only").isTrue();
        }

        @Test
        @DisplayName("NetworkPolicy.of with no rules at all is a default deny for ingress only")
        void ofWithoutRulesIsIngressOnly() {
            NetworkPolicy denyAll = NetworkPolicy.of("db", "deny-all", Selector.everything(), List.of(), List.of());
            assertThat(denyAll.policyTypes()).as("the API server's default policyTypes without egress rules")
                    .containsExactly(PolicyType.INGRESS);
            engine.addPolicy(denyAll);
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)))
                    .as("ingress to api-1 under a default-deny-ingress policy")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("deny-all"), Optional.empty(),
                            tcp(FRONT_1, API_1, 5432)));
            assertThat(engine.egress(tcp(API_1, OUTSIDE, 443)))
                    .as("egress from api-1: deny-all does not name Egress, so api-1 is not isolated for it")
                    .isEqualTo(new Judgement(PolicyType.EGRESS, "db/api-1", List.of(), Optional.empty(),
                            tcp(API_1, OUTSIDE, 443)));
        }

        @Test
        @DisplayName("NetworkPolicy.of with egress rules isolates for both directions")
        void ofWithEgressRulesIsBoth() {
            NetworkPolicy policy = NetworkPolicy.of("db", "api", sel("app=api"), List.of(),
                    List.of(from(Peer.pods(sel("app=postgres")), PolicyPort.tcp(5433))));
            assertThat(policy.policyTypes()).as("egress rules make the default policyTypes [Ingress, Egress]")
                    .containsExactlyInAnyOrder(PolicyType.INGRESS, PolicyType.EGRESS);
            engine.addPolicy(policy);
            assertThat(egressAllowed(tcp(API_1, PG_1, 5433))).as("the egress rule allows api-1 to pg-1:5433")
                    .isTrue();
            assertThat(egressAllowed(tcp(API_1, FRONT_1, 8080)))
                    .as("api-1 is isolated for egress and no rule allows front-1:8080").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432)))
                    .as("the same policy isolates api-1 for ingress too, with no ingress rule").isFalse();
        }

        @Test
        @DisplayName("naming Egress in policyTypes with no egress rules denies all egress")
        void explicitEgressWithoutRules() {
            engine.addPolicy(new NetworkPolicy("db", "ingress-only-rules", sel("app=api"),
                    List.of(PolicyRule.allowAll()), List.of(), BOTH));
            assertThat(engine.egress(tcp(API_1, PG_1, 5433)))
                    .as("policyTypes [Ingress, Egress] without egress rules: api-1 may not open anything")
                    .isEqualTo(new Judgement(PolicyType.EGRESS, "db/api-1", List.of("ingress-only-rules"),
                            Optional.empty(), tcp(API_1, PG_1, 5433)));
            assertThat(engine.egress(tcp(API_1, OUTSIDE, 53)).allowed()).as("nor reach outside").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432)))
                    .as("its ingress rule {} allows every connection to api-1").isTrue();
        }

        @Test
        @DisplayName("a policy with only egress rules and policyTypes [Egress] does not isolate for ingress")
        void egressRulesDoNotIsolateIngress() {
            engine.addPolicy(egressPolicy("db", "api-out", "app=api", from(Peer.pods(sel("app=postgres")))));
            assertThat(engine.selecting(api1, PolicyType.INGRESS)).as("policyTypes [Egress] leaves ingress alone")
                    .isEmpty();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("ingress to api-1 stays open").isTrue();
            assertThat(engine.selecting(api1, PolicyType.EGRESS)).as("but it isolates egress")
                    .extracting(NetworkPolicy::name).containsExactly("api-out");
        }

        @Test
        @DisplayName("a policy in another namespace never selects a pod, whatever its selector")
        void otherNamespaceNeverSelects() {
            engine.addPolicy(denyBoth("web", "deny-all"));
            assertThat(engine.selecting(api1, PolicyType.INGRESS)).as("web/deny-all selects pods of web only")
                    .isEmpty();
            assertThat(engine.selecting(api1, PolicyType.EGRESS)).as("web/deny-all selects pods of web only")
                    .isEmpty();
            assertThat(engine.allows(tcp(PG_1, API_1, 5432))).as("between two pods of db nothing is isolated")
                    .isTrue();
            assertThat(engine.selecting(front1, PolicyType.INGRESS)).as("front-1 is in web: selected")
                    .extracting(NetworkPolicy::name).containsExactly("deny-all");
        }

        @Test
        @DisplayName("an empty podSelector selects every pod of its namespace, a selector only the pods it matches")
        void podSelectorChoosesPods() {
            engine.addPolicy(ingressPolicy("db", "all-of-db", ""));
            engine.addPolicy(ingressPolicy("db", "only-api", "app=api"));
            assertThat(engine.selecting(api1, PolicyType.INGRESS)).as("api-1 matches both selectors")
                    .extracting(NetworkPolicy::name).containsExactly("all-of-db", "only-api");
            assertThat(engine.selecting(pg1, PolicyType.INGRESS)).as("pg-1 (app=postgres) matches the empty one only")
                    .extracting(NetworkPolicy::name).containsExactly("all-of-db");
            assertThat(engine.ingress(tcp(API_1, WEB_IN_DB, 80)).selecting())
                    .as("web-in-db is in db too, so the empty selector picks it").containsExactly("all-of-db");
            assertThat(engine.selecting(front1, PolicyType.INGRESS)).as("front-1 is not in db").isEmpty();
        }

        @Test
        @DisplayName("a pod's new labels or a replaced pod change what selects it")
        void replacedPodIsJudgedAfresh() {
            engine.addPolicy(ingressPolicy("db", "only-api", "app=api"));
            engine.setPod(pod("db", "api-1", "node-2", Labels.of("app", "batch"), "10.244.2.9", Map.of()));
            assertThat(engine.ingress(tcp(FRONT_1, "10.244.2.9", 5432)))
                    .as("api-1 replaced with label app=batch at 10.244.2.9: only-api no longer selects it")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of(), Optional.empty(),
                            tcp(FRONT_1, "10.244.2.9", 5432)));
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)).pod())
                    .as("api-1's old address 10.244.2.3 belongs to no pod any more").isEmpty();
            engine.removePod("db", "api-1");
            assertThat(engine.ingress(tcp(FRONT_1, "10.244.2.9", 5432)).pod())
                    .as("after removePod its address is no pod's").isEmpty();
        }
    }

    @Nested
    @DisplayName("several policies: their rules add up")
    class Union {

        private final NetworkPolicy denyAll = ingressPolicy("db", "deny-all", "");
        private final NetworkPolicy allowWeb = ingressPolicy("db", "allow-web", "app=api",
                from(Peer.namespaces(sel("team=web")), PolicyPort.tcp(5432)));

        @Test
        @DisplayName("a default deny and a policy that allows: the connection passes, allowed by the second")
        void oneAllowIsEnough() {
            engine.addPolicy(denyAll);
            engine.addPolicy(allowWeb);
            Judgement j = engine.ingress(tcp(FRONT_1, API_1, 5432));
            assertThat(j).as("both select api-1; allow-web allows front-1 on 5432")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("allow-web", "deny-all"),
                            Optional.of("allow-web"), tcp(FRONT_1, API_1, 5432)));
            assertThat(ingressAllowed(tcp(FRONT_1, PG_1, 5432)))
                    .as("pg-1 is selected only by deny-all, which allows nothing").isFalse();
        }

        @Test
        @DisplayName("the order the policies were added in does not matter")
        void orderDoesNotMatter() {
            engine.addPolicy(allowWeb);
            engine.addPolicy(denyAll);
            Judgement allowedFirst = engine.ingress(tcp(FRONT_1, API_1, 5432));
            Judgement deniedFirst = engine.ingress(tcp(FRONT_1, API_1, 80));

            setUp();
            engine.addPolicy(denyAll);
            engine.addPolicy(allowWeb);
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432))).as("allow-web then deny-all, or the other way round")
                    .isEqualTo(allowedFirst);
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 80))).as("a denial does not depend on the order either")
                    .isEqualTo(deniedFirst);
            assertThat(allowedFirst.allowed()).as("5432 is allowed by allow-web").isTrue();
            assertThat(deniedFirst.allowed()).as("port 80 is allowed by no policy").isFalse();
        }

        @Test
        @DisplayName("the selecting names are sorted, and the allowing one is the first allowing name in that order")
        void firstAllowingNameInSortedOrder() {
            PolicyRule fromWeb = from(Peer.namespaces(sel("team=web")));
            engine.addPolicy(ingressPolicy("db", "zeta", "app=api", fromWeb));
            engine.addPolicy(ingressPolicy("db", "mid", "app=api", from(Peer.pods(sel("app=nothing")))));
            engine.addPolicy(ingressPolicy("db", "gamma", "app=api", fromWeb));
            engine.addPolicy(ingressPolicy("db", "beta", "app=api"));
            Judgement j = engine.ingress(tcp(FRONT_1, API_1, 5432));
            assertThat(j.selecting()).as("the names of the isolating policies, sorted")
                    .containsExactly("beta", "gamma", "mid", "zeta");
            assertThat(j.allowedBy()).as("gamma and zeta both allow; gamma comes first in sorted order")
                    .contains("gamma");
            assertThat(engine.selecting(api1, PolicyType.INGRESS)).as("selecting() is sorted by name too")
                    .extracting(NetworkPolicy::name).containsExactly("beta", "gamma", "mid", "zeta");
        }

        @Test
        @DisplayName("a policy added again with the same namespace and name replaces the old one")
        void replaceByName() {
            engine.addPolicy(allowWeb);
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("allow-web allows 5432").isTrue();
            engine.addPolicy(ingressPolicy("db", "allow-web", "app=api",
                    from(Peer.namespaces(sel("team=web")), PolicyPort.tcp(8443))));
            Judgement j = engine.ingress(tcp(FRONT_1, API_1, 5432));
            assertThat(j.selecting()).as("the new allow-web replaced the old one: still one policy")
                    .containsExactly("allow-web");
            assertThat(j.allowed()).as("the new allow-web allows 8443 only, no longer 5432").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 8443))).as("the new allow-web allows 8443").isTrue();
        }

        @Test
        @DisplayName("a policy of the same name in another namespace is another policy")
        void namesAreScopedByNamespace() {
            engine.addPolicy(ingressPolicy("db", "deny-all", ""));
            engine.addPolicy(ingressPolicy("web", "deny-all", ""));
            engine.removePolicy("web", "deny-all");
            assertThat(engine.ingress(tcp(CLIENT, API_1, 5432)).selecting())
                    .as("removing web/deny-all leaves db/deny-all").containsExactly("deny-all");
            assertThat(engine.ingress(tcp(CLIENT, FRONT_1, 8080)).selecting())
                    .as("front-1 is no longer isolated after web/deny-all went").isEmpty();
        }

        @Test
        @DisplayName("removing a policy takes away what it selected and what it allowed")
        void removeOne() {
            engine.addPolicy(denyAll);
            engine.addPolicy(allowWeb);
            engine.removePolicy("db", "allow-web");
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)))
                    .as("without allow-web only deny-all selects api-1, and it allows nothing")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("deny-all"), Optional.empty(),
                            tcp(FRONT_1, API_1, 5432)));
            engine.removePolicy("db", "deny-all");
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)).selecting())
                    .as("with no policy left api-1 is not isolated").isEmpty();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("so the connection passes again").isTrue();
        }
    }

    @Nested
    @DisplayName("peers: who may be at the other end")
    class Peers {

        /** api-1 isolated for ingress, allowing on any port from {@code peers}. */
        private void allowIntoApi(Peer... peers) {
            engine.addPolicy(ingressPolicy("db", "allow-peers", "app=api", rule(List.of(peers), List.of())));
        }

        @Test
        @DisplayName("a pod selector alone picks pods of the policy's own namespace only")
        void podSelectorOwnNamespace() {
            allowIntoApi(Peer.pods(sel("app=web")));
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432)))
                    .as("web-in-db (app=web) is in db, the policy's namespace: allowed").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432)))
                    .as("front-1 is app=web too but in namespace web: a bare podSelector does not reach it")
                    .isFalse();
            assertThat(ingressAllowed(tcp(PG_1, API_1, 5432))).as("pg-1 is in db but app=postgres").isFalse();
        }

        @Test
        @DisplayName("a namespace selector alone picks every pod of the matching namespaces, the own one included")
        void namespaceSelectorAlone() {
            allowIntoApi(Peer.namespaces(sel("team=web")));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("front-1 is in web (team=web)").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_2, API_1, 5432))).as("front-2 is in web too, whatever its labels")
                    .isTrue();
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432)))
                    .as("web-in-db is app=web but in db (team=data)").isFalse();
            assertThat(ingressAllowed(tcp(CLIENT, API_1, 5432))).as("client is in default, which has no team label")
                    .isFalse();

            engine.addPolicy(ingressPolicy("db", "from-data", "app=api", from(Peer.namespaces(sel("team=data")))));
            assertThat(ingressAllowed(tcp(PG_1, API_1, 5432)))
                    .as("a namespace selector matching the policy's own namespace picks its pods too").isTrue();
        }

        @Test
        @DisplayName("a namespace selector and a pod selector in one peer must both match (AND)")
        void bothInOnePeerIsAnd() {
            allowIntoApi(Peer.podsIn(sel("team=web"), sel("app=web")));
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 5432)).allowedBy())
                    .as("front-1: app=web in a team=web namespace").contains("allow-peers");
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432)))
                    .as("web-in-db has app=web but its namespace db is team=data: one peer needs both").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_2, API_1, 5432)))
                    .as("front-2 is in team=web but is app=admin: one peer needs both").isFalse();
        }

        @Test
        @DisplayName("the same two selectors as separate peers: either may match (OR)")
        void separatePeersAreOr() {
            allowIntoApi(Peer.namespaces(sel("team=web")), Peer.pods(sel("app=web")));
            assertThat(ingressAllowed(tcp(FRONT_2, API_1, 5432))).as("front-2 matches the namespace peer").isTrue();
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432))).as("web-in-db matches the pod peer").isTrue();
            assertThat(ingressAllowed(tcp(CLIENT, API_1, 5432))).as("client matches neither").isFalse();
            assertThat(ingressAllowed(tcp(PG_1, API_1, 5432))).as("pg-1 matches neither").isFalse();
        }

        @Test
        @DisplayName("every namespace carries kubernetes.io/metadata.name with its own name, and default exists")
        void metadataNameLabel() {
            assertThat(PolicyEngine.NAME_LABEL).isEqualTo("kubernetes.io/metadata.name");
            assertThat(engine.namespaceLabels("db")).as("db's labels: its own plus the name label")
                    .isEqualTo(Labels.of("team", "data", PolicyEngine.NAME_LABEL, "db"));
            assertThat(engine.namespaceLabels("default")).as("default exists from the start with only the name label")
                    .isEqualTo(Labels.of(PolicyEngine.NAME_LABEL, "default"));
            engine.setNamespace("ops", Labels.of(PolicyEngine.NAME_LABEL, "db", "team", "ops"));
            assertThat(engine.namespaceLabels("ops")).as("the API server overrides a given name label")
                    .isEqualTo(Labels.of(PolicyEngine.NAME_LABEL, "ops", "team", "ops"));
            engine.setNamespace("web", Labels.of("team", "frontend"));
            assertThat(engine.namespaceLabels("web")).as("setNamespace replaces the labels, and adds the name again")
                    .isEqualTo(Labels.of(PolicyEngine.NAME_LABEL, "web", "team", "frontend"));
        }

        @Test
        @DisplayName("a namespace selector can pick a namespace by name, default included")
        void selectByName() {
            allowIntoApi(Peer.namespaces(sel(PolicyEngine.NAME_LABEL + "=default")));
            assertThat(ingressAllowed(tcp(CLIENT, API_1, 5432))).as("client is in default").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("front-1 is in web").isFalse();
            engine.setNamespace("ops", Labels.of(PolicyEngine.NAME_LABEL, "default"));
            engine.setPod(pod("ops", "mon-1", "node-1", Labels.empty(), "10.244.1.9", Map.of()));
            assertThat(ingressAllowed(tcp("10.244.1.9", API_1, 5432)))
                    .as("ops was given the name label \"default\", but the API server sets it to ops").isFalse();
        }

        @Test
        @DisplayName("a namespace's new labels change which peers it matches")
        void relabelledNamespace() {
            allowIntoApi(Peer.namespaces(sel("team=web")));
            engine.setNamespace("default", Labels.of("team", "web"));
            assertThat(ingressAllowed(tcp(CLIENT, API_1, 5432))).as("default is team=web now").isTrue();
            engine.setNamespace("web", Labels.empty());
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("web lost its team label").isFalse();
        }

        @Test
        @DisplayName("an empty peer list matches every address, pods and the world outside")
        void emptyPeersMatchEverything() {
            engine.addPolicy(ingressPolicy("db", "postgres-port", "app=api",
                    rule(List.of(), List.of(PolicyPort.tcp(5432)))));
            for (String source : List.of(FRONT_1, CLIENT, PG_1, WEB_IN_DB, OUTSIDE, "10.244.1.250", "0.0.0.1")) {
                assertThat(engine.ingress(tcp(source, API_1, 5432)).allowedBy())
                        .as("from: [] allows %s on 5432", source).contains("postgres-port");
            }
            assertThat(ingressAllowed(tcp(OUTSIDE, API_1, 5431))).as("but only on the rule's port").isFalse();
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
            "203.0.112.255, false, one below the block",
            "203.0.113.0,   true,  the block's first address",
            "203.0.113.7,   true,  inside the block",
            "203.0.113.63,  true,  just below the exception",
            "203.0.113.64,  false, the exception's first address",
            "203.0.113.100, false, inside the exception",
            "203.0.113.127, false, the exception's last address",
            "203.0.113.128, true,  just above the exception",
            "203.0.113.255, true,  the block's last address",
            "203.0.114.0,   false, one above the block"
        })
        @DisplayName("an ipBlock 203.0.113.0/24 except 203.0.113.64/26 matches inside the block, outside the exception")
        void ipBlockBoundaries(String source, boolean allowed, String where) {
            allowIntoApi(block("203.0.113.0/24", "203.0.113.64/26"));
            assertThat(ingressAllowed(tcp(source, API_1, 5432)))
                    .as("ipBlock 203.0.113.0/24 except 203.0.113.64/26, source %s (%s)", source, where)
                    .isEqualTo(allowed);
        }

        @Test
        @DisplayName("an ipBlock with several exceptions leaves out each of them")
        void severalExceptions() {
            allowIntoApi(block("10.0.0.0/8", "10.244.1.0/24", "10.244.2.4/32"));
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432))).as("10.244.2.5 is in 10/8 and in no exception")
                    .isTrue();
            assertThat(ingressAllowed(tcp(PG_1, API_1, 5432))).as("10.244.2.4 is the /32 exception").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("10.244.1.2 is in the /24 exception").isFalse();
        }

        @Test
        @DisplayName("an ipBlock matches a pod's address too")
        void ipBlockMatchesPods() {
            allowIntoApi(block("10.244.1.0/24"));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("front-1's 10.244.1.2 is in 10.244.1.0/24")
                    .isTrue();
            assertThat(ingressAllowed(tcp(WEB_IN_DB, API_1, 5432))).as("10.244.2.5 is not").isFalse();
        }

        @Test
        @DisplayName("a pod peer never matches an address that is no pod's, even with empty selectors")
        void podPeerNeedsAPod() {
            allowIntoApi(Peer.namespaces(Selector.everything()), Peer.pods(Selector.everything()),
                    Peer.podsIn(Selector.everything(), Selector.everything()));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("every pod of every namespace matches").isTrue();
            assertThat(ingressAllowed(tcp(OUTSIDE, API_1, 5432))).as("203.0.113.7 is no pod: no pod peer matches it")
                    .isFalse();
            assertThat(ingressAllowed(tcp("10.244.1.250", API_1, 5432)))
                    .as("10.244.1.250 is in the pod range but no pod has it").isFalse();
            assertThat(ingressAllowed(tcp(NODE_1, API_1, 5432))).as("another node's address is no pod's either")
                    .isFalse();
        }

        @Test
        @DisplayName("egress peers are matched against the destination")
        void egressPeers() {
            engine.addPolicy(egressPolicy("web", "to-db", "app=web",
                    from(Peer.podsIn(sel("team=data"), sel("app in (api,postgres)"))),
                    from(block("203.0.113.0/24"))));
            assertThat(engine.egress(tcp(FRONT_1, API_1, 5432)).allowedBy()).as("api-1 is app=api in team=data")
                    .contains("to-db");
            assertThat(egressAllowed(tcp(FRONT_1, PG_1, 5433))).as("pg-1 is app=postgres in team=data").isTrue();
            assertThat(egressAllowed(tcp(FRONT_1, WEB_IN_DB, 80))).as("web-in-db is app=web").isFalse();
            assertThat(egressAllowed(tcp(FRONT_1, OUTSIDE, 443))).as("203.0.113.7 is in the ipBlock").isTrue();
            assertThat(egressAllowed(tcp(FRONT_1, "198.51.100.1", 443))).as("198.51.100.1 is not").isFalse();
            assertThat(egressAllowed(tcp(WEB_IN_DB, FRONT_1, 8080)))
                    .as("source is the judged pod for egress: web-in-db is in db, not selected").isTrue();
        }
    }

    @Nested
    @DisplayName("ports: which destination ports a rule opens")
    class Ports {

        private void allowIntoDb(PolicyPort... ports) {
            engine.addPolicy(ingressPolicy("db", "ports", "", rule(List.of(), List.of(ports))));
        }

        @Test
        @DisplayName("a port number matches that port only")
        void exactNumber() {
            allowIntoDb(PolicyPort.tcp(5432));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("TCP 5432 is the rule's port").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5431))).as("5431 is one below").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5433))).as("5433 is one above").isFalse();
        }

        @ParameterizedTest(name = "port {0}: {1}")
        @CsvSource({"31999, false", "32000, true", "32001, true", "32500, true", "32767, true", "32768, true",
            "32769, false"})
        @DisplayName("port 32000 with endPort 32768 is an inclusive range")
        void endPortRange(int port, boolean allowed) {
            allowIntoDb(range(32000, 32768));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, port)))
                    .as("port 32000, endPort 32768 includes both ends; connection to port %d", port)
                    .isEqualTo(allowed);
        }

        @Test
        @DisplayName("a range of one port (endPort equal to port) is that port")
        void singlePortRange() {
            allowIntoDb(range(8080, 8080));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 8080))).as("8080..8080 includes 8080").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 8081))).as("but not 8081").isFalse();
        }

        @Test
        @DisplayName("the protocol must be the same: a UDP rule does not open the TCP port")
        void protocolMismatch() {
            allowIntoDb(PolicyPort.udp(5432));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("UDP 5432 does not open TCP 5432").isFalse();
            assertThat(ingressAllowed(udp(FRONT_1, API_1, 5432))).as("UDP 5432 opens UDP 5432").isTrue();
        }

        @Test
        @DisplayName("an entry without a port opens every port of its protocol, and no other protocol")
        void portlessEntry() {
            allowIntoDb(every(Protocol.UDP));
            assertThat(ingressAllowed(udp(FRONT_1, API_1, 53))).as("UDP 53").isTrue();
            assertThat(ingressAllowed(udp(FRONT_1, API_1, 1))).as("UDP 1").isTrue();
            assertThat(ingressAllowed(udp(FRONT_1, API_1, 65535))).as("UDP 65535").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 53))).as("TCP 53 is another protocol").isFalse();
        }

        @Test
        @DisplayName("for ingress, a named port is looked up in the receiving pod's container ports")
        void namedPortIngress() {
            allowIntoDb(named(Protocol.TCP, "pg"));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432))).as("api-1's port pg is 5432").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5433))).as("api-1's pg is not 5433").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, PG_1, 5433))).as("pg-1's port pg is 5433").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, PG_1, 5432)))
                    .as("pg-1's pg is 5433, so 5432 is denied there even though api-1's pg is 5432").isFalse();
            assertThat(ingressAllowed(tcp(FRONT_1, WEB_IN_DB, 5432))).as("web-in-db has no port named pg")
                    .isFalse();
            assertThat(ingressAllowed(udp(FRONT_1, API_1, 5432))).as("the entry is TCP; the connection UDP")
                    .isFalse();
        }

        @Test
        @DisplayName("for ingress, a named port is not looked up in the sending pod")
        void namedPortIngressNotTheSource() {
            allowIntoDb(named(Protocol.TCP, "http"));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 8080)))
                    .as("front-1 has http=8080 but the receiver api-1 has no port named http").isFalse();
        }

        @Test
        @DisplayName("for egress, a named port is looked up in the destination pod, never a non-pod address")
        void namedPortEgress() {
            engine.addPolicy(egressPolicy("web", "named-out", "app=web", rule(List.of(),
                    List.of(named(Protocol.TCP, "pg"), named(Protocol.TCP, "http")))));
            assertThat(egressAllowed(tcp(FRONT_1, API_1, 5432))).as("the destination api-1's pg is 5432").isTrue();
            assertThat(egressAllowed(tcp(FRONT_1, PG_1, 5433))).as("the destination pg-1's pg is 5433").isTrue();
            assertThat(egressAllowed(tcp(FRONT_1, PG_1, 5432))).as("pg-1's pg is not 5432").isFalse();
            assertThat(egressAllowed(tcp(FRONT_1, API_1, 8080)))
                    .as("http=8080 is the sender front-1's port, not the destination's: denied").isFalse();
            assertThat(egressAllowed(tcp(FRONT_1, OUTSIDE, 5432)))
                    .as("203.0.113.7 is no pod, so no named port matches it").isFalse();
            assertThat(egressAllowed(tcp(FRONT_1, OUTSIDE, 8080))).as("not even the sender's own port name")
                    .isFalse();
        }

        @Test
        @DisplayName("an empty port list opens every port of every protocol")
        void emptyPortsEverything() {
            allowIntoDb();
            for (Connection c : List.of(tcp(FRONT_1, API_1, 1), tcp(FRONT_1, API_1, 65535), udp(FRONT_1, API_1, 53),
                    udp(OUTSIDE, PG_1, 9))) {
                assertThat(engine.ingress(c).allowedBy()).as("ports: [] allows %s", c).contains("ports");
            }
        }

        @Test
        @DisplayName("a rule needs a matching peer and a matching port, in the same rule")
        void peerAndPortInOneRule() {
            engine.addPolicy(ingressPolicy("db", "two-rules", "app=api",
                    from(Peer.namespaces(sel("team=web")), PolicyPort.tcp(80)),
                    from(Peer.pods(sel("app=postgres")), PolicyPort.tcp(5432))));
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 80))).as("front-1 on 80: first rule").isTrue();
            assertThat(ingressAllowed(tcp(PG_1, API_1, 5432))).as("pg-1 on 5432: second rule").isTrue();
            assertThat(ingressAllowed(tcp(FRONT_1, API_1, 5432)))
                    .as("front-1 matches the first rule's peer and 5432 the second rule's port: no rule has both")
                    .isFalse();
            assertThat(ingressAllowed(tcp(PG_1, API_1, 80))).as("nor pg-1 on 80").isFalse();
        }
    }

    @Nested
    @DisplayName("what is always allowed, even to an isolated pod")
    class AlwaysAllowed {

        @BeforeEach
        void isolateDb() {
            engine.addPolicy(denyBoth("db", "deny-all"));
        }

        @Test
        @DisplayName("a pod may always reach itself, at both ends")
        void self() {
            Connection c = tcp(API_1, API_1, 5432);
            assertThat(engine.ingress(c)).as("ingress of api-1 to itself, under default deny both ways")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("deny-all"),
                            Optional.of(PolicyEngine.SELF), c));
            assertThat(engine.egress(c)).as("egress of api-1 to itself")
                    .isEqualTo(new Judgement(PolicyType.EGRESS, "db/api-1", List.of("deny-all"),
                            Optional.of(PolicyEngine.SELF), c));
            assertThat(engine.allows(c)).as("a pod to itself").isTrue();
            assertThat(engine.allows(tcp(PG_1, API_1, 5432))).as("but another pod of db is denied").isFalse();
            assertThat(PolicyEngine.SELF).isEqualTo("a pod may always reach itself");
        }

        @Test
        @DisplayName("traffic between a pod and its own node's addresses passes, both ways")
        void ownNode() {
            for (String nodeAddress : List.of(NODE_2, NODE_2_BRIDGE)) {
                Connection in = tcp(nodeAddress, API_1, 8080);
                assertThat(engine.ingress(in)).as("the kubelet on node-2 (%s) probing api-1", nodeAddress)
                        .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("deny-all"),
                                Optional.of(PolicyEngine.OWN_NODE), in));
                Connection out = tcp(API_1, nodeAddress, 10250);
                assertThat(engine.egress(out).allowedBy()).as("api-1 connecting to its node at %s", nodeAddress)
                        .contains(PolicyEngine.OWN_NODE);
            }
            assertThat(PolicyEngine.OWN_NODE).isEqualTo("traffic between a pod and its own node is always allowed");
        }

        @Test
        @DisplayName("the always-allowed reason comes first, even when a policy's rules would allow it too")
        void alwaysAllowedReasonFirst() {
            engine.addPolicy(NetworkPolicy.of("db", "allow-all", Selector.everything(), List.of(PolicyRule.allowAll()),
                    List.of()));
            assertThat(engine.ingress(tcp(API_1, API_1, 5432)).allowedBy())
                    .as("allow-all admits api-1 to itself as well, but a pod's own traffic is allowed whatever the "
                            + "rules say, and that is the reason given").contains(PolicyEngine.SELF);
            assertThat(engine.ingress(tcp(NODE_2, API_1, 8080)).allowedBy())
                    .as("likewise node-2 probing its own pod: the reason is the own-node exemption, not allow-all")
                    .contains(PolicyEngine.OWN_NODE);
            assertThat(engine.ingress(tcp(PG_1, API_1, 5432)).allowedBy())
                    .as("another pod of db is let in by allow-all's rule, which is then the reason").contains("allow-all");
        }

        @Test
        @DisplayName("another node's addresses are not exempt")
        void otherNode() {
            assertThat(engine.ingress(tcp(NODE_1, API_1, 8080)))
                    .as("api-1 runs on node-2; node-1's 192.168.1.11 is just another address")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "db/api-1", List.of("deny-all"), Optional.empty(),
                            tcp(NODE_1, API_1, 8080)));
            assertThat(ingressAllowed(tcp(NODE_1_BRIDGE, API_1, 8080))).as("nor node-1's bridge 10.244.1.1")
                    .isFalse();
            assertThat(egressAllowed(tcp(API_1, NODE_1, 10250))).as("nor egress to node-1").isFalse();
        }

        @Test
        @DisplayName("setNode replaces a node's addresses")
        void setNodeReplaces() {
            engine.setNode("node-2", List.of(ip("192.168.1.99")));
            assertThat(engine.ingress(tcp("192.168.1.99", API_1, 8080)).allowedBy())
                    .as("node-2's new address").contains(PolicyEngine.OWN_NODE);
            assertThat(ingressAllowed(tcp(NODE_2, API_1, 8080))).as("192.168.1.12 is node-2's no longer")
                    .isFalse();
        }

        @Test
        @DisplayName("a pod no policy isolates gets no reason, even for traffic to itself or from its node")
        void noReasonWhenNotIsolated() {
            Connection self = tcp(FRONT_1, FRONT_1, 8080);
            assertThat(engine.ingress(self)).as("front-1 (not isolated) to itself")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "web/front-1", List.of(), Optional.empty(), self));
            Connection probe = tcp(NODE_1, FRONT_1, 8080);
            assertThat(engine.ingress(probe)).as("node-1 to front-1 (not isolated)")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "web/front-1", List.of(), Optional.empty(), probe));
        }
    }

    @Nested
    @DisplayName("the judgement names the pod, the policies and the connection")
    class Shape {

        @Test
        @DisplayName("an end that is no pod is judged with pod \"\", no policies and no reason")
        void nonPodEnd() {
            engine.addPolicy(denyBoth("db", "deny-all"));
            engine.addPolicy(denyBoth("default", "deny-all"));
            Connection in = tcp(OUTSIDE, API_1, 5432);
            assertThat(engine.egress(in)).as("egress of 203.0.113.7, which is no pod")
                    .isEqualTo(new Judgement(PolicyType.EGRESS, "", List.of(), Optional.empty(), in));
            Connection out = tcp(API_1, OUTSIDE, 443);
            assertThat(engine.ingress(out)).as("ingress of 203.0.113.7, which is no pod")
                    .isEqualTo(new Judgement(PolicyType.INGRESS, "", List.of(), Optional.empty(), out));
            assertThat(engine.ingress(tcp(API_1, "10.244.2.77", 80)).pod())
                    .as("10.244.2.77 is in node-2's pod range but no pod has it").isEmpty();
        }

        @Test
        @DisplayName("ingress judges the destination pod and egress the source pod, as namespace/name")
        void podNames() {
            Connection c = tcp(CLIENT, PG_1, 5433);
            assertThat(engine.ingress(c).pod()).as("the receiver of %s", c).isEqualTo("db/pg-1");
            assertThat(engine.egress(c).pod()).as("the sender of %s", c).isEqualTo("default/client");
            assertThat(engine.ingress(c).direction()).isEqualTo(PolicyType.INGRESS);
            assertThat(engine.egress(c).direction()).isEqualTo(PolicyType.EGRESS);
        }

        @Test
        @DisplayName("a denial describes the pod, the policies and the connection")
        void describeDenial() {
            engine.addPolicy(ingressPolicy("db", "deny-all", ""));
            engine.addPolicy(ingressPolicy("db", "allow-web", "app=api",
                    from(Peer.namespaces(sel("team=web")), PolicyPort.tcp(8080))));
            Judgement j = engine.ingress(tcp(FRONT_1, API_1, 5432));
            assertThat(j.describe()).as("the trace line of a denied connection")
                    .isEqualTo("ingress to db/api-1 denied: selected by 2 policies (allow-web, deny-all), none allows "
                            + "10.244.1.2 to 10.244.2.3:tcp/5432");
            assertThat(j.allowed()).isFalse();
            assertThat(engine.allows(tcp(FRONT_1, API_1, 5432))).as("one denying end denies the connection")
                    .isFalse();
        }

        @Test
        @DisplayName("allows needs both ends: the sender's egress and the receiver's ingress")
        void allowsNeedsBothEnds() {
            engine.addPolicy(egressPolicy("web", "web-out", "app=web", from(block("10.244.2.0/24"))));
            engine.addPolicy(ingressPolicy("db", "db-in", "", from(Peer.namespaces(sel("team=web")))));
            assertThat(engine.allows(tcp(FRONT_1, API_1, 5432))).as("front-1 may send there and api-1 may receive")
                    .isTrue();
            assertThat(engine.allows(tcp(FRONT_1, OUTSIDE, 443))).as("egress of front-1 denies 203.0.113.7")
                    .isFalse();
            assertThat(engine.allows(tcp(CLIENT, API_1, 5432))).as("ingress of api-1 denies client (default)")
                    .isFalse();
            assertThat(engine.egress(tcp(CLIENT, API_1, 5432)).allowed()).as("client's egress is open").isTrue();
        }
    }

    @Nested
    @DisplayName("bad input is rejected with an IllegalArgumentException naming it")
    class Errors {

        @Test
        @DisplayName("null arguments")
        void nulls() {
            Connection c = tcp(FRONT_1, API_1, 80);
            assertThatIllegalArgumentException().as("setNamespace(null, ...)")
                    .isThrownBy(() -> engine.setNamespace(null, Labels.empty()));
            assertThatIllegalArgumentException().as("setNamespace(..., null)")
                    .isThrownBy(() -> engine.setNamespace("ops", null));
            assertThatIllegalArgumentException().as("namespaceLabels(null)")
                    .isThrownBy(() -> engine.namespaceLabels(null));
            assertThatIllegalArgumentException().as("setNode(null, ...)")
                    .isThrownBy(() -> engine.setNode(null, List.of()));
            assertThatIllegalArgumentException().as("setNode(..., null)")
                    .isThrownBy(() -> engine.setNode("node-3", null));
            assertThatIllegalArgumentException().as("setNode with a null address")
                    .isThrownBy(() -> engine.setNode("node-3", java.util.Arrays.asList(ip(NODE_1), null)));
            assertThatIllegalArgumentException().as("setPod(null)").isThrownBy(() -> engine.setPod(null));
            assertThatIllegalArgumentException().as("removePod(null, ...)")
                    .isThrownBy(() -> engine.removePod(null, "api-1"));
            assertThatIllegalArgumentException().as("removePod(..., null)")
                    .isThrownBy(() -> engine.removePod("db", null));
            assertThatIllegalArgumentException().as("addPolicy(null)").isThrownBy(() -> engine.addPolicy(null));
            assertThatIllegalArgumentException().as("removePolicy(null, ...)")
                    .isThrownBy(() -> engine.removePolicy(null, "x"));
            assertThatIllegalArgumentException().as("removePolicy(..., null)")
                    .isThrownBy(() -> engine.removePolicy("db", null));
            assertThatIllegalArgumentException().as("selecting(null, ...)")
                    .isThrownBy(() -> engine.selecting(null, PolicyType.INGRESS));
            assertThatIllegalArgumentException().as("selecting(..., null)")
                    .isThrownBy(() -> engine.selecting(api1, null));
            assertThatIllegalArgumentException().as("ingress(null)").isThrownBy(() -> engine.ingress(null));
            assertThatIllegalArgumentException().as("egress(null)").isThrownBy(() -> engine.egress(null));
            assertThatIllegalArgumentException().as("allows(null)").isThrownBy(() -> engine.allows(null));
            assertThat(engine.allows(c)).as("the engine still works after rejecting bad input").isTrue();
        }

        @Test
        @DisplayName("malformed namespace and node names")
        void malformedNames() {
            assertThatIllegalArgumentException().as("a namespace is a lower-case RFC 1123 label")
                    .isThrownBy(() -> engine.setNamespace("Team_A", Labels.empty())).withMessageContaining("Team_A");
            assertThatIllegalArgumentException().as("a namespace name may not end with '-'")
                    .isThrownBy(() -> engine.setNamespace("ops-", Labels.empty())).withMessageContaining("ops-");
            assertThatIllegalArgumentException().as("an empty namespace name")
                    .isThrownBy(() -> engine.setNamespace("", Labels.empty()));
            assertThatIllegalArgumentException().as("a node name is a lower-case RFC 1123 label")
                    .isThrownBy(() -> engine.setNode("Node.1", List.of())).withMessageContaining("Node.1");
        }

        @Test
        @DisplayName("a pod or policy in a namespace that was never set, and labels of an unknown namespace")
        void unknownNamespace() {
            assertThatIllegalArgumentException().as("setPod in namespace nowhere")
                    .isThrownBy(() -> engine.setPod(pod("nowhere", "x", "node-1", Labels.empty(), "10.244.1.50",
                            Map.of())))
                    .withMessageContaining("nowhere");
            assertThatIllegalArgumentException().as("addPolicy in namespace nowhere")
                    .isThrownBy(() -> engine.addPolicy(ingressPolicy("nowhere", "deny-all", "")))
                    .withMessageContaining("nowhere");
            assertThatIllegalArgumentException().as("namespaceLabels of nowhere")
                    .isThrownBy(() -> engine.namespaceLabels("nowhere")).withMessageContaining("nowhere");
            assertThat(engine.ingress(tcp(FRONT_1, "10.244.1.50", 80)).pod())
                    .as("the rejected pod was not added").isEmpty();
        }

        @Test
        @DisplayName("a pod address another pod has")
        void duplicateAddress() {
            assertThatIllegalArgumentException().as("web/intruder wants api-1's address 10.244.2.3")
                    .isThrownBy(() -> engine.setPod(pod("web", "intruder", "node-2", Labels.empty(), API_1,
                            Map.of())))
                    .withMessageContaining(API_1);
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 80)).pod()).as("10.244.2.3 still belongs to api-1")
                    .isEqualTo("db/api-1");
            engine.setPod(pod("db", "api-1", "node-2", Labels.of("app", "api", "v", "2"), API_1, Map.of()));
            assertThat(engine.ingress(tcp(FRONT_1, API_1, 80)).pod())
                    .as("replacing api-1 with its own address is no conflict").isEqualTo("db/api-1");
        }

        @Test
        @DisplayName("removing a pod or policy that does not exist")
        void removeUnknown() {
            assertThatIllegalArgumentException().as("there is no pod db/ghost")
                    .isThrownBy(() -> engine.removePod("db", "ghost")).withMessageContaining("ghost");
            assertThatIllegalArgumentException().as("api-1 is in db, not in web")
                    .isThrownBy(() -> engine.removePod("web", "api-1")).withMessageContaining("api-1");
            assertThatIllegalArgumentException().as("there is no policy db/ghost")
                    .isThrownBy(() -> engine.removePolicy("db", "ghost")).withMessageContaining("ghost");
            engine.addPolicy(ingressPolicy("db", "deny-all", ""));
            assertThatIllegalArgumentException().as("deny-all is in db, not in web")
                    .isThrownBy(() -> engine.removePolicy("web", "deny-all")).withMessageContaining("deny-all");
            engine.removePolicy("db", "deny-all");
            assertThatIllegalArgumentException().as("deny-all was removed already")
                    .isThrownBy(() -> engine.removePolicy("db", "deny-all")).withMessageContaining("deny-all");
        }
    }
}
