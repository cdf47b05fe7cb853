package k8snet.cluster;

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
import k8snet.link.MacAddress;
import k8snet.link.Neighbour;
import k8snet.net.Delivery;
import k8snet.overlay.VxlanDevice;
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

@DisplayName("Exercise 2.6: a pod reaches a pod on another node through VXLAN")
@ExtendWith(ReferenceTraces.class)
class VxlanDeliveryTest {

    /** IPv4 20 + TCP 20: a payload of n bytes makes a packet of n + 40. */
    private static final int HEADERS = 40;

    private PodNetwork net;
    private Node node1;
    private Node node2;
    private Pod web;
    private Pod db;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    /** A payload that makes a TCP packet of exactly {@code size} bytes. */
    private static String packetOf(int size) {
        return "x".repeat(size - HEADERS);
    }

    private static Route flannelRoute(String podCidr) {
        Cidr block = Cidr.parse(podCidr);
        return Route.onlink(block, block.network(), "flannel.1", Route.Origin.VXLAN);
    }

    private static List<Route> vxlanRoutes(Node node) {
        return node.root().routes().routes().stream().filter(r -> r.origin() == Route.Origin.VXLAN).toList();
    }

    private static Hop only(Delivery d, Action action) {
        List<Hop> hops = d.trace().hops().stream().filter(h -> h.action() == action).toList();
        assertThat(hops).as(why("expected exactly one " + action + " hop", d)).hasSize(1);
        return hops.get(0);
    }

    /** Both nodes on 192.168.1.0/24, VXLAN backend; web-1 (10.244.0.2) on node-1, db-1 (10.244.1.2) on node-2. */
    @BeforeEach
    void setUp() {
        net = PodNetwork.builder().backend(Backend.VXLAN).build();
        node1 = net.addNode("node-1", "192.168.1.11/24");
        node2 = net.addNode("node-2", "192.168.1.12/24");
        web = net.addPod("web-1", node1);
        db = net.addPod("db-1", node2);
        web.listen("nginx", Protocol.TCP, Port.of(80));
        db.listen("postgres", Protocol.TCP, Port.of(5432));
    }

    @Nested
    @DisplayName("gives every pod")
    class PodMtu {

        @Test
        @DisplayName("an MTU of 1450: the node network's 1500 less VXLAN's 50")
        void mtu1450() {
            assertThat(net.podMtu()).as("pods must leave room for the 50-byte outer header").isEqualTo(1450);
            assertThat(web.mtu()).as("web-1's eth0").isEqualTo(1450);
            assertThat(db.mtu()).as("db-1's eth0").isEqualTo(1450);
            assertThat(node1.vxlan()).as("with VXLAN every node has a flannel.1 device").isPresent();
        }

        @Test
        @DisplayName("an MTU that follows a jumbo-frame node network (9000 -> 8950)")
        void jumboFrames() {
            PodNetwork jumbo = PodNetwork.builder().backend(Backend.VXLAN).underlayMtu(9000).build();
            Node a = jumbo.addNode("node-1", "192.168.1.11/24");
            jumbo.addNode("node-2", "192.168.1.12/24");
            assertThat(jumbo.podMtu()).isEqualTo(8950);
            assertThat(jumbo.addPod("web-1", a).mtu()).isEqualTo(8950);
        }
    }

    @Nested
    @DisplayName("a pod on node-1 sending to a pod on node-2")
    class AcrossNodes {

        @Test
        @DisplayName("is routed to flannel.1, wrapped in UDP to node-2, unwrapped there and delivered")
        void wholeWalk() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d)
                    .isDeliveredTo("postgres", "db-1")
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.ARP_CACHED, Action.ENCAPSULATED,
                            Action.DECAPSULATED,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.BRIDGED,
                            Action.DELIVERED)
                    .visitsInOrder("node-1/web-1", "node-1", "node-2", "node-2/db-1")
                    .neverVisits("router");
        }

        @Test
        @DisplayName("leaves node-1 by the flannel route, its next hop's MAC from a permanent entry, no ARP")
        void routeAndPermanentNeighbour() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1");
            Place flannel1 = Place.host("node-1").device("flannel.1");
            Hop routed = d.trace().hops().stream()
                    .filter(h -> h.action() == Action.ROUTED && h.place().host().equals("node-1")
                            && h.place().namespace().isEmpty())
                    .findFirst().orElseThrow(() -> new AssertionError(why("no route decision in node-1's root", d)));
            assertThat(routed.place()).as(why("node-1 must route 10.244.1.2 to its VXLAN device flannel.1", d))
                    .isEqualTo(flannel1);
            assertThat(routed.decision()).as(why("the route is via 10.244.1.0 dev flannel.1", d))
                    .contains("10.244.1.0").contains("flannel.1");
            Hop cached = only(d, Action.ARP_CACHED);
            assertThat(cached.place())
                    .as(why("the next hop 10.244.1.0 is found on flannel.1 in the neighbour table", d))
                    .isEqualTo(flannel1);
            assertThat(cached.decision()).as(why("node-2's VTEP MAC comes from the agent's permanent entry", d))
                    .contains("0a:58:0a:f4:01:00");
            assertThat(d.trace().hops())
                    .as(why("nobody answers ARP on a VXLAN device: no ARP request may go out on flannel.1", d))
                    .noneMatch(h -> h.action() == Action.ARP_REQUEST && h.place().equals(flannel1));
        }

        @Test
        @DisplayName("is wrapped in UDP 192.168.1.11 -> 192.168.1.12:8472 VNI 1 with its own headers unchanged")
        void encapsulated() {
            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1");
            Hop wrap = only(d, Action.ENCAPSULATED);
            assertThat(wrap.place()).isEqualTo(Place.host("node-1").device("flannel.1"));
            Headers h = wrap.headers().orElseThrow();
            assertThat(h.tunnel())
                    .as(why("the outer header goes from node-1 to node-2 on flannel's port and VNI", d))
                    .contains(new Headers.Tunnel(ip("192.168.1.11"), ip("192.168.1.12"), 8472, 1));
            assertThat(h.source().address()).as(why("inside the tunnel the source is still web-1", d))
                    .isEqualTo(ip("10.244.0.2"));
            assertThat(h.destination()).as(why("inside the tunnel the destination is still db-1", d))
                    .isEqualTo(SocketAddress.of("10.244.1.2", 5432));
            assertThat(wrap.to()).as(why("both nodes are on 192.168.1.0/24: straight to node-2's eth0", d))
                    .contains(Place.host("node-2").device("eth0"));

            Hop unwrap = only(d, Action.DECAPSULATED);
            assertThat(unwrap.place()).as(why("node-2's flannel.1 takes off the outer header", d))
                    .isEqualTo(Place.host("node-2").device("flannel.1"));
            assertThat(unwrap.headers().orElseThrow())
                    .as(why("after decapsulation the packet is web-1's original one, without a tunnel", d))
                    .isEqualTo(h.outsideTunnel());
            for (Hop hop : d.trace().hops()) {
                Headers seen = hop.headers().orElseThrow();
                assertThat(seen.tunnel().isPresent())
                        .as(why("only the ENCAPSULATED hop (between the nodes) is in the tunnel, not '" + hop + "'", d))
                        .isEqualTo(hop.action() == Action.ENCAPSULATED);
                assertThat(seen.destination()).as(why("no NAT at '" + hop + "'", d))
                        .isEqualTo(SocketAddress.of("10.244.1.2", 5432));
            }
        }

        @Test
        @DisplayName("can be answered: db-1 reaches web-1 through node-2's tunnel")
        void answerTravelsBack() {
            Delivery d = net.send(db, "10.244.0.2:80", "200 OK");
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "web-1")
                    .hasActionsInOrder(Action.SENT, Action.ROUTED, Action.ARP_CACHED, Action.ENCAPSULATED,
                            Action.DECAPSULATED, Action.BRIDGED, Action.DELIVERED)
                    .visitsInOrder("node-2/db-1", "node-2", "node-1", "node-1/web-1");
            assertThat(only(d, Action.ENCAPSULATED).headers().orElseThrow().tunnel())
                    .as(why("the answer's outer header goes from node-2 to node-1", d))
                    .contains(new Headers.Tunnel(ip("192.168.1.12"), ip("192.168.1.11"), 8472, 1));
        }
    }

    @Nested
    @DisplayName("nodes on different subnets")
    class OtherSubnet {

        @Test
        @DisplayName("reach each other: the router forwards the node-to-node UDP it understands")
        void throughTheRouter() {
            Node node3 = net.addNode("node-3", "192.168.2.13/24");
            Pod far = net.addPod("far-1", node3);
            far.listen("nginx", Protocol.TCP, Port.of(80));

            Delivery d = net.send(web, "10.244.2.2:80", "GET /");
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "far-1")
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.ARP_CACHED, Action.ENCAPSULATED,
                            Action.FORWARDED,
                            Action.DECAPSULATED,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.BRIDGED,
                            Action.DELIVERED)
                    .visitsInOrder("node-1/web-1", "node-1", "router", "node-3", "node-3/far-1");
            Hop wrap = only(d, Action.ENCAPSULATED);
            assertThat(wrap.headers().orElseThrow().tunnel())
                    .as(why("the outer header goes to node-3's address on the other subnet", d))
                    .contains(new Headers.Tunnel(ip("192.168.1.11"), ip("192.168.2.13"), 8472, 1));
            assertThat(wrap.to()).as(why("192.168.2.13 is off node-1's subnet: the UDP goes to the router", d))
                    .contains(Place.host("router"));
            List<Hop> hops = d.trace().hops();
            int wrapAt = hops.indexOf(wrap);
            Hop routerHop = hops.get(wrapAt + 1);
            assertThat(routerHop.action()).as(why("right after the encapsulation the router forwards", d))
                    .isEqualTo(Action.FORWARDED);
            assertThat(routerHop.place()).isEqualTo(Place.host("router"));
            assertThat(routerHop.headers().orElseThrow().tunnel())
                    .as(why("the router sees only the outer node-to-node header", d))
                    .contains(new Headers.Tunnel(ip("192.168.1.11"), ip("192.168.2.13"), 8472, 1));
            assertThat(hops.get(wrapAt + 2).action()).isEqualTo(Action.DECAPSULATED);
            assertThat(hops.get(wrapAt + 2).place()).isEqualTo(Place.host("node-3").device("flannel.1"));

            assertThat(vxlanRoutes(node1)).as("node-1 has a flannel route to each other node, whatever its subnet")
                    .containsExactlyInAnyOrder(flannelRoute("10.244.1.0/24"), flannelRoute("10.244.2.0/24"));
            assertThat(vxlanRoutes(node3)).as("node-3, which joined last, learned both others")
                    .containsExactlyInAnyOrder(flannelRoute("10.244.0.0/24"), flannelRoute("10.244.1.0/24"));
            assertThat(node1.vxlan().orElseThrow().remoteFor(MacAddress.forAddress(ip("10.244.2.0"))))
                    .as("node-1's FDB sends node-3's VTEP to 192.168.2.13").contains(ip("192.168.2.13"));

            assertThatDelivery(net.send(far, "10.244.0.2:80", "200 OK"))
                    .as("and back from node-3 to node-1")
                    .isDeliveredTo("nginx", "web-1")
                    .visitsInOrder("node-3/far-1", "node-3", "router", "node-1", "node-1/web-1");
        }
    }

    @Nested
    @DisplayName("a packet and the MTU")
    class Mtu {

        @Test
        @DisplayName("of 1450 bytes fits the pod's eth0 and, wrapped to 1500, the node network")
        void largestThatFits() {
            Delivery d = net.send(web, "10.244.1.2:5432", packetOf(1450));
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1");
        }

        @Test
        @DisplayName("of 1451 bytes is too big for the pod's eth0 (MTU 1450) and dropped there")
        void tooBigAtThePod() {
            Delivery d = net.send(web, "10.244.1.2:5432", packetOf(1451));
            assertThatDelivery(d)
                    .isDroppedBy(Action.TOO_BIG)
                    .hasActions(Action.SENT, Action.ROUTED, Action.TOO_BIG)
                    .endsAt("node-1");
            assertThat(d.trace().last().place())
                    .as(why("the pod's own eth0 (MTU 1450) refuses a 1451-byte packet", d))
                    .isEqualTo(Place.host("node-1").namespace("web-1").device("eth0"));
        }

        @Test
        @DisplayName("with the pods misconfigured to 1500, a 1480-byte packet passes eth0 and is too big for flannel.1")
        void misconfiguredPodMtu() {
            PodNetwork wrong = PodNetwork.builder().backend(Backend.VXLAN).podMtu(1500).build();
            Node a = wrong.addNode("node-1", "192.168.1.11/24");
            Node b = wrong.addNode("node-2", "192.168.1.12/24");
            Pod sender = wrong.addPod("web-1", a);
            Pod receiver = wrong.addPod("db-1", b);
            receiver.listen("postgres", Protocol.TCP, Port.of(5432));
            assertThat(sender.mtu()).as("the builder's podMtu(1500) overrides the safe default").isEqualTo(1500);

            Delivery d = wrong.send(sender, "10.244.1.2:5432", packetOf(1480));
            assertThatDelivery(d)
                    .isDroppedBy(Action.TOO_BIG)
                    .hasActions(Action.SENT,
                            Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED,
                            Action.ROUTED, Action.TOO_BIG)
                    .neverVisits("node-2");
            assertThat(d.trace().last().place())
                    .as(why("1480 bytes fit the pod's 1500 but not flannel.1's 1450: the classic overlay MTU bug", d))
                    .isEqualTo(Place.host("node-1").device("flannel.1"));

            assertThatDelivery(wrong.send(sender, "10.244.1.2:5432", packetOf(1451)))
                    .as("1451 bytes are one too many for flannel.1")
                    .isDroppedBy(Action.TOO_BIG);
            assertThatDelivery(wrong.send(sender, "10.244.1.2:5432", packetOf(1450)))
                    .as("1450 bytes fit flannel.1 even in the misconfigured cluster")
                    .isDeliveredTo("postgres", "db-1");
        }
    }

    @Nested
    @DisplayName("when node-2 leaves")
    class NodeLeaves {

        @Test
        @DisplayName("the other nodes remove its flannel route, neighbour entry and FDB entry")
        void removesEntries() {
            Node node3 = net.addNode("node-3", "192.168.1.13/24");
            MacAddress vtep2 = MacAddress.forAddress(ip("10.244.1.0"));
            assertThat(vxlanRoutes(node1)).contains(flannelRoute("10.244.1.0/24"));

            net.removeNode("node-2");
            for (Node other : List.of(node1, node3)) {
                assertThat(other.root().routes().get(Cidr.parse("10.244.1.0/24")))
                        .as("%s must drop the flannel route to node-2's block", other.name()).isEmpty();
                assertThat(other.root().neighbours().lookup(ip("10.244.1.0")))
                        .as("%s must drop the permanent entry for node-2's VTEP address", other.name()).isEmpty();
                assertThat(other.vxlan().orElseThrow().remoteFor(vtep2))
                        .as("%s must drop node-2's FDB entry", other.name()).isEmpty();
            }
            assertThat(vxlanRoutes(node1)).as("node-1 still reaches node-3")
                    .containsExactly(flannelRoute("10.244.2.0/24"));
            assertThat(node1.root().neighbours().lookup(ip("10.244.2.0")))
                    .contains(new Neighbour(ip("10.244.2.0"), MacAddress.forAddress(ip("10.244.2.0")), true));
            assertThat(vxlanRoutes(node3)).containsExactly(flannelRoute("10.244.0.0/24"));

            Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
            assertThatDelivery(d)
                    .as("without the flannel route, node-2's old pod address goes to the router, which drops it")
                    .isDroppedBy(Action.NO_ROUTE)
                    .endsAt("router")
                    .neverVisits("node-2");
            assertThat(d.trace().hops()).as(why("nothing is wrapped for a node that left", d))
                    .noneMatch(h -> h.action() == Action.ENCAPSULATED);
        }
    }

    @Test
    @DisplayName("the flannel.1 device of each node uses flannel's VNI and port and the node's address")
    void devices() {
        VxlanDevice v1 = node1.vxlan().orElseThrow();
        assertThat(v1.name()).isEqualTo("flannel.1");
        assertThat(v1.vni()).isEqualTo(VxlanDevice.FLANNEL_VNI);
        assertThat(v1.port()).isEqualTo(VxlanDevice.LINUX_PORT);
        assertThat(v1.localIp()).isEqualTo(ip("192.168.1.11"));
        assertThat(v1.remoteFor(MacAddress.forAddress(ip("10.244.1.0")))).contains(ip("192.168.1.12"));
        assertThat(node2.vxlan().orElseThrow().remoteFor(MacAddress.forAddress(ip("10.244.0.0"))))
                .contains(ip("192.168.1.11"));
    }
}
