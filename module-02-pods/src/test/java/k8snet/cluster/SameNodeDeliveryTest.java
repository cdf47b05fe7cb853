package k8snet.cluster;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.link.Neighbour;
import k8snet.net.Delivery;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * Two pods on one node talk through the node's bridge: ARP on cni0 for the other pod itself (the pod subnet is
 * connected), then one bridge hop from veth to veth. A one-node cluster, so no route agent is involved.
 */
@DisplayName("Exercise 2.4: pods on the same node reach each other through the bridge")
@ExtendWith(ReferenceTraces.class)
class SameNodeDeliveryTest {

    private static final Ipv4Address GATEWAY = Ipv4Address.parse("10.244.0.1");
    private static final Ipv4Address WEB_1_IP = Ipv4Address.parse("10.244.0.2");
    private static final Ipv4Address WEB_2_IP = Ipv4Address.parse("10.244.0.3");
    private static final Ipv4Address DB_1_IP = Ipv4Address.parse("10.244.0.4");
    private static final MacAddress WEB_1_MAC = MacAddress.forAddress(WEB_1_IP);
    private static final MacAddress WEB_2_MAC = MacAddress.forAddress(WEB_2_IP);
    private static final MacAddress DB_1_MAC = MacAddress.forAddress(DB_1_IP);

    private static final Place WEB_1_ETH0 = Place.host("node-1").namespace("web-1").device("eth0");
    private static final Place WEB_2_ETH0 = Place.host("node-1").namespace("web-2").device("eth0");
    private static final Place NODE_1_CNI0 = Place.host("node-1").device("cni0");

    private PodNetwork net;
    private Node node1;
    private Pod web1;
    private Pod web2;

    /**
     * node-1 (192.168.1.11/24, pods 10.244.0.0/24, host-gw) with web-1 (10.244.0.2, veth1) and web-2
     * (10.244.0.3, veth2), both running nginx on TCP 80, and db-1 (10.244.0.4, veth3) with postgres on 5432.
     */
    @BeforeEach
    void setUp() {
        net = PodNetwork.builder().build();
        node1 = net.addNode("node-1", "192.168.1.11/24");
        web1 = net.addPod("web-1", node1);
        web2 = net.addPod("web-2", node1);
        Pod db1 = net.addPod("db-1", node1);
        web1.listen("nginx", Protocol.TCP, Port.of(80));
        web2.listen("nginx", Protocol.TCP, Port.of(80));
        db1.listen("postgres", Protocol.TCP, Port.of(5432));
    }

    private static Supplier<String> why(String remark, Delivery delivery) {
        return Explain.why(remark, delivery);
    }

    private Delivery webToWeb() {
        return net.send(web1, "10.244.0.3:80", "GET /");
    }

    @Nested
    @DisplayName("the first send from web-1 to web-2:80")
    class FirstSend {

        @Test
        @DisplayName("routes, ARPs, crosses the veth pair, is bridged once and reaches nginx on web-2")
        void isDelivered() {
            Delivery d = webToWeb();
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "web-2")
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY,
                            Action.FORWARDED, Action.BRIDGED, Action.DELIVERED)
                    .startsAt("node-1")
                    .visitsInOrder("node-1/web-1", "node-1", "node-1/web-2");
            assertThat(assertThatDelivery(d).delivered().host().name())
                    .as(why("the host that took the message is web-2's namespace", d)).isEqualTo("web-2");
        }

        @Test
        @DisplayName("ARPs for web-2 itself, not for the gateway: 10.244.0.0/24 is on-link on eth0")
        void arpsForThePodItself() {
            Delivery d = webToWeb();
            Hop request = assertThatDelivery(d).hop(Action.ARP_REQUEST);
            assertThat(request.place()).as(why("where web-1 asks who has the next hop", d)).isEqualTo(WEB_1_ETH0);
            assertThat(request.decision()).as(why("web-1 asks for 10.244.0.3 itself", d))
                    .contains("10.244.0.3").doesNotContain("who has 10.244.0.1");
            assertThat(web1.namespace().neighbours().entries())
                    .as(why("web-1's neighbour table after the send: web-2's MAC, learned, and no gateway", d))
                    .containsExactly(new Neighbour(WEB_2_IP, WEB_2_MAC, false));
            assertThat(web1.namespace().neighbours().lookup(GATEWAY))
                    .as(why("the gateway 10.244.0.1 is not involved in same-node traffic", d)).isEmpty();
        }

        @Test
        @DisplayName("crosses veth1 into the root namespace, and the bridge sends it to web-2's eth0")
        void bridgeHopGoesToWeb2() {
            Delivery d = webToWeb();
            Hop veth = assertThatDelivery(d).hop(Action.FORWARDED);
            assertThat(veth.to()).as(why("the veth pair of web-1 ends at veth1 in node-1's root namespace", d))
                    .contains(Place.host("node-1").device("veth1"));
            Hop bridged = assertThatDelivery(d).hop(Action.BRIDGED);
            assertThat(bridged.place()).as(why("the bridge hop happens on cni0", d)).isEqualTo(NODE_1_CNI0);
            assertThat(bridged.to()).as(why("cni0 sends the frame out veth2, to web-2's eth0", d))
                    .contains(WEB_2_ETH0);
            assertThat(assertThatDelivery(d).hops(Action.BRIDGED))
                    .as(why("one bridge hop: the frame never goes up to node-1's IP layer", d)).hasSize(1);
            assertThatDelivery(d).hop(Action.DELIVERED);
            assertThat(d.trace().last().place()).as(why("delivered on web-2's eth0", d)).isEqualTo(WEB_2_ETH0);
        }

        @Test
        @DisplayName("keeps source 10.244.0.2 and destination 10.244.0.3:80 on every hop: no NAT between pods")
        void noNat() {
            Delivery d = webToWeb();
            SocketAddress destination = new SocketAddress(WEB_2_IP, Port.of(80));
            Port sourcePort = d.trace().hops().get(0).headers().orElseThrow().source().port();
            for (Hop hop : d.trace().hops()) {
                Headers h = hop.headers().orElseThrow();
                assertThat(h.source()).as(why("the source of the packet as it left " + hop.place(), d))
                        .isEqualTo(new SocketAddress(WEB_1_IP, sourcePort));
                assertThat(h.destination()).as(why("the destination as it left " + hop.place(), d))
                        .isEqualTo(destination);
                assertThat(h.tunnel()).as(why("no tunnel on one node, at " + hop.place(), d)).isEmpty();
            }
        }

        @Test
        @DisplayName("teaches the bridge web-1's MAC behind veth1 and web-2's behind veth2, nothing about db-1")
        void bridgeLearnsBothPods() {
            Delivery d = webToWeb();
            assertThat(node1.bridge().portOf(WEB_1_MAC)).as(why("where cni0 learned web-1's MAC", d))
                    .contains("veth1");
            assertThat(node1.bridge().portOf(WEB_2_MAC)).as(why("where cni0 learned web-2's MAC", d))
                    .contains("veth2");
            assertThat(node1.bridge().portOf(DB_1_MAC)).as(why("db-1 sent nothing, so cni0 has not learned it", d))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("after the first send")
    class LaterSends {

        @Test
        @DisplayName("a second send takes web-2's MAC from the neighbour table, without ARP")
        void secondSendIsCached() {
            webToWeb();
            Delivery d = webToWeb();
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "web-2")
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_CACHED, Action.FORWARDED, Action.BRIDGED,
                            Action.DELIVERED);
            assertThat(assertThatDelivery(d).hops(Action.ARP_REQUEST))
                    .as(why("no ARP request: web-2's MAC is cached", d)).isEmpty();
            assertThat(assertThatDelivery(d).hop(Action.BRIDGED).to())
                    .as(why("the bridge hop of the second send", d)).contains(WEB_2_ETH0);
            assertThat(web1.namespace().neighbours().entries())
                    .as(why("web-1's neighbour table after two sends", d))
                    .containsExactly(new Neighbour(WEB_2_IP, WEB_2_MAC, false));
        }

        @Test
        @DisplayName("the reply direction, web-2 to web-1:80, reaches nginx on web-1 through veth2 and veth1")
        void replyDirection() {
            webToWeb();
            Delivery d = net.send(web2, "10.244.0.2:80", "HTTP/1.1 200 OK");
            assertThatDelivery(d)
                    .isDeliveredTo("nginx", "web-1")
                    .hasActionsInOrder(Action.SENT, Action.ROUTED, Action.FORWARDED, Action.BRIDGED,
                            Action.DELIVERED)
                    .visitsInOrder("node-1/web-2", "node-1", "node-1/web-1");
            assertThat(assertThatDelivery(d).hop(Action.FORWARDED).to())
                    .as(why("web-2's veth pair ends at veth2", d)).contains(Place.host("node-1").device("veth2"));
            assertThat(assertThatDelivery(d).hop(Action.BRIDGED).to())
                    .as(why("cni0 sends the reply to web-1's eth0", d)).contains(WEB_1_ETH0);
            Headers h = d.trace().last().headers().orElseThrow();
            assertThat(h.source().address()).as(why("the reply comes from web-2's address", d)).isEqualTo(WEB_2_IP);
            assertThat(h.destination()).as(why("the reply goes to web-1:80", d))
                    .isEqualTo(new SocketAddress(WEB_1_IP, Port.of(80)));
            assertThat(web2.namespace().neighbours().lookup(WEB_1_IP))
                    .as(why("web-2's neighbour table knows web-1's MAC after sending to it", d))
                    .contains(new Neighbour(WEB_1_IP, WEB_1_MAC, false));
        }
    }

    @Nested
    @DisplayName("when nobody can take the packet")
    class Failures {

        @Test
        @DisplayName("a free address of the node's block gets no ARP answer: dropped at web-1's eth0")
        void freeAddressHasNoNeighbour() {
            Delivery d = net.send(web1, "10.244.0.77:80", "GET /");
            assertThatDelivery(d)
                    .isDroppedBy(Action.NO_NEIGHBOUR)
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.NO_NEIGHBOUR)
                    .endsAt("node-1");
            assertThat(d.trace().last().place()).as(why("the drop happens at web-1's eth0, before any frame", d))
                    .isEqualTo(WEB_1_ETH0);
            assertThat(assertThatDelivery(d).hops(Action.FORWARDED))
                    .as(why("no frame leaves web-1 without the next hop's MAC", d)).isEmpty();
            assertThat(web1.namespace().neighbours().lookup(Ipv4Address.parse("10.244.0.77")))
                    .as(why("an unanswered ARP leaves no entry", d)).isEmpty();
            assertThat(node1.bridge().portOf(WEB_1_MAC))
                    .as(why("the broadcast ARP request still taught cni0 where web-1 is", d)).contains("veth1");
        }

        @Test
        @DisplayName("a second send to the free address asks again: failures are not cached")
        void freeAddressAsksAgain() {
            net.send(web1, "10.244.0.77:80", "GET /");
            Delivery d = net.send(web1, "10.244.0.77:80", "GET /");
            assertThatDelivery(d)
                    .isDroppedBy(Action.NO_NEIGHBOUR)
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.NO_NEIGHBOUR);
        }

        @Test
        @DisplayName("the gateway 10.244.0.1:80 is the node itself: bridged up, then refused in the root namespace")
        void gatewayRefuses() {
            Delivery d = net.send(web1, "10.244.0.1:80", "GET /");
            assertThatDelivery(d)
                    .isConnectionRefused()
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED, Action.REFUSED)
                    .hasHop("bridge", "up")
                    .endsAt("node-1");
            Hop bridged = assertThatDelivery(d).hop(Action.BRIDGED);
            assertThat(bridged.to()).as(why("a frame for cni0's own MAC goes up to node-1's root namespace", d))
                    .contains(NODE_1_CNI0);
            Place refusedAt = d.trace().last().place();
            assertThat(refusedAt.host()).as(why("refused on node-1", d)).isEqualTo("node-1");
            assertThat(refusedAt.namespace()).as(why("refused in node-1's root namespace, not in a pod", d))
                    .isEmpty();
            assertThat(web1.namespace().neighbours().lookup(GATEWAY))
                    .as(why("web-1 learned the gateway's MAC, cni0's own", d))
                    .contains(new Neighbour(GATEWAY, node1.bridge().mac(), false));
            assertThat(assertThatDelivery(d).refused().destination())
                    .as(why("the refused destination", d)).isEqualTo(new SocketAddress(GATEWAY, Port.of(80)));
        }

        @Test
        @DisplayName("a port web-2 does not listen on is refused by web-2, after the bridge hop")
        void connectionRefused() {
            Delivery d = net.send(web1, "10.244.0.3:8080", "GET /");
            assertThatDelivery(d)
                    .isConnectionRefused()
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_REQUEST, Action.ARP_REPLY, Action.FORWARDED,
                            Action.BRIDGED, Action.REFUSED);
            assertThat(assertThatDelivery(d).hop(Action.BRIDGED).to())
                    .as(why("the frame still reaches web-2's eth0", d)).contains(WEB_2_ETH0);
            assertThat(d.trace().last().place()).as(why("web-2 refuses it on its eth0", d)).isEqualTo(WEB_2_ETH0);
            assertThat(assertThatDelivery(d).refused().destination())
                    .as(why("the refused destination", d)).isEqualTo(new SocketAddress(WEB_2_IP, Port.of(8080)));
        }
    }

    @Nested
    @DisplayName("when a pod goes and another comes")
    class PodChurn {

        @Test
        @DisplayName("web-2's bridge port is gone, with the MAC learned behind it; web-3 gets a new port")
        void portIsGone() {
            webToWeb();
            net.removePod("web-2");
            Pod web3 = net.addPod("web-3", node1);
            web3.listen("nginx", Protocol.TCP, Port.of(80));
            assertThat(node1.bridge().ports()).as("cni0's ports after web-2 left and web-3 started")
                    .containsExactly("veth1", "veth3", web3.hostPort());
            assertThat(web3.hostPort()).as("web-3's host end of its veth pair").isEqualTo("veth4");
            assertThat(node1.bridge().portOf(WEB_2_MAC)).as("cni0 forgets web-2's MAC with its port").isEmpty();
            assertThat(node1.bridge().portOf(WEB_1_MAC)).as("web-1's MAC stays behind veth1").contains("veth1");

            Delivery d = net.send(web1, web3.ip() + ":80", "GET /");
            assertThatDelivery(d).isDeliveredTo("nginx", "web-3");
            assertThat(assertThatDelivery(d).hop(Action.BRIDGED).to())
                    .as(why("cni0 sends the frame to web-3's eth0", d))
                    .contains(Place.host("node-1").namespace("web-3").device("eth0"));
            assertThat(node1.bridge().portOf(MacAddress.forAddress(web3.ip())))
                    .as(why("cni0 learned web-3's MAC behind its port", d)).contains("veth4");
        }

        @Test
        @DisplayName("a frame for web-2's old MAC (still in web-1's ARP cache) floods and nobody takes it")
        void staleNeighbourIsDroppedAtTheBridge() {
            webToWeb();
            net.removePod("web-2");
            Delivery d = webToWeb();
            assertThatDelivery(d)
                    .isDroppedBy(Action.DROPPED)
                    .hasActions(Action.SENT, Action.ROUTED, Action.ARP_CACHED, Action.FORWARDED, Action.DROPPED);
            Hop last = d.trace().last();
            assertThat(last.component()).as(why("the bridge drops the frame", d)).isEqualTo("bridge");
            assertThat(last.place()).as(why("dropped on cni0", d)).isEqualTo(NODE_1_CNI0);
        }
    }
}
