package k8snet.workload;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.balance.Endpoint;
import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.external.Cluster;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * The graded scenario of exercise 4.6: the figures' three-tier application survives a node crash, with the
 * default grace period (50 s), toleration (300 s) and node-monitor period (5 s). The cluster:
 *
 * <pre>
 *   node-1 .. node-4   192.168.20.11-14/24    one frontend and one api pod each, db on two of them
 *   frontend  4 x nginx on 8080       LoadBalancer 203.0.113.60:80, public name shop.example.net
 *   api       4 x api-server on 9090  ClusterIP Service api:80
 *   db        2 x postgres on 5432    ClusterIP Service db:5432
 *   laptop    198.51.100.20 on the internet
 * </pre>
 *
 * The node that crashes is one that runs a pod of every workload. Timeline after the crash at +0 s: the last
 * heartbeat is at +0 s, so at +50 s (exactly the grace period) the node is still Ready, at +55 s (the next
 * monitor period) it is NotReady; at +350 s (grace + toleration exactly) its pods stay, at +355 s they are evicted
 * and replaced.
 */
@DisplayName("Exercise 4.6: the shop survives a node crash (NotReady at +55 s, evicted and replaced at +355 s)")
@ExtendWith(ReferenceTraces.class)
class SurvivalTest {

    private static final long SEED = 46;
    private static final String TAINT = "node.kubernetes.io/unreachable";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final List<String> WORKLOADS = List.of("frontend", "api", "db");
    private static final Map<String, Integer> REPLICAS = Map.of("frontend", 4, "api", 4, "db", 2);

    /** The shop on one cluster and its control plane, on a manual clock. */
    static final class Shop {
        final ManualClock clock = new ManualClock();
        final Cluster cluster;
        final ServiceNetwork net;
        final ControlPlane cp;
        final ExternalHost laptop;
        /** The node that crashes, and what ran on it. */
        String victim;
        List<String> victimPods;
        Map<String, String> victimPodOf;
        /** Events before the crash. */
        int eventsBeforeCrash;

        Shop(long seed) {
            cluster = Cluster.builder().services(ServiceNetwork.builder().clock(clock).seed(seed)).seed(seed).build();
            net = cluster.services();
            cp = new ControlPlane(cluster, clock, seed);
            for (int i = 1; i <= 4; i++) {
                cp.addNode("node-" + i, "192.168.20.1" + i + "/24");
            }
            cp.deploy(new Workload("frontend", 4, Labels.of("app", "frontend", "tier", "web"),
                    Map.of("http", Port.of(8080)), "nginx"));
            cp.deploy(new Workload("api", 4, Labels.of("app", "api"), Map.of("http", Port.of(9090)), "api-server"));
            cp.deploy(new Workload("db", 2, Labels.of("app", "db"), Map.of("pg", Port.of(5432)), "postgres"));
            net.addService(new ServiceSpec("api", Selector.parse("app=api"),
                    List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))));
            net.addService(new ServiceSpec("db", Selector.parse("app=db"),
                    List.of(ServicePort.tcp("pg", 5432, TargetPort.named("pg")))));
            cluster.exposeLoadBalancer(new ServiceSpec("frontend", Selector.parse("app=frontend"),
                    List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))), TrafficPolicy.CLUSTER,
                    "203.0.113.60");
            cluster.internetDns().addA("shop.example.net", "203.0.113.60", Duration.ofMinutes(5));
            laptop = cluster.addExternalHost("laptop", "198.51.100.20");
        }

        /** Picks the first node running a pod of every workload; does not crash it yet. */
        Shop chooseVictim() {
            for (Node node : net.network().nodes()) {
                Set<String> here = new TreeSet<>();
                for (Pod p : node.pods()) {
                    here.add(workloadOf(p.name()));
                }
                if (here.containsAll(WORKLOADS)) {
                    victim = node.name();
                    victimPods = node.pods().stream().map(Pod::name).toList();
                    victimPodOf = new java.util.HashMap<>();
                    for (String p : victimPods) {
                        victimPodOf.put(workloadOf(p), p);
                    }
                    return this;
                }
            }
            throw new AssertionError("precondition: with 4 frontend and 4 api replicas on 4 nodes, and 2 db "
                    + "replicas, some node should run a pod of each workload (replicas are spread, exercise 4.5); "
                    + "placements: " + cp.events());
        }

        Shop crash() {
            eventsBeforeCrash = cp.events().size();
            cp.crash(victim);
            return this;
        }

        List<String> eventsSinceCrash() {
            List<String> all = cp.events();
            return all.subList(eventsBeforeCrash, all.size());
        }

        String workloadOf(String pod) {
            return pod.substring(0, pod.lastIndexOf('-'));
        }

        Pod podOn(String workload, boolean onVictim) {
            return cp.pods(workload).stream().filter(p -> p.node().name().equals(victim) == onVictim).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + workload + " pod " + (onVictim ? "on" : "off")
                            + " " + victim + ": " + cp.events()));
        }

        Delivery send(Pod from, String destination) {
            return cluster.send(from, Protocol.TCP, destination, "GET /cart HTTP/1.1");
        }

        List<String> usable(String service, String port) {
            return net.endpoints().usable(service, port).stream().map(Endpoint::pod).toList();
        }

        String nodeOf(String pod) {
            return net.network().pod(pod).node().name();
        }
    }

    private Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(SEED).chooseVictim();
    }

    private String notReadyLine(int at) {
        return "+" + at + "s " + shop.victim + " NotReady (Ready=Unknown): no heartbeat for longer than the grace "
                + "period; tainted " + TAINT + "; its pods are marked not ready";
    }

    private String evictLine(int at) {
        return "+" + at + "s " + shop.victim + ": toleration of " + TAINT + " over, evicting " + shop.victimPods;
    }

    /** The delivery reached {@code application} in a pod on a node other than the crashed one. */
    private Delivery.Delivered atLivePod(Delivery d, String application, String why) {
        Delivery.Delivered delivered = assertThatDelivery(d).delivered();
        assertThat(delivered.application().name()).as(Explain.traced(why + ": " + application + " takes it",
                d.trace())).isEqualTo(application);
        assertThat(shop.nodeOf(delivered.host().name()))
                .as(Explain.traced(why + ": it must land on a live node, not the crashed " + shop.victim,
                        d.trace()))
                .isNotEqualTo(shop.victim);
        return delivered;
    }

    @Nested
    @DisplayName("while the node is silent for no more than the grace period")
    class WithinGrace {

        @Test
        @DisplayName("at +50 s the node is still Ready, untainted, and its pods are still ready endpoints")
        void stillReady() {
            shop.crash();
            shop.cp.advance(Duration.ofSeconds(50));
            assertThat(shop.eventsSinceCrash())
                    .as("50 s of silence is exactly the grace period: the node lifecycle controller does nothing yet")
                    .containsExactly("+0s " + shop.victim + " crashed");
            NodeLifecycle lifecycle = shop.cp.lifecycle();
            assertThat(lifecycle.condition(shop.victim, shop.clock.instant())).isEqualTo(NodeCondition.READY);
            assertThat(lifecycle.taints(shop.victim, shop.clock.instant())).isEmpty();
            for (String pod : shop.victimPods) {
                assertThat(shop.net.state(pod).ready()).as("%s on the crashed node: still reported ready", pod)
                        .isTrue();
            }
            assertThat(shop.usable("api", "http")).as("the api Service still lists the crashed node's api pod")
                    .contains(shop.victimPodOf.get("api")).hasSize(4);
            assertThat(shop.usable("db", "pg")).contains(shop.victimPodOf.get("db")).hasSize(2);
        }

        @Test
        @DisplayName("a new connection to api may be lost: kube-proxy still picks the dead pod")
        void newConnectionMayBeLost() {
            shop.crash();
            shop.cp.advance(Duration.ofSeconds(30));
            Pod client = shop.podOn("frontend", false);
            String deadApi = shop.victimPodOf.get("api");
            int lost = 0;
            for (int i = 0; i < 24; i++) {
                Delivery d = shop.send(client, "api:80");
                if (d instanceof Delivery.Dropped) {
                    lost++;
                    assertThatDelivery(d).isDroppedBy(Action.DROPPED)
                            .hasHop("kube-proxy", "picked " + deadApi)
                            .hasHop("link", shop.victim + " is down");
                } else {
                    atLivePod(d, "api-server", "connection " + (i + 1) + " at +30 s");
                }
            }
            assertThat(lost).as("24 new connections at +30 s, with one of 4 api endpoints on the crashed node "
                    + "(which is still Ready): some are picked for it and lost on the wire").isPositive();
        }
    }

    @Nested
    @DisplayName("once the node has been silent for longer than the grace period")
    class AfterGrace {

        @Test
        @DisplayName("at +55 s it is NotReady and tainted; its pods are not ready and leave the endpoints")
        void notReady() {
            shop.crash();
            shop.cp.advance(Duration.ofSeconds(55));
            assertThat(shop.eventsSinceCrash())
                    .as("the monitor runs every 5 s: at +55 s the last heartbeat (at +0 s) is older than 50 s")
                    .containsExactly("+0s " + shop.victim + " crashed", notReadyLine(55));
            assertThat(shop.cp.lifecycle().taints(shop.victim, shop.clock.instant())).containsExactly(TAINT);
            for (String pod : shop.victimPods) {
                assertThat(shop.net.state(pod).ready()).as("%s on the NotReady node", pod).isFalse();
                assertThat(shop.net.state(pod).terminating()).as("%s is not evicted yet (toleration 300 s)", pod)
                        .isFalse();
            }
            assertThat(shop.usable("api", "http")).as("the api Service's endpoints: the three live pods only")
                    .hasSize(3).doesNotContain(shop.victimPodOf.get("api"));
            assertThat(shop.usable("db", "pg")).as("the db Service: the one live pod")
                    .containsExactly(shop.podOn("db", false).name());
            for (String w : WORKLOADS) {
                assertThat(shop.cp.pods(w)).as("no replacement yet for %s: the pods are only not ready", w)
                        .hasSize(REPLICAS.get(w));
            }
        }

        @Test
        @DisplayName("new connections then reach live pods only")
        void newConnectionsSucceed() {
            shop.crash();
            shop.cp.advance(Duration.ofSeconds(55));
            Pod client = shop.podOn("frontend", false);
            for (int i = 0; i < 24; i++) {
                atLivePod(shop.send(client, "api:80"), "api-server", "connection " + (i + 1) + " at +55 s");
            }
        }

        @Test
        @DisplayName("at +350 s, exactly grace plus toleration, the pods are still not evicted")
        void notYetEvicted() {
            shop.crash();
            shop.cp.advance(Duration.ofSeconds(350));
            assertThat(shop.eventsSinceCrash()).as("grace 50 s + toleration 300 s = 350 s: not more yet")
                    .containsExactly("+0s " + shop.victim + " crashed", notReadyLine(55));
            for (String pod : shop.victimPods) {
                assertThat(shop.net.state(pod).terminating()).as("%s at +350 s", pod).isFalse();
            }
        }
    }

    @Nested
    @DisplayName("after grace period plus toleration")
    class AfterToleration {

        private static final Pattern CREATED = Pattern.compile(
                "\\+355s (\\w+): created (\\S+), scheduled to (\\S+), address (\\S+)");

        @Test
        @DisplayName("at +355 s the pods are evicted and replaced on live nodes, with new names and addresses")
        void evictedAndReplaced() {
            shop.crash();
            shop.cp.advance(Duration.ofMinutes(6));
            List<String> events = shop.eventsSinceCrash();
            assertThat(events).as("crash, NotReady, eviction, then one replacement per evicted pod; nothing more "
                    + "up to +360 s").hasSize(3 + shop.victimPods.size());
            assertThat(events.subList(0, 3)).containsExactly("+0s " + shop.victim + " crashed", notReadyLine(55),
                    evictLine(355));
            List<String> replaced = new ArrayList<>();
            for (String line : events.subList(3, events.size())) {
                Matcher m = CREATED.matcher(line);
                assertThat(m.matches()).as("a replacement line at +355 s, got: %s", line).isTrue();
                String workload = m.group(1);
                String name = m.group(2);
                String node = m.group(3);
                replaced.add(workload);
                assertThat(name).as("a generated name (%s)", line).matches(workload + "-[" + ALPHABET + "]{5}")
                        .isNotIn(shop.victimPods);
                assertThat(node).as("the replacement avoids the tainted node (%s)", line).isNotEqualTo(shop.victim);
                Pod pod = shop.net.network().pod(name);
                assertThat(pod.node().name()).isEqualTo(node);
                assertThat(pod.ip()).as("a new address, from %s's block (%s)", node, line)
                        .hasToString(m.group(4)).isNotEqualTo(shop.net.network().pod(shop.victimPodOf.get(workload)).ip());
                assertThat(pod.node().podCidr().contains(pod.ip())).isTrue();
            }
            assertThat(replaced).as("the ReplicaSets sync in the order they were deployed")
                    .containsExactlyElementsOf(WORKLOADS);
            for (String pod : shop.victimPods) {
                assertThat(shop.net.state(pod).terminating()).as("%s was evicted: terminating", pod).isTrue();
            }
            for (String w : WORKLOADS) {
                assertThat(shop.cp.pods(w)).as("%s has its %d replicas again, all on live nodes", w, REPLICAS.get(w))
                        .hasSize(REPLICAS.get(w)).allMatch(p -> !p.node().name().equals(shop.victim))
                        .allMatch(p -> shop.net.state(p.name()).ready());
            }
            assertThat(shop.cp.pendingReason("api")).isEmpty();
        }

        @Test
        @DisplayName("names keep answering: frontend to api:80 and api to db:5432 land on live pods, new ones too")
        void dnsKeepsAnswering() {
            shop.crash();
            shop.cp.advance(Duration.ofMinutes(6));
            Set<String> apiReached = new TreeSet<>();
            Set<String> dbReached = new TreeSet<>();
            for (Pod frontend : shop.cp.pods("frontend")) {
                for (int i = 0; i < 8; i++) {
                    Delivery d = shop.send(frontend, "api:80");
                    assertThatDelivery(d).hasHop("dns", "api.default.svc.cluster.local");
                    apiReached.add(atLivePod(d, "api-server", "from " + frontend.name() + " to api:80")
                            .host().name());
                }
            }
            for (Pod api : shop.cp.pods("api")) {
                for (int i = 0; i < 4; i++) {
                    dbReached.add(atLivePod(shop.send(api, "db:5432"), "postgres", "from " + api.name()
                            + " to db:5432").host().name());
                }
            }
            assertThat(apiReached).as("32 connections to api spread over the 4 live api pods, the replacement too")
                    .containsExactlyInAnyOrderElementsOf(shop.cp.pods("api").stream().map(Pod::name).toList());
            assertThat(dbReached).as("16 connections to db reach both live db pods, the replacement too")
                    .containsExactlyInAnyOrderElementsOf(shop.cp.pods("db").stream().map(Pod::name).toList());
        }

        @Test
        @DisplayName("the laptop still reaches the shop through the load balancer")
        void laptopStillServed() {
            shop.crash();
            shop.cp.advance(Duration.ofMinutes(6));
            for (int i = 0; i < 12; i++) {
                Delivery d = shop.cluster.send(shop.laptop, Protocol.TCP, "shop.example.net:80", "GET /");
                atLivePod(d, "nginx", "request " + (i + 1) + " from the laptop");
                assertThatDelivery(d).neverVisits(shop.victim);
            }
        }

        @Test
        @DisplayName("a connection pinned by conntrack to a dead pod stays lost, while a new one succeeds")
        void pinnedConnectionFails() {
            Pod client = shop.podOn("frontend", false);
            String deadApi = shop.victimPodOf.get("api");
            Delivery pinned = null;
            for (int i = 0; i < 40 && pinned == null; i++) {
                Delivery d = shop.send(client, "api:80");
                if (d instanceof Delivery.Delivered x && x.host().name().equals(deadApi)) {
                    pinned = d;
                }
            }
            assertThat(pinned).as("precondition: one of 40 connections before the crash reached %s", deadApi)
                    .isNotNull();
            shop.crash();
            shop.cp.advance(Duration.ofMinutes(6));
            Delivery again = shop.net.sendAgain(pinned, "GET /cart/2 HTTP/1.1");
            assertThatDelivery(again).isDroppedBy(Action.DROPPED)
                    .hasHop("conntrack", "established flow")
                    .hasHop("link", shop.victim + " is down");
            atLivePod(shop.send(client, "api:80"), "api-server", "a new connection after the eviction");
        }
    }

    @Nested
    @DisplayName("when the node comes back")
    class Recovery {

        @Test
        @DisplayName("its evicted pods are deleted, it is Ready, and it takes new pods again")
        void recover() {
            shop.crash();
            shop.cp.advance(Duration.ofMinutes(6));
            shop.cp.recover(shop.victim);
            List<String> names = shop.net.network().pods().stream().map(Pod::name).toList();
            assertThat(names).as("the kubelet finishes deleting the pods evicted while it was away")
                    .doesNotContainAnyElementsOf(shop.victimPods).hasSize(10);
            assertThat(shop.cp.lifecycle().condition(shop.victim, shop.clock.instant())).isEqualTo(NodeCondition.READY);
            int before = shop.cp.events().size();
            shop.cp.advance(Duration.ofMinutes(1));
            assertThat(shop.cp.events().subList(before, shop.cp.events().size()))
                    .as("a minute later: heartbeats again, nothing to do, and no replica deleted")
                    .isEmpty();
            shop.cp.scale("api", 5);
            List<String> events = shop.cp.events();
            assertThat(events.get(events.size() - 1))
                    .as("the fifth api pod goes to the recovered node, the only one without an api pod, now that it "
                            + "is untainted")
                    .matches("\\+420s api: created api-[" + ALPHABET + "]{5}, scheduled to " + shop.victim
                            + ", address .*");
            assertThat(events.get(events.size() - 2)).isEqualTo("+360s " + shop.victim + " is back: Ready");
        }
    }

    @Nested
    @DisplayName("is deterministic for a seed")
    class Determinism {

        private List<String> run(Shop s) {
            List<String> out = new ArrayList<>();
            Pod client = s.podOn("frontend", false);
            out.add(s.send(client, "api:80").trace().render());
            s.crash();
            s.cp.advance(Duration.ofMinutes(6));
            out.addAll(s.cp.events());
            for (Pod p : s.cp.pods("api")) {
                out.add(s.send(p, "db:5432").trace().render());
            }
            return out;
        }

        @Test
        @DisplayName("the same seed gives the same events, names and traces")
        void sameSeed() {
            List<String> first = run(shop);
            List<String> second = run(new Shop(SEED).chooseVictim());
            assertThat(second).as("two runs of the crash with seed %d", SEED).containsExactlyElementsOf(first);
        }
    }
}
