package k8snet.scenario;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import k8snet.net.Delivery;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.transport.SocketAddress;

/**
 * Every scenario on the reference build: its deliveries end as its narrative says, through the hops that make
 * the figure. Not graded (tag {@code ungraded}): the scenarios are the kit's provided code, and they run only
 * in the reference and self-check builds.
 */
@Tag("ungraded")
@DisplayName("The scenarios, one per course figure, on the reference build")
@ExtendWith(ReferenceTraces.class)
class ScenariosTest {

    private static List<Step> run(String name) {
        return Scenarios.named(name).orElseThrow(() -> new AssertionError("no scenario " + name)).run(1);
    }

    private static Supplier<String> why(String remark, Step step) {
        return Explain.traced(remark + " (" + step.label() + ": " + step.outcome() + ")", step.delivery().trace());
    }

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @Nested
    @DisplayName("the registry")
    class Registry {

        @Test
        @DisplayName("lists figures 1 to 10 in order, under unique lower-case names")
        void figures() {
            assertThat(Scenarios.all()).extracting(Scenario::figure).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(Scenarios.names()).containsExactly("two-computers", "same-node", "host-gw", "vxlan",
                    "services", "load-balancing", "public-name", "ingress", "application", "node-crash");
            assertThat(Scenarios.names()).allMatch(n -> n.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("k8snet.scenario.ScenariosTest#scenarios")
        @DisplayName("each has a one-line title and narrative, and is found by its name")
        void texts(Scenario s) {
            assertThat(s.title()).isNotBlank().doesNotContain("\n");
            assertThat(s.narrative()).isNotBlank().doesNotContain("\n");
            assertThat(Scenarios.named(s.name())).map(Scenario::getClass).contains(s.getClass());
        }

        @Test
        @DisplayName("knows no scenario by a name it does not list")
        void unknown() {
            assertThat(Scenarios.named("figure-99")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("every scenario gives the same traces for the same seed, and at least one step")
    void deterministic(Scenario s) {
        List<Step> once = s.run(7);
        List<Step> again = s.run(7);
        assertThat(once).isNotEmpty();
        assertThat(again).extracting(Step::label).isEqualTo(once.stream().map(Step::label).toList());
        assertThat(again).extracting(step -> step.delivery().trace())
                .isEqualTo(once.stream().map(step -> step.delivery().trace()).toList());
    }

    @Test
    @DisplayName("two-computers: the laptop reaches nginx by name; port 5432 is refused by the server")
    void twoComputers() {
        List<Step> steps = run("two-computers");
        assertThat(steps).hasSize(2);
        assertThatDelivery(steps.get(0).delivery()).isDeliveredTo("nginx", "server").startsAt("laptop")
                .hasHop("dns", "web.example.com", "203.0.113.10").hasHop("route", "198.51.100.7", "203.0.113.10:80");
        assertThatDelivery(steps.get(1).delivery()).isConnectionRefused().endsAt("server")
                .hasHop("socket", "5432", "refused");
        assertThat(steps.get(1).outcome()).isEqualTo("connection to 203.0.113.10:5432 refused");
    }

    @Test
    @DisplayName("same-node: api-1 reaches web-1 over cni0 after ARP, and never leaves node-1; web-1 answers")
    void sameNode() {
        List<Step> steps = run("same-node");
        assertThat(steps).hasSize(2);
        Delivery request = steps.get(0).delivery();
        assertThatDelivery(request).isDeliveredTo("nginx", "web-1").neverVisits("node-2").neverVisits("router")
                .visitsInOrder("node-1/api-1", "node-1", "node-1/web-1")
                .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                        Action.BRIDGED, Action.DELIVERED)
                .hasHop("arp", "who has 10.244.1.2? tell 10.244.1.3");
        assertThat(steps.get(0).outcome()).isEqualTo("delivered to nginx on web-1");
        assertThatDelivery(steps.get(1).delivery()).isDeliveredTo("client", "api-1");
        assertThat(steps.get(1).outcome()).isEqualTo("delivered to the client's connection on api-1");
    }

    @Test
    @DisplayName("host-gw: web-2 reaches web-1 on node-1 by the agent's route via 192.168.1.11, without NAT")
    void hostGw() {
        List<Step> steps = run("host-gw");
        assertThat(steps).hasSize(2);
        Delivery request = steps.get(0).delivery();
        assertThatDelivery(request).isDeliveredTo("nginx", "web-1")
                .visitsInOrder("node-2/web-2", "node-2", "node-1", "node-1/web-1")
                .hasHop("route", "10.244.1.0/24 via 192.168.1.11", "host-gw").neverVisits("router");
        assertThat(assertThatDelivery(request).hops(Action.ENCAPSULATED)).as(why("host-gw wraps nothing",
                steps.get(0))).isEmpty();
        assertThat(assertThatDelivery(request).delivered().message().source().address())
                .as(why("no NAT: web-1 sees web-2's own address", steps.get(0))).hasToString("10.244.2.2");
        assertThatDelivery(steps.get(1).delivery()).isDeliveredTo("client", "web-2")
                .visitsInOrder("node-1/web-1", "node-1", "node-2", "node-2/web-2");
    }

    @Test
    @DisplayName("vxlan: node-2 wraps the packet for node-1 (UDP 8472, VNI 1), the router carries it, node-1 unwraps")
    void vxlan() {
        List<Step> steps = run("vxlan");
        assertThat(steps).hasSize(2);
        Delivery request = steps.get(0).delivery();
        assertThatDelivery(request).isDeliveredTo("nginx", "web-1")
                .visitsInOrder("node-2/web-2", "node-2", "router", "node-1", "node-1/web-1")
                .hasActionsInOrder(Action.SENT, Action.ENCAPSULATED, Action.DECAPSULATED, Action.DELIVERED);
        Hop wrap = assertThatDelivery(request).hop(Action.ENCAPSULATED);
        Headers.Tunnel tunnel = wrap.headers().orElseThrow().tunnel()
                .orElseThrow(() -> new AssertionError(why("the wrapped packet has an outer header", steps.get(0))));
        assertThat(wrap.place().host()).isEqualTo("node-2");
        assertThat(tunnel.source()).hasToString("192.168.2.12");
        assertThat(tunnel.destination()).hasToString("192.168.1.11");
        assertThat(tunnel.port()).isEqualTo(8472);
        assertThat(tunnel.vni()).isEqualTo(1);
        assertThat(assertThatDelivery(request).hop(Action.DECAPSULATED).place().host()).isEqualTo("node-1");
        assertThatDelivery(steps.get(1).delivery()).isDeliveredTo("client", "web-2")
                .hasActionsInOrder(Action.ENCAPSULATED, Action.DECAPSULATED, Action.DELIVERED);
    }

    @Test
    @DisplayName("services: DNAT to web-1 on the client's node, the reply from the ClusterIP, the next packet by conntrack")
    void services() {
        List<Step> steps = run("services");
        assertThat(steps).hasSize(3);
        Delivery request = steps.get(0).delivery();
        Hop sent = assertThatDelivery(request).hop(Action.SENT);
        SocketAddress clusterIp = sent.headers().orElseThrow().destination();
        assertThat(clusterIp.address().toString()).as(why("the client sends to a ClusterIP", steps.get(0)))
                .startsWith("10.96.");
        assertThatDelivery(request).isDeliveredTo("nginx", "web-1")
                .hasActionsInOrder(Action.SENT, Action.BALANCED, Action.DNAT, Action.CONNTRACK, Action.DELIVERED);
        Hop dnat = assertThatDelivery(request).hop(Action.DNAT);
        assertThat(dnat.place().host()).as(why("kube-proxy rewrites on the client's node", steps.get(0)))
                .isEqualTo("node-1");
        assertThat(dnat.headers().orElseThrow().destination()).isEqualTo(SocketAddress.of("10.244.1.2", 8080));
        assertThat(assertThatDelivery(request).delivered().message().source().address())
                .as(why("no SNAT for pod-to-Service traffic", steps.get(0))).hasToString("10.244.0.2");

        Delivery reply = steps.get(1).delivery();
        assertThatDelivery(reply).isDeliveredTo("client", "client").hasActionsInOrder(Action.CONNTRACK, Action.SNAT);
        assertThat(assertThatDelivery(reply).hop(Action.SNAT).place().host()).isEqualTo("node-1");
        assertThat(assertThatDelivery(reply).delivered().message().source())
                .as(why("the reply comes from the ClusterIP the client sent to", steps.get(1))).isEqualTo(clusterIp);

        Delivery next = steps.get(2).delivery();
        assertThatDelivery(next).isDeliveredTo("nginx", "web-1").hasActionsInOrder(Action.CONNTRACK, Action.DNAT);
        assertThat(assertThatDelivery(next).hops(Action.BALANCED)).as(why("a tracked flow is not balanced again",
                steps.get(2))).isEmpty();
        assertThat(assertThatDelivery(next).hop(Action.SENT).headers().orElseThrow().source())
                .as("the same flow: the same source port").isEqualTo(sent.headers().orElseThrow().source());
    }

    @Test
    @DisplayName("load-balancing: each connection goes to the replica kube-proxy picked, a new flow each time")
    void loadBalancing() {
        List<Step> steps = run("load-balancing");
        assertThat(steps).hasSize(ServiceReplicas.CONNECTIONS);
        Set<SocketAddress> sources = new HashSet<>();
        for (Step step : steps) {
            Delivery d = step.delivery();
            String pod = assertThatDelivery(d).delivered().host().name();
            assertThat(pod).as(why("a replica of Service api takes it", step)).isIn("api-1", "api-2", "api-3");
            assertThatDelivery(d).hasActionsInOrder(Action.BALANCED, Action.DNAT, Action.CONNTRACK, Action.DELIVERED);
            assertThat(assertThatDelivery(d).hop(Action.BALANCED).decision())
                    .as(why("the pod that took it is the one kube-proxy picked", step)).contains("picked " + pod + " ");
            assertThat(step.label()).endsWith("taken by " + pod);
            sources.add(assertThatDelivery(d).hop(Action.SENT).headers().orElseThrow().source());
        }
        assertThat(sources).as("every connection is a new flow, from a new source port")
                .hasSize(ServiceReplicas.CONNECTIONS);
    }

    @Test
    @DisplayName("load-balancing: over seeds 1 to 10 every replica gets connections")
    void loadBalancingSeeds() {
        Set<String> picked = new HashSet<>();
        Scenario s = Scenarios.named("load-balancing").orElseThrow();
        for (long seed = 1; seed <= 10; seed++) {
            for (Step step : s.run(seed)) {
                picked.add(assertThatDelivery(step.delivery()).delivered().host().name());
            }
        }
        assertThat(picked).containsExactlyInAnyOrder("api-1", "api-2", "api-3");
    }

    @Test
    @DisplayName("public-name: DNS, the load balancer's DNAT to a NodePort, kube-proxy's DNAT and masquerade; the reply from the public address")
    void publicName() {
        List<Step> steps = run("public-name");
        assertThat(steps).hasSize(2);
        Delivery request = steps.get(0).delivery();
        assertThat(request.trace().hops().get(0).action()).isEqualTo(Action.RESOLVED);
        assertThatDelivery(request).startsAt("laptop").hasHop("dns", "shop.example.com", "203.0.113.10")
                .visitsInOrder("laptop", "router")
                .hasActionsInOrder(Action.RESOLVED, Action.SENT, Action.BALANCED, Action.DNAT, Action.BALANCED,
                        Action.DNAT, Action.SNAT, Action.CONNTRACK, Action.DELIVERED);
        String pod = assertThatDelivery(request).delivered().host().name();
        assertThat(pod).isIn("web-1", "web-2");
        assertThat(steps.get(0).outcome()).isEqualTo("delivered to nginx on " + pod);
        Hop lb = assertThatDelivery(request).hop(Action.DNAT);
        assertThat(lb.component()).isEqualTo("lb");
        assertThat(lb.place().host()).isEqualTo("router");
        assertThat(lb.headers().orElseThrow().destination().port().number())
                .as(why("the load balancer sends to a NodePort", steps.get(0))).isBetween(30000, 32767);
        Hop masquerade = assertThatDelivery(request).hop(Action.SNAT);
        assertThat(masquerade.component()).isEqualTo("kube-proxy");
        assertThat(masquerade.headers().orElseThrow().source().address().toString())
                .as(why("externalTrafficPolicy: Cluster masquerades to the node's address", steps.get(0)))
                .startsWith("192.168.1.");

        Delivery reply = steps.get(1).delivery();
        assertThatDelivery(reply).isDeliveredTo("client", "laptop").visitsInOrder("router", "laptop");
        assertThat(assertThatDelivery(reply).delivered().message().source()).isEqualTo(SocketAddress.of("203.0.113.10", 80));
        assertThat(reply.trace().hops()).as(why("the load balancer rewrites the reply's source", steps.get(1)))
                .anyMatch(h -> h.component().equals("lb") && h.action() == Action.SNAT);
    }

    @Test
    @DisplayName("ingress: to the controller, proxied by path to Service api, api-1 finds db by name, the laptop gets the answer")
    void ingress() {
        List<Step> steps = run("ingress");
        assertThat(steps).hasSize(4);
        assertThatDelivery(steps.get(0).delivery()).isDeliveredTo("nginx", "ingress-1")
                .hasHop("dns", "shop.example.com", "203.0.113.10").hasActionsInOrder(Action.BALANCED, Action.DNAT);

        Step proxied = steps.get(1);
        assertThat(proxied.label()).contains("path /api (Prefix)").contains("Service api:8080");
        Delivery second = proxied.delivery();
        assertThatDelivery(second).isDeliveredTo("api", "api-1").startsAt("node-1")
                .hasActionsInOrder(Action.SENT, Action.BALANCED, Action.DNAT, Action.DELIVERED);
        assertThat(assertThatDelivery(second).delivered().message().source().address())
                .as(why("a proxy, not a NAT: api-1 sees the controller pod's address", proxied))
                .hasToString("10.244.0.2");

        Step byName = steps.get(2);
        Hop query = byName.delivery().trace().hops().get(0);
        assertThat(query.component()).isEqualTo("dns");
        assertThat(query.action()).isEqualTo(Action.RESOLVED);
        assertThat(query.decision()).as(why("the first search domain finds db", byName))
                .startsWith("query db.default.svc.cluster.local: [10.96.");
        assertThatDelivery(byName.delivery()).isDeliveredTo("postgres", "db-1");

        assertThatDelivery(steps.get(3).delivery()).isDeliveredTo("client", "laptop");
        assertThat(assertThatDelivery(steps.get(3).delivery()).delivered().message().source())
                .isEqualTo(SocketAddress.of("203.0.113.10", 80));
    }

    @Test
    @DisplayName("the seeded scenarios name, in their labels, the pod that took each connection")
    void labelsNamePods() {
        Pattern taken = Pattern.compile("taken by (api-\\d)$");
        for (Step step : run("load-balancing")) {
            Matcher m = taken.matcher(step.label());
            assertThat(m.find()).as(step.label()).isTrue();
            assertThat(((Delivery.Delivered) step.delivery()).host().name()).isEqualTo(m.group(1));
        }
        assertThat(run("public-name").get(1).label())
                .isEqualTo("reply: " + ((Delivery.Delivered) run("public-name").get(0).delivery()).host().name()
                        + " answers the laptop");
    }

    @Test
    @DisplayName("application: the laptop reaches a frontend, which finds api by name, which finds db by name and "
            + "calls payments in the other cluster by its public name; every reply returns")
    void application() {
        List<Step> steps = run("application");
        assertThat(steps).hasSize(8);
        for (int i = 1; i < 8; i += 2) {
            assertThatDelivery(steps.get(i).delivery()).isDeliveredTo("client",
                    steps.get(i - 1).delivery().trace().hops().stream().filter(h -> h.action() == Action.SENT)
                            .findFirst().orElseThrow().place().namespace().isEmpty()
                            ? "laptop"
                            : steps.get(i - 1).delivery().trace().hops().stream()
                                    .filter(h -> h.action() == Action.SENT).findFirst().orElseThrow().place()
                                    .namespace());
        }
        assertThatDelivery(steps.get(0).delivery()).hasHop("dns", "shop.example.com", "203.0.113.10")
                .visitsInOrder("laptop", "shop-router");
        assertThat(assertThatDelivery(steps.get(0).delivery()).delivered().host().name()).startsWith("frontend-");
        assertThatDelivery(steps.get(2).delivery()).hasHop("dns", "api.default.svc.cluster.local")
                .hasActionsInOrder(Action.RESOLVED, Action.SENT, Action.BALANCED, Action.DNAT, Action.DELIVERED);
        assertThat(assertThatDelivery(steps.get(2).delivery()).delivered().host().name()).startsWith("api-");
        assertThatDelivery(steps.get(4).delivery()).hasHop("dns", "db.default.svc.cluster.local");
        assertThat(assertThatDelivery(steps.get(4).delivery()).delivered().host().name()).startsWith("db-");
        Delivery pay = steps.get(6).delivery();
        assertThatDelivery(pay).isDeliveredTo("payments-api", assertThatDelivery(pay).delivered().host().name())
                .visitsInOrder("shop-router", "internet", "partner-router")
                .hasActionsInOrder(Action.RESOLVED, Action.SENT, Action.SNAT, Action.BALANCED, Action.DNAT,
                        Action.DELIVERED);
        assertThat(assertThatDelivery(pay).hop(Action.SNAT).component())
                .as(why("the api pod's packet leaves its cluster masqueraded", steps.get(6))).isEqualTo("masquerade");
        assertThatDelivery(steps.get(7).delivery()).visitsInOrder("partner-router", "internet", "shop-router");
    }

    @Test
    @DisplayName("node-crash: the open connection is lost, later ones reach live pods, replacements answer by name")
    void nodeCrash() {
        List<Step> steps = run("node-crash");
        assertThat(steps).hasSize(7);
        assertThatDelivery(steps.get(0).delivery()).hasHop("dns", "shop.example.com");
        String victim = steps.get(0).delivery().trace().last().place().host();
        assertThat(steps.get(1).label()).contains(victim + " crashed");
        assertThatDelivery(steps.get(1).delivery()).isDroppedBy(Action.DROPPED)
                .hasHop("link", victim + " is down");
        Step afterNotReady = steps.get(3);
        assertThat(afterNotReady.delivery().trace().last().place().host())
                .as(why("after NotReady only live nodes' pods are endpoints", afterNotReady)).isNotEqualTo(victim);
        assertThatDelivery(afterNotReady.delivery()).delivered();
        assertThatDelivery(steps.get(4).delivery()).hasHop("dns", "api.default.svc.cluster.local");
        assertThat(assertThatDelivery(steps.get(4).delivery()).delivered().host().name()).startsWith("api-");
        assertThat(steps.get(4).delivery().trace().hops().get(0).place().host())
                .as(why("the replacement runs on a live node", steps.get(4))).isNotEqualTo(victim);
        assertThatDelivery(steps.get(5).delivery()).delivered();
        assertThatDelivery(steps.get(6).delivery()).isDeliveredTo("client", "laptop");
        assertThat(run("node-crash")).extracting(Step::label)
                .as("the same seed gives the same story").isEqualTo(steps.stream().map(Step::label).toList());
    }
}
