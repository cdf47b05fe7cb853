package k8snet.proxy;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.balance.Balancer;
import k8snet.balance.Endpoint;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook.Step;
import k8snet.cluster.PacketHook.Verdict;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("kube-proxy: a Service's virtual IP turned into a pod, one flow at a time (exercise 3.5, part 2)")
@ExtendWith(ReferenceTraces.class)
class KubeProxyTest {

    private static final Ipv4Address CLUSTER_IP = Ipv4Address.parse("10.96.0.10");
    private static final SocketAddress SERVICE = new SocketAddress(CLUSTER_IP, Port.of(80));
    private static final SocketAddress CLIENT = SocketAddress.of("10.244.0.5", 49152);

    /* Pod names and addresses without a lone "3" in them, so a decision's endpoint count can be read. */
    private static final Endpoint WEB_A = new Endpoint("web-a", SocketAddress.of("10.244.1.2", 8080));
    private static final Endpoint WEB_B = new Endpoint("web-b", SocketAddress.of("10.244.2.2", 8080));
    private static final Endpoint WEB_C = new Endpoint("web-c", SocketAddress.of("10.244.4.2", 8080));
    private static final List<Endpoint> WEB = List.of(WEB_A, WEB_B, WEB_C);

    /** Service web at 10.96.0.10, one port "http" TCP 80 to the pods' port named http. */
    private static final Service WEB_SERVICE = service("web", CLUSTER_IP,
            ServicePort.tcp("http", 80, TargetPort.named("http")));

    /** A client's first packet to web's ClusterIP. */
    private static final Headers FIRST = Headers.of(Protocol.TCP, CLIENT, SERVICE);

    private static Service service(String name, Ipv4Address ip, ServicePort... ports) {
        return new Service(new ServiceSpec(name, Selector.parse("app=" + name), List.of(ports)), ip);
    }

    private static ServicePort udp(String name, int port) {
        return new ServicePort(name, Protocol.UDP, Port.of(port), Optional.empty());
    }

    private static Headers tcp(SocketAddress from, SocketAddress to) {
        return Headers.of(Protocol.TCP, from, to);
    }

    /**
     * A balancer that records every question it is asked and answers with the endpoint at {@code choice} (modulo
     * the list's size), so a test knows which backend a new flow gets.
     */
    private static final class Counting implements Balancer {
        final List<Ipv4Address> clients = new ArrayList<>();
        final List<List<Endpoint>> lists = new ArrayList<>();
        int choice;

        Counting(int choice) {
            this.choice = choice;
        }

        int asked() {
            return clients.size();
        }

        @Override
        public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
            clients.add(client);
            lists.add(List.copyOf(endpoints));
            return endpoints.get(choice % endpoints.size());
        }
    }

    /** A step as "component ACTION headers", the parts a test compares exactly. */
    private static String step(String component, Action action, Headers headers) {
        return component + " " + action + " " + headers;
    }

    private static List<String> steps(Verdict verdict) {
        return verdict.steps().stream().map(s -> step(s.component(), s.action(), s.headers())).toList();
    }

    /** The verdict in full, for a failing assertion's description. */
    private static Supplier<String> shows(String remark, Verdict verdict) {
        return () -> {
            StringBuilder text = new StringBuilder(remark).append("\nkube-proxy answered ")
                    .append(verdict == null ? "null" : verdict.getClass().getSimpleName()).append(" with steps:");
            if (verdict != null) {
                for (Step s : verdict.steps()) {
                    text.append("\n  [").append(s.component()).append("] ").append(s.action()).append(" ")
                            .append(s.headers()).append(": ").append(s.decision());
                }
            }
            return text.toString();
        };
    }

    /** A real node for {@code inspect} (a kube-proxy does not look at it, but it is what the walk passes). */
    private static Node someNode() {
        return PodNetwork.builder().build().addNode("node-1", "192.168.1.11/24");
    }

    private final Node node = someNode();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Conntrack conntrack = new Conntrack(clock);
    private final KubeProxy proxy = new KubeProxy(conntrack);
    private final Counting balancer = new Counting(1);

    @Nested
    @DisplayName("on the first packet of a connection to a Service")
    class NewFlow {

        @BeforeEach
        void web() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
        }

        @Test
        @DisplayName("balances, rewrites the destination to the chosen pod and tracks the flow: three steps")
        void threeSteps() {
            Verdict v = proxy.inspect(node, FIRST);
            Headers toWebB = FIRST.withDestination(WEB_B.address());
            assertThat(v).as(shows("a packet that goes on is a Continue verdict", v))
                    .isInstanceOf(Verdict.Continue.class);
            assertThat(steps(v)).as(shows("the balancer picked web-b; the steps, in order, with the headers after "
                    + "each", v))
                    .containsExactly(
                            step("kube-proxy", Action.BALANCED, FIRST),
                            step("kube-proxy", Action.DNAT, toWebB),
                            step("conntrack", Action.CONNTRACK, toWebB));
        }

        @Test
        @DisplayName("the decisions name the chosen pod and the endpoint count, and say a new flow was tracked")
        void decisions() {
            Verdict v = proxy.inspect(node, FIRST);
            assertThat(v.steps()).as(shows("three steps", v)).hasSize(3);
            assertThat(v.steps().get(0).decision()).as(shows("BALANCED names the chosen pod and how many endpoints "
                    + "there were (3)", v)).contains("web-b").containsPattern("\\b3\\b");
            assertThat(v.steps().get(2).decision()).as(shows("CONNTRACK says a new flow was tracked", v))
                    .containsIgnoringCase("new");
        }

        @Test
        @DisplayName("asks the balancer exactly once, with the packet's source address and the endpoints in order")
        void asksTheBalancerOnce() {
            List<Endpoint> unsorted = List.of(WEB_C, WEB_A, WEB_B);
            proxy.setEndpoints("web", "http", unsorted);
            Verdict v = proxy.inspect(node, FIRST);
            assertThat(balancer.asked()).as(shows("one new flow, one question to the balancer", v)).isEqualTo(1);
            assertThat(balancer.clients).as("the balancer chooses for the client's address")
                    .containsExactly(CLIENT.address());
            assertThat(balancer.lists).as("the endpoints as they were set, in that order (web-c, web-a, web-b)")
                    .containsExactly(unsorted);
            assertThat(steps(v)).as(shows("the balancer's answer (the second endpoint, web-a) is the backend", v))
                    .contains(step("kube-proxy", Action.DNAT, FIRST.withDestination(WEB_A.address())));
        }

        @Test
        @DisplayName("records the flow in the conntrack table with the chosen backend, created now")
        void tracksTheFlow() {
            clock.advance(Duration.ofMinutes(3));
            Verdict v = proxy.inspect(node, FIRST);
            assertThat(proxy.conntrack()).as("conntrack() is the table the proxy was built with").isSameAs(conntrack);
            assertThat(conntrack.flows()).as(shows("the conntrack table after the first packet", v))
                    .containsExactly(new Flow(Protocol.TCP, CLIENT, SERVICE, WEB_B.address(), clock.instant()));
        }

        @Test
        @DisplayName("each new connection is a new flow, and the balancer is asked for each")
        void eachConnection() {
            Headers second = tcp(SocketAddress.of("10.244.0.5", 49153), SERVICE);
            Headers third = tcp(SocketAddress.of("10.244.0.9", 49152), SERVICE);
            proxy.inspect(node, FIRST);
            balancer.choice = 2;
            Verdict v2 = proxy.inspect(node, second);
            balancer.choice = 0;
            Verdict v3 = proxy.inspect(node, third);
            assertThat(steps(v2)).as(shows("a second connection from the same pod (another source port)", v2))
                    .contains(step("kube-proxy", Action.DNAT, second.withDestination(WEB_C.address())));
            assertThat(steps(v3)).as(shows("a connection from another pod", v3))
                    .contains(step("kube-proxy", Action.DNAT, third.withDestination(WEB_A.address())));
            assertThat(balancer.clients).as("three new flows, three picks, each for its client's address")
                    .containsExactly(CLIENT.address(), CLIENT.address(), Ipv4Address.parse("10.244.0.9"));
            assertThat(conntrack.flows()).extracting(Flow::backend).as("three flows, each with its own backend")
                    .containsExactly(WEB_B.address(), WEB_C.address(), WEB_A.address());
        }

        @Test
        @DisplayName("a UDP Service port makes a UDP flow")
        void udpFlow() {
            Counting dnsBalancer = new Counting(0);
            Ipv4Address dnsIp = Ipv4Address.parse("10.96.0.53");
            proxy.setService(service("dns", dnsIp, udp("", 53)), dnsBalancer);
            Endpoint coredns = new Endpoint("coredns-a", SocketAddress.of("10.244.1.7", 53));
            proxy.setEndpoints("dns", "", List.of(coredns));
            Headers query = Headers.of(Protocol.UDP, CLIENT, new SocketAddress(dnsIp, Port.of(53)));
            Verdict v = proxy.inspect(node, query);
            Headers toCoredns = query.withDestination(coredns.address());
            assertThat(steps(v)).as(shows("a DNS query over UDP to a single unnamed port", v)).containsExactly(
                    step("kube-proxy", Action.BALANCED, query),
                    step("kube-proxy", Action.DNAT, toCoredns),
                    step("conntrack", Action.CONNTRACK, toCoredns));
            assertThat(conntrack.flows()).as("the flow is a UDP one")
                    .containsExactly(new Flow(Protocol.UDP, CLIENT, query.destination(), coredns.address(),
                            clock.instant()));
        }
    }

    @Nested
    @DisplayName("on a packet of a tracked connection")
    class Established {

        private Verdict again;

        @BeforeEach
        void firstPacketWentToWebB() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
            proxy.inspect(node, FIRST);
            clock.advance(Duration.ofSeconds(5));
        }

        private void assertEstablished(String situation) {
            again = proxy.inspect(node, FIRST);
            assertThat(again).as(shows(situation + ": the packet goes on", again)).isInstanceOf(Verdict.Continue.class);
            assertThat(steps(again)).as(shows(situation + ": the conntrack table decides, DNAT to the flow's backend "
                    + "web-b, without balancing", again))
                    .containsExactly(
                            step("conntrack", Action.CONNTRACK, FIRST),
                            step("conntrack", Action.DNAT, FIRST.withDestination(WEB_B.address())));
            assertThat(balancer.asked()).as(shows(situation + ": the balancer was asked for the first packet only",
                    again)).isEqualTo(1);
        }

        @Test
        @DisplayName("conntrack decides: CONNTRACK then DNAT to the flow's backend, no balancing")
        void conntrackDecides() {
            assertEstablished("the second packet");
            assertThat(again.steps().get(0).decision()).as(shows("the CONNTRACK decision says the flow is "
                    + "established and names its backend", again))
                    .containsIgnoringCase("established").contains(WEB_B.address().toString());
        }

        @Test
        @DisplayName("every later packet goes the same way, and keeps the flow alive")
        void manyPackets() {
            for (int i = 0; i < 5; i++) {
                clock.advance(Conntrack.TCP_TIMEOUT.minusSeconds(10));
                assertEstablished("packet " + (i + 2) + ", each 23:59:50 after the previous one");
            }
        }

        @Test
        @DisplayName("even after its backend left the endpoints: the connection stays where it is")
        void endpointsChanged() {
            proxy.setEndpoints("web", "http", List.of(WEB_A, WEB_C));
            assertEstablished("after web-b was removed from the endpoints");
        }

        @Test
        @DisplayName("even after the Service lost all its endpoints")
        void noEndpointsAnyMore() {
            proxy.setEndpoints("web", "http", List.of());
            assertEstablished("after the endpoints became empty");
        }

        @Test
        @DisplayName("even after the Service was removed")
        void serviceRemoved() {
            proxy.removeService("web");
            assertEstablished("after removeService(\"web\")");
        }

        @Test
        @DisplayName("even after the Service was replaced by one with another balancer")
        void serviceReplaced() {
            Counting other = new Counting(0);
            proxy.setService(WEB_SERVICE, other);
            assertEstablished("after setService(web, another balancer)");
            assertThat(other.asked()).as("the new balancer is not asked about a tracked flow").isZero();
        }

        @Test
        @DisplayName("once the flow has expired, the next packet is a new flow and is balanced again")
        void afterExpiry() {
            clock.advance(Conntrack.TCP_TIMEOUT);
            balancer.choice = 2;
            Verdict v = proxy.inspect(node, FIRST);
            Headers toWebC = FIRST.withDestination(WEB_C.address());
            assertThat(steps(v)).as(shows("24 h without a packet: the flow expired, so this is a new flow", v))
                    .containsExactly(
                            step("kube-proxy", Action.BALANCED, FIRST),
                            step("kube-proxy", Action.DNAT, toWebC),
                            step("conntrack", Action.CONNTRACK, toWebC));
            assertThat(balancer.asked()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("on a backend's reply")
    class Reply {

        private final Headers answer = tcp(WEB_B.address(), CLIENT);

        @BeforeEach
        void firstPacketWentToWebB() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
            proxy.inspect(node, FIRST);
        }

        @Test
        @DisplayName("CONNTRACK then SNAT: the source is rewritten back to the ClusterIP and Service port")
        void translatedBack() {
            Verdict v = proxy.inspect(node, answer);
            assertThat(v).as(shows("the reply goes on", v)).isInstanceOf(Verdict.Continue.class);
            assertThat(steps(v)).as(shows("web-b's answer %s must look, to the client, as if it came from %s"
                    .formatted(answer, SERVICE), v))
                    .containsExactly(
                            step("conntrack", Action.CONNTRACK, answer),
                            step("conntrack", Action.SNAT, tcp(SERVICE, CLIENT)));
            assertThat(balancer.asked()).as("a reply is never balanced").isEqualTo(1);
        }

        @Test
        @DisplayName("still after the Service was removed")
        void afterServiceRemoved() {
            proxy.removeService("web");
            Verdict v = proxy.inspect(node, answer);
            assertThat(steps(v)).as(shows("the flow outlives the Service", v))
                    .containsExactly(
                            step("conntrack", Action.CONNTRACK, answer),
                            step("conntrack", Action.SNAT, tcp(SERVICE, CLIENT)));
        }

        @Test
        @DisplayName("an answer from another pod of the Service is no reply of this flow: no steps")
        void otherBackend() {
            Headers fromWebA = tcp(WEB_A.address(), CLIENT);
            Verdict v = proxy.inspect(node, fromWebA);
            assertThat(steps(v)).as(shows("web-a never got this connection; its packet is plain pod traffic", v))
                    .isEmpty();
            assertThat(v).isInstanceOf(Verdict.Continue.class);
        }
    }

    @Nested
    @DisplayName("rejects a connection it cannot serve")
    class Refused {

        @BeforeEach
        void web() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
        }

        private Verdict assertRefused(Headers packet, String situation) {
            Verdict v = proxy.inspect(node, packet);
            assertThat(v).as(shows(situation + ": the packet stops here", v)).isInstanceOf(Verdict.Stop.class);
            assertThat(steps(v)).as(shows(situation + ": one REFUSED step, the packet unchanged", v))
                    .containsExactly(step("kube-proxy", Action.REFUSED, packet));
            assertThat(balancer.asked()).as(shows(situation + ": nothing to balance", v)).isZero();
            assertThat(conntrack.size()).as(shows(situation + ": a rejected packet is not tracked", v)).isZero();
            return v;
        }

        @Test
        @DisplayName("a port number the Service does not have: REFUSED, naming the Service and the port asked for")
        void unknownPort() {
            Headers to81 = tcp(CLIENT, new SocketAddress(CLUSTER_IP, Port.of(81)));
            Verdict v = assertRefused(to81, "web has TCP 80 only; TCP 81 was asked for");
            assertThat(v.steps().get(0).decision()).as(shows("the decision names the Service and TCP 81", v))
                    .contains("web").contains("TCP").contains("81");
        }

        @Test
        @DisplayName("the right number over the wrong protocol (UDP 80 for a TCP 80 port): REFUSED")
        void wrongProtocol() {
            Headers udp80 = Headers.of(Protocol.UDP, CLIENT, SERVICE);
            Verdict v = assertRefused(udp80, "web has TCP 80; UDP 80 was asked for");
            assertThat(v.steps().get(0).decision()).as(shows("the decision names the Service and UDP 80", v))
                    .contains("web").contains("UDP").contains("80");
        }

        @Test
        @DisplayName("a Service port without endpoints: REFUSED, saying it has no endpoints")
        void neverSetEndpoints() {
            Ipv4Address emptyIp = Ipv4Address.parse("10.96.0.99");
            proxy.setService(service("empty", emptyIp, ServicePort.tcp("", 80)), balancer);
            Headers packet = tcp(CLIENT, new SocketAddress(emptyIp, Port.of(80)));
            Verdict v = assertRefused(packet, "Service empty was never given endpoints");
            assertThat(v.steps().get(0).decision()).as(shows("the decision names the Service and says why", v))
                    .contains("empty").containsIgnoringCase("no endpoints");
        }

        @Test
        @DisplayName("endpoints set to an empty list: REFUSED; once set again, the next new flow works")
        void emptiedThenRefilled() {
            proxy.setEndpoints("web", "http", List.of());
            Verdict refused = assertRefused(FIRST, "web's endpoints are an empty list");
            assertThat(refused.steps().get(0).decision()).as(shows("no endpoints", refused))
                    .contains("web").containsIgnoringCase("no endpoints");
            proxy.setEndpoints("web", "http", List.of(WEB_C));
            Verdict v = proxy.inspect(node, FIRST);
            Headers toWebC = FIRST.withDestination(WEB_C.address());
            assertThat(steps(v)).as(shows("web-c is an endpoint now; the same packet again is a new flow", v))
                    .containsExactly(
                            step("kube-proxy", Action.BALANCED, FIRST),
                            step("kube-proxy", Action.DNAT, toWebC),
                            step("conntrack", Action.CONNTRACK, toWebC));
        }
    }

    @Nested
    @DisplayName("leaves alone a packet that is no Service's")
    class PassThrough {

        @BeforeEach
        void web() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
        }

        private void assertUntouched(Headers packet, String situation) {
            Verdict v = proxy.inspect(node, packet);
            assertThat(v).as(shows(situation + ": the packet goes on", v)).isInstanceOf(Verdict.Continue.class);
            assertThat(v.steps()).as(shows(situation + ": kube-proxy has nothing to do, so no steps", v)).isEmpty();
            assertThat(balancer.asked()).as(situation + ": no balancing").isZero();
            assertThat(conntrack.size()).as(situation + ": nothing tracked").isZero();
        }

        @Test
        @DisplayName("to a pod IP (even a Service's backend, on the Service's port number)")
        void podIp() {
            assertUntouched(tcp(CLIENT, WEB_A.address()), "straight to web-a's own address");
            assertUntouched(tcp(CLIENT, new SocketAddress(WEB_A.address().address(), Port.of(80))),
                    "to web-a's address on port 80");
        }

        @Test
        @DisplayName("to a node IP")
        void nodeIp() {
            assertUntouched(tcp(CLIENT, SocketAddress.of("192.168.1.12", 10250)), "to a node's kubelet port");
        }

        @Test
        @DisplayName("an answer that belongs to no tracked flow")
        void untrackedReply() {
            assertUntouched(tcp(WEB_A.address(), CLIENT), "a pod answering a direct connection");
        }

        @Test
        @DisplayName("to the ClusterIP of a removed Service")
        void removedService() {
            proxy.removeService("web");
            assertUntouched(FIRST, "web was removed; its ClusterIP means nothing to kube-proxy now");
            assertThat(proxy.serviceAt(CLUSTER_IP)).as("no Service at 10.96.0.10 any more").isEmpty();
        }
    }

    @Nested
    @DisplayName("keeps a table of Services and endpoints")
    class Tables {

        @Test
        @DisplayName("serviceAt finds a Service by its ClusterIP")
        void serviceAt() {
            proxy.setService(WEB_SERVICE, balancer);
            assertThat(proxy.serviceAt(CLUSTER_IP)).contains(WEB_SERVICE);
            assertThat(proxy.serviceAt(Ipv4Address.parse("10.96.0.11"))).as("no Service there").isEmpty();
        }

        @Test
        @DisplayName("a new Service's ports start with no endpoints")
        void startsEmpty() {
            proxy.setService(service("shop", Ipv4Address.parse("10.96.0.30"), ServicePort.tcp("http", 80),
                    ServicePort.tcp("admin", 81)), balancer);
            assertThat(proxy.endpoints("shop", "http")).as("shop's port http before any setEndpoints").isEmpty();
            assertThat(proxy.endpoints("shop", "admin")).as("shop's port admin before any setEndpoints").isEmpty();
        }

        @Test
        @DisplayName("setEndpoints copies the list; endpoints returns it unmodifiable")
        void copiedAndUnmodifiable() {
            proxy.setService(WEB_SERVICE, balancer);
            List<Endpoint> mine = new ArrayList<>(List.of(WEB_A, WEB_B));
            proxy.setEndpoints("web", "http", mine);
            mine.add(WEB_C);
            assertThat(proxy.endpoints("web", "http")).as("changing the caller's list afterwards changes nothing")
                    .containsExactly(WEB_A, WEB_B);
            List<Endpoint> got = proxy.endpoints("web", "http");
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("endpoints(\"web\", \"http\") is unmodifiable: add must throw UnsupportedOperationException")
                    .isThrownBy(() -> got.add(WEB_C));
            Verdict v = proxy.inspect(node, FIRST);
            assertThat(balancer.lists).as(shows("the balancer sees the two endpoints that were set", v))
                    .containsExactly(List.of(WEB_A, WEB_B));
        }

        @Test
        @DisplayName("replacing a Service keeps the endpoints of port names it still has and drops the others")
        void replaceKeepsAndDrops() {
            proxy.setService(service("web", CLUSTER_IP, ServicePort.tcp("http", 80), ServicePort.tcp("metrics", 9090)),
                    balancer);
            proxy.setEndpoints("web", "http", List.of(WEB_A, WEB_B));
            proxy.setEndpoints("web", "metrics", List.of(new Endpoint("web-a", SocketAddress.of("10.244.1.2", 9090))));
            proxy.setService(service("web", CLUSTER_IP, ServicePort.tcp("http", 8000), ServicePort.tcp("admin", 81)),
                    balancer);
            assertThat(proxy.endpoints("web", "http")).as("port http is still there (with a new number): kept")
                    .containsExactly(WEB_A, WEB_B);
            assertThat(proxy.endpoints("web", "admin")).as("port admin is new: no endpoints yet").isEmpty();
            assertThatIllegalArgumentException().as("port metrics is gone from the spec")
                    .isThrownBy(() -> proxy.endpoints("web", "metrics")).withMessageContaining("metrics");
            Headers to8000 = tcp(CLIENT, new SocketAddress(CLUSTER_IP, Port.of(8000)));
            Verdict v = proxy.inspect(node, to8000);
            assertThat(steps(v)).as(shows("http is port 8000 now, with its kept endpoints", v))
                    .contains(step("kube-proxy", Action.DNAT, to8000.withDestination(WEB_B.address())));
            Verdict old = proxy.inspect(node, tcp(SocketAddress.of("10.244.0.5", 40000), SERVICE));
            assertThat(steps(old)).as(shows("port 80 is no longer one of web's ports", old))
                    .containsExactly(step("kube-proxy", Action.REFUSED, tcp(SocketAddress.of("10.244.0.5", 40000),
                            SERVICE)));
        }

        @Test
        @DisplayName("replacing a Service with a new ClusterIP moves it; the old address is no Service's")
        void replaceMovesTheClusterIp() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
            Ipv4Address moved = Ipv4Address.parse("10.96.0.20");
            Service webMoved = service("web", moved, ServicePort.tcp("http", 80, TargetPort.named("http")));
            proxy.setService(webMoved, balancer);
            assertThat(proxy.serviceAt(moved)).as("web is at its new ClusterIP").contains(webMoved);
            assertThat(proxy.serviceAt(CLUSTER_IP)).as("nothing at the old ClusterIP").isEmpty();
            Verdict atOld = proxy.inspect(node, FIRST);
            assertThat(atOld.steps()).as(shows("10.96.0.10 is no Service's address any more", atOld)).isEmpty();
            Headers toNew = tcp(CLIENT, new SocketAddress(moved, Port.of(80)));
            Verdict atNew = proxy.inspect(node, toNew);
            assertThat(steps(atNew)).as(shows("the new ClusterIP works, with the kept endpoints", atNew))
                    .containsExactly(
                            step("kube-proxy", Action.BALANCED, toNew),
                            step("kube-proxy", Action.DNAT, toNew.withDestination(WEB_B.address())),
                            step("conntrack", Action.CONNTRACK, toNew.withDestination(WEB_B.address())));
            Service api = service("api", CLUSTER_IP, ServicePort.tcp("", 443));
            proxy.setService(api, balancer);
            assertThat(proxy.serviceAt(CLUSTER_IP)).as("the freed old ClusterIP can be another Service's")
                    .contains(api);
        }

        @Test
        @DisplayName("replacing a Service gives it its new balancer")
        void replaceUsesTheNewBalancer() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
            Counting replacement = new Counting(2);
            proxy.setService(WEB_SERVICE, replacement);
            Verdict v = proxy.inspect(node, FIRST);
            assertThat(replacement.asked()).as(shows("the new balancer picks for new flows", v)).isEqualTo(1);
            assertThat(balancer.asked()).as("the replaced balancer is not asked").isZero();
            assertThat(steps(v)).contains(step("kube-proxy", Action.DNAT, FIRST.withDestination(WEB_C.address())));
        }

        @Test
        @DisplayName("a Service replaced with the same ClusterIP keeps it; another Service cannot take it")
        void sharedClusterIp() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setService(WEB_SERVICE, balancer);
            assertThat(proxy.serviceAt(CLUSTER_IP)).as("setting web again at its own address is fine")
                    .contains(WEB_SERVICE);
            Service api = service("api", CLUSTER_IP, ServicePort.tcp("", 443));
            assertThatIllegalArgumentException().as("api cannot have web's ClusterIP 10.96.0.10")
                    .isThrownBy(() -> proxy.setService(api, balancer));
            assertThat(proxy.serviceAt(CLUSTER_IP)).as("10.96.0.10 is still web's").contains(WEB_SERVICE);
            assertThatIllegalArgumentException().as("the rejected api was not added")
                    .isThrownBy(() -> proxy.endpoints("api", "")).withMessageContaining("api");
        }

        @Test
        @DisplayName("removeService forgets the Service and its endpoints")
        void remove() {
            proxy.setService(WEB_SERVICE, balancer);
            proxy.setEndpoints("web", "http", WEB);
            proxy.removeService("web");
            assertThat(proxy.serviceAt(CLUSTER_IP)).isEmpty();
            assertThatIllegalArgumentException().as("web is gone: its endpoints with it")
                    .isThrownBy(() -> proxy.endpoints("web", "http")).withMessageContaining("web");
            proxy.setService(WEB_SERVICE, balancer);
            assertThat(proxy.endpoints("web", "http")).as("a Service set again after removal starts empty").isEmpty();
        }

        @Test
        @DisplayName("unknown Service or port names: IllegalArgumentException quoting the name")
        void unknownNames() {
            proxy.setService(WEB_SERVICE, balancer);
            assertThatIllegalArgumentException().as("removeService of a Service never set")
                    .isThrownBy(() -> proxy.removeService("nosuch")).withMessageContaining("nosuch");
            assertThatIllegalArgumentException().as("setEndpoints of an unknown Service")
                    .isThrownBy(() -> proxy.setEndpoints("nosuch", "http", WEB)).withMessageContaining("nosuch");
            assertThatIllegalArgumentException().as("setEndpoints of an unknown port name")
                    .isThrownBy(() -> proxy.setEndpoints("web", "https", WEB)).withMessageContaining("https");
            assertThatIllegalArgumentException().as("endpoints of an unknown Service")
                    .isThrownBy(() -> proxy.endpoints("nosuch", "http")).withMessageContaining("nosuch");
            assertThatIllegalArgumentException().as("endpoints of an unknown port name")
                    .isThrownBy(() -> proxy.endpoints("web", "https")).withMessageContaining("https");
            assertThatIllegalArgumentException().as("web's only port is named http, not \"\"")
                    .isThrownBy(() -> proxy.setEndpoints("web", "", WEB));
        }

        @Test
        @DisplayName("null arguments and null endpoints: IllegalArgumentException")
        void nulls() {
            proxy.setService(WEB_SERVICE, balancer);
            assertThatIllegalArgumentException().as("new KubeProxy(null)").isThrownBy(() -> new KubeProxy(null));
            assertThatIllegalArgumentException().as("setService(null, balancer)")
                    .isThrownBy(() -> proxy.setService(null, balancer));
            assertThatIllegalArgumentException().as("setService(service, null)")
                    .isThrownBy(() -> proxy.setService(service("api", Ipv4Address.parse("10.96.0.40"),
                            ServicePort.tcp("", 443)), null));
            assertThatIllegalArgumentException().as("removeService(null)").isThrownBy(() -> proxy.removeService(null));
            assertThatIllegalArgumentException().as("setEndpoints(null, ...)")
                    .isThrownBy(() -> proxy.setEndpoints(null, "http", WEB));
            assertThatIllegalArgumentException().as("setEndpoints(web, null, ...)")
                    .isThrownBy(() -> proxy.setEndpoints("web", null, WEB));
            assertThatIllegalArgumentException().as("setEndpoints(web, http, null)")
                    .isThrownBy(() -> proxy.setEndpoints("web", "http", null));
            assertThatIllegalArgumentException().as("a null endpoint in the list")
                    .isThrownBy(() -> proxy.setEndpoints("web", "http", Arrays.asList(WEB_A, null)));
            assertThatIllegalArgumentException().as("endpoints(null, http)")
                    .isThrownBy(() -> proxy.endpoints(null, "http"));
            assertThatIllegalArgumentException().as("endpoints(web, null)")
                    .isThrownBy(() -> proxy.endpoints("web", null));
            assertThatIllegalArgumentException().as("serviceAt(null)").isThrownBy(() -> proxy.serviceAt(null));
            assertThatIllegalArgumentException().as("inspect(null, headers)")
                    .isThrownBy(() -> proxy.inspect(null, FIRST));
            assertThatIllegalArgumentException().as("inspect(node, null)")
                    .isThrownBy(() -> proxy.inspect(node, null));
            assertThat(proxy.endpoints("web", "http")).as("the refused calls changed nothing").isEmpty();
        }
    }

    @Nested
    @DisplayName("serves each port of a multi-port Service from its own endpoints")
    class MultiPort {

        private final Endpoint httpA = WEB_A;
        private final Endpoint httpB = WEB_B;
        private final Endpoint metricsA = new Endpoint("web-a", SocketAddress.of("10.244.1.2", 9100));

        @BeforeEach
        void twoPorts() {
            proxy.setService(service("web", CLUSTER_IP, ServicePort.tcp("http", 80, TargetPort.named("http")),
                    ServicePort.tcp("metrics", 9090, TargetPort.number(9100))), balancer);
            proxy.setEndpoints("web", "http", List.of(httpA, httpB));
            proxy.setEndpoints("web", "metrics", List.of(metricsA));
        }

        @Test
        @DisplayName("port 80 goes to the http endpoints on 8080, port 9090 to the metrics endpoint on 9100")
        void ownEndpointsAndTargetPorts() {
            Verdict http = proxy.inspect(node, FIRST);
            assertThat(steps(http)).as(shows("port http: the balancer's pick of web-a, web-b at their port 8080", http))
                    .contains(step("kube-proxy", Action.DNAT, FIRST.withDestination(httpB.address())));
            Headers scrape = tcp(SocketAddress.of("10.244.0.5", 49200), new SocketAddress(CLUSTER_IP, Port.of(9090)));
            Verdict metrics = proxy.inspect(node, scrape);
            assertThat(steps(metrics)).as(shows("port metrics: its only endpoint, web-a:9100", metrics))
                    .contains(step("kube-proxy", Action.DNAT, scrape.withDestination(metricsA.address())));
            assertThat(balancer.lists).as("each port's pick is made from that port's endpoints")
                    .containsExactly(List.of(httpA, httpB), List.of(metricsA));
        }

        @Test
        @DisplayName("emptying one port's endpoints leaves the other port working")
        void portsAreSeparate() {
            proxy.setEndpoints("web", "metrics", List.of());
            Headers scrape = tcp(SocketAddress.of("10.244.0.5", 49200), new SocketAddress(CLUSTER_IP, Port.of(9090)));
            Verdict metrics = proxy.inspect(node, scrape);
            assertThat(steps(metrics)).as(shows("metrics has no endpoints now", metrics))
                    .containsExactly(step("kube-proxy", Action.REFUSED, scrape));
            assertThat(metrics.steps().get(0).decision()).containsIgnoringCase("no endpoints");
            Verdict http = proxy.inspect(node, FIRST);
            assertThat(steps(http)).as(shows("http still has its two endpoints", http))
                    .contains(step("kube-proxy", Action.DNAT, FIRST.withDestination(httpB.address())));
        }

        @Test
        @DisplayName("TCP 53 and UDP 53 are two ports, each with its own endpoints (as in kube-dns)")
        void sameNumberTwoProtocols() {
            Ipv4Address dnsIp = Ipv4Address.parse("10.96.0.53");
            Endpoint udpPod = new Endpoint("dns-udp", SocketAddress.of("10.244.1.7", 53));
            Endpoint tcpPod = new Endpoint("dns-tcp", SocketAddress.of("10.244.2.7", 53));
            proxy.setService(service("dns", dnsIp, udp("dns", 53),
                    new ServicePort("dns-tcp", Protocol.TCP, Port.of(53), Optional.empty())), balancer);
            proxy.setEndpoints("dns", "dns", List.of(udpPod));
            proxy.setEndpoints("dns", "dns-tcp", List.of(tcpPod));
            SocketAddress dns = new SocketAddress(dnsIp, Port.of(53));
            Headers overUdp = Headers.of(Protocol.UDP, CLIENT, dns);
            Headers overTcp = Headers.of(Protocol.TCP, CLIENT, dns);
            Verdict u = proxy.inspect(node, overUdp);
            Verdict t = proxy.inspect(node, overTcp);
            assertThat(steps(u)).as(shows("a UDP query goes to the UDP port's endpoint", u))
                    .contains(step("kube-proxy", Action.DNAT, overUdp.withDestination(udpPod.address())));
            assertThat(steps(t)).as(shows("a TCP query goes to the TCP port's endpoint", t))
                    .contains(step("kube-proxy", Action.DNAT, overTcp.withDestination(tcpPod.address())));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // End to end: one kube-proxy per node, installed by ServiceNetwork as the pod network's hook.

    /** The kube-proxy and conntrack hops of a trace as "host component ACTION headers", in order. */
    private static List<String> proxyHops(Delivery d) {
        return d.trace().hops().stream()
                .filter(h -> h.component().equals("kube-proxy") || h.component().equals("conntrack"))
                .map(h -> h.place().host() + " " + h.component() + " " + h.action() + " "
                        + h.headers().map(Headers::toString).orElse("(no headers)"))
                .toList();
    }

    private static String hop(String host, String component, Action action, Headers headers) {
        return host + " " + component + " " + action + " " + headers;
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.why(remark, d);
    }

    /** The headers the client sent (its first hop). */
    private static Headers sent(Delivery d) {
        return d.trace().hops().get(0).headers().orElseThrow();
    }

    private static Hop only(Delivery d, String component, Action action) {
        List<Hop> hops = d.trace().hops().stream()
                .filter(h -> h.component().equals(component) && h.action() == action).toList();
        assertThat(hops).as(why("one [" + component + "] " + action + " hop", d)).hasSize(1);
        return hops.get(0);
    }

    /**
     * node-1 and node-2 (host-gw). The client pod frontend runs on node-1; web-far (app=web, where=far) on node-2
     * and web-near (app=web, where=near) on node-1, both with nginx on their port http, 8080. Service far selects
     * web-far, near selects web-near, web selects both; each has port http 80 to targetPort http.
     */
    private static final class Cluster {
        final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        final ServiceNetwork net;
        final Node node1;
        final Node node2;
        final Pod frontend;
        final Pod far;
        final Pod near;
        final Service farService;
        final Service nearService;
        final Service webService;

        Cluster(ServiceNetwork.Builder builder) {
            net = builder.clock(clock).build();
            node1 = net.addNode("node-1", "192.168.1.11/24");
            node2 = net.addNode("node-2", "192.168.1.12/24");
            frontend = net.addPod("frontend", node1, Labels.of("app", "frontend"), Map.of());
            far = addWeb("web-far", node2, "far");
            near = addWeb("web-near", node1, "near");
            farService = net.addService(spec("far", "where=far"));
            nearService = net.addService(spec("near", "where=near"));
            webService = net.addService(spec("web", "app=web"));
        }

        Cluster() {
            this(ServiceNetwork.builder());
        }

        Pod addWeb(String name, Node node, String where) {
            Pod pod = net.addPod(name, node, Labels.of("app", "web", "where", where), Map.of("http", Port.of(8080)));
            pod.listen("nginx", Protocol.TCP, Port.of(8080));
            return pod;
        }

        static ServiceSpec spec(String name, String selector) {
            return new ServiceSpec(name, Selector.parse(selector),
                    List.of(ServicePort.tcp("http", 80, TargetPort.named("http"))));
        }

        Delivery send(Service service, int port) {
            return net.send(frontend, service.clusterIp() + ":" + port, "GET /");
        }

        SocketAddress at(Pod pod, int port) {
            return new SocketAddress(pod.ip(), Port.of(port));
        }

        static SocketAddress address(Service service, int port) {
            return new SocketAddress(service.clusterIp(), Port.of(port));
        }
    }

    @Nested
    @DisplayName("end to end, through a ServiceNetwork")
    class EndToEnd {

        private final Cluster c = new Cluster();

        @Test
        @DisplayName("a new flow to a pod on another node: the client's node balances, DNATs and tracks it")
        void newFlowCrossNode() {
            Delivery d = c.send(c.farService, 80);
            Headers first = sent(d);
            Headers dnat = first.withDestination(c.at(c.far, 8080));
            assertThatDelivery(d).isDeliveredTo("nginx", "web-far").startsAt("node-1");
            assertThat(first.destination()).as(why("the client sends to far's ClusterIP:80", d))
                    .isEqualTo(Cluster.address(c.farService, 80));
            assertThat(proxyHops(d)).as(why("node-1's kube-proxy does the work; node-2 just sees a packet for its pod",
                    d)).containsExactly(
                            hop("node-1", "kube-proxy", Action.BALANCED, first),
                            hop("node-1", "kube-proxy", Action.DNAT, dnat),
                            hop("node-1", "conntrack", Action.CONNTRACK, dnat));
            assertThat(c.net.proxy("node-1").conntrack().flows()).as(why("node-1's conntrack table", d))
                    .containsExactly(new Flow(Protocol.TCP, first.source(), first.destination(), c.at(c.far, 8080),
                            c.clock.instant()));
            assertThat(c.net.proxy("node-2").conntrack().flows()).as(why("node-2 tracked nothing", d)).isEmpty();
        }

        @Test
        @DisplayName("the next packet of the flow (sendAgain): CONNTRACK and DNAT from the table, no BALANCED")
        void establishedEndToEnd() {
            Delivery d = c.send(c.farService, 80);
            Delivery again = c.net.sendAgain(d, "GET /next");
            Headers first = sent(d);
            assertThatDelivery(again).isDeliveredTo("nginx", "web-far");
            assertThat(proxyHops(again)).as(why("a known flow: conntrack decides", again)).containsExactly(
                    hop("node-1", "conntrack", Action.CONNTRACK, first),
                    hop("node-1", "conntrack", Action.DNAT, first.withDestination(c.at(c.far, 8080))));
        }

        @Test
        @DisplayName("the reply from a pod on another node reaches the client from ClusterIP:80")
        void replyCrossNode() {
            Delivery d = c.send(c.farService, 80);
            Delivery.Delivered request = assertThatDelivery(d).isDeliveredTo("nginx", "web-far").delivered();
            Delivery r = c.net.reply(request, "200 OK");
            Headers first = sent(d);
            Headers answer = Headers.of(Protocol.TCP, c.at(c.far, 8080), first.source());
            assertThatDelivery(r).isDeliveredTo("client", "frontend");
            assertThat(assertThatDelivery(r).delivered().message().source())
                    .as(why("the client connected to far's ClusterIP:80, so its answer must come from there", r))
                    .isEqualTo(Cluster.address(c.farService, 80));
            assertThat(proxyHops(r)).as(why("node-1's conntrack translates the answer back", r)).containsExactly(
                    hop("node-1", "conntrack", Action.CONNTRACK, answer),
                    hop("node-1", "conntrack", Action.SNAT, answer.withSource(first.destination())));
        }

        @Test
        @DisplayName("the reply from a pod on the client's node is translated back on the bridge")
        void replySameNode() {
            Delivery d = c.send(c.nearService, 80);
            Delivery.Delivered request = assertThatDelivery(d).isDeliveredTo("nginx", "web-near").delivered();
            Delivery r = c.net.reply(request, "200 OK");
            Headers first = sent(d);
            Headers answer = Headers.of(Protocol.TCP, c.at(c.near, 8080), first.source());
            assertThatDelivery(r).isDeliveredTo("client", "frontend");
            assertThat(assertThatDelivery(r).delivered().message().source())
                    .as(why("the answer must come from near's ClusterIP:80", r))
                    .isEqualTo(Cluster.address(c.nearService, 80));
            assertThat(proxyHops(r)).as(why("web-near answers over cni0; bridge netfilter lets conntrack see it",
                    r)).containsExactly(
                            hop("node-1", "conntrack", Action.CONNTRACK, answer),
                            hop("node-1", "conntrack", Action.SNAT, answer.withSource(first.destination())));
            assertThat(only(r, "conntrack", Action.SNAT).place())
                    .as(why("the SNAT happens on the bridge cni0, where the frame passes between two pods", r))
                    .isEqualTo(Place.host("node-1").device("cni0"));
        }

        @Test
        @DisplayName("several replies on one flow are all translated back")
        void repliesKeepComing() {
            Delivery d = c.send(c.farService, 80);
            for (int i = 0; i < 3; i++) {
                Delivery again = c.net.sendAgain(d, "GET /" + i);
                Delivery r = c.net.reply(assertThatDelivery(again).delivered(), "200 OK");
                assertThat(assertThatDelivery(r).delivered().message().source())
                        .as(why("reply " + i + " on the same connection", r))
                        .isEqualTo(Cluster.address(c.farService, 80));
            }
        }

        @Test
        @DisplayName("a port the Service lacks: connection refused at the client's node, naming Service and port")
        void unknownPort() {
            Delivery d = c.send(c.farService, 81);
            assertThatDelivery(d).isConnectionRefused().endsAt("node-1").neverVisits("node-2");
            assertThat(proxyHops(d)).as(why("one kube-proxy REFUSED hop, the packet as it came", d))
                    .containsExactly(hop("node-1", "kube-proxy", Action.REFUSED, sent(d)));
            assertThatDelivery(d).hasHop("kube-proxy", "far", "81");
        }

        @Test
        @DisplayName("UDP to a TCP-only Service port: connection refused")
        void wrongProtocol() {
            Delivery d = c.net.send(c.frontend, Protocol.UDP, c.farService.clusterIp() + ":80", "hello?");
            assertThatDelivery(d).isConnectionRefused().neverVisits("node-2");
            assertThat(proxyHops(d)).as(why("far has TCP 80, not UDP 80", d))
                    .containsExactly(hop("node-1", "kube-proxy", Action.REFUSED, sent(d)));
            assertThatDelivery(d).hasHop("kube-proxy", "far", "UDP", "80");
        }

        @Test
        @DisplayName("a Service with no endpoints refuses; once a pod is ready, the next connection gets through")
        void noEndpointsThenSome() {
            Service empty = c.net.addService(Cluster.spec("empty", "app=nothing-yet"));
            Delivery d = c.send(empty, 80);
            assertThatDelivery(d).isConnectionRefused().hasHop("kube-proxy", "empty", "no endpoints");
            assertThat(proxyHops(d)).as(why("rejected by kube-proxy", d))
                    .containsExactly(hop("node-1", "kube-proxy", Action.REFUSED, sent(d)));
            Pod late = c.net.addPod("late-1", c.node2, Labels.of("app", "nothing-yet"), Map.of("http", Port.of(8080)));
            late.listen("nginx", Protocol.TCP, Port.of(8080));
            Delivery next = c.send(empty, 80);
            assertThatDelivery(next).isDeliveredTo("nginx", "late-1").hasActionsInOrder(Action.BALANCED, Action.DNAT,
                    Action.CONNTRACK, Action.DELIVERED);
        }

        @Test
        @DisplayName("a send to a pod IP or a node IP has no kube-proxy or conntrack hop")
        void notAService() {
            Delivery toPod = c.net.send(c.frontend, c.far.ip() + ":8080", "GET /");
            assertThatDelivery(toPod).isDeliveredTo("nginx", "web-far");
            assertThat(proxyHops(toPod)).as(why("straight to a pod: nothing for kube-proxy", toPod)).isEmpty();
            Delivery toNode = c.net.send(c.frontend, c.node2.ip() + ":10250", "GET /healthz");
            assertThat(proxyHops(toNode)).as(why("to a node's address: nothing for kube-proxy", toNode)).isEmpty();
            assertThat(c.net.proxy("node-1").conntrack().size()).as("nothing tracked").isZero();
        }

        @Test
        @DisplayName("after the Service is removed: its ClusterIP means nothing, but a tracked flow lives on")
        void removedService() {
            Delivery d = c.send(c.farService, 80);
            c.net.removeService("far");
            Delivery fresh = c.send(c.farService, 80);
            assertThat(proxyHops(fresh)).as(why("a new connection to the removed Service's old ClusterIP", fresh))
                    .isEmpty();
            Delivery again = c.net.sendAgain(d, "GET /still-here");
            assertThatDelivery(again).isDeliveredTo("nginx", "web-far");
            assertThat(proxyHops(again)).as(why("the connection opened before the removal is still tracked", again))
                    .containsExactly(
                            hop("node-1", "conntrack", Action.CONNTRACK, sent(d)),
                            hop("node-1", "conntrack", Action.DNAT, sent(d).withDestination(c.at(c.far, 8080))));
        }

        @Test
        @DisplayName("a multi-port Service sends each port to its own target port")
        void multiPort() {
            c.far.listen("exporter", Protocol.TCP, Port.of(9100));
            Service both = c.net.addService(new ServiceSpec("both", Selector.parse("where=far"), List.of(
                    ServicePort.tcp("http", 80, TargetPort.named("http")),
                    ServicePort.tcp("metrics", 9090, TargetPort.number(9100)))));
            Delivery http = c.send(both, 80);
            Delivery metrics = c.send(both, 9090);
            assertThatDelivery(http).isDeliveredTo("nginx", "web-far");
            assertThatDelivery(metrics).isDeliveredTo("exporter", "web-far");
            assertThat(proxyHops(metrics)).as(why("port 9090 is DNATed to web-far:9100", metrics))
                    .contains(hop("node-1", "kube-proxy", Action.DNAT,
                            sent(metrics).withDestination(c.at(c.far, 9100))));
        }
    }

    @Nested
    @DisplayName("end to end, with bridge netfilter off (net.bridge.bridge-nf-call-iptables = 0)")
    class WithoutBridgeNetfilter {

        private final Cluster c = new Cluster(ServiceNetwork.builder()
                .network(PodNetwork.builder().bridgeNetfilter(false)));

        @Test
        @DisplayName("a same-node reply skips conntrack and the client drops it: the classic br_netfilter mistake")
        void sameNodeReplyDropped() {
            Delivery d = c.send(c.nearService, 80);
            Delivery.Delivered request = assertThatDelivery(d).isDeliveredTo("nginx", "web-near").delivered();
            Delivery r = c.net.reply(request, "200 OK");
            assertThatDelivery(r).isDroppedBy(Action.DROPPED).endsAt("node-1");
            assertThat(proxyHops(r)).as(why("the frame went from pod to pod over cni0 and no hook saw it", r))
                    .isEmpty();
            assertThat(r.trace().last().place().namespace()).as(why("the client's own kernel drops the reply", r))
                    .isEqualTo("frontend");
            assertThat(r.trace().last().decision()).as(why("it came from the pod, not the ClusterIP", r))
                    .contains(c.near.ip().toString());
        }

        @Test
        @DisplayName("a reply from another node still goes through the node's netfilter and is delivered")
        void crossNodeReplyWorks() {
            Delivery d = c.send(c.farService, 80);
            Delivery.Delivered request = assertThatDelivery(d).isDeliveredTo("nginx", "web-far").delivered();
            Delivery r = c.net.reply(request, "200 OK");
            assertThatDelivery(r).isDeliveredTo("client", "frontend");
            assertThat(assertThatDelivery(r).delivered().message().source())
                    .as(why("routed through node-1's root namespace, the answer is translated back", r))
                    .isEqualTo(Cluster.address(c.farService, 80));
        }
    }

    @Nested
    @DisplayName("end to end, over time and changes")
    class Stickiness {

        private final Cluster c = new Cluster(ServiceNetwork.builder().balancing(ServiceNetwork.Balancing.ROUND_ROBIN));

        private String backendOf(Delivery d) {
            return assertThatDelivery(d).delivered().host().name();
        }

        private String otherThan(String pod) {
            return pod.equals("web-far") ? "web-near" : "web-far";
        }

        @Test
        @DisplayName("a flow idle for the TCP timeout is gone: sendAgain is a new flow, balanced again")
        void expiry() {
            Delivery d = c.send(c.webService, 80);
            String first = backendOf(d);
            c.clock.advance(Conntrack.TCP_TIMEOUT.minusNanos(1));
            Delivery stillTracked = c.net.sendAgain(d, "after 23:59:59.999999999");
            assertThatDelivery(stillTracked).isDeliveredTo("nginx", first);
            assertThat(stillTracked.trace().hops()).extracting(Hop::action)
                    .as(why("1 ns before the timeout the flow is alive: no BALANCED", stillTracked))
                    .doesNotContain(Action.BALANCED);
            c.clock.advance(Conntrack.TCP_TIMEOUT);
            Delivery later = c.net.sendAgain(d, "a day later");
            assertThatDelivery(later)
                    .hasActionsInOrder(Action.SENT, Action.BALANCED, Action.DNAT, Action.CONNTRACK, Action.DELIVERED)
                    .isDeliveredTo("nginx", otherThan(first));
            assertThat(only(later, "kube-proxy", Action.BALANCED).place()).isEqualTo(Place.host("node-1"));
        }

        @Test
        @DisplayName("a backend chosen once is kept for the flow, even when the endpoints change (not per packet)")
        void notPerPacket() {
            Delivery d = c.send(c.webService, 80);
            String first = backendOf(d);
            for (int i = 0; i < 3; i++) {
                Delivery again = c.net.sendAgain(d, "packet " + i);
                assertThatDelivery(again).isDeliveredTo("nginx", first);
            }
            c.net.setReady(first, false);
            Pod extra = c.addWeb("web-extra", c.node2, "far");
            assertThat(extra.ip()).isNotNull();
            Delivery afterChange = c.net.sendAgain(d, "after the endpoints changed");
            assertThatDelivery(afterChange).isDeliveredTo("nginx", first);
            assertThat(proxyHops(afterChange)).as(why(first + " is unready and web-extra joined, but this flow "
                    + "was tracked to " + first, afterChange)).containsExactly(
                            hop("node-1", "conntrack", Action.CONNTRACK, sent(d)),
                            hop("node-1", "conntrack", Action.DNAT,
                                    sent(d).withDestination(c.at(c.net.network().pod(first), 8080))));
            Delivery fresh = c.send(c.webService, 80);
            assertThat(backendOf(fresh)).as(why("a new connection is balanced over the ready endpoints only", fresh))
                    .isNotEqualTo(first);
        }
    }

    @Nested
    @DisplayName("installed by hand as a one-node pod network's hook")
    class AsAHook {

        @Test
        @DisplayName("asks its balancer once for a connection of many packets and replies")
        void balancerAskedOncePerConnection() {
            PodNetwork net = PodNetwork.builder().build();
            Node only = net.addNode("node-1", "192.168.1.11/24");
            Pod client = net.addPod("frontend", only);
            Pod web = net.addPod("web-a", only);
            web.listen("nginx", Protocol.TCP, Port.of(8080));
            Counting counting = new Counting(0);
            KubeProxy hook = new KubeProxy(new Conntrack(clock));
            hook.setService(WEB_SERVICE, counting);
            hook.setEndpoints("web", "http", List.of(new Endpoint("web-a", new SocketAddress(web.ip(), Port.of(8080)))));
            net.addHook(hook);
            Delivery d = net.send(client, "10.96.0.10:80", "GET /");
            Delivery.Delivered request = assertThatDelivery(d).isDeliveredTo("nginx", "web-a").delivered();
            assertThat(net.reply(request, "200 OK")).as("the first answer")
                    .satisfies(r -> assertThatDelivery(r).isDeliveredTo("client", "frontend"));
            for (int i = 0; i < 4; i++) {
                Delivery again = net.sendAgain(d, "GET /" + i);
                net.reply(assertThatDelivery(again).isDeliveredTo("nginx", "web-a").delivered(), "200 OK");
            }
            assertThat(counting.asked()).as(why("one connection of five requests and five answers", d)).isEqualTo(1);
            assertThat(counting.clients).as("asked for the client pod's address").containsExactly(client.ip());
        }
    }
}
