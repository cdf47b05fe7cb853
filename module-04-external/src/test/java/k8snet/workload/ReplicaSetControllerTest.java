package k8snet.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ReplicaSet controller's sync (exercise 4.5): how many pods to create or delete, the names of new pods, and
 * which pods go first when there are too many. Most tests use a ReplicaSet {@code shop} and pods on nodes
 * {@code w1} to {@code w3}; {@link #T} is an instant pods are created at.
 */
@DisplayName("Exercise 4.5: the ReplicaSet controller (create with generated names, delete the pods that matter least)")
class ReplicaSetControllerTest {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Instant T = Instant.parse("2024-05-06T10:00:00Z");

    /** An active pod bound to {@code node} (unbound if null). */
    private static ReplicaPod pod(String name, String node, boolean ready, Instant created) {
        return new ReplicaPod(name, Optional.ofNullable(node), ready, false, created);
    }

    private static ReplicaPod ready(String name, String node) {
        return pod(name, node, true, T);
    }

    private static ReplicaPod terminating(String name, String node) {
        return new ReplicaPod(name, Optional.ofNullable(node), false, true, T.plusSeconds(100));
    }

    /** Pods shop-p00 ... on nodes w0 ... w9 in turn, all ready and created at T. */
    private static List<ReplicaPod> readyPods(int n) {
        List<ReplicaPod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ready(String.format("shop-p%04d", i), "w" + (i % 10)));
        }
        return out;
    }

    /**
     * A {@link Random} that answers {@code nextInt(bound)} with scripted values and records every bound; any
     * other draw fails, since a name character is exactly {@code ALPHABET.charAt(random.nextInt(27))}.
     */
    private static final class ScriptedRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final Deque<Integer> answers = new ArrayDeque<>();
        private final List<Integer> bounds = new ArrayList<>();

        ScriptedRandom(int... answers) {
            super(0);
            for (int a : answers) {
                this.answers.add(a);
            }
        }

        /** Scripts five equal draws per name: {@code names(0, 1)} draws bbbbb, then ccccc. */
        static ScriptedRandom names(int... perName) {
            int[] all = new int[perName.length * 5];
            for (int i = 0; i < all.length; i++) {
                all[i] = perName[i / 5];
            }
            return new ScriptedRandom(all);
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            if (answers.isEmpty()) {
                throw new AssertionError("the controller drew more characters than expected: 5 draws of "
                        + "random.nextInt(27) per name; bounds asked so far " + bounds);
            }
            return answers.remove();
        }

        @Override
        protected int next(int bits) {
            throw new AssertionError("a name character is ALPHABET.charAt(random.nextInt(27)); the controller "
                    + "drew another way (nextInt(), nextLong(), nextDouble(), ints(), ...)");
        }

        /** Asserts the bounds drawn so far are exactly {@code expected}, saying both in words when they are not. */
        void assertDrew(String context, List<Integer> expected) {
            assertThat(bounds).as(context)
                    .withFailMessage("expected %s, but the controller drew %s", Draws.expected(expected),
                            Draws.made(bounds))
                    .isEqualTo(expected);
        }
    }

    /** {@code n} draws of {@code nextInt(27)}: the characters of {@code n / 5} names. */
    private static List<Integer> characters(int n) {
        return Collections.nCopies(n, ALPHABET.length());
    }

    /** A pod in words: "shop-z on w1, not ready, created 09:59:00" (UTC), "shop-a unbound, ready, ...". */
    private static String describe(ReplicaPod pod) {
        LocalTime time = LocalTime.ofInstant(pod.created(), ZoneOffset.UTC);
        String created = String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        if (time.getNano() != 0) {
            created += String.format(".%09d", time.getNano()).replaceAll("0+$", "");
        }
        return pod.name() + pod.node().map(n -> " on " + n).orElse(" unbound") + (pod.ready() ? ", ready" : ", not ready")
                + (pod.terminating() ? ", terminating" : "") + ", created " + created;
    }

    private static String suffix(int... indexes) {
        StringBuilder b = new StringBuilder();
        for (int i : indexes) {
            b.append(ALPHABET.charAt(i));
        }
        return b.toString();
    }

    @Nested
    @DisplayName("with too few active pods, creates the difference")
    class TooFew {

        @ParameterizedTest(name = "wants {0}, has {1}: creates {2}")
        @CsvSource({"6, 0, 6", "5, 4, 1", "7, 2, 5", "1, 0, 1"})
        @DisplayName("exactly the number missing, with no deletion")
        void exactCount(int replicas, int existing, int created) {
            ReplicaSetController rs = new ReplicaSetController("shop", replicas, new Random(46));
            ReplicaPlan plan = rs.reconcile(readyPods(existing));
            assertThat(plan.create()).as("the ReplicaSet wants %d and has %d active pods", replicas, existing)
                    .hasSize(created).doesNotHaveDuplicates();
            assertThat(plan.delete()).as("a sync that creates deletes nothing").isEmpty();
        }

        @Test
        @DisplayName("names each pod <name>-<5 characters of the alphabet>, not taken by any existing pod")
        void generatedNames() {
            ReplicaSetController rs = new ReplicaSetController("checkout-v2", 40, new Random(17));
            List<ReplicaPod> existing = readyPods(3);
            List<String> names = rs.reconcile(existing).create();
            assertThat(names).hasSize(37).doesNotHaveDuplicates()
                    .as("generateName: the ReplicaSet's name, a dash, 5 characters of %s (no vowels)", ALPHABET)
                    .allMatch(n -> n.matches("checkout-v2-[" + ALPHABET + "]{5}"));
            assertThat(names).as("no new name repeats an existing pod's")
                    .doesNotContainAnyElementsOf(existing.stream().map(ReplicaPod::name).toList());
        }

        @Test
        @DisplayName("draws each character as ALPHABET.charAt(random.nextInt(27)), first character first")
        void eachCharacterOneDraw() {
            ScriptedRandom random = new ScriptedRandom(0, 1, 2, 3, 4, 26, 25, 20, 19, 9);
            ReplicaSetController rs = new ReplicaSetController("shop", 2, random);
            List<String> names = rs.reconcile(List.of()).create();
            assertThat(names).as("draws 0,1,2,3,4 then 26,25,20,19,9 pick the alphabet's characters at those "
                    + "indexes, in draw order").containsExactly("shop-" + suffix(0, 1, 2, 3, 4),
                    "shop-" + suffix(26, 25, 20, 19, 9));
            assertThat(names.get(1)).isEqualTo("shop-982zm");
            random.assertDrew("two names of 5 characters, each character one random.nextInt(27): the alphabet's "
                    + "length", characters(10));
        }

        @Test
        @DisplayName("redraws all 5 characters when a name is taken by an existing pod, even a terminating one")
        void collisionWithExisting() {
            ScriptedRandom random = ScriptedRandom.names(0, 5, 1);
            ReplicaSetController rs = new ReplicaSetController("shop", 2, random);
            List<ReplicaPod> pods = List.of(ready("shop-bbbbb", "w1"), terminating("shop-hhhhh", "w2"));
            List<String> names = rs.reconcile(pods).create();
            assertThat(names).as("one pod missing; shop-bbbbb exists; shop-hhhhh is terminating but its name is still taken; so "
                    + "both draws are thrown away in full and the third, ccccc, is used")
                    .containsExactly("shop-ccccc");
            random.assertDrew("three full names drawn, 5 characters each, not a character redrawn on its own",
                    characters(15));
        }

        @Test
        @DisplayName("redraws all 5 characters when a name was made earlier in the same sync")
        void collisionWithinTheSync() {
            ScriptedRandom random = new ScriptedRandom(3, 3, 3, 3, 4, 3, 3, 3, 3, 4, 3, 3, 3, 3, 5);
            ReplicaSetController rs = new ReplicaSetController("shop", 2, random);
            List<String> names = rs.reconcile(List.of()).create();
            assertThat(names).as("the second draw, ffffg, repeats the first; it is drawn again in full")
                    .containsExactly("shop-" + suffix(3, 3, 3, 3, 4), "shop-" + suffix(3, 3, 3, 3, 5));
            random.assertDrew("three names of 5 characters drawn, the repeated one in full", characters(15));
        }

        @Test
        @DisplayName("creates at most 500 per sync (burstReplicas), and exactly 500 when 500 are missing")
        void burst() {
            ReplicaSetController rs = new ReplicaSetController("shop", 501, new Random(11));
            List<String> names = rs.reconcile(List.of()).create();
            assertThat(names).as("501 missing: one sync creates burstReplicas = 500, the next sync the rest")
                    .hasSize(500).doesNotHaveDuplicates();
            ReplicaSetController exact = new ReplicaSetController("shop", 505, new Random(12));
            assertThat(exact.reconcile(readyPods(5)).create()).as("500 missing: all 500 in one sync").hasSize(500);
            assertThat(ReplicaSetController.BURST_REPLICAS).isEqualTo(500);
        }
    }

    @Nested
    @DisplayName("counts only active pods: terminating ones neither count nor are deleted")
    class Terminating {

        @Test
        @DisplayName("terminating pods do not make up for missing ones")
        void doNotCount() {
            ReplicaSetController rs = new ReplicaSetController("shop", 3, new Random(5));
            List<ReplicaPod> pods = List.of(ready("shop-a", "w1"), terminating("shop-b", "w2"),
                    ready("shop-c", "w3"), terminating("shop-d", "w1"));
            ReplicaPlan plan = rs.reconcile(pods);
            assertThat(plan.create()).as("2 active + 2 terminating pods, 3 wanted: one more is needed, since the "
                    + "terminating pods are on their way out").hasSize(1);
            assertThat(plan.delete()).isEmpty();
        }

        @Test
        @DisplayName("are never chosen for deletion, even when they would rank first")
        void neverDeleted() {
            ReplicaSetController rs = new ReplicaSetController("shop", 1, new Random(5));
            List<ReplicaPod> pods = List.of(ready("shop-a", "w1"), terminating("shop-0", null),
                    pod("shop-b", "w2", true, T.minusSeconds(5)), terminating("shop-1", "w1"));
            ReplicaPlan plan = rs.reconcile(pods);
            assertThat(plan.delete()).as("2 active pods, 1 wanted: delete one active pod (the newer shop-a); the "
                    + "terminating, unbound, not-ready shop-0 is being deleted already").containsExactly("shop-a");
            assertThat(plan.create()).isEmpty();
        }

        @Test
        @DisplayName("exactly as many active pods as wanted, beside terminating ones, is nothing to do")
        void asManyWithTerminating() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new ScriptedRandom());
            List<ReplicaPod> pods = List.of(ready("shop-a", "w1"), terminating("shop-b", "w2"), ready("shop-c", "w3"));
            assertThat(rs.reconcile(pods)).as("2 active pods and 2 wanted; the terminating one is ignored")
                    .isEqualTo(ReplicaPlan.none());
        }

        @Test
        @DisplayName("do not count as doubled-up on their node")
        void doNotDoubleUp() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            List<ReplicaPod> pods = List.of(ready("shop-a", "w1"), terminating("shop-t1", "w1"),
                    terminating("shop-t2", "w1"), ready("shop-y", "w2"), ready("shop-z", "w2"));
            assertThat(rs.reconcile(pods).delete())
                    .as("w2 runs two active pods, w1 one (its terminating pods do not count): a pod of w2 goes, "
                            + "shop-y by name").containsExactly("shop-y");
        }
    }

    @Nested
    @DisplayName("with too many active pods, deletes the difference, the pods that matter least first")
    class TooMany {

        /** With one replica wanted, {@code goes} is the one deleted of the two, given in either order. */
        private void deletesFirst(ReplicaPod goes, ReplicaPod stays, String rule) {
            for (List<ReplicaPod> pods : List.of(List.of(goes, stays), List.of(stays, goes))) {
                ReplicaSetController rs = new ReplicaSetController("shop", 1, new Random(5));
                ReplicaPlan plan = rs.reconcile(pods);
                assertThat(plan.delete()).as("%s: of %s and %s (given in this order) %s is deleted first",
                        rule, describe(pods.get(0)), describe(pods.get(1)), goes.name()).containsExactly(goes.name());
                assertThat(plan.create()).isEmpty();
            }
        }

        @Test
        @DisplayName("rule 1: a pod not bound to a node before a bound one")
        void unboundFirst() {
            deletesFirst(pod("shop-z", null, true, T.minusSeconds(60)), pod("shop-a", "w1", true, T),
                    "a pod still waiting for the scheduler serves nobody");
        }

        @Test
        @DisplayName("rule 2: a pod that is not ready before a ready one")
        void notReadyFirst() {
            deletesFirst(pod("shop-z", "w1", false, T.minusSeconds(60)), pod("shop-a", "w2", true, T),
                    "a pod that is not ready serves no traffic");
        }

        @Test
        @DisplayName("rule 3: a pod sharing its node with more active pods of the ReplicaSet before one with fewer")
        void doubledUpFirst() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            List<ReplicaPod> pods = List.of(ready("shop-b", "w1"), ready("shop-y", "w2"), ready("shop-z", "w2"));
            assertThat(rs.reconcile(pods).delete())
                    .as("w2 runs shop-y and shop-z, w1 only shop-b: deleting a pod of w2 keeps the replicas spread "
                            + "(shop-y before shop-z by name)").containsExactly("shop-y");
            ReplicaSetController rs3 = new ReplicaSetController("shop", 3, new Random(5));
            List<ReplicaPod> four = List.of(ready("shop-b", "w1"), ready("shop-c", "w1"), ready("shop-d", "w1"),
                    ready("shop-a", "w2"));
            assertThat(rs3.reconcile(four).delete())
                    .as("w1 runs three pods, w2 one: a pod of w1 goes, although shop-a comes first by name")
                    .containsExactly("shop-b");
            ReplicaSetController rs1 = new ReplicaSetController("shop", 1, new Random(5));
            List<ReplicaPod> withNotReady = List.of(ready("shop-x", "w1"), pod("shop-n", "w1", false, T),
                    ready("shop-c", "w2"));
            assertThat(rs1.reconcile(withNotReady).delete())
                    .as("shop-n goes first, not being ready; then w1 still runs two active pods (a pod that is not "
                            + "ready is active too) and w2 one, so shop-x goes, although shop-c comes first by name")
                    .containsExactly("shop-n", "shop-x");
        }

        @Test
        @DisplayName("rule 4: the newer pod before the older, by as little as a nanosecond")
        void newerFirst() {
            deletesFirst(pod("shop-z", "w1", true, T.plusNanos(1)), pod("shop-a", "w2", true, T),
                    "a younger pod has done less work (created one nanosecond later)");
        }

        @Test
        @DisplayName("rule 5: by name, when nothing else tells the pods apart")
        void byName() {
            deletesFirst(pod("shop-b2", "w1", true, T), pod("shop-b3", "w2", true, T),
                    "equal in every other rule, the name decides");
        }

        @Test
        @DisplayName("an unbound ready pod goes before a bound pod that is not ready (rule 1 before rule 2)")
        void unboundBeatsNotReady() {
            deletesFirst(pod("shop-z", null, true, T.minusSeconds(60)), pod("shop-a", "w1", false, T),
                    "the first rule that differs decides: binding before readiness");
        }

        @Test
        @DisplayName("a not-ready pod goes before a doubled-up ready one (rule 2 before rule 3)")
        void notReadyBeatsDoubledUp() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            List<ReplicaPod> pods = List.of(ready("shop-a", "w2"), pod("shop-z", "w1", false, T.minusSeconds(60)),
                    ready("shop-b", "w2"));
            assertThat(rs.reconcile(pods).delete())
                    .as("shop-z is alone on w1 but not ready; shop-a and shop-b share w2 but are ready: readiness "
                            + "comes before spreading").containsExactly("shop-z");
        }

        @Test
        @DisplayName("a doubled-up pod goes before a newer one (rule 3 before rule 4)")
        void doubledUpBeatsNewer() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            List<ReplicaPod> pods = List.of(pod("shop-a", "w3", true, T.plusSeconds(600)),
                    pod("shop-x", "w1", true, T), pod("shop-y", "w1", true, T.minusSeconds(1)));
            assertThat(rs.reconcile(pods).delete())
                    .as("shop-a on w3 is the newest, but shop-x and shop-y share w1: one of them goes, the newer "
                            + "shop-x").containsExactly("shop-x");
        }

        @Test
        @DisplayName("a newer pod goes before an older one whatever their names (rule 4 before rule 5)")
        void newerBeatsName() {
            deletesFirst(pod("shop-zz", "w1", true, T.plusSeconds(1)), pod("shop-aa", "w2", true, T),
                    "creation time decides before the name");
        }

        @Test
        @DisplayName("deleting several, lists them in ranking order")
        void fullRanking() {
            ReplicaSetController rs = new ReplicaSetController("shop", 1, new Random(5));
            List<ReplicaPod> pods = new ArrayList<>(List.of(
                    pod("shop-keep", "w3", true, T),                    // alone, ready, oldest: kept
                    pod("shop-r5", "w2", true, T),                      // doubled-up, older, name r5
                    pod("shop-r4", "w2", true, T),                      // doubled-up, older, name r4
                    pod("shop-r3", "w2", true, T.plusSeconds(30)),      // doubled-up, newer
                    pod("shop-r2", "w1", false, T),                     // not ready
                    pod("shop-r1", null, true, T),                      // unbound
                    pod("shop-r6", "w4", true, T.plusSeconds(1))));     // alone, newer than shop-keep
            Collections.reverse(pods);
            assertThat(rs.reconcile(pods).delete())
                    .as("unbound, then not ready, then the three sharing w2 (newest first, then by name), then the "
                            + "newer of the two alone on their nodes")
                    .containsExactly("shop-r1", "shop-r2", "shop-r3", "shop-r4", "shop-r5", "shop-r6");
        }

        @Test
        @DisplayName("deletes at most 500 per sync, and exactly 500 when 500 are extra")
        void burst() {
            ReplicaSetController rs = new ReplicaSetController("shop", 3, new Random(5));
            List<String> deleted = rs.reconcile(readyPods(504)).delete();
            assertThat(deleted).as("501 too many: one sync deletes burstReplicas = 500").hasSize(500)
                    .doesNotHaveDuplicates();
            ReplicaSetController exact = new ReplicaSetController("shop", 4, new Random(5));
            assertThat(exact.reconcile(readyPods(504)).delete()).as("500 too many: all 500 in one sync").hasSize(500);
        }

        @Test
        @DisplayName("scaling to zero deletes every active pod and creates none")
        void toZero() {
            ReplicaSetController rs = new ReplicaSetController("shop", 0, new ScriptedRandom());
            ReplicaPlan plan = rs.reconcile(List.of(ready("shop-b", "w1"), ready("shop-a", "w2"),
                    terminating("shop-c", "w3")));
            assertThat(plan.delete()).as("two active pods, none wanted; the terminating one is not deleted again")
                    .containsExactly("shop-a", "shop-b");
            assertThat(plan.create()).isEmpty();
        }
    }

    @Nested
    @DisplayName("with as many active pods as wanted, does nothing")
    class AsMany {

        @Test
        @DisplayName("returns ReplicaPlan.none() and draws no name")
        void none() {
            ScriptedRandom random = new ScriptedRandom();
            ReplicaSetController rs = new ReplicaSetController("shop", 3, random);
            assertThat(rs.reconcile(readyPods(3))).as("3 active pods, 3 wanted").isEqualTo(ReplicaPlan.none());
            assertThat(new ReplicaSetController("shop", 0, random).reconcile(List.of()))
                    .as("0 pods, 0 wanted").isEqualTo(ReplicaPlan.none());
            random.assertDrew("nothing to create, nothing drawn", List.of());
        }
    }

    @Nested
    @DisplayName("knows its name and size, and scales")
    class Scale {

        @Test
        @DisplayName("name() and replicas() return what it was made with")
        void accessors() {
            ReplicaSetController rs = new ReplicaSetController("payments", 4, new Random(5));
            assertThat(rs.name()).isEqualTo("payments");
            assertThat(rs.replicas()).isEqualTo(4);
        }

        @Test
        @DisplayName("scale changes how many pods the next sync aims for")
        void scale() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            rs.scale(6);
            assertThat(rs.replicas()).isEqualTo(6);
            assertThat(rs.reconcile(readyPods(2)).create()).as("scaled from 2 to 6 with 2 pods running").hasSize(4);
            rs.scale(1);
            assertThat(rs.reconcile(readyPods(2)).delete()).as("scaled down to 1 with 2 pods running").hasSize(1);
            rs.scale(0);
            assertThat(rs.replicas()).as("zero replicas is allowed").isZero();
        }

        @Test
        @DisplayName("a negative replica count is refused, naming it, and changes nothing")
        void negative() {
            ReplicaSetController rs = new ReplicaSetController("shop", 2, new Random(5));
            assertThatIllegalArgumentException().as("scale(-4)").isThrownBy(() -> rs.scale(-4))
                    .withMessageContaining("-4");
            assertThat(rs.replicas()).as("the refused scale left the size alone").isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("refuses bad input with an IllegalArgumentException")
    class Validation {

        @Test
        @DisplayName("a name of 57 characters is accepted and makes pod names of 63, the longest label")
        void longestName() {
            String name = "a".repeat(56) + "z";
            ReplicaSetController rs = new ReplicaSetController(name, 1, new Random(5));
            assertThat(ReplicaSetController.MAX_NAME_LENGTH).isEqualTo(57);
            assertThat(rs.reconcile(List.of()).create()).as("57 + 1 + 5 = 63 characters")
                    .singleElement().satisfies(n -> assertThat(n).hasSize(63).startsWith(name + "-"));
        }

        @Test
        @DisplayName("a name may start with a digit: an RFC 1123 label, unlike a Service's RFC 1035 one")
        void digitFirst() {
            ReplicaSetController rs = new ReplicaSetController("7-shop", 1, new Random(5));
            assertThat(rs.name()).isEqualTo("7-shop");
            assertThat(rs.reconcile(List.of()).create()).as("its pods are named 7-shop-xxxxx")
                    .singleElement().satisfies(n -> assertThat(n).hasSize(12).startsWith("7-shop-"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"Shop", "-shop", "shop-", "shop_v2", "shop.v2", "", "shop v2"})
        @DisplayName("a name that is not a lower-case RFC 1123 label is refused, quoting it")
        void badName(String name) {
            assertThatIllegalArgumentException().as("new ReplicaSetController(\"%s\", 1, random)", name)
                    .isThrownBy(() -> new ReplicaSetController(name, 1, new Random(5)))
                    .withMessageContaining("\"" + name + "\"");
        }

        @Test
        @DisplayName("a name of 58 characters is refused: its pods' names would not fit in 63")
        void tooLong() {
            String name = "b".repeat(58);
            assertThatIllegalArgumentException().as("a 58-character name")
                    .isThrownBy(() -> new ReplicaSetController(name, 1, new Random(5))).withMessageContaining(name);
            String label = "c".repeat(63);
            assertThatIllegalArgumentException().as("a 63-character name is a valid label, but too long here")
                    .isThrownBy(() -> new ReplicaSetController(label, 1, new Random(5))).withMessageContaining(label);
        }

        @Test
        @DisplayName("a null name or random, or a negative replica count")
        void constructorArguments() {
            assertThatIllegalArgumentException().as("a null name")
                    .isThrownBy(() -> new ReplicaSetController(null, 1, new Random(5))).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null random")
                    .isThrownBy(() -> new ReplicaSetController("shop", 1, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("-1 replicas")
                    .isThrownBy(() -> new ReplicaSetController("shop", -1, new Random(5))).withMessageContaining("-1");
            assertThat(new ReplicaSetController("shop", 0, new Random(5)).replicas()).as("zero is fine").isZero();
        }

        @Test
        @DisplayName("a null list or a null pod")
        void nullPods() {
            ReplicaSetController rs = new ReplicaSetController("shop", 1, new Random(5));
            assertThatIllegalArgumentException().as("reconcile(null)")
                    .isThrownBy(() -> rs.reconcile(null)).withMessageContaining("null");
            List<ReplicaPod> withNull = Arrays.asList(ready("shop-a", "w1"), null);
            assertThatIllegalArgumentException().as("a list holding a null pod")
                    .isThrownBy(() -> rs.reconcile(withNull)).withMessageContaining("null");
        }

        @Test
        @DisplayName("two pods with the same name, terminating or not, are refused, naming it")
        void duplicateNames() {
            ReplicaSetController rs = new ReplicaSetController("shop", 5, new Random(5));
            List<ReplicaPod> twice = List.of(ready("shop-dup", "w1"), ready("shop-b", "w2"),
                    terminating("shop-dup", "w3"));
            assertThatIllegalArgumentException().as("shop-dup appears twice")
                    .isThrownBy(() -> rs.reconcile(twice)).withMessageContaining("shop-dup");
            ReplicaSetController many = new ReplicaSetController("shop", 1, new Random(5));
            List<ReplicaPod> extra = List.of(ready("shop-x", "w1"), ready("shop-x", "w2"));
            assertThatIllegalArgumentException().as("duplicates are refused when deleting too")
                    .isThrownBy(() -> many.reconcile(extra)).withMessageContaining("shop-x");
        }
    }

    @Nested
    @DisplayName("is deterministic for its Random")
    class Determinism {

        @Test
        @DisplayName("the same seed gives the same names; the names come from the given Random")
        void sameSeedSameNames() {
            List<String> a = new ReplicaSetController("shop", 20, new Random(99)).reconcile(List.of()).create();
            List<String> b = new ReplicaSetController("shop", 20, new Random(99)).reconcile(List.of()).create();
            assertThat(a).as("two controllers with new Random(99)").isEqualTo(b);
            Random replay = new Random(99);
            Set<String> expected = new HashSet<>();
            List<String> order = new ArrayList<>();
            while (order.size() < 20) {
                StringBuilder s = new StringBuilder("shop-");
                for (int i = 0; i < 5; i++) {
                    s.append(ALPHABET.charAt(replay.nextInt(27)));
                }
                if (expected.add(s.toString())) {
                    order.add(s.toString());
                }
            }
            assertThat(a).as("replaying new Random(99) by the rule: 5 draws of nextInt(27) per name")
                    .containsExactlyElementsOf(order);
        }
    }
}
