package k8snet.lb;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.external.Cluster;
import k8snet.external.ExposedService;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.ServiceNetwork;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * Services of type LoadBalancer end to end, through {@link Cluster}: the cloud's load balancer on the router
 * takes a host's connection to its public address, asks {@link NodeBalancer} (exercise 4.2) which healthy node
 * gets it, and sends it to that node's NodePort. The cluster of every test:
 *
 * <pre>
 * node-1 (192.168.1.11)   web-1   (app=web, nginx on 8080, container port http)
 * node-2 (192.168.1.12)   web-2
 * node-3 (192.168.1.13)   no pod of the Service
 * laptop (198.51.100.7)   on the internet; shop.example.com is 203.0.113.10 in the internet's DNS
 * Service web:       type LoadBalancer at 203.0.113.10, port 80, externalTrafficPolicy: Cluster
 * Service web-local: type LoadBalancer at 203.0.113.20, port 80, externalTrafficPolicy: Local
 * </pre>
 */
@DisplayName("Exercise 4.2: Services of type LoadBalancer on real traffic from the internet")
@ExtendWith(ReferenceTraces.class)
class LoadBalancerTrafficTest {

    private static final String LAPTOP = "198.51.100.7";
    private static final String PUBLIC = "203.0.113.10";
    private static final String PUBLIC_LOCAL = "203.0.113.20";
    private static final int CONNECTIONS = 30;

    private Cluster cluster;
    private ServiceNetwork net;
    private Node n3;
    private ExternalHost laptop;
    private ExposedService web;
    private ExposedService local;

    private static ServiceSpec spec(String name) {
        return new ServiceSpec(name, Selector.parse("app=web"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http"))));
    }

    @BeforeEach
    void setUp() {
        cluster = Cluster.builder().build();
        net = cluster.services();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        n3 = net.addNode("node-3", "192.168.1.13/24");
        addWebPod("web-1", n1);
        addWebPod("web-2", n2);
        laptop = cluster.addExternalHost("laptop", LAPTOP);
        web = cluster.exposeLoadBalancer(spec("web"), TrafficPolicy.CLUSTER, PUBLIC);
        local = cluster.exposeLoadBalancer(spec("web-local"), TrafficPolicy.LOCAL, PUBLIC_LOCAL);
        cluster.internetDns().addA("shop.example.com", PUBLIC, Duration.ofMinutes(5));
    }

    private Pod addWebPod(String name, Node node) {
        Pod pod = net.addPod(name, node, Labels.of("app", "web"), Map.of("http", Port.of(8080)));
        pod.listen("nginx", Protocol.TCP, Port.of(8080));
        return pod;
    }

    private Delivery connect(String destination) {
        return cluster.send(laptop, Protocol.TCP, destination, "GET / HTTP/1.1");
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    /** The node the load balancer sent the connection to: the destination of its DNAT hop. */
    private String lbTarget(Delivery d) {
        Hop dnat = d.trace().hops().stream().filter(h -> h.component().equals("lb") && h.action() == Action.DNAT)
                .findFirst().orElse(null);
        assertThat(dnat).as(why("expected the load balancer on the router to send the connection to a node (an "
                + "[lb] DNAT hop)", d)).isNotNull();
        assertThat(dnat.place().host()).as(why("the load balancer sits on the router", d)).isEqualTo("router");
        return net.network().nodeAt(dnat.headers().orElseThrow().destination().address()).map(Node::name)
                .orElseThrow(() -> new AssertionError(why("the load balancer sent to no node's address", d)));
    }

    /** Opens {@link #CONNECTIONS} connections to {@code destination}; how many each node got, all delivered. */
    private Map<String, Integer> spread(String destination) {
        Map<String, Integer> count = new TreeMap<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Delivery d = connect(destination);
            assertThatDelivery(d).delivered();
            count.merge(lbTarget(d), 1, Integer::sum);
        }
        return count;
    }

    @Nested
    @DisplayName("reaches the Service from the internet")
    class Reach {

        @Test
        @DisplayName("at the load balancer's public address, through a node's NodePort")
        void byAddress() {
            Delivery d = connect(PUBLIC + ":80");
            assertThatDelivery(d).delivered();
            assertThat(assertThatDelivery(d).delivered().host().name()).as(why("a web pod takes it", d))
                    .isIn("web-1", "web-2");
            assertThatDelivery(d).startsAt("laptop").visitsInOrder("laptop", "router")
                    .hasActionsInOrder(Action.SENT, Action.BALANCED, Action.DNAT, Action.BALANCED, Action.DNAT,
                            Action.DELIVERED);
            String node = lbTarget(d);
            Hop dnat = d.trace().hops().stream().filter(h -> h.component().equals("lb") && h.action() == Action.DNAT)
                    .findFirst().orElseThrow();
            assertThat(dnat.headers().orElseThrow().destination())
                    .as(why("the load balancer forwards to " + node + "'s address and the Service's NodePort", d))
                    .isEqualTo(SocketAddress.of(net.network().node(node).ip().toString(), web.nodePort("http")));
            assertThat(dnat.headers().orElseThrow().source().address())
                    .as(why("a pass-through load balancer keeps the client's address", d)).hasToString(LAPTOP);
        }

        @Test
        @DisplayName("by a public name in the internet's DNS")
        void byName() {
            Delivery d = connect("shop.example.com:80");
            assertThatDelivery(d).hasHop("dns", "shop.example.com", PUBLIC).delivered();
            assertThat(d.trace().hops().get(0).action()).as(why("the laptop looks the name up first", d))
                    .isEqualTo(Action.RESOLVED);
            lbTarget(d);
        }

        @Test
        @DisplayName("the reply comes from the public address")
        void replyFromThePublicAddress() {
            Delivery request = connect("shop.example.com:80");
            Delivery reply = net.reply(assertThatDelivery(request).delivered(), "HTTP/1.1 200 OK");
            assertThatDelivery(reply).isDeliveredTo("client", "laptop").visitsInOrder(lbTarget(request), "router",
                    "laptop");
            assertThat(assertThatDelivery(reply).delivered().message().source())
                    .as(why("the load balancer rewrites the reply's source back to " + PUBLIC + ":80, where the "
                            + "laptop sent", reply))
                    .isEqualTo(SocketAddress.of(PUBLIC, 80));
            assertThat(reply.trace().hops()).as(why("the rewrite is the load balancer's, on the router", reply))
                    .anyMatch(h -> h.component().equals("lb") && h.action() == Action.SNAT
                            && h.place().host().equals("router"));
        }

        @Test
        @DisplayName("a port the load balancer does not listen on is dropped there")
        void otherPort() {
            Delivery d = connect(PUBLIC + ":443");
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).endsAt("router").neverVisits("node-1")
                    .neverVisits("node-2").neverVisits("node-3");
            assertThat(d.trace().last().component()).as(why("the load balancer drops it", d)).isEqualTo("lb");
            assertThat(d.trace().last().decision()).as(why("it has a listener on 80 only", d)).contains("443");
        }
    }

    @Nested
    @DisplayName("under externalTrafficPolicy: Cluster")
    class PolicyCluster {

        @Test
        @DisplayName("spreads connections over every node that is up, with or without a pod")
        void spreadsOverAllNodes() {
            Map<String, Integer> count = spread(PUBLIC + ":80");
            assertThat(count.keySet())
                    .as("%d connections: under Cluster every node that is up passes the health check, node-3 "
                            + "too (it forwards to a pod elsewhere); each should get some (counts %s)", CONNECTIONS,
                            count)
                    .containsExactly("node-1", "node-2", "node-3");
        }

        @Test
        @DisplayName("a node that is down gets no new connection, and gets them again once up")
        void nodeDown() {
            cluster.setNodeUp("node-2", false);
            Map<String, Integer> count = spread(PUBLIC + ":80");
            assertThat(count.keySet()).as("node-2 is down: it fails every health check (counts %s)", count)
                    .containsExactly("node-1", "node-3");
            Delivery d = connect(PUBLIC + ":80");
            assertThatDelivery(d).hasHop("lb", "2 of 3");
            cluster.setNodeUp("node-2", true);
            assertThat(spread(PUBLIC + ":80").keySet()).as("node-2 is back up")
                    .containsExactly("node-1", "node-2", "node-3");
        }

        @Test
        @DisplayName("with every node down, the load balancer drops the connection")
        void allDown() {
            for (String n : List.of("node-1", "node-2", "node-3")) {
                cluster.setNodeUp(n, false);
            }
            Delivery d = connect(PUBLIC + ":80");
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).endsAt("router").neverVisits("node-1")
                    .neverVisits("node-2").neverVisits("node-3");
            assertThat(d.trace().last().component()).as(why("the load balancer has nowhere to send it", d))
                    .isEqualTo("lb");
            assertThat(d.trace().last().action()).isEqualTo(Action.DROPPED);
        }
    }

    @Nested
    @DisplayName("under externalTrafficPolicy: Local")
    class PolicyLocal {

        @Test
        @DisplayName("only nodes with a ready local endpoint get connections")
        void onlyNodesWithLocalEndpoints() {
            Map<String, Integer> count = spread(PUBLIC_LOCAL + ":80");
            assertThat(count.keySet())
                    .as("%d connections: node-3 runs no pod, so its healthCheckNodePort answers 503 and it gets "
                            + "none; node-1 and node-2 each get some (counts %s)", CONNECTIONS, count)
                    .containsExactly("node-1", "node-2");
            net.setReady("web-2", false);
            count = spread(PUBLIC_LOCAL + ":80");
            assertThat(count.keySet()).as("web-2 is not ready: node-2 fails the health check too (counts %s)", count)
                    .containsExactly("node-1");
            addWebPod("web-3", n3);
            count = spread(PUBLIC_LOCAL + ":80");
            assertThat(count.keySet()).as("web-3 started on node-3, which now passes (counts %s)", count)
                    .containsExactly("node-1", "node-3");
        }

        @Test
        @DisplayName("the pod sees the client's address, and the reply comes from the public address")
        void clientAddressKept() {
            for (int i = 0; i < 10; i++) {
                Delivery d = connect(PUBLIC_LOCAL + ":80");
                Delivery.Delivered delivered = assertThatDelivery(d).delivered();
                assertThat(delivered.message().source().address())
                        .as(why("neither the load balancer nor the Local node rewrites the source", d))
                        .hasToString(LAPTOP);
                assertThat(net.network().pod(delivered.host().name()).node().name())
                        .as(why("the pod runs on the node the load balancer chose", d)).isEqualTo(lbTarget(d));
                Delivery reply = net.reply(delivered, "HTTP/1.1 200 OK");
                assertThatDelivery(reply).isDeliveredTo("client", "laptop");
                assertThat(assertThatDelivery(reply).delivered().message().source())
                        .as(why("the reply's source is the load balancer's address", reply))
                        .isEqualTo(SocketAddress.of(PUBLIC_LOCAL, 80));
            }
        }

        @Test
        @DisplayName("with no ready endpoint anywhere, the load balancer drops the connection")
        void noHealthyNode() {
            net.setReady("web-1", false);
            net.setReady("web-2", false);
            Delivery d = connect(PUBLIC_LOCAL + ":80");
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).endsAt("router").neverVisits("node-1")
                    .neverVisits("node-2").neverVisits("node-3");
            assertThat(d.trace().last().component()).as(why("dropped at the load balancer, not at a node", d))
                    .isEqualTo("lb");
        }
    }

    @Nested
    @DisplayName("keeps an established connection on its node")
    class Established {

        /** A connection to {@code destination} the load balancer sent to {@code node}. */
        private Delivery connectionTo(String destination, String node) {
            for (int i = 0; i < 200; i++) {
                Delivery d = connect(destination);
                if (lbTarget(d).equals(node)) {
                    return d;
                }
            }
            throw new AssertionError("200 connections to " + destination + ", none sent to " + node);
        }

        @Test
        @DisplayName("under Local, after its pod became unready and another started there")
        void local() {
            Delivery first = connectionTo(PUBLIC_LOCAL + ":80", "node-2");
            assertThatDelivery(first).isDeliveredTo("nginx", "web-2");
            net.setReady("web-2", false);
            addWebPod("web-4", net.network().node("node-2"));
            net.setReady("web-4", false);
            Delivery again = net.sendAgain(first, "GET /more HTTP/1.1");
            assertThatDelivery(again).isDeliveredTo("nginx", "web-2").hasHop("lb", "established");
            assertThat(lbTarget(again)).as(why("a packet of an established connection follows the load balancer's "
                    + "connection table, whatever the health checks say now", again)).isEqualTo("node-2");
            assertThat(spread(PUBLIC_LOCAL + ":80").keySet()).as("new connections avoid node-2, which has no ready pod")
                    .containsExactly("node-1");
        }

        @Test
        @DisplayName("under Cluster, after pods were added on its node")
        void cluster() {
            Delivery first = connectionTo(PUBLIC + ":80", "node-3");
            String pod = assertThatDelivery(first).delivered().host().name();
            addWebPod("web-5", n3);
            addWebPod("web-6", n3);
            for (int i = 0; i < 5; i++) {
                Delivery again = net.sendAgain(first, "GET /more HTTP/1.1");
                assertThatDelivery(again).isDeliveredTo("nginx", pod).hasHop("lb", "established");
                assertThat(lbTarget(again)).as(why("the same node as the first packet", again)).isEqualTo("node-3");
            }
        }
    }
}
