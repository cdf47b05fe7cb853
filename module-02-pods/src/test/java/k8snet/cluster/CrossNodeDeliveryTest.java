package k8snet.cluster;

import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.deliveries;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.net.Delivery;
import k8snet.routing.HostGwAgent;
import k8snet.routing.Route;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("Exercise 2.5: a pod reaches a pod on another node (host-gw)")
@ExtendWith(ReferenceTraces.class)
class CrossNodeDeliveryTest {

    private PodNetwork net;
    private Node node1;
    private Node node2;
    private Pod web;
    private Pod db;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Route hostGw(String podCidr, String gateway) {
        return Route.via(Cidr.parse(podCidr), ip(gateway), "eth0", Route.Origin.HOST_GW);
    }

    /** A remark followed by the packet's trace, for assertions on single hops. */
    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    private static List<Route> hostGwRoutes(Node node) {
        return node.root().routes().routes().stream().filter(r -> r.origin() == Route.Origin.HOST_GW).toList();
    }

    /** The hops that happened in a node's root namespace (not in one of its pods). */
    private static List<Hop> rootHops(Delivery d, String node, Action action) {
        return d.trace().hops().stream()
                .filter(h -> h.action() == action && h.place().host().equals(node) && h.place().namespace().isEmpty())
                .toList();
    }

    /**
     * node-1 (192.168.1.11/24, pods 10.244.0.0/24) runs web-1 (10.244.0.2, nginx on 80); node-2 (192.168.1.12/24,
     * pods 10.244.1.0/24) runs db-1 (10.244.1.2, postgres on 5432). Both on one subnet: host-gw's case.
     */
    @BeforeEach
    void setUp() {
        net = PodNetwork.builder().build();
        node1 = net.addNode("node-1", "192.168.1.11/24");
        node2 = net.addNode("node-2", "192.168.1.12/24");
        web = net.addPod("web-1", node1);
        db = net.addPod("db-1", node2);
        web.listen("nginx", Protocol.TCP, Port.of(80));
        db.listen("postgres", Protocol.TCP, Port.of(5432));
    }

    @Nested
    @DisplayName("a pod on node-1 sending to a pod on node-2")
    class AcrossNodes {

        @Test
        @DisplayName("is delivered through both nodes, every hop in order")
        void wholeWalk() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d)
                    .isDeliveredTo("postgres", "db-1")
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.BRIDGED,
                            Action.DELIVERED)
                    .visitsInOrder("node-1/web-1", "node-1", "node-2", "node-2/db-1")
                    .startsAt("node-1")
                    .endsAt("node-2");
        }

        @Test
        @DisplayName("leaves node-1 by its host-gw route via node-2's address, straight to node-2")
        void takesTheHostGwRoute() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1");
            List<Hop> routed = rootHops(d, "node-1", Action.ROUTED);
            assertThat(routed)
                    .as(why("node-1's root namespace decides once for 10.244.1.2", d))
                    .hasSize(1);
            Hop route = routed.get(0);
            assertThat(route.place()).as(why("node-1 sends node-2's pod traffic out of its eth0", d))
                    .isEqualTo(Place.host("node-1").device("eth0"));
            assertThat(route.decision())
                    .as(why("node-1 must choose the host-gw route 10.244.1.0/24 via 192.168.1.12, not the default route", d))
                    .contains("192.168.1.12")
                    .contains("host-gw")
                    .doesNotContain("192.168.1.254");
            List<Hop> forwarded = rootHops(d, "node-1", Action.FORWARDED);
            assertThat(forwarded).as(why("node-1 puts the packet on the wire once", d)).hasSize(1);
            assertThat(forwarded.get(0).to())
                    .as(why("the frame goes over the shared subnet to node-2's eth0, with no router in between", d))
                    .contains(Place.host("node-2").device("eth0"));
            assertThatDelivery(d).neverVisits("router");
        }

        @Test
        @DisplayName("keeps the pod addresses in its headers at every hop: no NAT between pods")
        void headersUnchanged() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1");
            for (Hop hop : d.trace().hops()) {
                Headers h = hop.headers().orElseThrow(() -> new AssertionError("hop without headers: " + hop));
                assertThat(h.source().address())
                        .as(why("at '" + hop + "' the source must still be web-1's own address 10.244.0.2", d))
                        .isEqualTo(ip("10.244.0.2"));
                assertThat(h.destination())
                        .as(why("at '" + hop + "' the destination must still be db-1's 10.244.1.2:5432", d))
                        .isEqualTo(SocketAddress.of("10.244.1.2", 5432));
                assertThat(h.tunnel()).as(why("at '" + hop + "': host-gw sends plain packets, no tunnel", d)).isEmpty();
                assertThat(h.protocol()).isEqualTo(Protocol.TCP);
            }
            assertThat(d.trace().hops().stream().map(hop -> hop.headers().orElseThrow().source().port()).distinct())
                    .as("the source port is chosen once, at the sender").hasSize(1);
        }

        @Test
        @DisplayName("a second time, finds every next hop in the neighbour caches")
        void secondSendUsesCaches() {
            net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(net.send(web, "10.244.1.2:5432", "SELECT 2"))
                    .isDeliveredTo("postgres", "db-1")
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_CACHED, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.ARP_CACHED, Action.FORWARDED,
                            Action.ROUTED, Action.ARP_CACHED, Action.BRIDGED,
                            Action.DELIVERED);
        }

        @Test
        @DisplayName("can be answered: db-1 reaches web-1 by node-2's route via node-1")
        void answerTravelsBack() {
            Delivery d = net.send(db, "10.244.0.2:80", "200 OK");
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "web-1")
                    .visitsInOrder("node-2/db-1", "node-2", "node-1", "node-1/web-1")
                    .hasActionsInOrder(Action.SENT, Action.BRIDGED, Action.ROUTED, Action.FORWARDED, Action.ROUTED,
                            Action.BRIDGED, Action.DELIVERED)
                    .neverVisits("router");
            List<Hop> routed = rootHops(d, "node-2", Action.ROUTED);
            assertThat(routed).as(why("node-2's root namespace decides once for 10.244.0.2", d)).hasSize(1);
            assertThat(routed.get(0).decision())
                    .as(why("node-2 must route web-1's block 10.244.0.0/24 via node-1's 192.168.1.11 (host-gw)", d))
                    .contains("192.168.1.11").contains("host-gw");
            Headers h = d.trace().last().headers().orElseThrow();
            assertThat(h.source().address()).as("web-1 sees db-1's own address").isEqualTo(ip("10.244.1.2"));
            assertThat(h.destination()).isEqualTo(SocketAddress.of("10.244.0.2", 80));
        }
    }

    @Nested
    @DisplayName("the nodes' routing tables")
    class Tables {

        @Test
        @DisplayName("hold one host-gw route per other node once both joined")
        void oneRoutePerOtherNode() {
            assertThat(hostGwRoutes(node1))
                    .as("node-1 must reach node-2's pods via node-2")
                    .containsExactly(hostGw("10.244.1.0/24", "192.168.1.12"));
            assertThat(hostGwRoutes(node2))
                    .as("node-2, which joined later, must learn node-1's block too")
                    .containsExactly(hostGw("10.244.0.0/24", "192.168.1.11"));
            assertThat(node1.root().routes().get(Cidr.parse("10.244.0.0/24")))
                    .as("node-1's own block stays the connected route on its bridge")
                    .contains(Route.connected(Cidr.parse("10.244.0.0/24"), "cni0"));
            assertThat(((HostGwAgent) node1.agent()).problems()).isEmpty();
        }

        @Test
        @DisplayName("grow as nodes join later, in both directions")
        void laterNodes() {
            Node node3 = net.addNode("node-3", "192.168.1.13/24");
            assertThat(hostGwRoutes(node1)).as("node-1 hears of node-3 after it joins")
                    .containsExactlyInAnyOrder(hostGw("10.244.1.0/24", "192.168.1.12"),
                            hostGw("10.244.2.0/24", "192.168.1.13"));
            assertThat(hostGwRoutes(node2)).as("node-2 hears of node-3 after it joins")
                    .containsExactlyInAnyOrder(hostGw("10.244.0.0/24", "192.168.1.11"),
                            hostGw("10.244.2.0/24", "192.168.1.13"));
            assertThat(hostGwRoutes(node3)).as("node-3 learns the nodes that were there before it")
                    .containsExactlyInAnyOrder(hostGw("10.244.0.0/24", "192.168.1.11"),
                            hostGw("10.244.1.0/24", "192.168.1.12"));

            Pod cache = net.addPod("cache-1", node3);
            cache.listen("redis", Protocol.TCP, Port.of(6379));
            assertThatDelivery(net.send(web, "10.244.2.2:6379", "PING"))
                    .isDeliveredTo("redis", "cache-1")
                    .visitsInOrder("node-1/web-1", "node-1", "node-3", "node-3/cache-1")
                    .neverVisits("node-2");
            assertThatDelivery(net.send(cache, "10.244.1.2:5432", "SELECT 1"))
                    .as("the newest node reaches an older node's pod")
                    .isDeliveredTo("postgres", "db-1")
                    .visitsInOrder("node-3/cache-1", "node-3", "node-2", "node-2/db-1");
        }
    }

    @Nested
    @DisplayName("after node-2 leaves")
    class NodeLeaves {

        @Test
        @DisplayName("node-1 has no route to its old block, so a packet for its old pod dies at the router")
        void oldPodUnreachable() {
            net.removeNode("node-2");
            assertThat(hostGwRoutes(node1)).as("node-2 is gone: node-1 must drop its host-gw route via 192.168.1.12")
                    .isEmpty();

            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d)
                    .isDroppedBy(Action.NO_ROUTE)
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.NO_ROUTE)
                    .endsAt("router")
                    .neverVisits("node-2");
            Hop route = rootHops(d, "node-1", Action.ROUTED).get(0);
            assertThat(route.decision())
                    .as(why("without the host-gw route, 10.244.1.2 takes node-1's default route via the router", d))
                    .contains("192.168.1.254")
                    .doesNotContain("host-gw");
            assertThat(rootHops(d, "node-1", Action.FORWARDED).get(0).to())
                    .as(why("node-1 hands the packet to the node network's router", d)).contains(Place.host("router"));
            assertThat(d.trace().last().place()).as(why("the router knows no pod addresses", d))
                    .isEqualTo(Place.host("router"));
        }

        @Test
        @DisplayName("the other nodes keep their routes to each other")
        void othersKeepTheirRoutes() {
            Node node3 = net.addNode("node-3", "192.168.1.13/24");
            net.removeNode("node-2");
            assertThat(hostGwRoutes(node1)).containsExactly(hostGw("10.244.2.0/24", "192.168.1.13"));
            assertThat(hostGwRoutes(node3)).containsExactly(hostGw("10.244.0.0/24", "192.168.1.11"));
        }
    }

    @Nested
    @DisplayName("a node on another subnet")
    class OtherSubnet {

        @Test
        @DisplayName("is unreachable by host-gw: the packet dies at the router, and the agents report it")
        void unreachable() {
            Node node3 = net.addNode("node-3", "192.168.2.13/24");
            Pod far = net.addPod("far-1", node3);
            far.listen("nginx", Protocol.TCP, Port.of(80));

            assertThat(hostGwRoutes(node1))
                    .as("192.168.2.13 is not on node-1's subnet, so node-1 cannot use it as a gateway")
                    .containsExactly(hostGw("10.244.1.0/24", "192.168.1.12"));
            assertThat(hostGwRoutes(node3)).as("node-3 is alone on 192.168.2.0/24: no host-gw route at all")
                    .isEmpty();

            List<String> problems = ((HostGwAgent) node1.agent()).problems();
            assertThat(problems).as("node-1's agent must report that it cannot route node-3").hasSize(1);
            assertThat(problems.get(0)).contains("node-3").contains("192.168.1.0/24").contains("192.168.2.0/24");
            assertThat(((HostGwAgent) node3.agent()).problems())
                    .as("node-3's agent cannot route node-1 nor node-2").hasSize(2);
            assertThat(((HostGwAgent) node2.agent()).problems()).hasSize(1);

            Delivery d = net.send(web, "10.244.2.2:80", "GET /");
            assertThatDelivery(d)
                    .isDroppedBy(Action.NO_ROUTE)
                    .endsAt("router")
                    .neverVisits("node-3");
            assertThat(rootHops(d, "node-1", Action.ROUTED).get(0).decision())
                    .as(why("node-1 has only its default route for node-3's pods", d)).contains("192.168.1.254");
        }
    }

    @Nested
    @DisplayName("with a hook in the root namespaces (where module 3's kube-proxy will act)")
    class Hooks {

        @Test
        @DisplayName("a rewrite of the destination at the sending node is a DNAT hop, and the packet follows it")
        void rewriteIsFollowed() {
            Pod api = net.addPod("api-1", node2);
            api.listen("api", Protocol.TCP, Port.of(8080));
            SocketAddress virtual = SocketAddress.of("10.96.0.10", 80);
            List<String> seenAt = new java.util.ArrayList<>();
            net.addHook((node, headers) -> {
                seenAt.add(node.name());
                if (!headers.destination().equals(virtual)) {
                    return PacketHook.Verdict.pass();
                }
                Headers rewritten = headers.withDestination(new SocketAddress(api.ip(), Port.of(8080)));
                return PacketHook.Verdict.pass(new PacketHook.Step("kube-proxy", Action.DNAT,
                        "DNAT " + virtual + " -> " + api.ip() + ":8080", rewritten));
            });

            Delivery d = net.send(web, "10.96.0.10:80", "GET /");

            assertThatDelivery(d).isDeliveredTo("api", "api-1")
                    .hasActionsInOrder(Action.SENT, Action.BRIDGED, Action.DNAT, Action.ROUTED, Action.FORWARDED,
                            Action.DELIVERED)
                    .visitsInOrder("node-1/web-1", "node-1", "node-2", "node-2/api-1");
            Hop dnat = assertThatDelivery(d).hop(Action.DNAT);
            assertThat(dnat.place()).as("the rewrite happens in node-1's root namespace").isEqualTo(Place.host("node-1"));
            assertThat(dnat.headers().orElseThrow().destination()).as("after DNAT the packet is for api-1:8080")
                    .isEqualTo(new SocketAddress(api.ip(), Port.of(8080)));
            assertThat(seenAt).as("the hook runs once in each root namespace the packet enters, in order")
                    .containsExactly("node-1", "node-2");
        }

        @Test
        @DisplayName("a hook that rejects ends the send as connection refused at the node")
        void rejectIsRefused() {
            net.addHook((node, headers) -> new PacketHook.Verdict.Stop(List.of(new PacketHook.Step("kube-proxy",
                    Action.REFUSED, "no endpoints for " + headers.destination() + ": REJECT", headers))));

            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");

            assertThatDelivery(d).isConnectionRefused().endsAt("node-1").neverVisits("node-2");
            assertThat(d.endedBy()).as("the last hop is the hook's reject").isEqualTo(Action.REFUSED);
        }
    }

    @Nested
    @DisplayName("in random clusters (property)")
    class RandomClusters {

        private static final long SEED = 0x2_5000_0002L;

        @Test
        @DisplayName("every send between two pods is delivered along a connected path, without NAT")
        void everySendIsAConnectedPath() {
            deliveries(SEED).withExamples(60)
                    .forAll(named("nodes", org.quicktheories.generators.SourceDSL.integers().between(2, 5)),
                            named("pods per node", org.quicktheories.generators.SourceDSL.integers().between(1, 3)),
                            named("sends (each picks a sender and a receiver)", org.quicktheories.generators.SourceDSL
                                    .lists().of(org.quicktheories.generators.SourceDSL.integers().between(0, 10_000))
                                    .ofSizeBetween(1, 8)))
                    .checkAssert((nodes, podsPerNode, picks) -> {
                        PodNetwork cluster = PodNetwork.builder().build();
                        List<Pod> all = new java.util.ArrayList<>();
                        for (int n = 0; n < nodes; n++) {
                            Node node = cluster.addNode("n" + n, "192.168.1." + (10 + n) + "/24");
                            for (int p = 0; p < podsPerNode; p++) {
                                Pod pod = cluster.addPod("p" + n + "-" + p, node);
                                pod.listen("app", Protocol.TCP, Port.of(80));
                                all.add(pod);
                            }
                        }
                        for (int pick : picks) {
                            Pod from = all.get(pick % all.size());
                            Pod to = all.get((pick / all.size()) % all.size());
                            Delivery d = cluster.send(from, to.ip() + ":80", "ping");
                            String what = String.format("%d nodes x %d pods, %s -> %s (seed %d)", nodes,
                                    podsPerNode, from.name(), to.name(), SEED);
                            assertThatDelivery(d).as(what).isDeliveredTo("app", to.name());
                            List<Hop> hops = d.trace().hops();
                            assertThat(hops.get(0).place()).as("the trace starts in the sender's namespace: " + what)
                                    .isEqualTo(from.namespace().place());
                            assertThat(d.trace().last().place().namespace())
                                    .as("it ends in the receiver's namespace: " + what).isEqualTo(to.name());
                            for (int i = 1; i < hops.size(); i++) {
                                Place left = hops.get(i - 1).to().orElse(hops.get(i - 1).place());
                                assertThat(hops.get(i).place().host() + "/" + hops.get(i).place().namespace())
                                        .as("hop %d starts where hop %d left the packet: %s%n%s", i + 1, i, what,
                                                d.trace().render())
                                        .isEqualTo(left.host() + "/" + left.namespace());
                                Headers h = hops.get(i).headers().orElseThrow();
                                assertThat(h.source().address()).as("pods talk without NAT: the source stays %s "
                                        + "at hop %d: %s", from.ip(), i + 1, what).isEqualTo(from.ip());
                                assertThat(h.destination()).as("and the destination stays %s:80 at hop %d: %s",
                                        to.ip(), i + 1, what).isEqualTo(new SocketAddress(to.ip(), Port.of(80)));
                            }
                        }
                    });
        }
    }
}
