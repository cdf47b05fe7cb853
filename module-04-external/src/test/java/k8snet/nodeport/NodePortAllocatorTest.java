package k8snet.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

/**
 * The NodePort allocator. Its bands follow KEP-3668 and kube-apiserver's {@code calculateRangeOffset}
 * (kubernetes/kubernetes {@code pkg/registry/core/service/portallocator}): {@code offset = 0} for a range of 16
 * ports or fewer, else {@code min(max(16, size / 32), 128)}. The boundaries the table below checks:
 * <pre>
 *   size      1..16   17..543   544   575   576   2768   4095   4096..8192..65535
 *   offset    0       16        17    17    18    86     127    128
 * </pre>
 * ({@code size / 32} first exceeds 16 at 544 = 17 * 32 and first reaches 128 at 4096 = 128 * 32; 4127 and 4128
 * are still 128, the cap.)
 */
@DisplayName("The API server's NodePort allocator, with a static and a dynamic band (exercise 4.1)")
class NodePortAllocatorTest {

    /** The default range's static band: 2768 ports, 2768 / 32 = 86. */
    private static final int DEFAULT_STATIC = 86;

    /** 30000-30019: 20 ports, a static band 30000-30015 and a dynamic band 30016-30019. */
    private static NodePortAllocator twenty() {
        return new NodePortAllocator(30000, 30019);
    }

    /** Fills 30016-30019, the dynamic band of {@link #twenty()}, with d-0 to d-3. */
    private static NodePortAllocator twentyWithFullDynamicBand() {
        NodePortAllocator ports = twenty();
        for (int i = 0; i < 4; i++) {
            assertThat(ports.allocate("d-" + i))
                    .as("30000-30019 has 20 ports: static band 30000-30015 (offset 16), dynamic band 30016-30019; "
                            + "allocation %d takes the dynamic band's lowest free port", i + 1)
                    .isEqualTo(30016 + i);
        }
        return ports;
    }

    @Nested
    @DisplayName("set up on a --service-node-port-range")
    class Construction {

        @Test
        @DisplayName("the default range is 30000-32767, with a static band of 86 ports")
        void defaults() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThat(NodePortAllocator.DEFAULT_FIRST).isEqualTo(30000);
            assertThat(NodePortAllocator.DEFAULT_LAST).isEqualTo(32767);
            assertThat(ports.first()).as("kube-apiserver's default --service-node-port-range starts at 30000")
                    .isEqualTo(30000);
            assertThat(ports.last()).as("and ends at 32767, both included").isEqualTo(32767);
            assertThat(ports.staticBandSize())
                    .as("the default range holds 2768 ports: min(max(16, 2768/32), 128) = 86, so the static band "
                            + "is 30000-30085")
                    .isEqualTo(DEFAULT_STATIC);
            assertThat(ports.allocatedCount()).as("no Service has a NodePort yet").isZero();
            assertThat(ports.serviceAt(30000)).isEmpty();
            assertThat(ports.allocate("web")).as("the first picked NodePort is the dynamic band's first, 30086")
                    .isEqualTo(30086);
        }

        @ParameterizedTest(name = "a range of {0} port(s) from {1}: static band of {2}")
        @CsvSource({
            "1, 30000, 0",
            "2, 30000, 0",
            "15, 30000, 0",
            "16, 30000, 0",
            "17, 30000, 16",
            "31, 30000, 16",
            "32, 30000, 16",
            "33, 30000, 16",
            "100, 30000, 16",
            "511, 30000, 16",
            "512, 30000, 16",
            "513, 30000, 16",
            "543, 30000, 16",
            "544, 30000, 17",
            "575, 30000, 17",
            "576, 30000, 18",
            "1000, 30000, 31",
            "2767, 30000, 86",
            "2768, 30000, 86",
            "2784, 30000, 87",
            "4095, 30000, 127",
            "4096, 30000, 128",
            "4127, 30000, 128",
            "4128, 30000, 128",
            "8192, 30000, 128",
            "35536, 30000, 128",
            "65535, 1, 128",
            "1, 65535, 0",
            "17, 65519, 16",
            "1, 1, 0",
        })
        void bands(int size, int first, int staticBand) {
            int last = first + size - 1;
            NodePortAllocator ports = new NodePortAllocator(first, last);
            assertThat(ports.first()).isEqualTo(first);
            assertThat(ports.last()).isEqualTo(last);
            assertThat(ports.staticBandSize())
                    .as("%d-%d holds %d ports (last - first + 1): the static band is 0 ports for 16 or fewer, "
                            + "else min(max(16, size / 32), 128) with integer division", first, last, size)
                    .isEqualTo(staticBand);
            assertThat(ports.allocate("web"))
                    .as("%d-%d: a picked NodePort comes from the dynamic band, which starts just above the %d "
                            + "static-band ports", first, last, staticBand)
                    .isEqualTo(first + staticBand);
        }

        @ParameterizedTest(name = "{0}-{1} is accepted")
        @CsvSource({"1, 1", "1, 65535", "65535, 65535", "80, 80", "30000, 30000", "1024, 2047"})
        void acceptedRanges(int first, int last) {
            NodePortAllocator ports = new NodePortAllocator(first, last);
            assertThat(ports.first()).as("%d-%d lies within 1-65535", first, last).isEqualTo(first);
            assertThat(ports.last()).isEqualTo(last);
        }

        @ParameterizedTest(name = "{0}-{1} is rejected: {2}")
        @CsvSource({
            "0, 100, port 0 is no port",
            "0, 0, port 0 is no port",
            "-1, 100, a negative port",
            "1, 65536, 65536 does not fit in 16 bits",
            "30000, 65536, 65536 does not fit in 16 bits",
            "65536, 65536, 65536 does not fit in 16 bits",
            "30001, 30000, first > last",
            "32767, 30000, first > last",
            "2, 1, first > last",
        })
        void rejectedRanges(int first, int last, String why) {
            assertThatIllegalArgumentException()
                    .as("%d-%d is no NodePort range: %s; the message quotes the bounds", first, last, why)
                    .isThrownBy(() -> new NodePortAllocator(first, last))
                    .withMessageContaining(String.valueOf(first))
                    .withMessageContaining(String.valueOf(last));
        }
    }

    @Nested
    @DisplayName("picks a port for a Service")
    class Allocation {

        @Test
        @DisplayName("in the default range, 30086 up, one after the other")
        void countsUpFromTheDynamicBand() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThat(ports.allocate("web")).isEqualTo(30086);
            assertThat(ports.allocate("api")).as("then the next one up").isEqualTo(30087);
            assertThat(ports.allocate("db")).isEqualTo(30088);
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(3);
            assertThat(ports.serviceAt(30086)).contains("web");
            assertThat(ports.serviceAt(30087)).contains("api");
            assertThat(ports.serviceAt(30088)).contains("db");
            assertThat(ports.serviceAt(30085)).as("30085 is the static band's last port: nobody has it").isEmpty();
        }

        @Test
        @DisplayName("skips a port someone requested in the dynamic band, and ignores requests in the static band")
        void skipsRequestedPorts() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            ports.allocate("admin", 30000);
            ports.allocate("pinned", 30086);
            ports.allocate("pinned-too", 30087);
            assertThat(ports.allocate("web"))
                    .as("30086 and 30087 were requested; a requested static-band port does not move the pick "
                            + "into the static band: 30088")
                    .isEqualTo(30088);
            assertThat(ports.allocate("api")).isEqualTo(30089);
        }

        @Test
        @DisplayName("fills the whole dynamic band 30086-32767 before the static band, then 30000 up")
        void defaultRangeFallsBackToTheStaticBand() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            ports.allocate("admin", 30002);
            for (int p = 30088; p <= 32766; p++) {
                ports.allocate("r-" + p, p);
            }
            assertThat(ports.allocate("s-1")).as("30088-32766 were requested: the lowest free dynamic port is 30086")
                    .isEqualTo(30086);
            assertThat(ports.allocate("s-2")).isEqualTo(30087);
            assertThat(ports.allocate("s-3"))
                    .as("the dynamic band 30086-32767 still has its last port free, above all the taken ones")
                    .isEqualTo(32767);
            assertThat(ports.allocatedCount()).as("30002 and the whole dynamic band, 2682 ports").isEqualTo(2683);
            assertThat(ports.allocate("late"))
                    .as("the dynamic band 30086-32767 is full, so the lowest free static-band port 30000 is next")
                    .isEqualTo(30000);
            assertThat(ports.allocate("later")).isEqualTo(30001);
            assertThat(ports.allocate("skip")).as("30002 was requested by admin, so 30003").isEqualTo(30003);
        }

        @Test
        @DisplayName("uses the static band only while the dynamic band is full, and the dynamic band again once freed")
        void staticBandOnlyWhileTheDynamicBandIsFull() {
            NodePortAllocator ports = twentyWithFullDynamicBand();
            assertThat(ports.allocate("s-1")).as("30016-30019 are taken: the static band's lowest free port 30000")
                    .isEqualTo(30000);
            assertThat(ports.allocate("s-2")).isEqualTo(30001);
            ports.release(30000);
            ports.release(30018);
            assertThat(ports.allocate("back"))
                    .as("30018 of the dynamic band is free again, so it comes before the lower static-band 30000")
                    .isEqualTo(30018);
            assertThat(ports.allocate("s-3")).as("the dynamic band is full again: the static band's lowest free")
                    .isEqualTo(30000);
            assertThat(ports.allocate("s-4")).isEqualTo(30002);
        }

        @Test
        @DisplayName("a full range is an IllegalStateException naming the range")
        void exhaustion() {
            NodePortAllocator ports = twentyWithFullDynamicBand();
            for (int p = 30000; p <= 30015; p++) {
                assertThat(ports.allocate("s-" + p)).as("the static band, lowest free first").isEqualTo(p);
            }
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(20);
            assertThatIllegalStateException().as("all 20 ports of 30000-30019 are taken; the message names the range")
                    .isThrownBy(() -> ports.allocate("one-more"))
                    .withMessageContaining("30000")
                    .withMessageContaining("30019");
            assertThat(ports.allocatedCount()).as("the refused call took nothing").isEqualTo(20);
            assertThat(ports.ports("one-more")).isEmpty();
            ports.release(30007);
            assertThat(ports.allocate("one-more")).as("the only free port").isEqualTo(30007);
        }

        @Test
        @DisplayName("a range of one port has no static band: that port, then nothing")
        void onePort() {
            NodePortAllocator ports = new NodePortAllocator(31000, 31000);
            assertThat(ports.allocate("web")).isEqualTo(31000);
            assertThatIllegalStateException().as("31000-31000 has one port, taken by web")
                    .isThrownBy(() -> ports.allocate("api"))
                    .withMessageContaining("31000");
        }

        @Test
        @DisplayName("a range of 17 ports has a dynamic band of one port, its last")
        void seventeenPorts() {
            NodePortAllocator ports = new NodePortAllocator(30000, 30016);
            assertThat(ports.allocate("web")).as("30000-30016: static band 30000-30015, dynamic band 30016 only")
                    .isEqualTo(30016);
            assertThat(ports.allocate("api")).as("then the static band from its first port").isEqualTo(30000);
        }

        @Test
        @DisplayName("a released port is the lowest free one again")
        void releaseAndReuse() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThat(ports.allocate("a")).isEqualTo(30086);
            assertThat(ports.allocate("b")).isEqualTo(30087);
            assertThat(ports.allocate("c")).isEqualTo(30088);
            ports.release(30087);
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(2);
            assertThat(ports.serviceAt(30087)).as("b's port was released").isEmpty();
            assertThat(ports.ports("b")).isEmpty();
            assertThat(ports.allocate("d")).as("the lowest free port of the dynamic band is 30087 again")
                    .isEqualTo(30087);
            assertThat(ports.allocate("e")).isEqualTo(30089);
            assertThat(ports.allocate("b")).as("a deleted Service's name may be used again").isEqualTo(30090);
        }
    }

    @Nested
    @DisplayName("honours a requested spec.ports[].nodePort")
    class Requested {

        @ParameterizedTest(name = "{1} in {0}: {2}")
        @CsvSource({
            "default, 30000, the range's first port (static band)",
            "default, 30080, the static band",
            "default, 30085, the static band's last port",
            "default, 30086, the dynamic band's first port",
            "default, 31234, the dynamic band",
            "default, 32767, the range's last port",
            "twenty, 30000, the range's first port",
            "twenty, 30015, the static band's last port",
            "twenty, 30016, the dynamic band's first port",
            "twenty, 30019, the range's last port",
        })
        void accepted(String range, int requested, String where) {
            NodePortAllocator ports = range.equals("default") ? NodePortAllocator.defaults() : twenty();
            assertThat(ports.allocate("web", requested)).as("%d is %s of %d-%d: it is returned as asked", requested,
                    where, ports.first(), ports.last()).isEqualTo(requested);
            assertThat(ports.serviceAt(requested)).contains("web");
            assertThat(ports.ports("web")).containsExactly(requested);
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(1);
        }

        @ParameterizedTest(name = "{0} is outside 30000-32767")
        @CsvSource({"29999", "32768", "0", "-1", "80", "65535", "65536"})
        void outsideTheRange(int requested) {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThatIllegalArgumentException()
                    .as("%d lies outside 30000-32767; the message quotes the port and names the range", requested)
                    .isThrownBy(() -> ports.allocate("web", requested))
                    .withMessageContaining(String.valueOf(requested))
                    .withMessageContaining("30000")
                    .withMessageContaining("32767");
            assertThat(ports.allocatedCount()).as("the refused request took nothing").isZero();
            assertThat(ports.ports("web")).isEmpty();
        }

        @ParameterizedTest(name = "{0} is outside 30000-30019")
        @CsvSource({"29999", "30020"})
        void outsideASmallRange(int requested) {
            NodePortAllocator ports = twenty();
            assertThatIllegalArgumentException()
                    .as("%d is one port beyond an edge of 30000-30019", requested)
                    .isThrownBy(() -> ports.allocate("web", requested))
                    .withMessageContaining(String.valueOf(requested))
                    .withMessageContaining("30000")
                    .withMessageContaining("30019");
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isZero();
        }

        @Test
        @DisplayName("a taken port is an IllegalStateException naming the Service that holds it")
        void taken() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            ports.allocate("ingress-nginx", 30080);
            int picked = ports.allocate("web");
            assertThatIllegalStateException().as("30080 belongs to ingress-nginx; the message says who holds it")
                    .isThrownBy(() -> ports.allocate("my-app", 30080))
                    .withMessageContaining("ingress-nginx");
            assertThatIllegalStateException().as("%d was picked for web", picked)
                    .isThrownBy(() -> ports.allocate("other", picked))
                    .withMessageContaining("web");
            assertThatIllegalStateException().as("not even the holder may take 30080 twice")
                    .isThrownBy(() -> ports.allocate("ingress-nginx", 30080))
                    .withMessageContaining("ingress-nginx");
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(2);
            assertThat(ports.serviceAt(30080)).as("the refused requests changed nothing").contains("ingress-nginx");
            assertThat(ports.ports("my-app")).isEmpty();
            ports.release(30080);
            assertThat(ports.allocate("my-app", 30080)).as("once released, 30080 may be requested again")
                    .isEqualTo(30080);
        }
    }

    @Nested
    @DisplayName("takes ports back")
    class Release {

        @ParameterizedTest(name = "refuses {0}")
        @CsvSource({"30087", "30000", "32767", "29999", "80", "0", "65536"})
        void refusesAPortNoServiceHolds(int port) {
            NodePortAllocator ports = NodePortAllocator.defaults();
            ports.allocate("web");
            assertThatIllegalArgumentException().as("no Service holds %d; the message quotes it", port)
                    .isThrownBy(() -> ports.release(port))
                    .withMessageContaining(String.valueOf(port));
            assertThat(ports.allocatedCount()).as("the refused release freed nothing").isEqualTo(1);
            assertThat(ports.serviceAt(30086)).contains("web");
        }

        @Test
        @DisplayName("a port is released once")
        void once() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            ports.allocate("web");
            ports.release(30086);
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isZero();
            assertThatIllegalArgumentException().as("30086 was released already")
                    .isThrownBy(() -> ports.release(30086)).withMessageContaining("30086");
        }
    }

    @Nested
    @DisplayName("knows who holds what")
    class Lookups {

        @Test
        @DisplayName("a Service may hold several ports, listed lowest first")
        void severalPortsPerService() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThat(ports.allocate("web")).isEqualTo(30086);
            assertThat(ports.allocate("api")).isEqualTo(30087);
            assertThat(ports.allocate("web")).as("web's second Service port gets a NodePort of its own")
                    .isEqualTo(30088);
            assertThat(ports.allocate("web", 30010)).isEqualTo(30010);
            assertThat(ports.allocate("web", 32000)).isEqualTo(32000);
            assertThat(ports.ports("web"))
                    .as("web holds 30086, 30088, 30010 and 32000 (in the order taken); ports() lists them lowest first")
                    .containsExactly(30010, 30086, 30088, 32000);
            assertThat(ports.ports("api")).containsExactly(30087);
            assertThat(ports.ports("db")).as("db holds nothing").isEmpty();
            assertThat(ports.allocatedCount()).as("five ports are taken, by two Services").isEqualTo(5);
            assertThat(ports.serviceAt(30010)).contains("web");
            assertThat(ports.serviceAt(30087)).contains("api");
            assertThat(ports.serviceAt(30089)).isEmpty();
            assertThat(ports.serviceAt(80)).as("outside the range, nobody").isEmpty();
            assertThat(ports.serviceAt(-1)).isEmpty();
            ports.release(30086);
            assertThat(ports.ports("web")).as("after releasing 30086").containsExactly(30010, 30088, 32000);
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isEqualTo(4);
        }

        @Test
        @DisplayName("ports(null) is rejected")
        void nullService() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThatIllegalArgumentException().isThrownBy(() -> ports.ports(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("accepts only RFC 1035 labels as Service names")
    class Names {

        private static final String SIXTY_THREE = "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc";

        @ParameterizedTest(name = "accepts \"{0}\"")
        @CsvSource({"a", "web", "kube-dns", "web2", "a-1", "my--svc", "z9", SIXTY_THREE})
        void accepts(String name) {
            assertThat(NodePortAllocator.defaults().allocate(name)).as("\"%s\" is an RFC 1035 label", name)
                    .isEqualTo(30086);
            assertThat(NodePortAllocator.defaults().allocate(name, 30005)).as("\"%s\" may request a port", name)
                    .isEqualTo(30005);
        }

        @ParameterizedTest(name = "rejects \"{0}\": {1}")
        @CsvSource({
            "Web, upper case is rejected, not folded",
            "WEB, upper case",
            "1web, starts with a digit",
            "9, a lone digit",
            "web-, ends with '-'",
            "-web, starts with '-'",
            "my_svc, '_' is not allowed",
            "my.svc, '.' is not allowed",
            "'web svc', a space is not allowed",
            "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbcd, 64 characters",
        })
        void rejects(String name, String why) {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThatIllegalArgumentException().as("\"%s\" is no RFC 1035 label: %s; the message quotes it", name, why)
                    .isThrownBy(() -> ports.allocate(name)).withMessageContaining(name);
            assertThatIllegalArgumentException().as("\"%s\" is no RFC 1035 label: %s; the message quotes it", name, why)
                    .isThrownBy(() -> ports.allocate(name, 30005)).withMessageContaining(name);
            assertThat(ports.allocatedCount()).as("a refused name takes no port").isZero();
            assertThat(ports.serviceAt(30005)).isEmpty();
        }

        @Test
        @DisplayName("63 characters are the most; empty and null names are rejected")
        void lengthEmptyAndNull() {
            NodePortAllocator ports = NodePortAllocator.defaults();
            assertThat(SIXTY_THREE).hasSize(63);
            assertThatIllegalArgumentException().as("64 characters are one too many")
                    .isThrownBy(() -> ports.allocate(SIXTY_THREE + "d")).withMessageContaining(SIXTY_THREE + "d");
            assertThatIllegalArgumentException().as("an empty name").isThrownBy(() -> ports.allocate(""));
            assertThatIllegalArgumentException().as("an empty name").isThrownBy(() -> ports.allocate("", 30005));
            assertThatIllegalArgumentException().isThrownBy(() -> ports.allocate(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> ports.allocate(null, 30005))
                    .withMessageContaining("null");
            assertThat(ports.allocatedCount()).as("NodePorts allocated").isZero();
        }
    }

    @Nested
    @DisplayName("under random allocations, requests and releases (property)")
    class Properties {

        private static final long SEED = 0x4_1000_0001L;
        private static final int EXAMPLES = 100;

        /** Ranges of 1 to 48 ports (across the 16/17 boundary), starting anywhere they fit below 65536. */
        private static final Gen<Range> RANGES = integers().between(1, 48).zip(integers().between(1, 65535 - 47),
                (size, first) -> new Range(first, first + size - 1));

        /** A --service-node-port-range, shown as kube-apiserver writes it. */
        record Range(int first, int last) {
            @Override
            public String toString() {
                return first + "-" + last;
            }
        }

        /** One step: its value mod 5 picks the operation, the rest picks a port. */
        private static final Gen<List<Integer>> STEPS = lists().of(integers().between(0, Integer.MAX_VALUE))
                .ofSizeBetween(1, 80);

        @Test
        @DisplayName("every port handed out is in the range, held by nobody else, and the lowest free, dynamic band first")
        void randomSequences() {
            qt(SEED).withExamples(EXAMPLES).forAll(named("port range", RANGES), named("steps (each encodes an allocation or a release)", STEPS)).checkAssert((range, steps) -> {
                int first = range.first();
                int last = range.last();
                int size = last - first + 1;
                int offset = size <= 16 ? 0 : Math.min(Math.max(16, size / 32), 128);
                NodePortAllocator ports = new NodePortAllocator(first, last);
                TreeMap<Integer, String> held = new TreeMap<>();
                List<String> history = new ArrayList<>();
                int created = 0;
                for (int step : steps) {
                    int op = step % 5;
                    int arg = step / 5;
                    String where = range.toString();
                    if (op == 3 && !held.isEmpty()) {
                        List<Integer> taken = new ArrayList<>(held.keySet());
                        int port = taken.get(arg % taken.size());
                        held.remove(port);
                        history.add("release " + port);
                        ports.release(port);
                    } else if (op == 2) {
                        String service = "req-" + created++;
                        int port = first - 1 + arg % (size + 2);
                        history.add("request " + port + " for " + service);
                        if (port < first || port > last) {
                            assertThatIllegalArgumentException()
                                    .as("in %s, after %s: %d is outside the range (seed %d)", where, history, port,
                                            SEED)
                                    .isThrownBy(() -> ports.allocate(service, port));
                        } else if (held.containsKey(port)) {
                            assertThatIllegalStateException()
                                    .as("in %s, after %s: %d is taken (seed %d)", where, history, port, SEED)
                                    .isThrownBy(() -> ports.allocate(service, port))
                                    .withMessageContaining(held.get(port));
                        } else {
                            int got = ports.allocate(service, port);
                            if (got != port) {
                                assertThat(got).as("in %s, after %s (seed %d)", where, history, SEED).isEqualTo(port);
                            }
                            held.put(port, service);
                        }
                    } else {
                        String service = "svc-" + created++;
                        history.add("allocate " + service);
                        if (held.size() == size) {
                            assertThatIllegalStateException()
                                    .as("in %s, after %s, every port is taken (seed %d)", where, history, SEED)
                                    .isThrownBy(() -> ports.allocate(service));
                            continue;
                        }
                        int port = ports.allocate(service);
                        // Checks are made plainly and handed to AssertJ only when they fail, for the message: a few
                        // thousand AssertJ calls were this exercise's slowest test in ./course check.
                        if (port < first || port > last) {
                            assertThat(port).as("in %s, after %s, %s got a port in the range (seed %d)", where,
                                    history, service, SEED).isBetween(first, last);
                        }
                        if (held.containsKey(port)) {
                            assertThat(held).as("in %s, after %s, %d is handed out while %s holds it (seed %d)",
                                    where, history, port, held.get(port), SEED).doesNotContainKey(port);
                        }
                        int expected = first + offset;
                        while (expected <= last && held.containsKey(expected)) {
                            expected++;
                        }
                        if (expected > last) {
                            expected = first;
                            while (held.containsKey(expected)) {
                                expected++;
                            }
                        }
                        if (port != expected) {
                            assertThat(port).as("in %s (static band %d ports), after %s: the lowest free port of the "
                                    + "dynamic band, or of the static band when the dynamic band is full (seed %d)",
                                    where, offset, history, SEED).isEqualTo(expected);
                        }
                        held.put(port, service);
                    }
                    int count = ports.allocatedCount();
                    if (count != held.size()) {
                        assertThat(count).as("in %s, after %s (seed %d)", where, history, SEED)
                                .isEqualTo(held.size());
                    }
                }
                for (var e : held.entrySet()) {
                    assertThat(ports.serviceAt(e.getKey())).as("after %s (seed %d)", history, SEED)
                            .contains(e.getValue());
                    assertThat(ports.ports(e.getValue())).as("after %s (seed %d): each Service here holds one port",
                            history, SEED).containsExactly(e.getKey());
                }
            });
        }
    }
}
