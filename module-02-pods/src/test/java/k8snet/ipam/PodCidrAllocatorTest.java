package k8snet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import k8snet.ip.Ipv4Address;

@DisplayName("The control plane's pod CIDR allocator (exercise 2.2)")
class PodCidrAllocatorTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    @Nested
    @DisplayName("splits the cluster CIDR into node blocks")
    class Construction {

        @Test
        @DisplayName("by default, 10.244.0.0/16 into 256 blocks of /24 (flannel and kubeadm)")
        void defaults() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            assertThat(cidrs.clusterCidr()).as("the default cluster CIDR").isEqualTo(cidr("10.244.0.0/16"));
            assertThat(cidrs.nodeMaskSize()).as("the default node mask size").isEqualTo(24);
            assertThat(cidrs.capacity()).as("10.244.0.0/16 holds 2^(24-16) = 256 node blocks of /24")
                    .isEqualTo(256);
            assertThat(cidrs.allocatedCount()).as("a new cluster has no node yet").isZero();
        }

        @ParameterizedTest(name = "{0} with node mask /{1}: the number of node blocks is {2}")
        @CsvSource({
            "10.244.0.0/16, 24, 256",
            "10.244.0.0/16, 16, 1",
            "10.244.0.0/16, 30, 16384",
            "10.244.0.0/22, 24, 4",
            "10.0.0.0/8, 24, 65536",
            "10.96.0.0/12, 26, 16384",
            "0.0.0.0/0, 30, 1073741824",
            "0.0.0.0/0, 0, 1",
        })
        void capacityIsAPowerOfTwo(String cluster, int mask, long capacity) {
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr(cluster), mask);
            assertThat(cidrs.capacity()).as("%s cut into /%d blocks: 2^(%d-%d) nodes at most", cluster, mask, mask,
                    cidr(cluster).prefixLength()).isEqualTo(capacity);
            assertThat(cidrs.clusterCidr()).as("the cluster CIDR").isEqualTo(cidr(cluster));
            assertThat(cidrs.nodeMaskSize()).as("the node mask size").isEqualTo(mask);
        }

        @ParameterizedTest(name = "{0} with node mask /{1} is rejected: {2}")
        @CsvSource({
            "10.244.0.0/16, 15, a node block larger than the cluster",
            "10.244.0.0/16, 8, a node block far larger than the cluster",
            "10.244.1.0/24, 23, a node block larger than the cluster",
            "10.244.0.0/16, 31, a /31 has no room for a gateway and a pod",
            "10.244.0.0/16, 32, a /32 is one address",
            "10.244.0.0/16, 33, no such prefix length",
            "10.244.0.0/16, -1, no such prefix length",
            "10.244.0.0/16, 0, a node block larger than the cluster",
            "10.244.0.0/31, 31, a /31 has no room for a gateway and a pod",
        })
        void rejectsNodeMasks(String cluster, int mask, String why) {
            assertThatIllegalArgumentException()
                    .as("--node-cidr-mask-size=%d with --cluster-cidr=%s (%s); the message quotes both", mask,
                            cluster, why)
                    .isThrownBy(() -> new PodCidrAllocator(cidr(cluster), mask))
                    .withMessageContaining(String.valueOf(mask))
                    .withMessageContaining(cluster);
        }

        @Test
        @DisplayName("a null cluster CIDR is rejected with an IllegalArgumentException")
        void rejectsNull() {
            assertThatIllegalArgumentException().as("new PodCidrAllocator(null, 24)")
                    .isThrownBy(() -> new PodCidrAllocator(null, 24)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("gives each node the lowest free block")
    class Allocation {

        @Test
        @DisplayName("in address order, from the cluster's network address up")
        void inAddressOrder() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            assertThat(cidrs.allocate("node-1")).as("the first node gets the first /24 of 10.244.0.0/16")
                    .isEqualTo(cidr("10.244.0.0/24"));
            assertThat(cidrs.allocate("node-2")).as("the second node gets the next /24")
                    .isEqualTo(cidr("10.244.1.0/24"));
            assertThat(cidrs.allocate("node-3")).as("the third node gets the one after")
                    .isEqualTo(cidr("10.244.2.0/24"));
            assertThat(cidrs.allocatedCount()).as("three nodes hold a block").isEqualTo(3);
            assertThat(cidrs.cidrOf("node-1")).as("node-1's spec.podCIDR").contains(cidr("10.244.0.0/24"));
            assertThat(cidrs.cidrOf("node-2")).as("node-2's spec.podCIDR").contains(cidr("10.244.1.0/24"));
            assertThat(cidrs.cidrOf("node-3")).as("node-3's spec.podCIDR").contains(cidr("10.244.2.0/24"));
            assertThat(cidrs.cidrOf("node-4")).as("node-4 has not joined, so it has no pod CIDR").isEmpty();
        }

        @Test
        @DisplayName("in a cluster CIDR above 128.0.0.0, still in unsigned address order")
        void highClusterCidr() {
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr("192.168.0.0/16"), 26);
            assertThat(cidrs.allocate("a")).isEqualTo(cidr("192.168.0.0/26"));
            assertThat(cidrs.allocate("b")).as("the second /26 of 192.168.0.0/16").isEqualTo(cidr("192.168.0.64/26"));
            PodCidrAllocator halves = new PodCidrAllocator(cidr("0.0.0.0/0"), 1);
            assertThat(halves.allocate("low")).as("the lower half of the address space first")
                    .isEqualTo(cidr("0.0.0.0/1"));
            assertThat(halves.allocate("high")).as("then the upper half, 128.0.0.0/1")
                    .isEqualTo(cidr("128.0.0.0/1"));
        }

        @Test
        @DisplayName("a released block is the lowest free one again, before any block never used")
        void releasedBlocksComeBackLowestFirst() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            for (String node : List.of("node-1", "node-2", "node-3", "node-4")) {
                cidrs.allocate(node);
            }
            assertThat(cidrs.release("node-3")).as("node-3 leaves: its block is freed").isEqualTo(cidr("10.244.2.0/24"));
            assertThat(cidrs.release("node-1")).as("node-1 leaves: its block is freed").isEqualTo(cidr("10.244.0.0/24"));
            assertThat(cidrs.allocatedCount()).as("two nodes left, two remain").isEqualTo(2);
            assertThat(cidrs.cidrOf("node-1")).as("node-1 left the cluster and holds no block").isEmpty();
            assertThat(cidrs.allocate("node-5"))
                    .as("the lowest free block is node-1's old 10.244.0.0/24 (lowest first, not last freed first)")
                    .isEqualTo(cidr("10.244.0.0/24"));
            assertThat(cidrs.allocate("node-6")).as("then node-3's old 10.244.2.0/24, before 10.244.4.0/24")
                    .isEqualTo(cidr("10.244.2.0/24"));
            assertThat(cidrs.allocate("node-7")).as("then the first block never handed out")
                    .isEqualTo(cidr("10.244.4.0/24"));
            assertThat(cidrs.allocate("node-1")).as("node-1 rejoins as a new node and gets the next block")
                    .isEqualTo(cidr("10.244.5.0/24"));
            assertThat(cidrs.allocatedCount()).as("node blocks (pod CIDRs) allocated").isEqualTo(6);
        }

        @Test
        @DisplayName("the last block that was handed out, once released, is handed out again")
        void theLastBlockIsReused() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            cidrs.allocate("node-2");
            cidrs.release("node-2");
            assertThat(cidrs.allocate("node-3")).as("node-2's 10.244.1.0/24 is the lowest free block")
                    .isEqualTo(cidr("10.244.1.0/24"));
        }

        @Test
        @DisplayName("a node holds one block at a time")
        void oneBlockPerNode() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            assertThatIllegalStateException()
                    .as("node-1 has a pod CIDR already; a second one would leave a block unused")
                    .isThrownBy(() -> cidrs.allocate("node-1"))
                    .withMessageContaining("node-1");
            assertThat(cidrs.allocatedCount()).as("the refused allocation took nothing").isEqualTo(1);
            assertThat(cidrs.cidrOf("node-1")).as("node-1 keeps its block").contains(cidr("10.244.0.0/24"));
            assertThat(cidrs.allocate("node-2")).as("the refused allocation used up no block")
                    .isEqualTo(cidr("10.244.1.0/24"));
        }

        @Test
        @DisplayName("a full cluster refuses another node, naming the cluster CIDR and its node blocks")
        void exhaustion() {
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr("10.244.0.0/22"), 24);
            assertThat(List.of(cidrs.allocate("a"), cidrs.allocate("b"), cidrs.allocate("c"), cidrs.allocate("d")))
                    .as("10.244.0.0/22 holds four /24 node blocks")
                    .containsExactly(cidr("10.244.0.0/24"), cidr("10.244.1.0/24"), cidr("10.244.2.0/24"),
                            cidr("10.244.3.0/24"));
            assertThatIllegalStateException()
                    .as("the fifth node finds every block of 10.244.0.0/22 taken: the cluster is full")
                    .isThrownBy(() -> cidrs.allocate("e"))
                    .withMessageContaining("10.244.0.0/22")
                    .withMessageContaining("4");
            assertThat(cidrs.allocatedCount()).as("the refused node took nothing").isEqualTo(4);
            assertThat(cidrs.cidrOf("e")).as("the refused node has no pod CIDR").isEmpty();
            cidrs.release("c");
            assertThat(cidrs.allocate("e")).as("once node c leaves, its block is free for the next node")
                    .isEqualTo(cidr("10.244.2.0/24"));
            assertThatIllegalStateException().as("and the cluster is full again")
                    .isThrownBy(() -> cidrs.allocate("f"))
                    .withMessageContaining("10.244.0.0/22");
        }

        @Test
        @DisplayName("a node mask equal to the cluster prefix gives the whole cluster CIDR to one node")
        void oneBlockCluster() {
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr("10.244.1.0/24"), 24);
            assertThat(cidrs.capacity()).as("a /24 cut into /24 blocks is one block").isEqualTo(1);
            assertThat(cidrs.allocate("only")).as("the one node gets the whole cluster CIDR")
                    .isEqualTo(cidr("10.244.1.0/24"));
            assertThatIllegalStateException().as("there is no second block")
                    .isThrownBy(() -> cidrs.allocate("second"))
                    .withMessageContaining("10.244.1.0/24")
                    .withMessageContaining("1");
        }

        @Test
        @DisplayName("a /30 node mask, the smallest allowed, cuts a /28 into four blocks")
        void smallestNodeBlocks() {
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr("10.0.0.0/28"), 30);
            assertThat(List.of(cidrs.allocate("a"), cidrs.allocate("b"), cidrs.allocate("c"), cidrs.allocate("d")))
                    .as("10.0.0.0/28 in /30 blocks")
                    .containsExactly(cidr("10.0.0.0/30"), cidr("10.0.0.4/30"), cidr("10.0.0.8/30"),
                            cidr("10.0.0.12/30"));
            assertThatIllegalStateException().as("a /28 holds four /30 blocks, no fifth")
                    .isThrownBy(() -> cidrs.allocate("e"));
        }

        @ParameterizedTest(name = "\"{0}\" is a valid node name")
        @CsvSource({"node-1", "a", "0", "worker-07", "ip-10-0-1-23", "k8s-control-plane",
            "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz"})
        void acceptsLowerCaseLabels(String node) {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            assertThat(cidrs.allocate(node)).as("\"%s\" is a lower-case RFC 1123 label of 1-63 characters", node)
                    .isEqualTo(cidr("10.244.0.0/24"));
            assertThat(cidrs.cidrOf(node)).contains(cidr("10.244.0.0/24"));
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                "Node-1"    | upper case: Kubernetes rejects it rather than folding it
                "NODE"      | all upper case
                "node-A"    | one upper-case letter
                "-node"     | starts with '-'
                "node-"     | ends with '-'
                "-"         | a dash alone
                ""          | empty
                "node_1"    | an underscore
                "node.1"    | a dot: a DNS subdomain, not a label
                "node 1"    | a space
                "nöde"      | a letter outside a-z
                "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0" | 64 characters, one too many
                """)
        void rejectsOtherNames(String node, String why) {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a lower-case RFC 1123 label (%s); the message must quote it", node, why)
                    .isThrownBy(() -> cidrs.allocate(node))
                    .withMessageContaining(node);
            assertThat(cidrs.allocatedCount()).as("a refused name takes no block").isZero();
            assertThat(cidrs.allocate("node-1")).as("a refused name uses up no block")
                    .isEqualTo(cidr("10.244.0.0/24"));
        }

        @Test
        @DisplayName("null names are rejected with an IllegalArgumentException")
        void rejectsNullNames() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            assertThatIllegalArgumentException().as("allocate(null)")
                    .isThrownBy(() -> cidrs.allocate(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("release(null)")
                    .isThrownBy(() -> cidrs.release(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("cidrOf(null)")
                    .isThrownBy(() -> cidrs.cidrOf(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("nodeOf(null)")
                    .isThrownBy(() -> cidrs.nodeOf(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("releasing a node that holds no block is rejected, naming the node")
        void releaseUnknownNode() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            assertThatIllegalArgumentException().as("node-9 never joined, so it has no block to free")
                    .isThrownBy(() -> cidrs.release("node-9")).withMessageContaining("node-9");
            assertThat(cidrs.release("node-1")).as("node-1 leaves").isEqualTo(cidr("10.244.0.0/24"));
            assertThatIllegalArgumentException().as("node-1 left already; its block must not be freed twice")
                    .isThrownBy(() -> cidrs.release("node-1")).withMessageContaining("node-1");
            assertThat(cidrs.allocatedCount()).as("node blocks (pod CIDRs) allocated").isZero();
            assertThat(cidrs.allocate("node-2")).as("the block freed once is handed out once")
                    .isEqualTo(cidr("10.244.0.0/24"));
            assertThat(cidrs.allocate("node-3")).as("and not a second time").isEqualTo(cidr("10.244.1.0/24"));
        }
    }

    @Nested
    @DisplayName("answers which node owns an address")
    class NodeOf {

        @ParameterizedTest(name = "{0} is on {1}")
        @CsvSource({
            "10.244.0.0, node-1",
            "10.244.0.1, node-1",
            "10.244.0.255, node-1",
            "10.244.1.0, node-2",
            "10.244.1.9, node-2",
            "10.244.1.255, node-2",
            "10.244.2.0, node-3",
            "10.244.2.254, node-3",
        })
        void addressesInAHeldBlock(String address, String node) {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            cidrs.allocate("node-2");
            cidrs.allocate("node-3");
            assertThat(cidrs.nodeOf(ip(address)))
                    .as("%s lies in %s's pod CIDR %s", address, node, cidrs.cidrOf(node).orElseThrow())
                    .contains(node);
        }

        @ParameterizedTest(name = "{0} is on no node: {1}")
        @CsvSource({
            "10.244.3.0, in a block nobody holds",
            "10.244.255.255, the last address of the cluster CIDR, in a block nobody holds",
            "10.245.0.0, just after the cluster CIDR",
            "10.243.255.255, just before the cluster CIDR",
            "192.168.1.10, a node's own address, outside the cluster CIDR",
            "0.0.0.0, far below",
            "255.255.255.255, far above",
        })
        void addressesOutsideEveryHeldBlock(String address, String why) {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            cidrs.allocate("node-2");
            cidrs.allocate("node-3");
            assertThat(cidrs.nodeOf(ip(address))).as("%s belongs to no node (%s)", address, why).isEmpty();
        }

        @Test
        @DisplayName("follows releases and new allocations")
        void followsChanges() {
            PodCidrAllocator cidrs = PodCidrAllocator.defaults();
            cidrs.allocate("node-1");
            cidrs.allocate("node-2");
            cidrs.release("node-1");
            assertThat(cidrs.nodeOf(ip("10.244.0.7"))).as("node-1 left, so nobody owns 10.244.0.0/24").isEmpty();
            assertThat(cidrs.nodeOf(ip("10.244.1.7"))).as("node-2 is still there").contains("node-2");
            cidrs.allocate("node-3");
            assertThat(cidrs.nodeOf(ip("10.244.0.7"))).as("node-3 got 10.244.0.0/24 after node-1 left")
                    .contains("node-3");
        }

        @Test
        @DisplayName("works in the upper half of the address space, where a signed offset goes negative")
        void upperHalf() {
            PodCidrAllocator halves = new PodCidrAllocator(cidr("0.0.0.0/0"), 1);
            halves.allocate("low");
            halves.allocate("high");
            assertThat(halves.nodeOf(ip("127.255.255.255"))).as("127.255.255.255 is in 0.0.0.0/1").contains("low");
            assertThat(halves.nodeOf(ip("128.0.0.0"))).as("128.0.0.0 is in 128.0.0.0/1").contains("high");
            assertThat(halves.nodeOf(ip("255.255.255.255"))).as("255.255.255.255 is in 128.0.0.0/1")
                    .contains("high");
            PodCidrAllocator high = new PodCidrAllocator(cidr("192.168.0.0/16"), 24);
            for (int i = 0; i < 6; i++) {
                high.allocate("node-" + i);
            }
            assertThat(high.nodeOf(ip("192.168.5.200"))).as("192.168.5.0/24 is the sixth block").contains("node-5");
            assertThat(high.nodeOf(ip("192.168.6.1"))).as("192.168.6.0/24 is not held").isEmpty();
        }

        @Test
        @DisplayName("answers among 20,000 nodes, for the last block handed out and for blocks nobody holds")
        void manyNodes() {
            // Speed is measured by the benchmark, never by a timed test; this checks the answers at scale.
            PodCidrAllocator cidrs = new PodCidrAllocator(cidr("10.0.0.0/8"), 24);
            for (int i = 0; i < 20_000; i++) {
                cidrs.allocate("node-" + i);
            }
            Ipv4Address held = cidrs.cidrOf("node-19999").orElseThrow().address(7);
            assertThat(cidrs.cidrOf("node-19999")).as("the 20,000th node gets block index 19,999")
                    .contains(cidr("10.78.31.0/24"));
            assertThat(cidrs.nodeOf(held)).as("%s is in node-19999's block", held).contains("node-19999");
            assertThat(cidrs.nodeOf(ip("10.78.32.7"))).as("10.78.32.0/24, the next block, is not held").isEmpty();
            assertThat(cidrs.nodeOf(ip("10.0.0.7"))).as("10.0.0.0/24 is node-0's").contains("node-0");
            assertThat(cidrs.nodeOf(ip("10.200.0.7"))).as("10.200.0.0/24 is not held").isEmpty();
        }
    }

    @Nested
    @DisplayName("under random joins and leaves (property)")
    class Properties {

        private static final long SEED = 0x2_2000_0001L;
        private static final int SHRINKS = 300;
        private static final int EXAMPLES = 200;

        /** One step: a node joins (positive) or the k-th live node leaves (negative), on a /20 cluster. */
        private static final Gen<List<Integer>> STEPS = lists().of(integers().between(-8, 10)).ofSizeBetween(1, 80);

        private static final Gen<Integer> MASKS = integers().between(20, 25);

        private static final Gen<List<Integer>> PROBES = lists().of(integers().between(-300, 4096 + 300))
                .ofSizeBetween(1, 20);

        @Test
        @DisplayName("keeps blocks disjoint, hands out the lowest free one, and nodeOf agrees with a scan")
        void randomJoinsAndLeaves() {
            Cidr cluster = Cidr.parse("10.244.0.0/20");
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("node mask", MASKS, m -> "/" + m),
                            named("steps (n > 0: a node joins; n <= 0: the (-n)-th live node leaves)", STEPS),
                            named("probed offsets into the cluster block", PROBES)).checkAssert((mask, steps, probes) -> {
                PodCidrAllocator cidrs = new PodCidrAllocator(cluster, mask);
                long capacity = 1L << (mask - 20);
                Map<String, Cidr> live = new TreeMap<>();
                List<String> history = new ArrayList<>();
                int joined = 0;
                for (int step : steps) {
                    if (step >= 0 || live.isEmpty()) {
                        String node = "node-" + joined++;
                        Cidr lowestFree = lowestFree(cluster, mask, live);
                        history.add("allocate " + node);
                        if (lowestFree == null) {
                            assertThatIllegalStateException()
                                    .as("after %s, all %d blocks of /%d are taken (seed %d)", history, capacity,
                                            mask, SEED)
                                    .isThrownBy(() -> cidrs.allocate(node));
                        } else {
                            assertThat(cidrs.allocate(node))
                                    .as("after %s, the lowest free /%d (seed %d)", history, mask, SEED)
                                    .isEqualTo(lowestFree);
                            live.put(node, lowestFree);
                        }
                    } else {
                        String node = new ArrayList<>(live.keySet()).get(-step % live.size());
                        history.add("release " + node);
                        assertThat(cidrs.release(node)).as("after %s, the block freed (seed %d)", history, SEED)
                                .isEqualTo(live.remove(node));
                    }
                    assertThat(cidrs.allocatedCount()).as("after %s, the nodes holding a block (seed %d)", history,
                            SEED).isEqualTo(live.size());
                }
                List<Cidr> blocks = new ArrayList<>(live.values());
                for (int i = 0; i < blocks.size(); i++) {
                    assertThat(cluster.contains(blocks.get(i))).as("%s lies in the cluster CIDR (seed %d)",
                            blocks.get(i), SEED).isTrue();
                    for (int j = i + 1; j < blocks.size(); j++) {
                        assertThat(blocks.get(i).overlaps(blocks.get(j)))
                                .as("after %s, two nodes' blocks %s and %s overlap (seed %d)", history,
                                        blocks.get(i), blocks.get(j), SEED)
                                .isFalse();
                    }
                }
                for (Map.Entry<String, Cidr> e : live.entrySet()) {
                    assertThat(cidrs.cidrOf(e.getKey())).as("after %s, the block of %s (seed %d)", history,
                            e.getKey(), SEED).contains(e.getValue());
                }
                for (int probe : probes) {
                    Ipv4Address address = Ipv4Address.fromLong(cluster.network().toLong() + probe);
                    Optional<String> scanned = live.entrySet().stream()
                            .filter(e -> e.getValue().contains(address)).map(Map.Entry::getKey).findFirst();
                    assertThat(cidrs.nodeOf(address))
                            .as("after %s, nodeOf(%s) must agree with a scan of the blocks %s (seed %d)", history,
                                    address, live, SEED)
                            .isEqualTo(scanned);
                }
            });
        }

        /** The lowest block of the cluster that no live node holds, or null when all are taken. */
        private Cidr lowestFree(Cidr cluster, int mask, Map<String, Cidr> live) {
            for (long i = 0; i < cluster.subnetCount(mask); i++) {
                Cidr block = cluster.subnet(mask, i);
                if (!live.containsValue(block)) {
                    return block;
                }
            }
            return null;
        }
    }
}
