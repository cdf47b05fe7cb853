package k8snet.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

/**
 * The scheduler of exercise 4.5: the filters that rule nodes out, the scores that rank the rest, the draw that
 * breaks a tie, and the {@code FailedScheduling} text when no node fits. Node names are {@code pool-a},
 * {@code pool-b}, ...; {@code ready(name, pods, matching)} is a schedulable, untainted node of the default
 * capacity (110).
 */
@DisplayName("Exercise 4.5: the scheduler filters nodes, scores the rest and breaks ties with one draw")
class SchedulerTest {

    private static final String TAINT_PREFIX = "node(s) had untolerated taint {";

    private static NodeInfo ready(String name, int pods, int matching) {
        return NodeInfo.ready(name, pods, matching);
    }

    private static NodeInfo cordoned(String name, int pods, int matching) {
        return new NodeInfo(name, true, List.of(), NodeInfo.DEFAULT_POD_CAPACITY, pods, matching);
    }

    private static NodeInfo tainted(String name, String taint, int pods, int matching) {
        return new NodeInfo(name, false, List.of(taint), NodeInfo.DEFAULT_POD_CAPACITY, pods, matching);
    }

    private static NodeInfo full(String name, int capacity, int matching) {
        return new NodeInfo(name, false, List.of(), capacity, capacity, matching);
    }

    private static String taintReason(String key) {
        return TAINT_PREFIX + key + ": }";
    }

    private static String names(List<NodeInfo> nodes) {
        List<String> out = new ArrayList<>();
        for (NodeInfo n : nodes) {
            out.add(n.name() + (n.unschedulable() ? " cordoned" : "") + (n.taints().isEmpty() ? "" : " taints "
                    + n.taints()) + " pods " + n.pods() + "/" + n.podCapacity() + " matching " + n.matchingPods());
        }
        return String.join("; ", out);
    }

    /**
     * A {@link java.util.Random} that answers {@code nextInt(bound)} with scripted values and records each bound;
     * every other draw is an error, since the rule is one {@code nextInt(ties)} per tied placement.
     */
    private static final class RecordingRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final Deque<Integer> answers = new ArrayDeque<>();
        private final List<Integer> bounds = new ArrayList<>();

        RecordingRandom(int... answers) {
            super(0);
            for (int a : answers) {
                this.answers.add(a);
            }
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            if (answers.isEmpty()) {
                throw new AssertionError("the scheduler drew nextInt(" + bound + ") where no draw was expected: "
                        + "draw once, nextInt(ties), and only when two or more nodes are tied for best; bounds "
                        + "asked so far " + bounds);
            }
            int answer = answers.remove();
            if (answer >= bound) {
                throw new AssertionError("the scheduler drew nextInt(" + bound + "), but the test expected a bound "
                        + "above " + answer + " (the number of tied nodes); bounds asked so far " + bounds);
            }
            return answer;
        }

        @Override
        protected int next(int bits) {
            throw new AssertionError("the scheduler breaks ties with random.nextInt(ties) only, not with another "
                    + "method of Random (nextInt(), nextLong(), nextDouble(), nextInt(origin, bound), shuffle ...)");
        }

        /** Asserts the bounds drawn so far are exactly {@code expected}, saying both in words when they are not. */
        void assertDrew(String context, List<Integer> expected) {
            assertThat(bounds).as(context)
                    .withFailMessage("expected %s, but the scheduler drew %s", Draws.expected(expected),
                            Draws.made(bounds))
                    .isEqualTo(expected);
        }

        void assertDrew(String context, Integer... expected) {
            assertDrew(context, List.of(expected));
        }
    }

    private static Placement schedule(RecordingRandom random, List<NodeInfo> nodes) {
        return new Scheduler(random).schedule(nodes);
    }

    /** The node a placement bound the pod to; fails, naming the nodes, if it is not bound. */
    private static String boundNode(Scheduler scheduler, List<NodeInfo> nodes) {
        Placement placement = scheduler.schedule(nodes);
        assertThat(placement).as("schedule(%s): some node passes the filters, so the pod is bound", names(nodes))
                .isInstanceOf(Placement.Bound.class);
        return ((Placement.Bound) placement).node();
    }

    @Nested
    @DisplayName("filters a node with the first filter that rejects it")
    class Filters {

        private final Scheduler scheduler = new Scheduler(new RecordingRandom());

        @ParameterizedTest(name = "cordoned {0}, {1}, {3} of {2} pods -> {4}")
        @CsvSource(delimiter = '|', value = {
            "false | no taints                                                          | 110 | 0   | fits",
            "false | no taints                                                          | 110 | 109 | fits",
            "false | no taints                                                          | 110 | 110 | Too many pods",
            "false | no taints                                                          | 110 | 111 | Too many pods",
            "false | no taints                                                          | 7   | 6   | fits",
            "false | no taints                                                          | 7   | 7   | Too many pods",
            "false | no taints                                                          | 7   | 8   | Too many pods",
            "false | no taints                                                          | 1   | 0   | fits",
            "false | no taints                                                          | 1   | 1   | Too many pods",
            "false | no taints                                                          | 0   | 0   | Too many pods",
            "true  | no taints                                                          | 110 | 0   | node(s) were unschedulable",
            "true  | no taints                                                          | 4   | 9   | node(s) were unschedulable",
            "false | taint example.com/gpu                                              | 110 | 3   | node(s) had untolerated taint {example.com/gpu: }",
            "false | taint node.kubernetes.io/unreachable                               | 110 | 0   | node(s) had untolerated taint {node.kubernetes.io/unreachable: }",
            "false | taints node.kubernetes.io/not-ready node.kubernetes.io/unreachable | 110 | 0   | node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
            "false | taints node.kubernetes.io/unreachable node.kubernetes.io/not-ready | 110 | 0   | node(s) had untolerated taint {node.kubernetes.io/unreachable: }",
            "false | taint dedicated                                                    | 2   | 2   | node(s) had untolerated taint {dedicated: }",
            "true  | taint dedicated                                                    | 2   | 2   | node(s) were unschedulable",
            "true  | taint dedicated                                                    | 110 | 0   | node(s) were unschedulable",
            "true  | no taints                                                          | 2   | 2   | node(s) were unschedulable",
        })
        void unfit(boolean unschedulable, String taints, int capacity, int pods, String expected) {
            List<String> keys = taintKeys(taints);
            NodeInfo node = new NodeInfo("pool-a", unschedulable, keys, capacity, pods, pods / 2);
            Optional<String> why = scheduler.unfit(node);
            Optional<String> reason = expected.equals("fits") ? Optional.empty() : Optional.of(expected);
            String rule = reason.isEmpty()
                    ? "a node that is not cordoned, has no NoSchedule taint and runs fewer pods than its capacity "
                            + "passes every filter"
                    : "filters run in the order NodeUnschedulable, TaintToleration (the first taint the node lists),"
                            + " NodeResourcesFit (pods >= podCapacity is full); the first that rejects gives the "
                            + "reason";
            assertThat(why).as("unfit(%s): %s", names(List.of(node)), rule)
                    .withFailMessage("%s, but %s", reason.map(r -> "expected the reason " + r)
                            .orElse("expected the node to fit (no reason)"), found(why))
                    .isEqualTo(reason);
        }

        /** The table's taints column: "no taints", "taint KEY" or "taints KEY KEY ...". */
        private List<String> taintKeys(String column) {
            if (column.equals("no taints")) {
                return List.of();
            }
            String keys = column.startsWith("taints ") ? column.substring("taints ".length())
                    : column.substring("taint ".length());
            return List.of(keys.trim().split(" +"));
        }

        /** What unfit answered, in words. */
        private String found(Optional<String> why) {
            if (why == null) {
                return "unfit returned null instead of an Optional";
            }
            return why.map(r -> "the scheduler gave the reason " + r)
                    .orElse("the scheduler found the node fit");
        }

        @Test
        @DisplayName("the reasons are exactly the constants and kube-scheduler's taint text")
        void constants() {
            assertThat(scheduler.unfit(cordoned("pool-b", 0, 0))).contains(Scheduler.UNSCHEDULABLE);
            assertThat(scheduler.unfit(full("pool-c", 3, 0))).contains(Scheduler.TOO_MANY_PODS);
            assertThat(scheduler.unfit(tainted("pool-d", "team/blue", 0, 0)))
                    .as("TaintToleration's text: the taint's key in braces, followed by a colon, a space and the "
                            + "(empty) value")
                    .contains("node(s) had untolerated taint {team/blue: }");
        }

        @Test
        @DisplayName("matching pods play no part in filtering")
        void matchingIgnored() {
            assertThat(scheduler.unfit(new NodeInfo("pool-e", false, List.of(), 5, 4, 4)))
                    .as("4 of 5 pods, all of the same workload: still room for one").isEmpty();
            assertThat(scheduler.unfit(new NodeInfo("pool-e", false, List.of(), 5, 5, 0)))
                    .as("5 of 5 pods, none of the same workload: full").contains(Scheduler.TOO_MANY_PODS);
        }
    }

    @Nested
    @DisplayName("scores the nodes that pass")
    class Scores {

        private void assertBound(List<NodeInfo> nodes, String expected, String why) {
            RecordingRandom random = new RecordingRandom();
            Placement placement = schedule(random, nodes);
            assertThat(placement).as("schedule(%s): %s", names(nodes), why)
                    .isEqualTo(new Placement.Bound(expected));
            random.assertDrew("one node is best: no draw");
        }

        @Test
        @DisplayName("the node with the fewest pods of the same workload wins")
        void fewestMatching() {
            assertBound(List.of(ready("pool-a", 5, 2), ready("pool-b", 5, 1), ready("pool-c", 5, 3)), "pool-b",
                    "spreading replicas: pool-b runs only one pod of this workload");
            assertBound(List.of(ready("pool-a", 4, 4), ready("pool-b", 4, 1), ready("pool-c", 4, 0)), "pool-c",
                    "pool-c runs none of this workload, even in last place");
            assertBound(List.of(ready("pool-a", 6, 0), ready("pool-b", 6, 3), ready("pool-c", 6, 1)), "pool-a",
                    "pool-a runs none of this workload, in first place");
        }

        @Test
        @DisplayName("with as many matching pods, the node with the fewest pods in all wins")
        void thenFewestPods() {
            assertBound(List.of(ready("pool-a", 4, 1), ready("pool-b", 2, 1), ready("pool-c", 3, 1)), "pool-b",
                    "each runs one pod of this workload; pool-b is the least allocated (2 pods)");
            assertBound(List.of(ready("pool-a", 9, 0), ready("pool-b", 8, 0), ready("pool-c", 7, 0)), "pool-c",
                    "none runs this workload; pool-c has the fewest pods (7)");
        }

        @Test
        @DisplayName("a node with fewer matching pods beats one with fewer pods in all")
        void matchingFirst() {
            assertBound(List.of(ready("pool-a", 1, 1), ready("pool-b", 9, 0)), "pool-b",
                    "pool-b runs 9 pods but none of this workload; pool-a runs 1, of this workload: spreading comes "
                            + "before the least allocated node");
            assertBound(List.of(ready("pool-a", 3, 3), ready("pool-b", 12, 1), ready("pool-c", 2, 2)), "pool-b",
                    "pool-b is the busiest node (12 pods) but runs the fewest of this workload (1)");
        }

        @Test
        @DisplayName("nodes that fail a filter do not compete, however good their score")
        void filteredNodesDoNotCompete() {
            List<NodeInfo> nodes = List.of(cordoned("pool-a", 0, 0), tainted("pool-b", "dedicated", 0, 0),
                    full("pool-c", 3, 0), ready("pool-d", 40, 7), new NodeInfo("pool-e", false, List.of(), 0, 0, 0));
            assertBound(nodes, "pool-d", "pool-a is cordoned, pool-b tainted, pool-c and pool-e full: pool-d is the "
                    + "only node that passes, though it already runs 7 pods of the workload");
        }

        @Test
        @DisplayName("a node one pod below its capacity is still a candidate, and wins if best")
        void belowCapacityCompetes() {
            assertBound(List.of(ready("pool-a", 2, 1), new NodeInfo("pool-b", false, List.of(), 3, 2, 0)), "pool-b",
                    "pool-b runs 2 of 3 pods: room for one more, and it runs none of this workload");
            assertBound(List.of(ready("pool-a", 2, 1), new NodeInfo("pool-b", false, List.of(), 2, 2, 0)), "pool-a",
                    "pool-b runs 2 of 2 pods: full, so pool-a, though it runs one of this workload");
        }
    }

    @Nested
    @DisplayName("breaks a tie between equally good nodes")
    class Ties {

        /** pool-a, pool-c, pool-e and pool-g tie (3 pods, 1 matching); the others are worse or filtered out. */
        private final List<NodeInfo> nodes = List.of(
                ready("pool-a", 3, 1),
                ready("pool-b", 3, 2),
                ready("pool-c", 3, 1),
                cordoned("pool-d", 3, 1),
                ready("pool-e", 3, 1),
                ready("pool-f", 4, 1),
                ready("pool-g", 3, 1),
                tainted("pool-h", "dedicated", 3, 1),
                full("pool-i", 3, 1));

        @ParameterizedTest(name = "nextInt(4) = {0}: {1}")
        @CsvSource({"0, pool-a", "1, pool-c", "2, pool-e", "3, pool-g"})
        void drawIndexesTheTiedNodes(int draw, String expected) {
            RecordingRandom random = new RecordingRandom(draw);
            Placement placement = schedule(random, nodes);
            random.assertDrew("pool-a, pool-c, pool-e and pool-g tie (3 pods, 1 matching); pool-b and pool-f score "
                    + "worse, and pool-d, pool-h and pool-i, with the same counts, fail a filter: one draw among the "
                    + "4 tied nodes", 4);
            assertThat(placement).as("the draw %d indexes the tied nodes in the order they were given "
                    + "(pool-a, pool-c, pool-e, pool-g)", draw).isEqualTo(new Placement.Bound(expected));
        }

        @Test
        @DisplayName("two tied nodes: one nextInt(2)")
        void twoTied() {
            List<NodeInfo> two = List.of(ready("pool-z", 5, 0), ready("pool-k", 6, 0), ready("pool-m", 5, 0));
            RecordingRandom first = new RecordingRandom(0);
            assertThat(schedule(first, two)).as("draw 0 of pool-z, pool-m (given order, not sorted by name)")
                    .isEqualTo(new Placement.Bound("pool-z"));
            first.assertDrew("pool-z and pool-m tie (5 pods, none matching): one draw among the 2", 2);
            RecordingRandom second = new RecordingRandom(1);
            assertThat(schedule(second, two)).as("draw 1 of pool-z, pool-m").isEqualTo(new Placement.Bound("pool-m"));
            second.assertDrew("pool-z and pool-m tie (5 pods, none matching): one draw among the 2", 2);
        }

        @Test
        @DisplayName("every node tied: nextInt(number of nodes)")
        void allTied() {
            List<NodeInfo> same = List.of(ready("pool-c", 0, 0), ready("pool-b", 0, 0), ready("pool-a", 0, 0));
            RecordingRandom random = new RecordingRandom(2);
            assertThat(schedule(random, same)).as("three empty nodes, draw 2: the third as given")
                    .isEqualTo(new Placement.Bound("pool-a"));
            random.assertDrew("three empty nodes tie: one draw among the 3", 3);
        }

        @Test
        @DisplayName("one draw per placement, from the same generator")
        void oneDrawPerPlacement() {
            RecordingRandom random = new RecordingRandom(3, 0, 1);
            Scheduler scheduler = new Scheduler(random);
            List<String> bound = new ArrayList<>();
            bound.add(boundNode(scheduler, nodes));
            bound.add(boundNode(scheduler, List.of(ready("pool-x", 1, 0), ready("pool-y", 0, 0))));
            bound.add(boundNode(scheduler, nodes));
            bound.add(boundNode(scheduler, List.of(ready("pool-x", 1, 1), ready("pool-y", 1, 1))));
            assertThat(bound).as("four placements: a 4-way tie (draw 3), a clear winner, a 4-way tie (draw 0), a "
                    + "2-way tie (draw 1)").containsExactly("pool-g", "pool-y", "pool-a", "pool-y");
            random.assertDrew("a 4-way tie, a clear winner, a 4-way tie, a 2-way tie: the clear winner draws nothing; "
                    + "each tie draws once, among its tied nodes", 4, 4, 2);
        }

        @Test
        @DisplayName("draws nothing when one node is best, or only one passes")
        void noDrawForOneBest() {
            RecordingRandom random = new RecordingRandom();
            assertThat(schedule(random, List.of(ready("pool-a", 2, 0), ready("pool-b", 1, 0))))
                    .isEqualTo(new Placement.Bound("pool-b"));
            assertThat(schedule(random, List.of(ready("pool-a", 0, 0)))).as("a single node")
                    .isEqualTo(new Placement.Bound("pool-a"));
            assertThat(schedule(random, List.of(cordoned("pool-a", 0, 0), ready("pool-b", 0, 0))))
                    .as("pool-a would tie, but it is cordoned").isEqualTo(new Placement.Bound("pool-b"));
            random.assertDrew("with one best node, draw nothing (not even nextInt(1))");
        }

        @Test
        @DisplayName("draws nothing when no node fits, or there is none")
        void noDrawWhenNothingFits() {
            RecordingRandom random = new RecordingRandom();
            assertThat(schedule(random, List.of(cordoned("pool-a", 0, 0), cordoned("pool-b", 0, 0))))
                    .isInstanceOf(Placement.Unschedulable.class);
            assertThat(schedule(random, List.of())).isInstanceOf(Placement.Unschedulable.class);
            random.assertDrew("nothing to choose from: no draw");
        }

        @Test
        @DisplayName("replays a seeded java.util.Random exactly")
        void seededReplay() {
            long seed = 4_5_2026L;
            Scheduler scheduler = new Scheduler(new Random(seed));
            Random reference = new Random(seed);
            List<String> tied = List.of("pool-a", "pool-c", "pool-e", "pool-g");
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                expected.add(tied.get(reference.nextInt(4)));
                actual.add(boundNode(scheduler, nodes));
                assertThat(scheduler.schedule(List.of(ready("pool-x", 1, 0), ready("pool-y", 1, 1))))
                        .isEqualTo(new Placement.Bound("pool-x"));
            }
            assertThat(actual).as("60 placements among four tied nodes from new Random(%d), with clear placements "
                    + "between them: each is tied.get(random.nextInt(4)), and a clear winner draws nothing", seed)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Nested
    @DisplayName("when no node passes, answers Unschedulable with kube-scheduler's event text")
    class Unschedulable {

        private void assertMessage(List<NodeInfo> nodes, String expected, String why) {
            RecordingRandom random = new RecordingRandom();
            Placement placement = schedule(random, nodes);
            assertThat(placement).as("schedule(%s): %s", names(nodes), why)
                    .isEqualTo(new Placement.Unschedulable(expected));
        }

        @Test
        @DisplayName("one node, one reason")
        void oneNode() {
            assertMessage(List.of(cordoned("pool-a", 0, 0)), "0/1 nodes are available: 1 node(s) were unschedulable.",
                    "\"0/N nodes are available: \", then COUNT REASON, then a final \".\"");
            assertMessage(List.of(full("pool-a", 110, 3)), "0/1 nodes are available: 1 Too many pods.",
                    "a full node");
            assertMessage(List.of(tainted("pool-a", "node.kubernetes.io/unreachable", 0, 0)),
                    "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.",
                    "a tainted node");
        }

        @Test
        @DisplayName("counts the nodes of each reason, and N counts every node")
        void counts() {
            assertMessage(List.of(cordoned("pool-a", 0, 0), cordoned("pool-b", 1, 0), cordoned("pool-c", 2, 1),
                    cordoned("pool-d", 0, 0)), "0/4 nodes are available: 4 node(s) were unschedulable.",
                    "four cordoned nodes: one part, counted 4");
            assertMessage(List.of(full("pool-a", 2, 0), cordoned("pool-b", 0, 0), cordoned("pool-c", 0, 0)),
                    "0/3 nodes are available: 1 Too many pods, 2 node(s) were unschedulable.",
                    "two reasons, joined with \", \"; \"1 Too many pods\" sorts before \"2 node(s) were "
                            + "unschedulable\" (the whole string is sorted, count first)");
        }

        @Test
        @DisplayName("sorts the parts as whole strings, as Java sorts them: not by count, reason or case")
        void sortedAsStrings() {
            List<NodeInfo> twelve = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                twelve.add(full("full-" + i, 1 + i, 0));
            }
            twelve.add(cordoned("pool-y", 0, 0));
            twelve.add(cordoned("pool-z", 0, 0));
            assertMessage(twelve, "0/12 nodes are available: 10 Too many pods, 2 node(s) were unschedulable.",
                    "as strings \"10 Too many pods\" sorts before \"2 node(s) were unschedulable\" ('1' < '2'), "
                            + "though 10 > 2");
            assertMessage(List.of(cordoned("pool-a", 0, 0), full("pool-b", 4, 4)),
                    "0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable.",
                    "Java's String order puts upper case before lower case: \"1 Too\" before \"1 node\", whatever "
                            + "the nodes' order");
            assertMessage(List.of(tainted("pool-a", "node.kubernetes.io/unreachable", 0, 0),
                    tainted("pool-b", "dedicated", 0, 0), tainted("pool-c", "dedicated", 1, 0),
                    new NodeInfo("pool-d", true, List.of("zone"), 110, 0, 0)),
                    "0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, "
                            + "1 node(s) were unschedulable, 2 node(s) had untolerated taint {dedicated: }.",
                    "each taint key is a reason of its own; pool-d is cordoned first; the parts sort with their "
                            + "counts, so \"2 ... {dedicated: }\" comes last though \"dedicated\" sorts first");
        }

        @Test
        @DisplayName("with no nodes at all, the message is NO_NODES")
        void noNodes() {
            assertThat(new Scheduler(new RecordingRandom()).schedule(List.of()))
                    .as("an empty cluster: kube-scheduler says \"%s\", not \"0/0 nodes are available\"",
                            Scheduler.NO_NODES)
                    .isEqualTo(new Placement.Unschedulable(Scheduler.NO_NODES));
        }
    }

    @Nested
    @DisplayName("refuses bad input with an IllegalArgumentException")
    class Validation {

        @Test
        @DisplayName("a null generator")
        void nullRandom() {
            assertThatIllegalArgumentException().as("new Scheduler(null)")
                    .isThrownBy(() -> new Scheduler(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("a null node for unfit")
        void nullNode() {
            assertThatIllegalArgumentException().as("unfit(null)")
                    .isThrownBy(() -> new Scheduler(new RecordingRandom()).unfit(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("a null list, or a null node in it")
        void nullList() {
            Scheduler scheduler = new Scheduler(new RecordingRandom());
            assertThatIllegalArgumentException().as("schedule(null)")
                    .isThrownBy(() -> scheduler.schedule(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("schedule([pool-a, null])")
                    .isThrownBy(() -> scheduler.schedule(Arrays.asList(ready("pool-a", 0, 0), null)))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().as("schedule([null, pool-a])")
                    .isThrownBy(() -> scheduler.schedule(Arrays.asList(null, ready("pool-a", 0, 0))))
                    .withMessageContaining("null");
        }

        @Test
        @DisplayName("two nodes of the same name, naming it, whether or not they fit, before any draw")
        void duplicates() {
            RecordingRandom random = new RecordingRandom();
            Scheduler scheduler = new Scheduler(random);
            assertThatIllegalArgumentException().as("pool-b twice, both ready")
                    .isThrownBy(() -> scheduler.schedule(List.of(ready("pool-b", 0, 0), ready("pool-a", 3, 0),
                            ready("pool-b", 1, 0))))
                    .withMessageContaining("pool-b");
            assertThatIllegalArgumentException().as("pool-c twice, both cordoned")
                    .isThrownBy(() -> scheduler.schedule(List.of(cordoned("pool-c", 0, 0), cordoned("pool-c", 0, 0))))
                    .withMessageContaining("pool-c");
            assertThatIllegalArgumentException().as("pool-d twice, tied for best")
                    .isThrownBy(() -> scheduler.schedule(List.of(ready("pool-d", 0, 0), ready("pool-d", 0, 0))))
                    .withMessageContaining("pool-d");
            random.assertDrew("refused calls draw nothing");
        }
    }

    @Nested
    @DisplayName("on any list of nodes (properties)")
    class Properties {

        private static final long SEED = 0x4_5000_0005L;

        /** One generated node, before it gets its name. */
        private record Shape(boolean cordoned, int taints, int capacity, int pods, int matching) {
        }

        private Gen<List<NodeInfo>> nodeLists() {
            Gen<Shape> shapes = integers().between(0, 4).zip(integers().between(0, 5), integers().between(0, 6),
                    integers().between(0, 7), integers().between(0, 7),
                    (c, t, cap, pods, m) -> new Shape(c == 0, t == 0 ? 1 : t == 1 ? 2 : 0, cap, pods,
                            Math.min(m, pods)));
            return lists().of(shapes).ofSizeBetween(0, 9).map(list -> {
                List<NodeInfo> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Shape s = list.get(i);
                    List<String> taints = s.taints() == 0 ? List.of()
                            : s.taints() == 1 ? List.of("dedicated") : List.of("zone", "dedicated");
                    out.add(new NodeInfo("node-" + (char) ('a' + i), s.cordoned(), taints, s.capacity(), s.pods(),
                            s.matching()));
                }
                return out;
            });
        }

        /** A generated node list in words, as the other messages write nodes. */
        private static String described(List<NodeInfo> nodes) {
            return nodes.isEmpty() ? "none" : "[" + names(nodes) + "]";
        }

        private static boolean fits(NodeInfo n) {
            return !n.unschedulable() && n.taints().isEmpty() && n.pods() < n.podCapacity();
        }

        private static boolean better(NodeInfo a, NodeInfo b) {
            return a.matchingPods() < b.matchingPods()
                    || (a.matchingPods() == b.matchingPods() && a.pods() < b.pods());
        }

        @Test
        @DisplayName("the bound node passes every filter and no node that passes scores better")
        void boundNodeIsBest() {
            qt(SEED).withExamples(1000).withShrinkCycles(200)
                    .forAll(named("nodes", nodeLists(), Properties::described), named("random seed", longs().all()))
                    .checkAssert((nodes, seed) -> {
                        Placement placement = new Scheduler(new Random(seed)).schedule(nodes);
                        String context = "schedule(" + names(nodes) + ") with new Random(" + seed + ") (property seed "
                                + SEED + ")";
                        if (nodes.stream().noneMatch(SchedulerTest.Properties::fits)) {
                            assertThat(placement).as("%s: no node passes the filters", context)
                                    .isInstanceOf(Placement.Unschedulable.class);
                            return;
                        }
                        assertThat(placement).as("%s: some node passes the filters", context)
                                .isInstanceOf(Placement.Bound.class);
                        String name = ((Placement.Bound) placement).node();
                        NodeInfo chosen = nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                                .orElseThrow(() -> new AssertionError(context + ": bound to " + name
                                        + ", which is not one of the nodes"));
                        assertThat(fits(chosen)).as("%s: bound to %s, which fails a filter", context, name).isTrue();
                        for (NodeInfo other : nodes) {
                            if (fits(other)) {
                                assertThat(better(other, chosen))
                                        .as("%s: bound to %s, but %s passes too and scores better (fewer matching "
                                                + "pods, or as many and fewer pods)", context, name, other.name())
                                        .isFalse();
                            }
                        }
                    });
        }

        @Test
        @DisplayName("one nextInt(ties) exactly when two or more nodes tie, and the draw picks among them in order")
        void drawsOnlyForTies() {
            qt(SEED + 1).withExamples(1000).withShrinkCycles(200)
                    .forAll(named("nodes", nodeLists(), Properties::described), named("pick", integers().between(0, 8)))
                    .checkAssert((nodes, pick) -> {
                        List<NodeInfo> feasible = nodes.stream().filter(SchedulerTest.Properties::fits).toList();
                        List<NodeInfo> tied = feasible.stream()
                                .filter(n -> feasible.stream().noneMatch(o -> better(o, n))).toList();
                        int draw = tied.isEmpty() ? 0 : pick % tied.size();
                        RecordingRandom random = tied.size() > 1 ? new RecordingRandom(draw) : new RecordingRandom();
                        Placement placement = new Scheduler(random).schedule(nodes);
                        String context = "schedule(" + names(nodes) + ") (property seed " + (SEED + 1) + ")";
                        random.assertDrew(context + ": " + tied.size() + " tied for best",
                                tied.size() > 1 ? List.of(tied.size()) : List.of());
                        if (!tied.isEmpty()) {
                            assertThat(placement).as("%s: draw %d of the tied %s", context, draw,
                                    tied.stream().map(NodeInfo::name).toList())
                                    .isEqualTo(new Placement.Bound(tied.get(draw).name()));
                        }
                    });
        }
    }
}
