package k8snet.cluster;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.net.Delivery;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;


/**
 * The pod network's seams for module 4's whole cluster: crashed nodes, router names, hosts shared by several
 * networks, and an internet between networks. Not graded (tag {@code ungraded}): this is provided code, run in
 * the reference and self-check builds.
 */
@Tag("ungraded")
@DisplayName("The pod network's seams for crashes and other networks")
@ExtendWith(ReferenceTraces.class)
class NetworkSeamsTest {

    private PodNetwork net;
    private Node node1;
    private Node node2;
    private Pod web;
    private Pod db;

    @BeforeEach
    void setUp() {
        net = PodNetwork.builder().build();
        node1 = net.addNode("node-1", "192.168.1.11/24");
        node2 = net.addNode("node-2", "192.168.1.12/24");
        web = net.addPod("web-1", node1);
        db = net.addPod("db-1", node2);
        db.listen("postgres", Protocol.TCP, Port.of(5432));
    }

    @Nested
    @DisplayName("a node that is down")
    class Down {

        @Test
        @DisplayName("loses the frames sent to it, where they were sent, and comes back when up again")
        void lost() {
            net.setNodeDown("node-2", true);
            assertThat(net.isNodeDown("node-2")).isTrue();
            assertThat(net.isNodeDown("node-1")).isFalse();
            Delivery d = net.send(web, Protocol.TCP, db.ip() + ":5432", "SELECT 1");
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).hasHop("link", "node-2 (192.168.1.12) is lost",
                    "node-2 is down");
            assertThat(d.trace().last().place().host()).isEqualTo("node-1");
            net.setNodeDown("node-2", false);
            assertThatDelivery(net.send(web, Protocol.TCP, db.ip() + ":5432", "SELECT 1"))
                    .isDeliveredTo("postgres", "db-1");
        }

        @Test
        @DisplayName("is lost at the router when the router forwards to it")
        void atTheRouter() {
            ExternalHost laptop = net.addExternalHost("laptop", "198.51.100.7");
            net.setNodeDown("node-2", true);
            Delivery d = net.send(laptop, Protocol.TCP, "192.168.1.12:22", "hello");
            assertThatDelivery(d).isDroppedBy(Action.DROPPED);
            assertThat(d.trace().last().place().host()).isEqualTo("router");
        }

        @Test
        @DisplayName("cannot send, from a pod or from the node, and cannot answer")
        void silent() {
            Delivery delivered = net.send(web, Protocol.TCP, db.ip() + ":5432", "SELECT 1");
            net.setNodeDown("node-1", true);
            assertThatThrownBy(() -> net.send(web, Protocol.TCP, db.ip() + ":5432", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-1 is down");
            assertThatThrownBy(() -> net.send(node1, Protocol.TCP, db.ip() + ":5432", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-1 is down");
            assertThatThrownBy(() -> net.sendAgain(delivered, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-1 is down");
            net.setNodeDown("node-1", false);
            net.setNodeDown("node-2", true);
            assertThatThrownBy(() -> net.reply((Delivery.Delivered) delivered, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-2 is down");
        }

        @Test
        @DisplayName("must be a node of the network")
        void unknown() {
            assertThatThrownBy(() -> net.setNodeDown("node-9", true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("node-9");
            assertThatThrownBy(() -> net.isNodeDown("node-9")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("the router")
    class Router {

        @Test
        @DisplayName("is called router unless named, and its name is in the trace")
        void named() {
            assertThat(net.routerName()).isEqualTo("router");
            PodNetwork east = PodNetwork.builder().routerName("east-router").build();
            east.addNode("east-1", "192.168.1.11/24");
            ExternalHost laptop = east.addExternalHost("laptop", "198.51.100.7");
            Delivery d = east.send(laptop, Protocol.TCP, "192.168.1.11:22", "hello");
            assertThatDelivery(d).visitsInOrder("laptop", "east-router", "east-1");
            assertThat(d.trace().hops().get(1).decision()).contains("east-router");
        }

        @Test
        @DisplayName("has a lower-case RFC 1123 label for a name")
        void badName() {
            assertThatThrownBy(() -> PodNetwork.builder().routerName("East Router"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("East Router");
            assertThatThrownBy(() -> PodNetwork.builder().routerName(null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("a host known to two networks")
    class SharedHost {

        @Test
        @DisplayName("is the same host, with the same sockets, in both")
        void same() {
            ExternalHost api = net.addExternalHost("api", "198.51.100.20");
            api.listen("api", Protocol.TCP, Port.of(443));
            PodNetwork other = PodNetwork.builder().build();
            Node o1 = other.addNode("other-1", "192.168.2.11/24");
            Pod client = other.addPod("client-1", o1);
            assertThat(other.addExternalHost(api)).isSameAs(api);
            assertThat(other.externalHost("api")).isSameAs(api);
            assertThatDelivery(other.send(client, Protocol.TCP, "198.51.100.20:443", "GET /"))
                    .isDeliveredTo("api", "api");
            assertThatThrownBy(() -> other.addExternalHost(api)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("api");
        }
    }

    @Nested
    @DisplayName("an internet between networks")
    class BetweenNetworks {

        @Test
        @DisplayName("gets what no node or host of the network has, and its answer ends the walk")
        void handsOver() {
            List<Crossing> carried = new ArrayList<>();
            PodNetwork far = PodNetwork.builder().routerName("far-router").build();
            Node f1 = far.addNode("far-1", "192.168.2.11/24");
            Pod api = far.addPod("api-1", f1);
            api.listen("api", Protocol.TCP, Port.of(8080));
            net.connect(packet -> {
                carried.add(packet);
                return packet.headers().destination().address().equals(f1.ip())
                        ? Optional.of(far.arrive(packet)) : Optional.empty();
            });
            Delivery d = net.send(node1, Protocol.TCP, "192.168.2.11:8080", "GET /");
            assertThat(carried).hasSize(1);
            assertThat(carried.get(0).hops()).isEqualTo(d.trace().hops().subList(0, carried.get(0).hops().size()));
            assertThatDelivery(d).visitsInOrder("node-1", "router", "internet", "far-router", "far-1")
                    .isConnectionRefused();
            Hop out = d.trace().hops().stream().filter(h -> h.decision().contains("out to the internet"))
                    .findFirst().orElseThrow();
            assertThat(out.place().host()).isEqualTo("router");

            Delivery unknown = net.send(node1, Protocol.TCP, "203.0.113.99:80", "GET /");
            assertThatDelivery(unknown).isDroppedBy(Action.NO_ROUTE).hasHop("route", "no route to 203.0.113.99 on "
                    + "the internet");
        }

        @Test
        @DisplayName("is connected once")
        void once() {
            net.connect(packet -> Optional.empty());
            assertThatThrownBy(() -> net.connect(packet -> Optional.empty()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> PodNetwork.builder().build().connect(null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> net.arrive(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
