package k8snet.nodeport;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import k8snet.service.ServiceNetwork;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * NodePort Services end to end, through {@link Cluster}: a host on the internet sends to a node's address and
 * the NodePort, and the node's NodePort rules (exercise 4.1) decide. The cluster of every test:
 *
 * <pre>
 * node-1 (192.168.1.11)   web-1, web-3   (app=web, nginx on 8080, container port http)
 * node-2 (192.168.1.12)   web-2
 * node-3 (192.168.1.13)   no pod of the Service
 * laptop (198.51.100.7)   on the internet, behind the router
 * </pre>
 */
@DisplayName("Exercise 4.1: NodePort Services and externalTrafficPolicy on real traffic from the internet")
@ExtendWith(ReferenceTraces.class)
class NodePortTrafficTest {

    private static final String LAPTOP = "198.51.100.7";

    private Cluster cluster;
    private ServiceNetwork net;
    private Node n1;
    private Node n2;
    private Node n3;
    private ExternalHost laptop;

    /** Service {@code name}: port http 80 to the pods' container port http (8080), selecting app=web. */
    private static ServiceSpec web(String name) {
        return new ServiceSpec(name, Selector.parse("app=web"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http"))));
    }

    @BeforeEach
    void setUp() {
        cluster = Cluster.builder().build();
        net = cluster.services();
        n1 = net.addNode("node-1", "192.168.1.11/24");
        n2 = net.addNode("node-2", "192.168.1.12/24");
        n3 = net.addNode("node-3", "192.168.1.13/24");
        addWebPod("web-1", n1);
        addWebPod("web-2", n2);
        addWebPod("web-3", n1);
        laptop = cluster.addExternalHost("laptop", LAPTOP);
    }

    private Pod addWebPod(String name, Node node) {
        Pod pod = net.addPod(name, node, Labels.of("app", "web"), Map.of("http", Port.of(8080)));
        pod.listen("nginx", Protocol.TCP, Port.of(8080));
        return pod;
    }

    private Node node(String name) {
        return net.network().node(name);
    }

    private Delivery fromLaptop(Node to, int nodePort) {
        return cluster.send(laptop, Protocol.TCP, to.ip() + ":" + nodePort, "GET / HTTP/1.1");
    }

    /** The delivery reached nginx in one of the web pods; returns it. */
    private static Delivery.Delivered atNginx(Delivery d, String why) {
        Delivery.Delivered delivered = assertThatDelivery(d).delivered();
        assertThat(delivered.application().name()).as(why(why + ": nginx should take it", d)).isEqualTo("nginx");
        assertThat(delivered.host().name()).as(why(why + ": one of the web pods", d)).startsWith("web-");
        return delivered;
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    private static List<Hop> hops(Delivery d, String component) {
        return d.trace().hops().stream().filter(h -> h.component().equals(component)).toList();
    }

    @Nested
    @DisplayName("with externalTrafficPolicy: Cluster")
    class PolicyCluster {

        private ExposedService svc;

        @BeforeEach
        void expose() {
            svc = cluster.exposeNodePort(web("web"), TrafficPolicy.CLUSTER);
        }

        @Test
        @DisplayName("the Service gets the dynamic band's first NodePort, 30086, from the allocator")
        void nodePortAllocated() {
            assertThat(svc.nodePorts()).as("port http of Service web, from the default range 30000-32767")
                    .isEqualTo(Map.of("http", 30086));
            assertThat(svc.policy()).isEqualTo(TrafficPolicy.CLUSTER);
            assertThat(cluster.nodePorts().serviceAt(30086)).contains("web");
            assertThat(cluster.nodePorts().allocatedCount()).as("NodePorts allocated").isEqualTo(1);
            ExposedService second = cluster.exposeNodePort(web("web-b"), TrafficPolicy.CLUSTER);
            assertThat(second.nodePort("http")).as("a second Service gets the next port up").isEqualTo(30087);
        }

        @ParameterizedTest(name = "through {0}")
        @CsvSource({"node-1", "node-2", "node-3"})
        void everyNodeOpensTheNodePort(String name) {
            Node node = node(name);
            Delivery d = fromLaptop(node, 30086);
            Delivery.Delivered delivered = atNginx(d, "the laptop sent to " + node.ip() + ":30086, " + name
                    + "'s address and the NodePort; every node opens it, with or without a pod of the Service");
            assertThatDelivery(d).startsAt("laptop").visitsInOrder("laptop", "router", name)
                    .hasActionsInOrder(Action.SENT, Action.BALANCED, Action.DNAT, Action.SNAT, Action.CONNTRACK,
                            Action.DELIVERED);
            for (Action a : List.of(Action.BALANCED, Action.DNAT, Action.SNAT)) {
                assertThat(assertThatDelivery(d).hop(a).place().host())
                        .as(why("the NodePort rules run on the receiving node " + name, d)).isEqualTo(name);
            }
            assertThat(delivered.message().source().address())
                    .as(why("under Cluster the receiving node masquerades: " + delivered.host().name()
                            + " sees " + name + "'s address " + node.ip() + " as the source, not the laptop's", d))
                    .isEqualTo(node.ip());
        }

        @Test
        @DisplayName("a node without a pod of the Service forwards to a pod on another node")
        void hopsToAnotherNode() {
            Delivery d = fromLaptop(n3, 30086);
            Delivery.Delivered delivered = atNginx(d, "node-3 runs no web pod; under Cluster it forwards anyway");
            String pod = delivered.host().name();
            String podNode = net.network().pod(pod).node().name();
            assertThat(podNode).as(why("the pod that took it runs on node-1 or node-2", d)).isNotEqualTo("node-3");
            assertThatDelivery(d).visitsInOrder("router", "node-3", podNode + "/" + pod);
            assertThat(delivered.message().source().address()).as(why("node-3 masqueraded", d)).isEqualTo(n3.ip());
        }

        @Test
        @DisplayName("spreads new connections over every endpoint, local or not")
        void spreadsOverAllEndpoints() {
            Set<String> reached = new TreeSet<>();
            for (int i = 0; i < 30; i++) {
                reached.add(atNginx(fromLaptop(n1, 30086), "connection " + (i + 1) + " to node-1").host().name());
            }
            assertThat(reached)
                    .as("30 connections to node-1:30086: under Cluster every endpoint is a candidate, web-2 on "
                            + "node-2 as well as node-1's own web-1 and web-3")
                    .containsExactly("web-1", "web-2", "web-3");
        }

        @ParameterizedTest(name = "through {0}")
        @CsvSource({"node-1", "node-2", "node-3"})
        void replyComesBackFromTheNodePort(String name) {
            Node node = node(name);
            Delivery request = fromLaptop(node, 30086);
            Delivery.Delivered delivered = atNginx(request, "the request through " + name);
            Delivery reply = net.reply(delivered, "HTTP/1.1 200 OK");
            assertThatDelivery(reply).isDeliveredTo("client", "laptop")
                    .visitsInOrder(net.network().pod(delivered.host().name()).node().name() + "/"
                            + delivered.host().name(), name, "router", "laptop");
            Delivery.Delivered back = assertThatDelivery(reply).delivered();
            assertThat(back.message().source())
                    .as(why("the reply goes back through " + name + ", whose conntrack gives it the address the "
                            + "laptop sent to: " + node.ip() + ":30086", reply))
                    .isEqualTo(SocketAddress.of(node.ip().toString(), 30086));
            assertThat(back.message().destination().address()).as(why("and the laptop's own address", reply))
                    .hasToString(LAPTOP);
        }

        @Test
        @DisplayName("with no ready endpoint, the receiving node drops the connection at kube-proxy")
        void noEndpoints() {
            for (String pod : List.of("web-1", "web-2", "web-3")) {
                net.setReady(pod, false);
            }
            Delivery d = fromLaptop(n2, 30086);
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).endsAt("node-2").neverVisits("node-1");
            assertThat(d.trace().last().component()).as(why("the NodePort rules have nowhere to send it", d))
                    .isEqualTo("kube-proxy");
        }

        @Test
        @DisplayName("a port that is no NodePort is not translated")
        void otherPortsPass() {
            Delivery d = fromLaptop(n1, 30087);
            assertThat(d).as(why("30087 belongs to no Service: the node's own stack answers, nothing listens",
                    d)).isInstanceOf(Delivery.ConnectionRefused.class);
            assertThat(hops(d, "kube-proxy")).as(why("no NodePort rule applies", d)).isEmpty();
        }
    }

    @Nested
    @DisplayName("with externalTrafficPolicy: Local")
    class PolicyLocal {

        private ExposedService svc;

        @BeforeEach
        void expose() {
            svc = cluster.exposeNodePort(web("web-local"), TrafficPolicy.LOCAL);
        }

        @ParameterizedTest(name = "through {0}, which runs {1}")
        @CsvSource({"node-1, web-1 web-3", "node-2, web-2"})
        void podSeesTheClient(String name, String local) {
            Node node = node(name);
            Set<String> reached = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                Delivery d = fromLaptop(node, svc.nodePort("http"));
                Delivery.Delivered delivered = atNginx(d, "connection " + (i + 1) + " through " + name);
                reached.add(delivered.host().name());
                assertThat(delivered.message().source().address())
                        .as(why("under Local there is no SNAT: the pod sees the laptop's own address " + LAPTOP, d))
                        .hasToString(LAPTOP);
                assertThat(d.trace().hops()).as(why("under Local no hop rewrites the source", d))
                        .noneMatch(h -> h.action() == Action.SNAT);
                assertThatDelivery(d).hasActionsInOrder(Action.BALANCED, Action.DNAT, Action.CONNTRACK,
                        Action.DELIVERED);
                assertThat(net.network().pod(delivered.host().name()).node().name())
                        .as(why("under Local the connection stays on " + name, d)).isEqualTo(name);
            }
            assertThat(String.join(" ", reached)).as("20 connections through %s reach its local pods only, each "
                    + "of them", name).isEqualTo(local);
        }

        @Test
        @DisplayName("a node without a local endpoint drops the connection at kube-proxy, naming the node")
        void noLocalEndpoint() {
            Delivery d = fromLaptop(n3, svc.nodePort("http"));
            assertThatDelivery(d).isDroppedBy(Action.DROPPED).startsAt("laptop").endsAt("node-3")
                    .neverVisits("node-1").neverVisits("node-2");
            Hop last = d.trace().last();
            assertThat(last.component()).as(why("kube-proxy's NodePort rules drop it", d)).isEqualTo("kube-proxy");
            assertThat(last.decision()).as(why("the drop names the node that has no local endpoint", d))
                    .contains("node-3");
        }

        @ParameterizedTest(name = "through {0}")
        @CsvSource({"node-1", "node-2"})
        void replyComesBackFromTheNodePort(String name) {
            Node node = node(name);
            int port = svc.nodePort("http");
            Delivery.Delivered delivered = atNginx(fromLaptop(node, port), "the request through " + name);
            Delivery reply = net.reply(delivered, "HTTP/1.1 200 OK");
            assertThatDelivery(reply).isDeliveredTo("client", "laptop").visitsInOrder(name, "router", "laptop");
            assertThat(assertThatDelivery(reply).delivered().message().source())
                    .as(why("the pod answered the laptop directly, and " + name + "'s conntrack rewrote the source "
                            + "back to " + node.ip() + ":" + port, reply))
                    .isEqualTo(SocketAddress.of(node.ip().toString(), port));
        }

        @Test
        @DisplayName("the Cluster Service beside it still masquerades")
        void policyIsPerService() {
            ExposedService cl = cluster.exposeNodePort(web("web"), TrafficPolicy.CLUSTER);
            Delivery.Delivered local = atNginx(fromLaptop(n2, svc.nodePort("http")), "web-local through node-2");
            Delivery.Delivered masq = atNginx(fromLaptop(n2, cl.nodePort("http")), "web through node-2");
            assertThat(local.message().source().address()).as("web-local is Local: the laptop's address")
                    .hasToString(LAPTOP);
            assertThat(masq.message().source().address()).as("web is Cluster: node-2's address")
                    .isEqualTo(n2.ip());
        }
    }

    @Nested
    @DisplayName("answers health checks on each node")
    class HealthChecks {

        @BeforeEach
        void expose() {
            cluster.exposeNodePort(web("web-local"), TrafficPolicy.LOCAL);
        }

        private void assertHealth(String node, int status, int count, String why) {
            assertThat(cluster.healthCheck("web-local", node)).as("%s's health check: %s", node, why)
                    .isEqualTo(new HealthCheck(status, count));
        }

        @Test
        @DisplayName("200 with the count of local endpoints, 503 with 0")
        void byNode() {
            assertHealth("node-1", 200, 2, "web-1 and web-3 run there");
            assertHealth("node-2", 200, 1, "web-2 runs there");
            assertHealth("node-3", 503, 0, "no pod of the Service runs there");
            assertThat(cluster.healthCheck("web-local", "node-1").body()).isEqualTo("{\"localEndpoints\": 2}");
        }

        @Test
        @DisplayName("change as pods become unready, are removed, or start")
        void followThePods() {
            int port = cluster.exposed("web-local").nodePort("http");
            net.setReady("web-1", false);
            assertHealth("node-1", 200, 1, "web-1 failed its readiness probe: only web-3 is an endpoint");
            for (int i = 0; i < 5; i++) {
                assertThatDelivery(fromLaptop(n1, port)).isDeliveredTo("nginx", "web-3");
            }
            net.setReady("web-3", false);
            assertHealth("node-1", 503, 0, "neither web-1 nor web-3 is ready");
            Delivery dropped = fromLaptop(n1, port);
            assertThatDelivery(dropped).isDroppedBy(Action.DROPPED).endsAt("node-1");
            assertThat(dropped.trace().last().decision()).as(why("node-1 has no ready local endpoint left", dropped))
                    .contains("node-1");
            net.setReady("web-1", true);
            assertHealth("node-1", 200, 1, "web-1 is ready again");
            net.removePod("web-2");
            assertHealth("node-2", 503, 0, "web-2 was deleted");
            addWebPod("web-4", n3);
            assertHealth("node-3", 200, 1, "web-4 started there");
            assertThatDelivery(fromLaptop(n3, port)).isDeliveredTo("nginx", "web-4");
        }
    }

    @Nested
    @DisplayName("with requested NodePorts")
    class RequestedPorts {

        @Test
        @DisplayName("a requested port is honoured, in either band, and traffic to it arrives")
        void honoured() {
            ExposedService pinned = cluster.exposeNodePort(web("pinned"), TrafficPolicy.CLUSTER,
                    Map.of("http", 30080));
            assertThat(pinned.nodePort("http")).as("spec.ports[].nodePort 30080, in the static band").isEqualTo(30080);
            assertThat(cluster.nodePorts().serviceAt(30080)).contains("pinned");
            atNginx(fromLaptop(n2, 30080), "the laptop sent to node-2:30080");
            ExposedService high = cluster.exposeNodePort(web("high"), TrafficPolicy.LOCAL, Map.of("http", 32767));
            assertThat(high.nodePort("http")).as("the range's last port").isEqualTo(32767);
            atNginx(fromLaptop(n1, 32767), "the laptop sent to node-1:32767");
            ExposedService picked = cluster.exposeNodePort(web("picked"), TrafficPolicy.CLUSTER);
            assertThat(picked.nodePort("http")).as("a Service without a request still gets 30086").isEqualTo(30086);
        }

        @Test
        @DisplayName("a Service with two ports gets one NodePort per port, requested or picked")
        void twoPorts() {
            Pod metrics = net.addPod("metrics-1", n2, Labels.of("app", "metrics"),
                    Map.of("http", Port.of(8080), "prom", Port.of(9100)));
            metrics.listen("nginx", Protocol.TCP, Port.of(8080));
            metrics.listen("exporter", Protocol.TCP, Port.of(9100));
            ServiceSpec spec = new ServiceSpec("metrics", Selector.parse("app=metrics"), List.of(
                    ServicePort.tcp("http", 80, TargetPort.named("http")),
                    ServicePort.tcp("prom", 9100, TargetPort.named("prom"))));
            ExposedService svc = cluster.exposeNodePort(spec, TrafficPolicy.CLUSTER, Map.of("prom", 32000));
            assertThat(svc.nodePorts()).as("prom asked for 32000; http gets the dynamic band's first port")
                    .isEqualTo(Map.of("http", 30086, "prom", 32000));
            assertThat(cluster.nodePorts().ports("metrics")).containsExactly(30086, 32000);
            assertThatDelivery(fromLaptop(n1, 32000)).isDeliveredTo("exporter", "metrics-1");
            assertThatDelivery(fromLaptop(n1, 30086)).isDeliveredTo("nginx", "metrics-1");
        }

        @Test
        @DisplayName("a taken port is refused, naming its holder, and the Service is not created")
        void taken() {
            cluster.exposeNodePort(web("first"), TrafficPolicy.CLUSTER, Map.of("http", 30080));
            assertThatIllegalStateException().as("30080 belongs to Service first")
                    .isThrownBy(() -> cluster.exposeNodePort(web("second"), TrafficPolicy.CLUSTER,
                            Map.of("http", 30080)))
                    .withMessageContaining("first");
            assertThat(net.services()).as("the refused Service was rolled back").extracting(s -> s.name())
                    .containsExactly("first");
            assertThat(cluster.nodePorts().allocatedCount()).as("NodePorts allocated").isEqualTo(1);
        }

        @Test
        @DisplayName("a port outside the range is refused, naming the range")
        void outside() {
            assertThatIllegalArgumentException().as("29999 is below 30000-32767")
                    .isThrownBy(() -> cluster.exposeNodePort(web("web"), TrafficPolicy.CLUSTER, Map.of("http", 29999)))
                    .withMessageContaining("29999").withMessageContaining("30000").withMessageContaining("32767");
            assertThat(net.services()).isEmpty();
            assertThat(cluster.nodePorts().allocatedCount()).as("NodePorts allocated").isZero();
        }
    }
}
