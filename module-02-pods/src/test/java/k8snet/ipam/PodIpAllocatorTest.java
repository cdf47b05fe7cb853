package k8snet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import k8snet.ip.Ipv4Address;

@DisplayName("A node's pod IP allocator, like CNI host-local (exercise 2.2)")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PodIpAllocatorTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    /** A /24 node block with room for every one of its 253 pod addresses. */
    private static PodIpAllocator fullSize() {
        return new PodIpAllocator(cidr("10.244.1.0/24"), 253);
    }

    @Nested
    @DisplayName("set up on a node's pod CIDR")
    class Construction {

        @Test
        @DisplayName("a /24 has the gateway .1 and runs the kubelet's default 110 pods")
        void defaults() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            assertThat(ips.block()).as("the node's pod CIDR").isEqualTo(cidr("10.244.1.0/24"));
            assertThat(ips.gateway()).as("the first usable address goes to the node's bridge (cni0)")
                    .isEqualTo(ip("10.244.1.1"));
            assertThat(ips.maxPods()).as("the kubelet's maxPods defaults to 110, not to the 253 pod addresses")
                    .isEqualTo(110).isEqualTo(PodIpAllocator.DEFAULT_MAX_PODS);
            assertThat(ips.allocatedCount()).as("no pod runs yet").isZero();
        }

        @ParameterizedTest(name = "{0}: gateway {1}, the number of pod addresses is {2}")
        @CsvSource({
            "10.244.1.0/24, 10.244.1.1, 253",
            "10.244.1.0/25, 10.244.1.1, 125",
            "10.244.1.128/25, 10.244.1.129, 125",
            "10.244.0.0/23, 10.244.0.1, 509",
            "10.244.0.0/16, 10.244.0.1, 65533",
            "192.168.0.8/29, 192.168.0.9, 5",
            "192.168.0.4/30, 192.168.0.5, 1",
            "255.255.255.0/24, 255.255.255.1, 253",
        })
        void maxPodsUpToThePodAddresses(String block, String gateway, int podAddresses) {
            PodIpAllocator ips = new PodIpAllocator(cidr(block), podAddresses);
            assertThat(ips.gateway()).as("the gateway of %s, its first usable address", block)
                    .isEqualTo(ip(gateway));
            assertThat(ips.maxPods()).as("maxPods may be every pod address of %s", block).isEqualTo(podAddresses);
            assertThatIllegalArgumentException()
                    .as("%s has %s (network, gateway and broadcast are never a pod's), so it cannot "
                            + "run %d pods", block,
                            podAddresses == 1 ? "1 pod address" : podAddresses + " pod addresses", podAddresses + 1)
                    .isThrownBy(() -> new PodIpAllocator(cidr(block), podAddresses + 1))
                    .withMessageContaining(String.valueOf(podAddresses + 1));
        }

        @Test
        @DisplayName("the default 110 pods fit a /25 but not a /26")
        void defaultNeedsA25() {
            assertThat(new PodIpAllocator(cidr("10.244.1.128/25")).maxPods())
                    .as("a /25 has 125 pod addresses, enough for 110 pods").isEqualTo(110);
            assertThatIllegalArgumentException()
                    .as("a /26 has only 61 pod addresses, too few for the default 110 pods")
                    .isThrownBy(() -> new PodIpAllocator(cidr("10.244.1.0/26")))
                    .withMessageContaining("110");
        }

        @ParameterizedTest(name = "maxPods {0} is rejected")
        @CsvSource({"0", "-1", "254", "256", "-2147483648", "2147483647"})
        void rejectsMaxPodsOutside1ToThePodAddresses(int maxPods) {
            assertThatIllegalArgumentException()
                    .as("a /24 runs 1 to 253 pods (.2 to .254), so maxPods %d is impossible", maxPods)
                    .isThrownBy(() -> new PodIpAllocator(cidr("10.244.1.0/24"), maxPods))
                    .withMessageContaining(String.valueOf(maxPods));
        }

        @Test
        @DisplayName("maxPods 1 and 253 are the ends of the range for a /24")
        void maxPodsBoundaries() {
            assertThat(new PodIpAllocator(cidr("10.244.1.0/24"), 1).maxPods()).as("one pod at least").isEqualTo(1);
            assertThat(new PodIpAllocator(cidr("10.244.1.0/24"), 253).maxPods()).as("253 pods at most")
                    .isEqualTo(253);
        }

        @ParameterizedTest(name = "{0} is too small for a node")
        @CsvSource({"10.244.1.0/31", "10.244.1.7/32", "0.0.0.0/32"})
        void rejectsBlocksSmallerThanA30(String block) {
            assertThatIllegalArgumentException()
                    .as("%s has no room for a gateway and a pod: a node block is a /30 or larger", block)
                    .isThrownBy(() -> new PodIpAllocator(cidr(block), 1))
                    .withMessageContaining(block);
            assertThatIllegalArgumentException()
                    .as("%s has no room for a gateway and a pod, whatever maxPods is", block)
                    .isThrownBy(() -> new PodIpAllocator(cidr(block)))
                    .withMessageContaining(block);
        }

        @Test
        @DisplayName("a null block is rejected with an IllegalArgumentException")
        void rejectsNull() {
            assertThatIllegalArgumentException().as("new PodIpAllocator(null)")
                    .isThrownBy(() -> new PodIpAllocator(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("new PodIpAllocator(null, 10)")
                    .isThrownBy(() -> new PodIpAllocator(null, 10)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("hands out addresses the host-local way")
    class Allocation {

        @Test
        @DisplayName("the first pod gets .2, the next ones count up")
        void firstPodsCountUpFromDot2() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            assertThat(ips.allocate("web-1"))
                    .as("a /24 node block keeps .0 for the network and .1 for the bridge, so the first pod gets .2")
                    .isEqualTo(ip("10.244.1.2"));
            assertThat(ips.allocate("web-2")).as("the second pod gets the next address, .3")
                    .isEqualTo(ip("10.244.1.3"));
            assertThat(ips.allocate("db-0")).as("the third pod gets .4").isEqualTo(ip("10.244.1.4"));
            assertThat(ips.allocatedCount()).as("three pods run").isEqualTo(3);
            assertThat(ips.addressOf("web-1")).as("web-1's address").contains(ip("10.244.1.2"));
            assertThat(ips.addressOf("web-2")).as("web-2's address").contains(ip("10.244.1.3"));
            assertThat(ips.podAt(ip("10.244.1.4"))).as("the pod at 10.244.1.4").contains("db-0");
            assertThat(ips.podAt(ip("10.244.1.5"))).as("nobody has .5 yet").isEmpty();
            assertThat(ips.podAt(ip("10.244.1.1"))).as("the gateway is the bridge's, no pod's").isEmpty();
            assertThat(ips.addressOf("web-3")).as("web-3 has not started").isEmpty();
        }

        @Test
        @DisplayName("in a block above 128.0.0.0 too")
        void highBlock() {
            PodIpAllocator ips = new PodIpAllocator(cidr("192.168.7.0/24"));
            assertThat(ips.gateway()).isEqualTo(ip("192.168.7.1"));
            assertThat(ips.allocate("a")).as("the first pod of 192.168.7.0/24").isEqualTo(ip("192.168.7.2"));
            PodIpAllocator top = new PodIpAllocator(cidr("255.255.255.248/29"), 5);
            assertThat(top.gateway()).isEqualTo(ip("255.255.255.249"));
            assertThat(top.allocate("a")).as("the first pod of 255.255.255.248/29").isEqualTo(ip("255.255.255.250"));
        }

        @Test
        @DisplayName("a released address is not reused at once: after .2 and .3, releasing .2, the next is .4")
        void roundRobinNotLowestFree() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            ips.allocate("web-2");
            assertThat(ips.release(ip("10.244.1.2"))).as("releasing .2 names the pod that held it").isEqualTo("web-1");
            assertThat(ips.allocate("web-3"))
                    .as("host-local goes on after the last address it handed out (.3), so the next pod gets .4, "
                            + "not the lowest free .2: traffic still in flight for web-1 must not reach web-3")
                    .isEqualTo(ip("10.244.1.4"));
        }

        @Test
        @DisplayName("releasing the last address handed out does not step back: after .2 and .3, releasing .3, the next is .4")
        void noStepBack() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            ips.allocate("web-2");
            assertThat(ips.release(ip("10.244.1.3"))).isEqualTo("web-2");
            assertThat(ips.allocate("web-3"))
                    .as("the allocator remembers the last address it handed out (.3), not the highest in use")
                    .isEqualTo(ip("10.244.1.4"));
        }

        @Test
        @DisplayName("after .254 it wraps round to .2, never to .0, .1 or .255")
        void wrapsToTheFirstPodAddress() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            for (int d = 2; d <= 254; d++) {
                String pod = "pod-" + d;
                assertThat(ips.allocate(pod)).as("pod %d of a run where each pod stops before the next starts", d - 1)
                        .isEqualTo(Ipv4Address.of(10, 244, 1, d));
                ips.release(Ipv4Address.of(10, 244, 1, d));
            }
            assertThat(ips.allocate("again"))
                    .as("after handing out .254, the last pod address of a /24, host-local wraps round to the "
                            + "first pod address .2 (.255 is the broadcast, .0 the network, .1 the gateway)")
                    .isEqualTo(ip("10.244.1.2"));
            assertThat(ips.allocate("and-again")).as("then goes on to .3").isEqualTo(ip("10.244.1.3"));
        }

        @Test
        @DisplayName("in a /29, it goes on after the last one handed out, wrapping and skipping addresses in use")
        void wrapsAndSkips() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.0.0.0/29"), 5);
            List<Ipv4Address> first = new ArrayList<>();
            for (String pod : List.of("a", "b", "c", "d", "e")) {
                first.add(ips.allocate(pod));
            }
            assertThat(first).as("a /29 has the pod addresses .2 to .6 (.1 is the gateway, .7 the broadcast)")
                    .containsExactly(ip("10.0.0.2"), ip("10.0.0.3"), ip("10.0.0.4"), ip("10.0.0.5"), ip("10.0.0.6"));
            assertThat(ips.release(ip("10.0.0.4"))).isEqualTo("c");
            assertThat(ips.allocate("f"))
                    .as("after .6 comes .2 again; .2 and .3 are in use, so the first free address is .4")
                    .isEqualTo(ip("10.0.0.4"));
            ips.release(ip("10.0.0.2"));
            ips.release(ip("10.0.0.6"));
            assertThat(ips.allocate("g"))
                    .as("the last address handed out was .4, and .5 is in use, so the next free one is .6 (not "
                            + "the lowest free .2)")
                    .isEqualTo(ip("10.0.0.6"));
            assertThat(ips.allocate("h")).as("after .6 it wraps round to .2, the first pod address")
                    .isEqualTo(ip("10.0.0.2"));
            assertThat(List.of(ips.podAt(ip("10.0.0.2")), ips.podAt(ip("10.0.0.3")), ips.podAt(ip("10.0.0.4")),
                    ips.podAt(ip("10.0.0.5")), ips.podAt(ip("10.0.0.6"))))
                    .as("the pods at .2 to .6")
                    .map(o -> o.orElse("-"))
                    .containsExactly("h", "b", "f", "d", "g");
        }

        @Test
        @DisplayName("a /30 runs exactly one pod, at its .2")
        void smallestBlock() {
            PodIpAllocator ips = new PodIpAllocator(cidr("192.168.0.4/30"), 1);
            assertThat(ips.allocate("only")).as("192.168.0.4/30: .4 network, .5 gateway, .6 the pod, .7 broadcast")
                    .isEqualTo(ip("192.168.0.6"));
            ips.release(ip("192.168.0.6"));
            assertThat(ips.allocate("next")).as("the one pod address, again").isEqualTo(ip("192.168.0.6"));
        }

        @Test
        @DisplayName("a full /24 hands out .2 to .254 exactly once, then refuses another pod")
        void fullBlock() {
            PodIpAllocator ips = fullSize();
            for (int d = 2; d <= 254; d++) {
                assertThat(ips.allocate("pod-" + d)).as("pod %d of 253", d - 1).isEqualTo(Ipv4Address.of(10, 244, 1, d));
            }
            assertThat(ips.allocatedCount()).as("253 pods run").isEqualTo(253);
            assertThatIllegalStateException()
                    .as("every pod address of 10.244.1.0/24 is taken: a 254th pod would need .255, the broadcast")
                    .isThrownBy(() -> ips.allocate("one-more"))
                    .withMessageContaining("253");
            assertThat(ips.release(ip("10.244.1.100"))).isEqualTo("pod-100");
            assertThat(ips.allocate("late")).as("the only free address is .100").isEqualTo(ip("10.244.1.100"));
            ips.release(ip("10.244.1.254"));
            ips.release(ip("10.244.1.101"));
            assertThat(ips.allocate("later")).as("after .100 the next free address is .101").isEqualTo(ip("10.244.1.101"));
            assertThat(ips.allocate("last")).as("then .254, the last pod address").isEqualTo(ip("10.244.1.254"));
        }

        @Test
        @DisplayName("stops at maxPods, naming the limit, even with addresses free")
        void maxPods() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"), 7);
            for (int i = 0; i < 7; i++) {
                ips.allocate("pod-" + i);
            }
            assertThatIllegalStateException()
                    .as("the kubelet runs at most maxPods = 7 pods on this node, however many addresses are free")
                    .isThrownBy(() -> ips.allocate("pod-7"))
                    .withMessageContaining("7");
            assertThat(ips.allocatedCount()).as("the refused pod took nothing").isEqualTo(7);
            assertThat(ips.addressOf("pod-7")).as("the refused pod has no address").isEmpty();
            ips.release(ip("10.244.1.2"));
            assertThat(ips.allocate("pod-7"))
                    .as("once a pod stops there is room again; the refused call did not move the allocator on, "
                            + "so the next address after .8 is .9")
                    .isEqualTo(ip("10.244.1.9"));
        }

        @Test
        @DisplayName("the default limit is 110 pods, even in a /24 with 253 addresses")
        void defaultLimit() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            for (int i = 0; i < 110; i++) {
                ips.allocate("pod-" + i);
            }
            assertThat(ips.addressOf("pod-109")).as("the 110th pod gets .111").contains(ip("10.244.1.111"));
            assertThatIllegalStateException().as("a 111th pod exceeds the kubelet's default maxPods of 110")
                    .isThrownBy(() -> ips.allocate("pod-110"))
                    .withMessageContaining("110");
        }

        @Test
        @DisplayName("a pod holds one address at a time")
        void oneAddressPerPod() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            assertThatIllegalStateException()
                    .as("web-1 has 10.244.1.2 already; a second address would never be released")
                    .isThrownBy(() -> ips.allocate("web-1"))
                    .withMessageContaining("web-1");
            assertThat(ips.allocatedCount()).as("the refused call took nothing").isEqualTo(1);
            assertThat(ips.addressOf("web-1")).as("web-1 keeps its address").contains(ip("10.244.1.2"));
            assertThat(ips.allocate("web-2")).as("the refused call did not use up .3").isEqualTo(ip("10.244.1.3"));
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                "Web-1"  | upper case: Kubernetes rejects it rather than folding it
                "WEB"    | all upper case
                "-web"   | starts with '-'
                "web-"   | ends with '-'
                ""       | empty
                "web_1"  | an underscore
                "web.1"  | a dot
                "web 1"  | a space
                "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0" | 64 characters
                """)
        void rejectsBadNames(String pod, String why) {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a lower-case RFC 1123 label (%s); the message must quote it", pod, why)
                    .isThrownBy(() -> ips.allocate(pod))
                    .withMessageContaining(pod);
            assertThat(ips.allocatedCount()).as("a refused name takes no address").isZero();
            assertThat(ips.allocate("web-1")).as("a refused name uses up no address").isEqualTo(ip("10.244.1.2"));
        }

        @ParameterizedTest(name = "\"{0}\" is a valid pod name")
        @CsvSource({"web-1", "a", "7", "coredns-5d78c9869d-abcde",
            "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz"})
        void acceptsLowerCaseLabels(String pod) {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            assertThat(ips.allocate(pod)).as("\"%s\" is a lower-case RFC 1123 label", pod).isEqualTo(ip("10.244.1.2"));
            assertThat(ips.addressOf(pod)).contains(ip("10.244.1.2"));
        }

        @Test
        @DisplayName("null arguments are rejected with an IllegalArgumentException")
        void rejectsNull() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            assertThatIllegalArgumentException().as("allocate(null)")
                    .isThrownBy(() -> ips.allocate(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("release(null)")
                    .isThrownBy(() -> ips.release(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("addressOf(null)")
                    .isThrownBy(() -> ips.addressOf(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("podAt(null)")
                    .isThrownBy(() -> ips.podAt(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("takes addresses back")
    class Release {

        @Test
        @DisplayName("names the pod that held the address, and forgets it")
        void forgetsThePod() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            ips.allocate("web-2");
            assertThat(ips.release(ip("10.244.1.3"))).as("10.244.1.3 was web-2's").isEqualTo("web-2");
            assertThat(ips.allocatedCount()).as("one pod runs").isEqualTo(1);
            assertThat(ips.addressOf("web-2")).as("web-2 stopped and holds no address").isEmpty();
            assertThat(ips.podAt(ip("10.244.1.3"))).as("no pod is at 10.244.1.3 now").isEmpty();
            assertThat(ips.addressOf("web-1")).as("web-1 is untouched").contains(ip("10.244.1.2"));
            assertThat(ips.allocate("web-2")).as("web-2 can start again, and gets the next address")
                    .isEqualTo(ip("10.244.1.4"));
        }

        @Test
        @DisplayName("refuses an address twice, so it is never handed out to two pods")
        void neverTwice() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.0.0.0/29"), 5);
            ips.allocate("a");
            ips.allocate("b");
            ips.release(ip("10.0.0.2"));
            assertThatIllegalArgumentException().as("10.0.0.2 was released already: no pod holds it")
                    .isThrownBy(() -> ips.release(ip("10.0.0.2"))).withMessageContaining("10.0.0.2");
            assertThat(ips.allocatedCount()).as("the refused release freed nothing").isEqualTo(1);
            List<Ipv4Address> next = new ArrayList<>();
            for (String pod : List.of("c", "d", "e", "f")) {
                next.add(ips.allocate(pod));
            }
            assertThat(next).as("four more pods: .4, .5, .6, then round to the free .2 (.3 is b's)")
                    .containsExactly(ip("10.0.0.4"), ip("10.0.0.5"), ip("10.0.0.6"), ip("10.0.0.2"));
            assertThat(ips.podAt(ip("10.0.0.3"))).as("b keeps 10.0.0.3").contains("b");
            assertThatIllegalStateException().as("five pods run, the block's maximum")
                    .isThrownBy(() -> ips.allocate("g"));
        }

        @Test
        @DisplayName("refuses the gateway, saying it is the gateway")
        void refusesTheGateway() {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            assertThatIllegalArgumentException()
                    .as("10.244.1.1 is the bridge's address, never a pod's: releasing it is a mistake")
                    .isThrownBy(() -> ips.release(ip("10.244.1.1")))
                    .withMessageContaining("10.244.1.1")
                    .withMessageContaining("gateway");
            assertThat(ips.allocatedCount()).as("pod addresses allocated").isEqualTo(1);
            assertThatIllegalArgumentException()
                    .as("the gateway of 10.0.0.0/29 is 10.0.0.1, and releasing it says so")
                    .isThrownBy(() -> new PodIpAllocator(cidr("10.0.0.0/29"), 5).release(ip("10.0.0.1")))
                    .withMessageContaining("gateway")
                    .withMessageNotContaining("outside");
        }

        @ParameterizedTest(name = "refuses {0}: {1}")
        @CsvSource({
            "10.244.1.0, the network address is never a pod's",
            "10.244.1.255, the broadcast address is never a pod's",
            "10.244.1.77, no pod was given .77",
            "10.244.1.254, no pod was given .254",
        })
        void refusesAnAddressNoPodHolds(String address, String why) {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            assertThatIllegalArgumentException().as("releasing %s (%s); the message quotes it", address, why)
                    .isThrownBy(() -> ips.release(ip(address)))
                    .withMessageContaining(address)
                    .withMessageNotContaining("gateway")
                    .withMessageNotContaining("outside");
            assertThat(ips.allocatedCount()).as("the refused release freed nothing").isEqualTo(1);
            assertThat(ips.podAt(ip("10.244.1.2"))).as("web-1 keeps its address").contains("web-1");
        }

        @ParameterizedTest(name = "refuses {0}, outside the block")
        @CsvSource({"10.244.2.5", "10.244.0.255", "10.244.2.0", "192.168.1.10", "0.0.0.0", "255.255.255.255"})
        void refusesAddressesOutsideTheBlock(String address) {
            PodIpAllocator ips = new PodIpAllocator(cidr("10.244.1.0/24"));
            ips.allocate("web-1");
            assertThatIllegalArgumentException()
                    .as("%s is not in this node's pod CIDR 10.244.1.0/24; the message says it is outside, and "
                            + "names both", address)
                    .isThrownBy(() -> ips.release(ip(address)))
                    .withMessageContaining(address)
                    .withMessageContaining("outside")
                    .withMessageContaining("10.244.1.0/24");
        }
    }

    @Nested
    @DisplayName("under random starts and stops (property)")
    class Properties {

        private static final long SEED = 0x2_2000_0002L;
        private static final int SHRINKS = 300;
        private static final int EXAMPLES = 300;

        /** Node blocks from a /30 to a /26 anywhere in the address space (half above 128.0.0.0). */
        private static final Gen<Cidr> BLOCKS = integers().all().zip(integers().between(26, 30),
                (bits, prefix) -> Cidr.containing(Ipv4Address.fromInt(bits), prefix));

        /** maxPods as a share of the block's pod addresses, 1 to all of them. */
        private static final Gen<Integer> SHARES = integers().between(1, 100);

        /** One step: a pod starts (positive) or the k-th running pod stops (negative). */
        private static final Gen<List<Integer>> STEPS = lists().of(integers().between(-10, 12))
                .ofSizeBetween(1, 150);

        @Test
        @DisplayName("no two live pods share an address, each lies in .2 to the last usable, host-local order")
        void randomStartsAndStops() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("node block", BLOCKS), named("maxPods, in % of its pod addresses", SHARES),
                            named("steps (n > 0: a pod starts; n <= 0: the (-n)-th running pod stops)", STEPS)).checkAssert((block, share, steps) -> {
                long podAddresses = block.size() - 3;
                int maxPods = (int) Math.max(1, podAddresses * share / 100);
                PodIpAllocator ips = new PodIpAllocator(block, maxPods);
                HostLocal model = new HostLocal(block);
                Map<String, Ipv4Address> live = new HashMap<>();
                List<String> history = new ArrayList<>();
                int started = 0;
                for (int step : steps) {
                    if (step >= 0 || live.isEmpty()) {
                        String pod = "pod-" + started++;
                        history.add("allocate " + pod);
                        if (live.size() == maxPods) {
                            assertThatIllegalStateException()
                                    .as("in %s with maxPods %d, after %s, the node is full (seed %d)", block,
                                            maxPods, history, SEED)
                                    .isThrownBy(() -> ips.allocate(pod));
                            continue;
                        }
                        Ipv4Address address = ips.allocate(pod);
                        assertThat(address)
                                .as("in %s, after %s: host-local hands out the next free address after the last "
                                        + "one, wrapping from %s to %s (seed %d)", block, history,
                                        block.lastUsable(), block.address(2), SEED)
                                .isEqualTo(model.next(live.values()));
                        assertThat(address.toLong())
                                .as("in %s, %s lies between the first pod address and the last usable (seed %d)",
                                        block, address, SEED)
                                .isBetween(block.address(2).toLong(), block.lastUsable().toLong());
                        assertThat(live.containsValue(address))
                                .as("in %s, after %s, %s is handed out while a live pod holds it (seed %d)", block,
                                        history, address, SEED)
                                .isFalse();
                        live.put(pod, address);
                    } else {
                        List<String> running = new ArrayList<>(live.keySet());
                        running.sort(null);
                        String pod = running.get(-step % running.size());
                        Ipv4Address address = live.remove(pod);
                        history.add("release " + address);
                        assertThat(ips.release(address)).as("in %s, after %s, the pod that held %s (seed %d)", block,
                                history, address, SEED).isEqualTo(pod);
                    }
                    assertThat(ips.allocatedCount()).as("in %s, after %s, the running pods (seed %d)", block,
                            history, SEED).isEqualTo(live.size());
                }
                for (Map.Entry<String, Ipv4Address> e : live.entrySet()) {
                    assertThat(ips.addressOf(e.getKey())).as("in %s, after %s, the address of %s (seed %d)", block,
                            history, e.getKey(), SEED).contains(e.getValue());
                    assertThat(ips.podAt(e.getValue())).as("in %s, after %s, the pod at %s (seed %d)", block,
                            history, e.getValue(), SEED).contains(e.getKey());
                }
            });
        }

        /** The host-local rule, the slow way: from just after the last address, wrapping, skipping used ones. */
        private static final class HostLocal {
            private final Cidr block;
            private long last = 1;

            HostLocal(Cidr block) {
                this.block = block;
            }

            Ipv4Address next(java.util.Collection<Ipv4Address> used) {
                long offset = last;
                do {
                    offset = offset + 1 > block.size() - 2 ? 2 : offset + 1;
                } while (used.contains(block.address(offset)));
                last = offset;
                return block.address(offset);
            }
        }
    }

    /**
     * The last tests of exercise 2.2, in the source and when run ({@code @Order}: JUnit's own order of nested
     * classes is not the source's). A {@code nodeOf} that reads every node's block does not finish before the
     * kit's per-test time-out, and a test that times out skips the tests of 2.2 still to run: here there are none.
     */
    @Nested
    @Order(Integer.MAX_VALUE)
    @DisplayName("across a large cluster, with the control plane's PodCidrAllocator")
    class AcrossTheCluster {

        private static final int NODES = 24_576;
        private static final int LOOKUPS = 1_048_576;

        @Test
        @DisplayName("finds the node of any pod address without scanning the nodes (24,576 nodes, 1,048,576 lookups)")
        void nodeOfWithoutScanning() {
            // No timing assertion. The reference answers every lookup in a fraction of a second; a nodeOf that
            // tests every node's block reads all 24,576 for each address in a block nobody holds (five in eight
            // here), billions of reads in all, and the time-out stops it. Not more nodes: the Javadoc asks only
            // nodeOf to be fast, and an allocate that looks for the lowest free block one index at a time (slow
            // per node, yet right) must still finish.
            Cidr cluster = cidr("10.0.0.0/8");
            PodCidrAllocator cidrs = new PodCidrAllocator(cluster, 24);
            String[] names = new String[NODES];
            for (int i = 0; i < NODES; i++) {
                names[i] = "node-" + i;
                Cidr block = cidrs.allocate(names[i]);
                if (!block.equals(cluster.subnet(24, i))) {
                    assertThat(block).as("%s, the node number %,d to join 10.0.0.0/8 split into /24 blocks, gets the"
                            + " lowest free block", names[i], i + 1).isEqualTo(cluster.subnet(24, i));
                }
            }
            long network = cluster.network().toLong();
            for (int k = 0; k < LOOKUPS; k++) {
                // Block indexes in a scattered order (40,503 is odd, so every index of 0-65,535 comes up), and an
                // address anywhere inside the block.
                int index = (int) ((k * 40_503L) & 0xFFFF);
                Ipv4Address address = Ipv4Address.fromLong(network + index * 256L + ((k * 37) & 0xFF));
                Optional<String> expected = index < NODES ? Optional.of(names[index]) : Optional.empty();
                Optional<String> answer = cidrs.nodeOf(address);
                // Each answer is compared plainly and handed to AssertJ only when it is wrong, for the message:
                // an AssertJ assertion per lookup would cost more than the lookups.
                if (!answer.equals(expected)) {
                    assertThat(answer)
                            .as("lookup %,d of %,d: %s lies in %s, %s", k + 1, LOOKUPS, address,
                                    cluster.subnet(24, index), index < NODES ? names[index] + "'s block"
                                            : "a block nobody holds (only the lowest 24,576 are taken)")
                            .isEqualTo(expected);
                }
            }
        }
    }
}
