package k8snet.workload;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.deliveries;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.external.Cluster;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Survival as a property (exercise 4.6): whatever nodes crash, and whenever, once every crash is older than grace
 * period plus toleration (350 s) and a monitor period more, the ReplicaSets have replaced every evicted pod if
 * the live nodes have room, and every Service answers by name from a live pod; if they have no room, the pods
 * that do not fit wait, and the scheduler says why. Nodes run few pods ({@code maxPods} 3 to 5) so that
 * capacity matters. Each example prints its scenario and the control plane's events when it fails.
 */
@DisplayName("Exercise 4.6: after any node crashes, the shop is whole again where capacity allows (property)")
@ExtendWith(ReferenceTraces.class)
class SurvivalPropertiesTest {

    private static final long SEED = 0x4_6000_0057L;
    private static final String TAINT = "node.kubernetes.io/unreachable";
    private static final List<String> WORKLOADS = List.of("frontend", "api", "db");
    private static final List<String> APPS = List.of("nginx", "api-server", "postgres");
    private static final List<Integer> PORTS = List.of(8080, 9090, 5432);
    private static final List<String> TARGETS = List.of("frontend:80", "api:80", "db:5432");

    /** One random run: the cluster, the crashes (node, seconds after the previous crash) and the replicas. */
    static final class Run {
        final int nodes;
        final int maxPods;
        final List<Integer> replicas;
        final List<String> crashed = new ArrayList<>();
        final List<Integer> gaps = new ArrayList<>();
        final ManualClock clock = new ManualClock();
        final Cluster cluster;
        final ControlPlane cp;

        /**
         * @param crashes how many nodes crash (1 to nodes - 1)
         * @param fits whether the replicas fit on the nodes that stay up
         */
        Run(int nodes, int maxPods, int crashes, boolean fits, long seed) {
            this.nodes = nodes;
            this.maxPods = maxPods;
            SplittableRandom random = new SplittableRandom(seed);
            int live = nodes - crashes;
            int total = fits ? random.nextInt(3, live * maxPods + 1)
                    : random.nextInt(live * maxPods + 1, nodes * maxPods + 1);
            // Split total into 3 positive parts.
            int a = random.nextInt(1, total - 1);
            int b = random.nextInt(1, total - a);
            this.replicas = List.of(a, b, total - a - b);
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) {
                names.add("node-" + i);
            }
            for (int i = 0; i < crashes; i++) {
                crashed.add(names.remove(random.nextInt(names.size())));
                // Either soon after the previous crash (before its eviction) or late (around or after it).
                gaps.add(random.nextBoolean() ? random.nextInt(0, 60) : random.nextInt(300, 400));
            }
            cluster = Cluster.builder()
                    .services(ServiceNetwork.builder().clock(clock).seed(seed)
                            .network(PodNetwork.builder().maxPods(maxPods)))
                    .seed(seed).build();
            cp = new ControlPlane(cluster, clock, seed);
            for (int i = 1; i <= nodes; i++) {
                cp.addNode("node-" + i, "192.168.30." + (10 + i) + "/24");
            }
            for (int w = 0; w < 3; w++) {
                String name = WORKLOADS.get(w);
                cp.deploy(new Workload(name, replicas.get(w), Labels.of("app", name),
                        Map.of("tcp", Port.of(PORTS.get(w))), APPS.get(w)));
                int servicePort = w == 2 ? 5432 : 80;
                cluster.services().addService(new ServiceSpec(name, Selector.parse("app=" + name),
                        List.of(ServicePort.tcp("tcp", servicePort, TargetPort.named("tcp")))));
            }
        }

        /** Crashes the nodes in turn, then lets 360 s pass after the last crash, and a little more. */
        Run play(int extraSeconds) {
            for (int i = 0; i < crashed.size(); i++) {
                cp.advance(Duration.ofSeconds(gaps.get(i)));
                cp.crash(crashed.get(i));
            }
            cp.advance(Duration.ofSeconds(360 + extraSeconds));
            return this;
        }

        boolean isLive(Pod pod) {
            return !crashed.contains(pod.node().name()) && !cluster.services().state(pod.name()).terminating();
        }

        @Override
        public String toString() {
            return nodes + " nodes of maxPods " + maxPods + ", replicas frontend/api/db " + replicas + ", crashes "
                    + crashed + " each after " + gaps + " s; property seed " + SEED + "\nevents:\n  "
                    + String.join("\n  ", cp.events());
        }
    }

    @Nested
    @DisplayName("when the nodes that stay up have room for every replica")
    class EnoughCapacity {

        @Test
        @DisplayName("every workload has its replicas on live nodes, and every Service answers by name from one")
        void everyServiceAnswers() {
            deliveries(SEED).withExamples(20)
                    .forAll(named("nodes", integers().between(3, 5)), named("max pods per node", integers().between(3, 5)),
                            named("crashes", integers().between(1, 4)), named("random seed", longs().all()))
                    .checkAssert((nodes, maxPods, crashes, seed) -> {
                        Run run = new Run(nodes, maxPods, Math.min(crashes, nodes - 1), true, seed).play(
                                (int) Math.floorMod(seed, 60L));
                        for (int w = 0; w < 3; w++) {
                            String name = WORKLOADS.get(w);
                            assertThat(run.cp.pods(name))
                                    .as("%s wants %d replicas and the live nodes have room: each evicted pod has a "
                                            + "replacement on a live node, ready. %s", name, run.replicas.get(w), run)
                                    .hasSize(run.replicas.get(w)).allMatch(run::isLive)
                                    .allMatch(p -> run.cluster.services().state(p.name()).ready());
                            assertThat(run.cp.pendingReason(name)).as("nothing of %s is pending. %s", name, run)
                                    .isEmpty();
                        }
                        for (int w = 0; w < 3; w++) {
                            Pod client = run.cp.pods(WORKLOADS.get((w + 1) % 3)).get(0);
                            for (int i = 0; i < 4; i++) {
                                Delivery d = run.cluster.send(client, Protocol.TCP, TARGETS.get(w), "ping " + i);
                                String why = client.name() + " to " + TARGETS.get(w) + " by name. " + run;
                                Delivery.Delivered got = assertThatDelivery(d).as(why).delivered();
                                assertThat(got.application().name()).as(Explain.traced(why, d.trace()))
                                        .isEqualTo(APPS.get(w));
                                Pod server = run.cluster.network().pod(got.host().name());
                                assertThat(run.isLive(server))
                                        .as(Explain.traced("it must land on a live pod, not on a crashed node: "
                                                + why, d.trace())).isTrue();
                            }
                        }
                    });
        }
    }

    @Nested
    @DisplayName("when the nodes that stay up cannot hold every replica")
    class NoCapacity {

        @Test
        @DisplayName("they fill up, and what does not fit is pending with the scheduler's reason")
        void pendingReason() {
            qt(SEED + 1).withExamples(20).withShrinkCycles(10)
                    .forAll(named("nodes", integers().between(3, 5)), named("max pods per node", integers().between(3, 5)),
                            named("crashes", integers().between(1, 4)), named("random seed", longs().all()))
                    .checkAssert((nodes, maxPods, crashes, seed) -> {
                        int k = Math.min(crashes, nodes - 1);
                        Run run = new Run(nodes, maxPods, k, false, seed).play((int) Math.floorMod(seed, 60L));
                        int live = nodes - k;
                        for (Node node : run.cluster.network().nodes()) {
                            if (!run.crashed.contains(node.name())) {
                                assertThat(node.pods()).as("live %s is full: the replacements took every free "
                                        + "place. %s", node.name(), run).hasSize(maxPods);
                            }
                        }
                        List<String> parts = new ArrayList<>(List.of(live + " Too many pods",
                                k + " node(s) had untolerated taint {" + TAINT + ": }"));
                        Collections.sort(parts);
                        String expected = "0/" + nodes + " nodes are available: " + String.join(", ", parts) + ".";
                        int short_ = 0;
                        for (int w = 0; w < 3; w++) {
                            String name = WORKLOADS.get(w);
                            int have = run.cp.pods(name).size();
                            assertThat(run.cp.pods(name)).as("%s's active pods run on live nodes. %s", name, run)
                                    .allMatch(run::isLive);
                            if (have < run.replicas.get(w)) {
                                short_++;
                                assertThat(run.cp.pendingReason(name))
                                        .as("%s has %d of %d replicas: the rest wait, and the scheduler says the "
                                                + "crashed nodes are tainted unreachable and the live ones full. %s",
                                                name, have, run.replicas.get(w), run)
                                        .contains(expected);
                            } else {
                                assertThat(run.cp.pendingReason(name)).as("%s is complete. %s", name, run).isEmpty();
                            }
                        }
                        assertThat(short_).as("more replicas than room: some workload is short. %s", run).isPositive();
                    });
        }
    }
}
