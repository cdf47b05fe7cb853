package k8snet.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.external.Cluster;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;

/**
 * The node lifecycle controller (exercise 4.6): when a silent node turns Unknown, gets the unreachable taint, and
 * has its pods evicted. Most tests use a grace period of 30 s and a toleration of 120 s, and a node {@code w1}
 * whose last heartbeat is at {@link #T0}:
 * <pre>
 *   T0            T0 + 30 s            T0 + 150 s
 *   | heartbeat   | last Ready instant  | last instant its pods stay
 *   |-------------|---------------------|------------------------------&gt;
 *     READY         UNKNOWN, tainted from T0 + 30 s + 1 ns; evicted from T0 + 150 s + 1 ns
 * </pre>
 */
@DisplayName("Exercise 4.6: the node lifecycle controller (heartbeats, Ready condition, unreachable taint, eviction)")
class NodeLifecycleTest {

    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration TOLERATION = Duration.ofSeconds(120);
    private static final Duration NS = Duration.ofNanos(1);
    private static final String TAINT = "node.kubernetes.io/unreachable";

    private static NodeLifecycle lifecycle() {
        return new NodeLifecycle(GRACE, TOLERATION);
    }

    /** A lifecycle controller that heard from w1 at T0. */
    private static NodeLifecycle heardAtT0() {
        NodeLifecycle nodes = lifecycle();
        nodes.heartbeat("w1", T0);
        return nodes;
    }

    private static String silent(Duration d) {
        return "after " + human(d) + " of silence (grace period " + human(GRACE) + ", toleration " + human(TOLERATION)
                + ")";
    }

    private static String nanos(long nanos) {
        return human(Duration.ofNanos(nanos));
    }

    private static String sinceT0(Instant t) {
        return "T0 + " + human(Duration.between(T0, t));
    }

    /**
     * A duration as people write it: "30 s", "2 min", "3 h", "2 days", "149.999999999 s", "1 ns"; whole minutes,
     * hours and days in their unit, everything else in seconds with as many decimals as it needs.
     */
    private static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds == 0 && nanos > 0 && nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos != 0) {
            return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9))
                    .stripTrailingZeros().toPlainString() + " s";
        }
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    @Nested
    @DisplayName("judges the Ready condition from the last heartbeat")
    class Condition {

        @Test
        @DisplayName("a node is Ready at its heartbeat and up to exactly the grace period after it")
        void readyUpToTheGracePeriod() {
            NodeLifecycle nodes = heardAtT0();
            for (Duration d : List.of(Duration.ZERO, NS, Duration.ofSeconds(12), GRACE.minus(NS), GRACE)) {
                assertThat(nodes.condition("w1", T0.plus(d)))
                        .as("%s the lease is still fresh enough: a node is Ready while no more than the grace "
                                + "period has passed, and exactly the grace period is still Ready", silent(d))
                        .isEqualTo(NodeCondition.READY);
            }
        }

        @Test
        @DisplayName("one nanosecond after the grace period the node is Unknown, and stays so while silent")
        void unknownAfterTheGracePeriod() {
            NodeLifecycle nodes = heardAtT0();
            for (Duration d : List.of(GRACE.plus(NS), GRACE.plusSeconds(1), Duration.ofHours(3))) {
                assertThat(nodes.condition("w1", T0.plus(d)))
                        .as("%s more than the grace period has passed: the controller no longer knows whether the "
                                + "node is alive, so Ready is Unknown", silent(d))
                        .isEqualTo(NodeCondition.UNKNOWN);
            }
        }

        @Test
        @DisplayName("counts from the last heartbeat, not the first")
        void fromTheLastHeartbeat() {
            NodeLifecycle nodes = heardAtT0();
            Instant later = T0.plusSeconds(25);
            nodes.heartbeat("w1", later);
            assertThat(nodes.condition("w1", later.plus(GRACE)))
                    .as("w1 renewed its lease at T0 + 25 s; at T0 + 55 s that renewal is exactly one grace period "
                            + "old, so w1 is Ready (55 s after the first heartbeat does not matter)")
                    .isEqualTo(NodeCondition.READY);
            assertThat(nodes.condition("w1", later.plus(GRACE).plus(NS)))
                    .as("one nanosecond later the last renewal is older than the grace period")
                    .isEqualTo(NodeCondition.UNKNOWN);
        }

        @Test
        @DisplayName("judges each node by its own heartbeats")
        void perNode() {
            NodeLifecycle nodes = heardAtT0();
            nodes.heartbeat("w2", T0.plusSeconds(20));
            Instant now = T0.plusSeconds(40);
            assertThat(nodes.condition("w1", now)).as("w1 has been silent 40 s, longer than the 30 s grace period")
                    .isEqualTo(NodeCondition.UNKNOWN);
            assertThat(nodes.condition("w2", now)).as("w2 was heard 20 s ago, within the grace period")
                    .isEqualTo(NodeCondition.READY);
        }

        @Test
        @DisplayName("a heartbeat after a long silence makes the node Ready again at once, untainted, its pods kept")
        void heartbeatAfterSilence() {
            NodeLifecycle nodes = heardAtT0();
            Instant back = T0.plus(GRACE).plus(TOLERATION).plusSeconds(60);
            assertThat(nodes.evict("w1", back)).as("before the node comes back: %s it is due for eviction",
                    silent(Duration.between(T0, back))).isTrue();
            nodes.heartbeat("w1", back);
            assertThat(nodes.condition("w1", back)).as("the kubelet renewed its lease at this very instant")
                    .isEqualTo(NodeCondition.READY);
            assertThat(nodes.taints("w1", back)).as("a Ready node carries no unreachable taint").isEmpty();
            assertThat(nodes.evict("w1", back)).as("a Ready node's pods are not to be evicted").isFalse();
            assertThat(nodes.condition("w1", back.plus(GRACE))).as("and the grace period starts over from there")
                    .isEqualTo(NodeCondition.READY);
        }
    }

    @Nested
    @DisplayName("taints an Unknown node with node.kubernetes.io/unreachable")
    class Taints {

        @Test
        @DisplayName("a Ready node has no taint, up to and including exactly the grace period")
        void readyNodeUntainted() {
            NodeLifecycle nodes = heardAtT0();
            assertThat(nodes.taints("w1", T0)).as("at the heartbeat").isEmpty();
            assertThat(nodes.taints("w1", T0.plus(GRACE))).as("%s the node is still Ready: no taint", silent(GRACE))
                    .isEmpty();
        }

        @Test
        @DisplayName("from one nanosecond after the grace period the node has exactly the unreachable taint")
        void unknownNodeTainted() {
            NodeLifecycle nodes = heardAtT0();
            assertThat(NodeLifecycle.UNREACHABLE).isEqualTo(TAINT);
            for (Duration d : List.of(GRACE.plus(NS), GRACE.plus(TOLERATION), GRACE.plus(TOLERATION).plusSeconds(9))) {
                assertThat(nodes.taints("w1", T0.plus(d)))
                        .as("%s Ready is Unknown, so the node carries %s (NoSchedule keeps new pods away, NoExecute "
                                + "starts the pods' toleration), and nothing else", silent(d), TAINT)
                        .containsExactly(TAINT);
            }
        }
    }

    @Nested
    @DisplayName("evicts a node's pods once grace period plus toleration has passed")
    class Evict {

        @Test
        @DisplayName("not while Ready, not while tolerated, not at exactly grace plus toleration")
        void notBefore() {
            NodeLifecycle nodes = heardAtT0();
            for (Duration d : List.of(Duration.ZERO, GRACE, GRACE.plus(NS), GRACE.plus(TOLERATION).minus(NS),
                    GRACE.plus(TOLERATION))) {
                assertThat(nodes.evict("w1", T0.plus(d)))
                        .as("%s: the toleration counts from the taint, which appears at the end of the grace "
                                + "period, so the pods stay until more than grace + toleration (150 s) has passed",
                                silent(d))
                        .isFalse();
            }
        }

        @Test
        @DisplayName("one nanosecond after grace plus toleration, and from then on")
        void after() {
            NodeLifecycle nodes = heardAtT0();
            for (Duration d : List.of(GRACE.plus(TOLERATION).plus(NS), GRACE.plus(TOLERATION).plusSeconds(1),
                    Duration.ofDays(2))) {
                assertThat(nodes.evict("w1", T0.plus(d)))
                        .as("%s more than grace + toleration (150 s) has passed: the pods' toleration of the "
                                + "unreachable taint is over, they are to be evicted", silent(d))
                        .isTrue();
            }
        }

        @Test
        @DisplayName("with a toleration of zero, the moment the node turns Unknown")
        void zeroToleration() {
            NodeLifecycle nodes = new NodeLifecycle(GRACE, Duration.ZERO);
            nodes.heartbeat("w1", T0);
            assertThat(nodes.evict("w1", T0.plus(GRACE)))
                    .as("toleration 0: at exactly the grace period the node is still Ready, nothing is evicted")
                    .isFalse();
            assertThat(nodes.condition("w1", T0.plus(GRACE).plus(NS))).isEqualTo(NodeCondition.UNKNOWN);
            assertThat(nodes.evict("w1", T0.plus(GRACE).plus(NS)))
                    .as("toleration 0: the pods tolerate the taint not at all, so they go as soon as it appears, "
                            + "one nanosecond after the grace period")
                    .isTrue();
        }

        @Test
        @DisplayName("the defaults: Unknown after 50 s, evicted after 350 s, as the control plane uses them")
        void defaults() {
            assertThat(NodeLifecycle.DEFAULT_GRACE_PERIOD).as("kube-controller-manager's node-monitor-grace-period")
                    .isEqualTo(Duration.ofSeconds(50));
            assertThat(NodeLifecycle.DEFAULT_TOLERATION).as("the tolerationSeconds the API server adds to a pod")
                    .isEqualTo(Duration.ofSeconds(300));
            ManualClock clock = new ManualClock(T0);
            Cluster cluster = Cluster.builder().services(ServiceNetwork.builder().clock(clock)).build();
            ControlPlane cp = new ControlPlane(cluster, clock, 3);
            cp.addNode("edge-1", "192.168.7.21/24");
            NodeLifecycle nodes = cp.lifecycle();
            assertThat(nodes.nodes()).as("a joining node sends its first heartbeat").containsExactly("edge-1");
            Duration grace = Duration.ofSeconds(50);
            Duration evictAt = Duration.ofSeconds(350);
            assertThat(nodes.condition("edge-1", T0.plus(grace))).as("default grace: 50 s of silence is still Ready")
                    .isEqualTo(NodeCondition.READY);
            assertThat(nodes.condition("edge-1", T0.plus(grace).plus(NS))).as("default grace: 50 s + 1 ns is Unknown")
                    .isEqualTo(NodeCondition.UNKNOWN);
            assertThat(nodes.evict("edge-1", T0.plus(evictAt))).as("defaults: at 50 s + 300 s the pods still stay")
                    .isFalse();
            assertThat(nodes.evict("edge-1", T0.plus(evictAt).plus(NS))).as("defaults: 350 s + 1 ns evicts")
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("knows a node from its first heartbeat until it is removed")
    class Membership {

        @Test
        @DisplayName("lists the known nodes in the order of their first heartbeat, not by name or by latest heartbeat")
        void order() {
            NodeLifecycle nodes = lifecycle();
            assertThat(nodes.nodes()).as("no heartbeat yet, no node").isEmpty();
            nodes.heartbeat("w3", T0);
            nodes.heartbeat("w1", T0.plusSeconds(1));
            nodes.heartbeat("w2", T0.plusSeconds(2));
            nodes.heartbeat("w1", T0.plusSeconds(3));
            nodes.heartbeat("w3", T0.plusSeconds(4));
            assertThat(nodes.nodes()).as("first heartbeats came from w3, w1, w2; later renewals do not reorder them")
                    .containsExactly("w3", "w1", "w2");
        }

        @Test
        @DisplayName("a removed node is no longer listed or known; the others keep their order")
        void remove() {
            NodeLifecycle nodes = lifecycle();
            nodes.heartbeat("w3", T0);
            nodes.heartbeat("w1", T0);
            nodes.heartbeat("w2", T0);
            nodes.remove("w1");
            assertThat(nodes.nodes()).as("w1 left the cluster").containsExactly("w3", "w2");
            assertThatIllegalArgumentException().as("asking about a removed node")
                    .isThrownBy(() -> nodes.condition("w1", T0)).withMessageContaining("w1");
            assertThat(nodes.condition("w2", T0)).as("the others are unaffected").isEqualTo(NodeCondition.READY);
            nodes.heartbeat("w1", T0.plusSeconds(5));
            assertThat(nodes.nodes()).as("w1 comes back: that heartbeat is its first as a known node again, so it "
                    + "comes last, not at its old place").containsExactly("w3", "w2", "w1");
        }

        @Test
        @DisplayName("a heartbeat at the same instant as the last one is accepted")
        void sameInstant() {
            NodeLifecycle nodes = heardAtT0();
            assertThatCode(() -> nodes.heartbeat("w1", T0)).as("two renewals at one instant do not go back in time")
                    .doesNotThrowAnyException();
            assertThat(nodes.nodes()).as("still one node").containsExactly("w1");
        }

        @Test
        @DisplayName("a heartbeat before the node's last one is refused, naming the node and the instant")
        void heartbeatBackInTime() {
            NodeLifecycle nodes = heardAtT0();
            nodes.heartbeat("w1", T0.plusSeconds(10));
            Instant earlier = T0.plusSeconds(10).minus(NS);
            assertThatIllegalArgumentException().as("a lease renewal 1 ns before the last one")
                    .isThrownBy(() -> nodes.heartbeat("w1", earlier))
                    .withMessageContaining("w1").withMessageContaining(earlier.toString());
            assertThat(nodes.condition("w1", T0.plusSeconds(10).plus(GRACE)))
                    .as("the refused heartbeat changed nothing: the last one is still T0 + 10 s")
                    .isEqualTo(NodeCondition.READY);
            assertThatCode(() -> nodes.heartbeat("w2", T0)).as("another node's heartbeat may be earlier: each node "
                    + "has its own history").doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"condition", "taints", "evict"})
        @DisplayName("a question about a moment before the node's last heartbeat is refused, naming it")
        void nowBeforeLastHeartbeat(String question) {
            NodeLifecycle nodes = heardAtT0();
            Instant before = T0.minus(NS);
            assertThatIllegalArgumentException().as("%s(\"w1\", T0 - 1 ns) while the last heartbeat is T0", question)
                    .isThrownBy(() -> ask(nodes, question, "w1", before))
                    .withMessageContaining("w1").withMessageContaining(before.toString());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"condition", "taints", "evict", "remove"})
        @DisplayName("a node that never sent a heartbeat is unknown, and the refusal names it")
        void unknownNode(String question) {
            NodeLifecycle nodes = heardAtT0();
            assertThatIllegalArgumentException().as("%s of gpu-7, which never sent a heartbeat", question)
                    .isThrownBy(() -> ask(nodes, question, "gpu-7", T0.plusSeconds(1)))
                    .withMessageContaining("gpu-7");
        }

        private static Object ask(NodeLifecycle nodes, String question, String node, Instant now) {
            switch (question) {
                case "condition":
                    return nodes.condition(node, now);
                case "taints":
                    return nodes.taints(node, now);
                case "evict":
                    return nodes.evict(node, now);
                default:
                    nodes.remove(node);
                    return null;
            }
        }
    }

    @Nested
    @DisplayName("refuses bad input with an IllegalArgumentException")
    class Validation {

        @Test
        @DisplayName("a null, zero or negative grace period")
        void gracePeriod() {
            assertThatIllegalArgumentException().as("new NodeLifecycle(null, 120 s)")
                    .isThrownBy(() -> new NodeLifecycle(null, TOLERATION)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a grace period of zero: every node would be Unknown at once")
                    .isThrownBy(() -> new NodeLifecycle(Duration.ZERO, TOLERATION)).withMessageContaining("PT0S");
            assertThatIllegalArgumentException().as("a negative grace period")
                    .isThrownBy(() -> new NodeLifecycle(Duration.ofSeconds(-5), TOLERATION))
                    .withMessageContaining("PT-5S");
        }

        @Test
        @DisplayName("a null or negative toleration; zero and the shortest grace period are fine")
        void toleration() {
            assertThatIllegalArgumentException().as("new NodeLifecycle(30 s, null)")
                    .isThrownBy(() -> new NodeLifecycle(GRACE, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a toleration of -1 ns")
                    .isThrownBy(() -> new NodeLifecycle(GRACE, NS.negated())).withMessageContaining("PT-0.000000001S");
            NodeLifecycle shortest = new NodeLifecycle(NS, Duration.ZERO);
            shortest.heartbeat("w1", T0);
            assertThat(shortest.condition("w1", T0.plus(NS))).as("grace period 1 ns: Ready 1 ns after the heartbeat")
                    .isEqualTo(NodeCondition.READY);
            assertThat(shortest.condition("w1", T0.plus(NS).plus(NS))).as("and Unknown 1 ns later")
                    .isEqualTo(NodeCondition.UNKNOWN);
        }

        @Test
        @DisplayName("null arguments to every method")
        void nulls() {
            NodeLifecycle nodes = heardAtT0();
            assertThatIllegalArgumentException().as("heartbeat(null, T0)")
                    .isThrownBy(() -> nodes.heartbeat(null, T0)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("heartbeat(\"w1\", null)")
                    .isThrownBy(() -> nodes.heartbeat("w1", null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("heartbeat(\"w9\", null): the first heartbeat of a node never "
                    + "heard from has no earlier one to compare with, and still needs an instant")
                    .isThrownBy(() -> nodes.heartbeat("w9", null)).withMessageContaining("null");
            assertThat(nodes.nodes()).as("the refused heartbeat added no node").doesNotContain("w9");
            assertThatIllegalArgumentException().as("remove(null)")
                    .isThrownBy(() -> nodes.remove(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("condition(null, T0)")
                    .isThrownBy(() -> nodes.condition(null, T0)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("condition(\"w1\", null)")
                    .isThrownBy(() -> nodes.condition("w1", null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("taints(\"w1\", null)")
                    .isThrownBy(() -> nodes.taints("w1", null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("evict(\"w1\", null)")
                    .isThrownBy(() -> nodes.evict("w1", null)).withMessageContaining("null");
            assertThat(nodes.nodes()).as("no refused call changed the known nodes").containsExactly("w1");
        }
    }

    @Nested
    @DisplayName("agrees with the arithmetic for any heartbeats, grace period and toleration (property)")
    class Property {

        private static final long SEED = 0x4_6000_0046L;

        @Test
        @DisplayName("Ready iff silence <= grace; tainted iff Unknown; evicted iff silence > grace + toleration")
        void arithmetic() {
            qt(SEED).withExamples(300)
                    .forAll(named("grace period", longs().between(1, 90_000_000_000L), NodeLifecycleTest::nanos),
                            named("toleration", longs().between(0, 400_000_000_000L), NodeLifecycleTest::nanos),
                            named("heartbeats", integers().between(1, 6)), named("random seed", longs().all()))
                    .checkAssert((graceNs, tolNs, beats, seed) -> {
                        Duration grace = Duration.ofNanos(graceNs);
                        Duration tol = Duration.ofNanos(tolNs);
                        NodeLifecycle nodes = new NodeLifecycle(grace, tol);
                        SplittableRandom random = new SplittableRandom(seed);
                        Instant last = T0;
                        List<Instant> times = new ArrayList<>();
                        for (int i = 0; i < beats; i++) {
                            last = last.plusNanos(random.nextLong(0, 2 * graceNs + 1));
                            times.add(last);
                            nodes.heartbeat("w1", last);
                        }
                        // Probe the boundaries exactly and at random: 0, grace, grace+1ns, grace+tol, +1ns, random.
                        List<Long> probes = List.of(0L, graceNs, graceNs + 1, graceNs + tolNs, graceNs + tolNs + 1,
                                random.nextLong(0, 2 * (graceNs + tolNs) + 2));
                        for (long silenceNs : probes) {
                            Instant now = last.plusNanos(silenceNs);
                            // Written only for a failure: 1,800 probes pass.
                            Supplier<String> ctx = () -> String.format("grace %s, toleration %s, heartbeats at %s, "
                                    + "asked at %s (silence %s; T0 = %s; property seed %d)", human(grace), human(tol),
                                    times.stream().map(NodeLifecycleTest::sinceT0).toList(), sinceT0(now),
                                    nanos(silenceNs), T0, SEED);
                            NodeCondition expected = silenceNs > graceNs ? NodeCondition.UNKNOWN : NodeCondition.READY;
                            assertThat(nodes.condition("w1", now)).as(() -> "condition: " + ctx.get()).isEqualTo(expected);
                            assertThat(nodes.taints("w1", now)).as(() -> "taints: " + ctx.get())
                                    .isEqualTo(expected == NodeCondition.UNKNOWN ? List.of(TAINT) : List.of());
                            assertThat(nodes.evict("w1", now)).as(() -> "evict: " + ctx.get())
                                    .isEqualTo(silenceNs > graceNs + tolNs);
                        }
                    });
        }
    }
}
