package k8snet.world;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static k8snet.world.Placements.perNode;
import static k8snet.world.Placements.placements;
import static k8snet.world.Placements.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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

import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.EndpointEntry;
import k8snet.endpoints.EndpointSlice;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.nodeport.TrafficPolicy;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;
import k8snet.workload.ControlPlane;
import k8snet.workload.Workload;

/**
 * The whole world end to end: clusters whose control planes place pods with the scheduler of exercise 4.5, on
 * one internet. The world of most tests (seed 45):
 *
 * <pre>
 *   cluster east   east-1 172.16.1.11, east-2 172.16.1.12, east-3 172.16.1.13   (pods 10.244.0.0/16)
 *                  workload web: 3 replicas, app=web, nginx on 8080 (container port http)
 *                  LoadBalancer Service web, port 80, at 203.0.113.80 = store.example.net
 *   cluster west   west-1 172.16.2.11, west-2 172.16.2.12                        (pods 10.244.0.0/16 too)
 *                  workload api: 4 replicas, app=api, api-server on 9090 (container port http)
 *                  LoadBalancer Service api, port 80, at 203.0.113.90 = api.west.example.org
 *   host laptop    192.0.2.55 on the internet
 * </pre>
 */
@DisplayName("Exercise 4.5: the scheduler's placements carry real traffic across a world of clusters")
@ExtendWith(ReferenceTraces.class)
class WorldTrafficTest {

    private static final long SEED = 45;
    private static final String EAST_LB = "203.0.113.80";
    private static final String WEST_LB = "203.0.113.90";
    private static final String STORE = "store.example.net";
    private static final String API = "api.west.example.org";
    private static final String LAPTOP = "192.0.2.55";
    private static final Set<String> KEY_COMPONENTS = Set.of("dns", "app", "lb", "kube-proxy", "conntrack",
            "masquerade", "socket");

    /** The world of the class doc. */
    private static final class Shop {
        final World world;
        final ControlPlane east;
        final ControlPlane west;
        final ExternalHost laptop;

        Shop(long seed) {
            world = new World(seed);
            east = world.addCluster("east");
            west = world.addCluster("west");
            east.addNode("east-1", "172.16.1.11/24");
            east.addNode("east-2", "172.16.1.12/24");
            east.addNode("east-3", "172.16.1.13/24");
            west.addNode("west-1", "172.16.2.11/24");
            west.addNode("west-2", "172.16.2.12/24");
            east.deploy(web(3));
            west.deploy(new Workload("api", 4, Labels.of("app", "api"), Map.of("http", Port.of(9090)),
                    "api-server"));
            east.cluster().exposeLoadBalancer(service("web"), TrafficPolicy.CLUSTER, EAST_LB);
            west.cluster().exposeLoadBalancer(service("api"), TrafficPolicy.CLUSTER, WEST_LB);
            world.publicDns().addA(STORE, EAST_LB, Duration.ofMinutes(5));
            world.publicDns().addA(API, WEST_LB, Duration.ofMinutes(5));
            laptop = world.addHost("laptop", LAPTOP);
        }
    }

    /** Service {@code name}: port http 80 to container port http, selecting app={@code name}. */
    private static ServiceSpec service(String name) {
        return new ServiceSpec(name, Selector.parse("app=" + name),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http"))));
    }

    /** A hop reduced to where it happened, which component acted and what it did. */
    private record Step(String place, String component, Action action) {
        @Override
        public String toString() {
            return place + " [" + component + "] " + action;
        }
    }

    private static Step step(String place, String component, Action action) {
        return new Step(place, component, action);
    }

    /** The hops that matter for the path: the routers and the internet, and the key components anywhere. */
    private static List<Step> keySteps(Delivery d) {
        List<Step> out = new ArrayList<>();
        for (Hop h : d.trace().hops()) {
            String host = h.place().host();
            boolean atRouter = host.endsWith("-router") || host.equals("internet");
            if (atRouter || KEY_COMPONENTS.contains(h.component())) {
                String place = h.place().namespace().isEmpty() ? host : host + "/" + h.place().namespace();
                out.add(new Step(place, h.component(), h.action()));
            }
        }
        return out;
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    private static Node nodeAt(ControlPlane cp, Ipv4Address ip) {
        return cp.cluster().network().nodes().stream().filter(n -> n.ip().equals(ip)).findFirst()
                .orElseThrow(() -> new AssertionError("no node of the cluster has address " + ip));
    }

    /** The node the load balancer sent the connection to: the destination its DNAT hop wrote. */
    private static Node balancedTo(ControlPlane cp, Delivery d) {
        Hop dnat = d.trace().hops().stream().filter(h -> h.component().equals("lb") && h.action() == Action.DNAT)
                .findFirst().orElseThrow(() -> new AssertionError(why("expected the load balancer to DNAT the "
                        + "connection to a node's NodePort, but no [lb] DNAT hop", d)));
        return nodeAt(cp, dnat.headers().orElseThrow().destination().address());
    }

    private static Pod podNamed(ControlPlane cp, String name) {
        return cp.cluster().network().pod(name);
    }

    @Nested
    @DisplayName("places the replicas of a workload")
    class Placing {

        private Shop shop;

        @BeforeEach
        void setUp() {
            shop = new Shop(SEED);
        }

        @Test
        @DisplayName("3 replicas on 3 nodes: one on each")
        void threeOnThree() {
            assertThat(perNode(shop.east, "web"))
                    .as("the scheduler spreads replicas: each new web pod goes to a node with the fewest web pods "
                            + "(%s)", placements(shop.east, "web"))
                    .isEqualTo(Map.of("east-1", 1, "east-2", 1, "east-3", 1));
            assertThat(shop.east.pendingReason("web")).as("every replica was placed").isEmpty();
        }

        @Test
        @DisplayName("4 replicas on 2 nodes: two on each")
        void fourOnTwo() {
            assertThat(perNode(shop.west, "api"))
                    .as("4 api pods over west-1 and west-2: after one each, the third goes to either, and the "
                            + "fourth to the other (%s)", placements(shop.west, "api"))
                    .isEqualTo(Map.of("west-1", 2, "west-2", 2));
        }

        @Test
        @DisplayName("each pod gets its address from its node's block, and the events say where it went")
        void addressesFromTheNodesBlock() {
            for (ControlPlane cp : List.of(shop.east, shop.west)) {
                String workload = cp == shop.east ? "web" : "api";
                Set<Ipv4Address> seen = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
                for (Pod pod : cp.pods(workload)) {
                    assertThat(pod.node().podCidr().contains(pod.ip()))
                            .as("%s runs on %s, whose pod block is %s: its address %s must come from that block",
                                    pod.name(), pod.node().name(), pod.node().podCidr(), pod.ip())
                            .isTrue();
                    assertThat(seen.add(pod.ip())).as("%s's address %s is unique in its cluster", pod.name(),
                            pod.ip()).isTrue();
                    assertThat(cp.events()).as("the control plane's events record the placement of %s",
                            pod.name())
                            .anyMatch(e -> e.endsWith(workload + ": created " + pod.name() + ", scheduled to "
                                    + pod.node().name() + ", address " + pod.ip()));
                }
            }
        }

        @Test
        @DisplayName("scaling up spreads the new replicas over the nodes with the fewest")
        void scaleUpSpreads() {
            shop.east.scale("web", 7);
            assertThat(perNode(shop.east, "web").values()).as("7 web pods on 3 nodes: 3, 2 and 2 (%s)",
                    placements(shop.east, "web")).containsExactlyInAnyOrder(3, 2, 2);
            shop.east.scale("web", 9);
            assertThat(perNode(shop.east, "web"))
                    .as("9 web pods on 3 nodes: 3 each (%s)", placements(shop.east, "web"))
                    .isEqualTo(Map.of("east-1", 3, "east-2", 3, "east-3", 3));
        }

        @Test
        @DisplayName("between nodes with as many replicas, the one with the fewest pods in all wins")
        void leastAllocated() {
            World world = new World(SEED);
            ControlPlane cp = world.addCluster("mid");
            cp.addNode("mid-1", "172.16.5.11/24");
            cp.addNode("mid-2", "172.16.5.12/24");
            cp.addNode("mid-3", "172.16.5.13/24");
            cp.deploy(new Workload("cache", 2, Labels.of("app", "cache"), Map.of("redis", Port.of(6379)), "redis"));
            Set<String> withCache = perNode(cp, "cache").keySet();
            assertThat(withCache).as("2 cache pods on 2 of the 3 nodes (%s)", placements(cp, "cache")).hasSize(2);
            String free = List.of("mid-1", "mid-2", "mid-3").stream().filter(n -> !withCache.contains(n))
                    .findFirst().orElseThrow();
            cp.deploy(web(4));
            Map<String, Integer> webs = perNode(cp, "web");
            assertThat(webs.get(free))
                    .as("%s runs no cache pod: the first web pod goes there (fewest pods), the next two to the "
                            + "cache nodes (no web pod yet), and the fourth, with one web pod everywhere, to %s again,"
                            + " the least allocated (%s)", free, free, placements(cp, "web"))
                    .isEqualTo(2);
            assertThat(webs.values()).as("4 web pods: 2, 1, 1 (%s)", placements(cp, "web"))
                    .containsExactlyInAnyOrder(2, 1, 1);
        }

        @Test
        @DisplayName("a full node gets no new pod, and a pod that fits nowhere waits with the scheduler's message")
        void fullNodeSkippedThenPending() {
            ControlPlane cp = Placements.southWithAFullNode(new World(SEED));
            cp.deploy(web(2));
            assertThat(perNode(cp, "web")).as("two web pods on the two empty nodes (%s)", placements(cp, "web"))
                    .isEqualTo(Map.of("south-2", 1, "south-3", 1));
            cp.scale("web", 4);
            assertThat(perNode(cp, "web"))
                    .as("south-1 runs no web pod, but it runs 2 batch pods, its maxPods: the third and fourth web "
                            + "pods go to south-2 and south-3 (%s)", placements(cp, "web"))
                    .isEqualTo(Map.of("south-2", 2, "south-3", 2));
            assertThat(cp.pendingReason("web")).as("4 of 4 placed").isEmpty();

            cp.scale("web", 5);
            assertThat(cp.pods("web")).as("every node runs its 2 pods: the fifth web pod cannot be placed")
                    .hasSize(4);
            assertThat(cp.pendingReason("web"))
                    .as("the pending pod keeps kube-scheduler's FailedScheduling text (%s)", cp.events())
                    .contains("0/3 nodes are available: 3 Too many pods.");

            cp.addNode("south-4", "172.16.4.14/24");
            assertThat(cp.pendingReason("web")).as("a new node with room: the pod is placed").isEmpty();
            assertThat(perNode(cp, "web")).as("the fifth web pod on south-4 (%s)", placements(cp, "web"))
                    .isEqualTo(Map.of("south-2", 2, "south-3", 2, "south-4", 1));
        }
    }

    @Nested
    @DisplayName("carries a laptop's request by public name to a pod, and the reply back")
    class FromTheInternet {

        private Shop shop;

        @BeforeEach
        void setUp() {
            shop = new Shop(SEED);
        }

        @Test
        @DisplayName("public DNS, the load balancer, a node's NodePort, a pod: in that order")
        void request() {
            Delivery d = shop.world.send(shop.laptop, Protocol.TCP, STORE + ":80", "GET /cart");
            Delivery.Delivered delivered = assertThatDelivery(d).delivered();
            assertThat(delivered.application().name()).as(why("nginx takes it", d)).isEqualTo("nginx");
            String podName = delivered.host().name();
            assertThat(shop.east.pods("web")).as(why("the request reaches one of east's web pods", d))
                    .extracting(Pod::name).contains(podName);
            String node = balancedTo(shop.east, d).name();
            String podPlace = podNamed(shop.east, podName).node().name() + "/" + podName;
            assertThat(keySteps(d)).as(why("the laptop looks " + STORE + " up in public DNS, sends to " + EAST_LB
                    + ":80; east's load balancer picks a node and DNATs to its NodePort; that node's kube-proxy "
                    + "picks a pod, DNATs and masquerades; the pod's socket accepts", d))
                    .containsExactly(
                            step("laptop", "dns", Action.RESOLVED),
                            step("laptop", "app", Action.SENT),
                            step("east-router", "lb", Action.BALANCED),
                            step("east-router", "lb", Action.DNAT),
                            step("east-router", "route", Action.FORWARDED),
                            step(node, "kube-proxy", Action.BALANCED),
                            step(node, "kube-proxy", Action.DNAT),
                            step(node, "kube-proxy", Action.SNAT),
                            step(node, "conntrack", Action.CONNTRACK),
                            step(podPlace, "socket", Action.DELIVERED));
            assertThat(delivered.message().destination())
                    .as(why("the pod is reached at its own address and container port", d))
                    .isEqualTo(SocketAddress.of(podNamed(shop.east, podName).ip().toString(), 8080));
        }

        @Test
        @DisplayName("the reply comes back from the load balancer's address")
        void reply() {
            Delivery d = shop.world.send(shop.laptop, Protocol.TCP, STORE + ":80", "GET /cart");
            Delivery.Delivered delivered = assertThatDelivery(d).delivered();
            String node = balancedTo(shop.east, d).name();
            String podName = delivered.host().name();
            Delivery reply = shop.world.reply(delivered, "HTTP/1.1 200 OK");
            assertThatDelivery(reply).isDeliveredTo("client", "laptop");
            assertThat(keySteps(reply)).as(why("the pod answers; " + node + "'s conntrack undoes the NodePort "
                    + "translation, the router's load balancer undoes its own, and the laptop's connection takes "
                    + "the reply", reply))
                    .containsExactly(
                            step(podNamed(shop.east, podName).node().name() + "/" + podName, "app", Action.SENT),
                            step(node, "conntrack", Action.CONNTRACK),
                            step(node, "conntrack", Action.SNAT),
                            step(node, "conntrack", Action.DNAT),
                            step("east-router", "lb", Action.CONNTRACK),
                            step("east-router", "lb", Action.SNAT),
                            step("east-router", "route", Action.FORWARDED),
                            step("laptop", "socket", Action.DELIVERED));
            Delivery.Delivered back = assertThatDelivery(reply).delivered();
            assertThat(back.message().source())
                    .as(why("the laptop sent to " + EAST_LB + ":80, so the answer must come from there", reply))
                    .isEqualTo(SocketAddress.of(EAST_LB, 80));
            assertThat(back.message().destination().address()).as(why("to the laptop's own address", reply))
                    .hasToString(LAPTOP);
        }
    }

    @Nested
    @DisplayName("lets a pod of east call west's api Service by its public name")
    class BetweenClusters {

        private Shop shop;
        private Pod caller;

        @BeforeEach
        void setUp() {
            shop = new Shop(SEED);
            caller = shop.east.pods("web").get(0);
        }

        @Test
        @DisplayName("masquerade at the pod's node, the internet, west's load balancer, an api pod")
        void request() {
            Delivery d = shop.world.send(caller, Protocol.TCP, API + ":80", "GET /v1/items");
            Delivery.Delivered delivered = assertThatDelivery(d).delivered();
            assertThat(delivered.application().name()).as(why("api-server takes it", d)).isEqualTo("api-server");
            String apiPod = delivered.host().name();
            assertThat(shop.west.pods("api")).as(why("one of west's api pods", d)).extracting(Pod::name)
                    .contains(apiPod);
            String from = caller.node().name();
            String self = from + "/" + caller.name();
            String westNode = balancedTo(shop.west, d).name();
            assertThat(keySteps(d)).as(why(caller.name() + " resolves " + API + " (the search list first, ndots 5, "
                    + "then the public zone); " + from + " masquerades the pod's address on the way out; "
                    + "east-router sends it to the internet, which carries it to west-router; west's load balancer "
                    + "picks " + westNode + ", whose NodePort rules pick an api pod", d))
                    .containsExactly(
                            step(self, "dns", Action.NOTE),
                            step(self, "dns", Action.NOTE),
                            step(self, "dns", Action.NOTE),
                            step(self, "dns", Action.RESOLVED),
                            step(self, "app", Action.SENT),
                            step(from, "masquerade", Action.SNAT),
                            step("east-router", "route", Action.FORWARDED),
                            step("internet", "link", Action.FORWARDED),
                            step("west-router", "lb", Action.BALANCED),
                            step("west-router", "lb", Action.DNAT),
                            step("west-router", "route", Action.FORWARDED),
                            step(westNode, "kube-proxy", Action.BALANCED),
                            step(westNode, "kube-proxy", Action.DNAT),
                            step(westNode, "kube-proxy", Action.SNAT),
                            step(westNode, "conntrack", Action.CONNTRACK),
                            step(podNamed(shop.west, apiPod).node().name() + "/" + apiPod, "socket",
                                    Action.DELIVERED));
            Hop snat = d.trace().hops().stream().filter(h -> h.component().equals("masquerade")).findFirst()
                    .orElseThrow();
            assertThat(snat.headers().orElseThrow().source().address())
                    .as(why("the masquerade replaces the pod's address " + caller.ip() + " by its node's, "
                            + caller.node().ip() + ": a pod address means nothing outside its cluster", d))
                    .isEqualTo(caller.node().ip());
        }

        @Test
        @DisplayName("the reply crosses back and reaches the pod's own connection")
        void reply() {
            Delivery d = shop.world.send(caller, Protocol.TCP, API + ":80", "GET /v1/items");
            Delivery.Delivered delivered = assertThatDelivery(d).delivered();
            Delivery reply = shop.world.reply(delivered, "200 OK");
            assertThatDelivery(reply).isDeliveredTo("client", caller.name());
            String from = caller.node().name();
            List<Step> steps = keySteps(reply);
            int west = steps.indexOf(step("west-router", "lb", Action.SNAT));
            assertThat(west).as(why("west's load balancer gives the reply its own address back", reply))
                    .isNotNegative();
            assertThat(steps.subList(west, steps.size())).as(why("west-router -> internet -> east-router -> "
                    + from + ", whose conntrack finds the masqueraded connection and gives the reply back to "
                    + caller.name(), reply))
                    .containsExactly(
                            step("west-router", "lb", Action.SNAT),
                            step("west-router", "route", Action.FORWARDED),
                            step("internet", "link", Action.FORWARDED),
                            step("east-router", "route", Action.FORWARDED),
                            step(from, "conntrack", Action.CONNTRACK),
                            step(from, "masquerade", Action.DNAT),
                            step(from + "/" + caller.name(), "socket", Action.DELIVERED));
            Delivery.Delivered back = assertThatDelivery(reply).delivered();
            assertThat(back.message().source()).as(why("from the address the pod called", reply))
                    .isEqualTo(SocketAddress.of(WEST_LB, 80));
            assertThat(back.message().destination().address()).as(why("to the pod's own address", reply))
                    .isEqualTo(caller.ip());
        }

        @Test
        @DisplayName("both clusters use 10.244.0.0/16, and the same pod addresses, without confusion")
        void samePodCidr() {
            Set<String> eastIps = new TreeSet<>();
            shop.east.pods("web").forEach(p -> eastIps.add(p.ip().toString()));
            Set<String> westIps = new TreeSet<>();
            shop.west.pods("api").forEach(p -> westIps.add(p.ip().toString()));
            Set<String> both = new TreeSet<>(eastIps);
            both.retainAll(westIps);
            assertThat(both).as("each cluster gives its first node 10.244.0.0/24: some east and west pods share an "
                    + "address (east %s, west %s)", eastIps, westIps).isNotEmpty();
            Pod twin = shop.east.pods("web").stream().filter(p -> both.contains(p.ip().toString())).findFirst()
                    .orElseThrow();
            for (int i = 0; i < 6; i++) {
                Delivery d = shop.world.send(twin, Protocol.TCP, API + ":80", "GET /v1/items/" + i);
                Delivery.Delivered delivered = assertThatDelivery(d).delivered();
                assertThat(delivered.application().name()).as(why("api-server takes it", d)).isEqualTo("api-server");
                assertThat(delivered.message().source().address().toString())
                        .as(why("west never sees " + twin.name() + "'s address " + twin.ip() + ", which a west pod "
                                + "has too: the masquerade and west's NodePort SNAT hide it", d))
                        .isNotEqualTo(twin.ip().toString())
                        .doesNotStartWith("10.244.");
                Delivery reply = shop.world.reply(delivered, "200 OK");
                assertThatDelivery(reply).isDeliveredTo("client", twin.name());
            }
        }
    }

    @Nested
    @DisplayName("resolves a Service by its short name with cluster DNS, inside its own cluster only")
    class ClusterDns {

        @Test
        @DisplayName("api:80 from a west pod reaches an api pod through the ClusterIP; from east it is unknown")
        void shortName() {
            Shop shop = new Shop(SEED);
            Pod inWest = shop.west.pods("api").get(1);
            Delivery d = shop.world.send(inWest, Protocol.TCP, "api:80", "GET /health");
            Delivery.Delivered delivered = assertThatDelivery(d)
                    .hasHop("dns", "api.default.svc.cluster.local").delivered();
            assertThat(delivered.application().name()).as(why("api-server takes it", d)).isEqualTo("api-server");
            assertThat(shop.west.pods("api")).extracting(Pod::name).contains(delivered.host().name());
            Hop sent = assertThatDelivery(d).hop(Action.SENT);
            assertThat(sent.headers().orElseThrow().destination())
                    .as(why("the first search domain finds Service api: the pod sends to its ClusterIP", d))
                    .isEqualTo(SocketAddress.of(shop.west.cluster().services().service("api").clusterIp().toString(),
                            80));
            assertThat(d.trace().hops()).as(why("a ClusterIP Service never leaves the cluster", d))
                    .noneMatch(h -> h.place().host().equals("internet"));

            Delivery fromEast = shop.world.send(shop.east.pods("web").get(0), Protocol.TCP, "api:80", "GET /");
            assertThatDelivery(fromEast).isUnknownHost();
        }
    }

    @Nested
    @DisplayName("follows a workload as it scales")
    class Scaling {

        private Shop shop;

        @BeforeEach
        void setUp() {
            shop = new Shop(SEED);
        }

        private Set<String> reachedFromLaptop(int connections) {
            Set<String> reached = new TreeSet<>();
            for (int i = 0; i < connections; i++) {
                Delivery d = shop.world.send(shop.laptop, Protocol.TCP, STORE + ":80", "GET /" + i);
                Delivery.Delivered delivered = assertThatDelivery(d).delivered();
                assertThat(delivered.application().name()).as(why("connection " + (i + 1) + ": nginx takes it", d))
                        .isEqualTo("nginx");
                reached.add(delivered.host().name());
            }
            return reached;
        }

        private Set<String> podNames() {
            Set<String> out = new TreeSet<>();
            shop.east.pods("web").forEach(p -> out.add(p.name()));
            return out;
        }

        private Set<String> endpointPods() {
            Set<String> out = new TreeSet<>();
            for (EndpointSlice slice : shop.east.cluster().services().endpoints().slices("web")) {
                for (EndpointEntry e : slice.endpoints()) {
                    if (e.conditions().ready()) {
                        out.add(e.pod());
                    }
                }
            }
            return out;
        }

        @Test
        @DisplayName("up: new pods become endpoints and receive traffic")
        void up() {
            Set<String> before = podNames();
            shop.east.scale("web", 6);
            Set<String> after = podNames();
            assertThat(after).as("scaled to 6: the 3 pods stay and 3 new ones start (%s)",
                    placements(shop.east, "web")).hasSize(6).containsAll(before);
            assertThat(perNode(shop.east, "web").values()).as("2 on each node (%s)", placements(shop.east, "web"))
                    .containsExactly(2, 2, 2);
            assertThat(endpointPods()).as("the endpoints controller follows: every pod is a ready endpoint")
                    .isEqualTo(after);
            assertThat(reachedFromLaptop(80)).as("80 connections from the laptop reach every one of the 6 pods, "
                    + "the new ones too").isEqualTo(after);
        }

        @Test
        @DisplayName("down: deleted pods leave the endpoints and receive nothing")
        void down() {
            shop.east.scale("web", 6);
            shop.east.scale("web", 2);
            Set<String> left = podNames();
            assertThat(left).as("scaled to 2 (%s)", placements(shop.east, "web")).hasSize(2);
            assertThat(endpointPods()).as("only the 2 remaining pods are endpoints").isEqualTo(left);
            assertThat(reachedFromLaptop(40)).as("40 connections reach the remaining pods only, both of them")
                    .isEqualTo(left);
            shop.east.scale("web", 0);
            assertThat(shop.east.pods("web")).as("scaled to 0").isEmpty();
            Delivery d = shop.world.send(shop.laptop, Protocol.TCP, STORE + ":80", "GET /");
            assertThat(d).as(why("no pod left: nothing can take the connection", d))
                    .isNotInstanceOf(Delivery.Delivered.class);
        }
    }

    @Nested
    @DisplayName("is deterministic for a seed")
    class Determinism {

        private List<String> run(long seed) {
            Shop shop = new Shop(seed);
            List<String> out = new ArrayList<>();
            out.add(placements(shop.east, "web"));
            out.add(placements(shop.west, "api"));
            Delivery d = shop.world.send(shop.laptop, Protocol.TCP, STORE + ":80", "GET /");
            out.add(d.trace().render());
            out.add(shop.world.reply((Delivery.Delivered) d, "200").trace().render());
            Delivery x = shop.world.send(shop.east.pods("web").get(2), Protocol.TCP, API + ":80", "GET /v1");
            out.add(x.trace().render());
            shop.east.scale("web", 5);
            shop.west.scale("api", 7);
            out.add(placements(shop.east, "web"));
            out.add(placements(shop.west, "api"));
            return out;
        }

        @Test
        @DisplayName("two worlds with the same seed place the same pods on the same nodes and trace the same hops")
        void sameSeedSameWorld() {
            List<String> first = run(SEED);
            List<String> second = run(SEED);
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.get(i)).as("part %d of two runs with seed %d: the scheduler's ties come from the "
                        + "control plane's seeded Random, nothing else", i, SEED).isEqualTo(first.get(i));
            }
        }
    }
}
