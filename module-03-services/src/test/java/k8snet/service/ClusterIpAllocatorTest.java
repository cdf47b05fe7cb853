package k8snet.service;

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

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

@DisplayName("The API server's ClusterIP allocator, with a static and a dynamic band (exercise 3.3)")
class ClusterIpAllocatorTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static ClusterIpAllocator on(String range) {
        return new ClusterIpAllocator(Cidr.parse(range));
    }

    /** Fills the dynamic band .17 to .30 of a fresh allocator on 10.0.0.0/27 with d-17 to d-30. */
    private static ClusterIpAllocator slash27WithFullDynamicBand() {
        ClusterIpAllocator ips = on("10.0.0.0/27");
        for (int d = 17; d <= 30; d++) {
            assertThat(ips.allocate("d-" + d)).as("10.0.0.0/27: static band .1-.16, dynamic band .17-.30; dynamic "
                    + "allocation %d takes the dynamic band's lowest free address", d - 16)
                    .isEqualTo(Ipv4Address.of(10, 0, 0, d));
        }
        return ips;
    }

    @Nested
    @DisplayName("set up on a --service-cluster-ip-range")
    class Construction {

        @Test
        @DisplayName("the default is kubeadm's 10.96.0.0/12, with the kubernetes Service at 10.96.0.1")
        void defaults() {
            ClusterIpAllocator ips = ClusterIpAllocator.defaults();
            assertThat(ips.range()).as("kubeadm's default Service range").isEqualTo(Cidr.parse("10.96.0.0/12"));
            assertThat(ips.kubernetesServiceIp()).as("the kubernetes Service takes the first usable address")
                    .isEqualTo(ip("10.96.0.1"));
            assertThat(ips.staticBandSize()).as("a /12 holds 1048576 addresses: min(max(16, 1048576/16), 256)")
                    .isEqualTo(256);
            assertThat(ips.allocatedCount()).as("no Service exists yet").isZero();
            assertThat(ips.serviceAt(ip("10.96.0.1")))
                    .as("the allocator does not reserve the kubernetes Service's address by itself").isEmpty();
        }

        @ParameterizedTest(name = "{0}: static band of {1}, first dynamic address {2}, kubernetes Service at {3}")
        @CsvSource({
            "10.96.0.0/12, 256, 10.96.1.1, 10.96.0.1",
            "10.96.0.0/16, 256, 10.96.1.1, 10.96.0.1",
            "10.100.0.0/16, 256, 10.100.1.1, 10.100.0.1",
            "10.96.0.0/20, 256, 10.96.1.1, 10.96.0.1",
            "10.96.0.0/21, 128, 10.96.0.129, 10.96.0.1",
            "10.96.4.0/22, 64, 10.96.4.65, 10.96.4.1",
            "10.96.2.0/23, 32, 10.96.2.33, 10.96.2.1",
            "10.96.0.0/24, 16, 10.96.0.17, 10.96.0.1",
            "192.168.255.0/24, 16, 192.168.255.17, 192.168.255.1",
            "10.96.0.128/25, 16, 10.96.0.145, 10.96.0.129",
            "10.96.0.64/26, 16, 10.96.0.81, 10.96.0.65",
            "10.96.0.32/27, 16, 10.96.0.49, 10.96.0.33",
            "10.96.0.16/28, 0, 10.96.0.17, 10.96.0.17",
            "10.96.0.8/29, 0, 10.96.0.9, 10.96.0.9",
            "255.255.255.248/29, 0, 255.255.255.249, 255.255.255.249",
        })
        void bands(String range, int staticBand, String firstDynamic, String kubernetes) {
            ClusterIpAllocator ips = on(range);
            assertThat(ips.range()).isEqualTo(Cidr.parse(range));
            assertThat(ips.staticBandSize())
                    .as("%s: offset = min(max(16, size/16), 256) on the whole range's size (network and broadcast "
                            + "included); none for a range of 16 addresses or fewer", range)
                    .isEqualTo(staticBand);
            assertThat(ips.kubernetesServiceIp()).as("%s: the kubernetes Service's address is the first usable one",
                    range).isEqualTo(ip(kubernetes));
            assertThat(ips.allocate("web"))
                    .as("%s: a picked ClusterIP comes from the dynamic band, just above the %d static-band "
                            + "addresses (a range without a static band starts at its first "
                            + "usable address)", range, staticBand)
                    .isEqualTo(ip(firstDynamic));
        }

        @ParameterizedTest(name = "{0} is too small")
        @CsvSource({"10.96.0.0/30", "10.96.0.4/31", "10.96.0.7/32", "0.0.0.0/32"})
        void rejectsRangesSmallerThanA29(String range) {
            assertThatIllegalArgumentException()
                    .as("%s holds fewer than 8 addresses: a Service range is a /29 or larger", range)
                    .isThrownBy(() -> on(range))
                    .withMessageContaining(range);
        }

        @ParameterizedTest(name = "{0} is too large")
        @CsvSource({"10.0.0.0/11", "10.0.0.0/8", "128.0.0.0/1", "0.0.0.0/0"})
        void rejectsRangesLargerThanA12(String range) {
            assertThatIllegalArgumentException()
                    .as("%s holds more than 2^20 addresses: kube-apiserver refuses a Service range wider than a /12",
                            range)
                    .isThrownBy(() -> on(range))
                    .withMessageContaining(range).withMessageContaining("/12");
        }

        @Test
        @DisplayName("a /29 is the smallest range, and a null range is rejected")
        void smallestAndNull() {
            assertThat(on("10.96.0.0/29").range()).as("8 addresses are enough").isEqualTo(Cidr.parse("10.96.0.0/29"));
            assertThatIllegalArgumentException().as("new ClusterIpAllocator(null)")
                    .isThrownBy(() -> new ClusterIpAllocator(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("picks an address for a Service")
    class DynamicAllocation {

        @Test
        @DisplayName("in the default range, from 10.96.1.1 up, whatever is requested in the static band")
        void defaultRangeCountsUpFromTheDynamicBand() {
            ClusterIpAllocator ips = ClusterIpAllocator.defaults();
            assertThat(ips.allocate("kubernetes", ips.kubernetesServiceIp()))
                    .as("the API server requests its own Service's address").isEqualTo(ip("10.96.0.1"));
            assertThat(ips.allocate("kube-dns", ip("10.96.0.10"))).isEqualTo(ip("10.96.0.10"));
            assertThat(ips.allocate("web"))
                    .as("the static band is 10.96.0.1-10.96.1.0 (256 addresses), so the first picked address is "
                            + "10.96.1.1, the 257th usable one")
                    .isEqualTo(ip("10.96.1.1"));
            assertThat(ips.allocate("api")).as("then the next one up").isEqualTo(ip("10.96.1.2"));
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(4);
            assertThat(ips.addressOf("web")).contains(ip("10.96.1.1"));
            assertThat(ips.addressOf("kubernetes")).contains(ip("10.96.0.1"));
            assertThat(ips.serviceAt(ip("10.96.1.2"))).contains("api");
            assertThat(ips.serviceAt(ip("10.96.0.10"))).contains("kube-dns");
            assertThat(ips.serviceAt(ip("10.96.1.3"))).as("nobody has 10.96.1.3 yet").isEmpty();
            assertThat(ips.serviceAt(ip("10.95.0.1"))).as("outside the range, nobody").isEmpty();
            assertThat(ips.addressOf("db")).as("db does not exist").isEmpty();
        }

        @Test
        @DisplayName("in a /24, .17 to .254, then the static band from .1, skipping requested addresses")
        void slash24FallsBackToTheStaticBand() {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            assertThat(ips.allocate("dns", ip("10.96.0.10"))).isEqualTo(ip("10.96.0.10"));
            assertThat(ips.allocate("pinned", ip("10.96.0.20"))).as("a requested address in the dynamic band")
                    .isEqualTo(ip("10.96.0.20"));
            List<Ipv4Address> picked = new ArrayList<>();
            for (int i = 0; i < 237; i++) {
                picked.add(ips.allocate("s-" + i));
            }
            assertThat(picked.get(0)).as("the first picked address of a /24 is .17").isEqualTo(ip("10.96.0.17"));
            assertThat(picked.get(3)).as(".20 is requested, so the fourth pick is .21").isEqualTo(ip("10.96.0.21"));
            assertThat(picked.get(236)).as("the last address of the dynamic band is .254, never the broadcast")
                    .isEqualTo(ip("10.96.0.254"));
            assertThat(ips.allocate("late"))
                    .as("the dynamic band .17-.254 is full, so the lowest free static-band address .1 is next")
                    .isEqualTo(ip("10.96.0.1"));
            for (int d = 2; d <= 9; d++) {
                assertThat(ips.allocate("later-" + d)).as("static band, lowest free").isEqualTo(Ipv4Address.of(10, 96, 0, d));
            }
            assertThat(ips.allocate("skip")).as(".10 is the DNS Service's, so .11").isEqualTo(ip("10.96.0.11"));
        }

        @Test
        @DisplayName("in a /27, the static band only once the dynamic band is full, and the dynamic band again once freed")
        void staticBandOnlyWhileTheDynamicBandIsFull() {
            ClusterIpAllocator ips = slash27WithFullDynamicBand();
            assertThat(ips.allocate("s-1")).as("10.0.0.0/27's dynamic band .17-.30 is full: the static band's .1")
                    .isEqualTo(ip("10.0.0.1"));
            assertThat(ips.allocate("s-2")).isEqualTo(ip("10.0.0.2"));
            ips.release(ip("10.0.0.1"));
            ips.release(ip("10.0.0.25"));
            assertThat(ips.allocate("back"))
                    .as(".25 of the dynamic band is free again, so it comes before the lower static-band .1")
                    .isEqualTo(ip("10.0.0.25"));
            assertThat(ips.allocate("s-3")).as("the dynamic band is full again: the static band's lowest free, .1")
                    .isEqualTo(ip("10.0.0.1"));
            assertThat(ips.allocate("s-4")).isEqualTo(ip("10.0.0.3"));
        }

        @Test
        @DisplayName("a released address is the lowest free one again")
        void releaseAndReuse() {
            ClusterIpAllocator ips = on("10.0.0.0/27");
            assertThat(ips.allocate("a")).isEqualTo(ip("10.0.0.17"));
            assertThat(ips.allocate("b")).isEqualTo(ip("10.0.0.18"));
            assertThat(ips.allocate("c")).isEqualTo(ip("10.0.0.19"));
            ips.release(ip("10.0.0.18"));
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(2);
            assertThat(ips.addressOf("b")).as("b was deleted").isEmpty();
            assertThat(ips.serviceAt(ip("10.0.0.18"))).isEmpty();
            assertThat(ips.allocate("d")).as("unlike host-local, the lowest free address .18 is reused at once")
                    .isEqualTo(ip("10.0.0.18"));
            assertThat(ips.allocate("e")).isEqualTo(ip("10.0.0.20"));
            assertThat(ips.allocate("b")).as("a deleted Service's name may be used again").isEqualTo(ip("10.0.0.21"));
        }

        @Test
        @DisplayName("a /29 has no static band: .1 to .6, never .0 or .7, then it is exhausted")
        void slash29() {
            ClusterIpAllocator ips = on("10.96.0.8/29");
            for (int d = 9; d <= 14; d++) {
                assertThat(ips.allocate("s-" + d)).as("10.96.0.8/29 has the usable addresses .9 to .14")
                        .isEqualTo(Ipv4Address.of(10, 96, 0, d));
            }
            assertThatIllegalStateException().as("all 6 usable addresses of 10.96.0.8/29 are taken")
                    .isThrownBy(() -> ips.allocate("one-more"))
                    .withMessageContaining("10.96.0.8/29")
                    .withMessageContaining("6");
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(6);
            assertThat(ips.addressOf("one-more")).isEmpty();
        }

        @Test
        @DisplayName("a full range is reported with the range and its number of usable addresses")
        void exhaustion() {
            ClusterIpAllocator ips = slash27WithFullDynamicBand();
            for (int d = 1; d <= 16; d++) {
                assertThat(ips.allocate("s-" + d)).isEqualTo(Ipv4Address.of(10, 0, 0, d));
            }
            assertThatIllegalStateException()
                    .as("all 30 usable addresses of 10.0.0.0/27 are allocated; .0 and .31 are never a Service's")
                    .isThrownBy(() -> ips.allocate("one-more"))
                    .withMessageContaining("10.0.0.0/27")
                    .withMessageContaining("30");
            ips.release(ip("10.0.0.7"));
            assertThat(ips.allocate("one-more")).as("the only free address").isEqualTo(ip("10.0.0.7"));
        }

        @Test
        @DisplayName("a Service holds one address at most")
        void oneAddressPerService() {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            ips.allocate("web");
            assertThatIllegalStateException().as("web has 10.96.0.17 already")
                    .isThrownBy(() -> ips.allocate("web")).withMessageContaining("web");
            assertThatIllegalStateException().as("web has 10.96.0.17 already, so it cannot request another")
                    .isThrownBy(() -> ips.allocate("web", ip("10.96.0.5"))).withMessageContaining("web");
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(1);
            assertThat(ips.serviceAt(ip("10.96.0.5"))).isEmpty();
            assertThat(ips.allocate("api")).as("the refused calls took nothing").isEqualTo(ip("10.96.0.18"));
        }
    }

    @Nested
    @DisplayName("honours a requested spec.clusterIP")
    class RequestedAddress {

        @ParameterizedTest(name = "{1} in {0}")
        @CsvSource({
            "10.96.0.0/24, 10.96.0.1, the first usable address",
            "10.96.0.0/24, 10.96.0.10, the static band",
            "10.96.0.0/24, 10.96.0.16, the last static-band address",
            "10.96.0.0/24, 10.96.0.17, the first dynamic-band address",
            "10.96.0.0/24, 10.96.0.254, the last usable address",
            "10.96.0.0/12, 10.96.0.10, the static band",
            "10.96.0.0/12, 10.96.1.0, the last static-band address",
            "10.96.0.0/12, 10.100.7.9, the dynamic band",
            "10.96.0.0/12, 10.111.255.254, the last usable address",
        })
        void accepted(String range, String requested, String where) {
            ClusterIpAllocator ips = on(range);
            assertThat(ips.allocate("web", ip(requested))).as("%s is %s of %s", requested, where, range)
                    .isEqualTo(ip(requested));
            assertThat(ips.serviceAt(ip(requested))).contains("web");
            assertThat(ips.addressOf("web")).contains(ip(requested));
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(1);
        }

        @ParameterizedTest(name = "{1} in {0}: {2}")
        @CsvSource({
            "10.96.0.0/24, 10.96.0.0, network",
            "10.96.0.0/24, 10.96.0.255, broadcast",
            "10.96.0.0/24, 10.96.1.0, outside",
            "10.96.0.0/24, 10.95.255.255, outside",
            "10.96.0.0/24, 10.97.0.5, outside",
            "10.96.0.0/12, 10.96.0.0, network",
            "10.96.0.0/12, 10.111.255.255, broadcast",
            "10.96.0.0/12, 10.112.0.0, outside",
            "10.96.0.0/12, 10.95.255.255, outside",
            "10.96.0.0/12, 192.168.0.10, outside",
        })
        void refused(String range, String requested, String reason) {
            ClusterIpAllocator ips = on(range);
            assertThatIllegalArgumentException()
                    .as("%s is the %s address of %s, not a usable one; the message says so", requested, reason, range)
                    .isThrownBy(() -> ips.allocate("web", ip(requested)))
                    .withMessageContaining(requested)
                    .withMessageContaining(reason)
                    .withMessageContaining(range);
            assertThat(ips.allocatedCount()).as("the refused request took nothing").isZero();
            assertThat(ips.addressOf("web")).isEmpty();
        }

        @Test
        @DisplayName("a taken address is refused, naming the Service that holds it")
        void taken() {
            ClusterIpAllocator ips = ClusterIpAllocator.defaults();
            ips.allocate("kube-dns", ip("10.96.0.10"));
            Ipv4Address picked = ips.allocate("web");
            assertThatIllegalStateException().as("10.96.0.10 belongs to kube-dns")
                    .isThrownBy(() -> ips.allocate("my-dns", ip("10.96.0.10")))
                    .withMessageContaining("kube-dns")
                    .withMessageContaining("10.96.0.10");
            assertThatIllegalStateException().as("%s was picked for web", picked)
                    .isThrownBy(() -> ips.allocate("other", picked))
                    .withMessageContaining("web");
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isEqualTo(2);
            assertThat(ips.addressOf("my-dns")).isEmpty();
            assertThat(ips.serviceAt(ip("10.96.0.10"))).contains("kube-dns");
            ips.release(ip("10.96.0.10"));
            assertThat(ips.allocate("my-dns", ip("10.96.0.10"))).as("once released, it may be requested again")
                    .isEqualTo(ip("10.96.0.10"));
        }

        @Test
        @DisplayName("the kubernetes address is not special to the allocator")
        void kubernetesAddress() {
            ClusterIpAllocator ips = on("10.0.0.0/29");
            assertThat(ips.allocate("first")).as("nothing is reserved: the first pick of a /29 is its .1")
                    .isEqualTo(ips.kubernetesServiceIp());
            assertThatIllegalStateException().as("the kubernetes Service's usual address is taken by first")
                    .isThrownBy(() -> ips.allocate("kubernetes", ips.kubernetesServiceIp()))
                    .withMessageContaining("first");
            assertThat(ips.allocate("kubernetes")).as("\"kubernetes\" is a valid name like any other")
                    .isEqualTo(ip("10.0.0.2"));
        }

        @Test
        @DisplayName("a null address is rejected")
        void nullAddress() {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            assertThatIllegalArgumentException().isThrownBy(() -> ips.allocate("web", null))
                    .withMessageContaining("null");
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isZero();
        }
    }

    @Nested
    @DisplayName("takes addresses back")
    class Release {

        @ParameterizedTest(name = "refuses {0}")
        @CsvSource({"10.96.0.18", "10.96.0.1", "10.96.0.0", "10.96.0.255", "10.97.0.17", "0.0.0.0", "255.255.255.255"})
        void refusesAnAddressNoServiceHolds(String address) {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            ips.allocate("web");
            assertThatIllegalArgumentException().as("no Service holds %s; the message quotes it", address)
                    .isThrownBy(() -> ips.release(ip(address)))
                    .withMessageContaining(address);
            assertThat(ips.allocatedCount()).as("the refused release freed nothing").isEqualTo(1);
            assertThat(ips.serviceAt(ip("10.96.0.17"))).contains("web");
        }

        @Test
        @DisplayName("an address is released once, and nulls are rejected")
        void onceAndNulls() {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            ips.allocate("web");
            ips.release(ip("10.96.0.17"));
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isZero();
            assertThatIllegalArgumentException().as("10.96.0.17 was released already")
                    .isThrownBy(() -> ips.release(ip("10.96.0.17"))).withMessageContaining("10.96.0.17");
            assertThatIllegalArgumentException().isThrownBy(() -> ips.release(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> ips.serviceAt(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> ips.addressOf(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("accepts only RFC 1035 labels as Service names")
    class Names {

        private static final String SIXTY_THREE = "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc";

        @ParameterizedTest(name = "accepts \"{0}\"")
        @CsvSource({"a", "kubernetes", "kube-dns", "web2", "a-1", "my--svc", "z9", SIXTY_THREE})
        void accepts(String name) {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            assertThat(ips.allocate(name)).as("\"%s\" is an RFC 1035 label", name).isEqualTo(ip("10.96.0.17"));
            assertThat(on("10.96.0.0/24").allocate(name, ip("10.96.0.3"))).as("\"%s\" may request an address", name)
                    .isEqualTo(ip("10.96.0.3"));
        }

        @ParameterizedTest(name = "rejects \"{0}\": {1}")
        @CsvSource({
            "1web, starts with a digit (an RFC 1123 label would allow it; a Service name may not)",
            "9, a lone digit",
            "-x, starts with '-'",
            "x-, ends with '-'",
            "Web, upper case is rejected, not folded",
            "WEB, upper case",
            "my_svc, '_' is not allowed",
            "my.svc, '.' is not allowed",
            "'web svc', a space is not allowed",
            "'', empty",
            "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbcd, 64 characters",
        })
        void rejects(String name, String why) {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            assertThatIllegalArgumentException().as("\"%s\" is no RFC 1035 label: %s; the message quotes it", name, why)
                    .isThrownBy(() -> ips.allocate(name)).withMessageContaining(name);
            assertThatIllegalArgumentException().as("\"%s\" is no RFC 1035 label: %s; the message quotes it", name, why)
                    .isThrownBy(() -> ips.allocate(name, ip("10.96.0.5"))).withMessageContaining(name);
            assertThat(ips.allocatedCount()).as("ClusterIPs allocated").isZero();
            assertThat(ips.serviceAt(ip("10.96.0.5"))).isEmpty();
        }

        @Test
        @DisplayName("63 characters are the most, a null name is rejected")
        void lengthAndNull() {
            ClusterIpAllocator ips = on("10.96.0.0/24");
            assertThat(SIXTY_THREE).hasSize(63);
            assertThat(ips.allocate(SIXTY_THREE)).isEqualTo(ip("10.96.0.17"));
            assertThatIllegalArgumentException().as("64 characters are one too many")
                    .isThrownBy(() -> ips.allocate(SIXTY_THREE + "d"));
            assertThatIllegalArgumentException().isThrownBy(() -> ips.allocate(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> ips.allocate(null, ip("10.96.0.5")))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("under random creates, requests and deletes (property)")
    class Properties {

        private static final long SEED = 0x3_3000_0003L;
        private static final int SHRINKS = 300;
        private static final int EXAMPLES = 300;

        /** Ranges from a /29 to a /25 anywhere in the address space: small enough to fill the dynamic band. */
        private static final Gen<Cidr> RANGES = integers().all().zip(integers().between(25, 29),
                (bits, prefix) -> Cidr.containing(Ipv4Address.fromInt(bits), prefix));

        /** One step: its value mod 5 picks the operation, the rest picks an address or a Service. */
        private static final Gen<List<Integer>> STEPS = lists().of(integers().between(0, Integer.MAX_VALUE))
                .ofSizeBetween(1, 200);

        @Test
        @DisplayName("no two Services share an address; each is usable, in the range, and lowest free, dynamic band first")
        void randomSequences() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("service range", RANGES), named("steps (each encodes an allocation or a release)", STEPS)).checkAssert((range, steps) -> {
                ClusterIpAllocator ips = new ClusterIpAllocator(range);
                long size = range.size();
                long staticBand = size <= 16 ? 0 : Math.min(Math.max(16, size / 16), 256);
                Map<Long, String> held = new HashMap<>();
                List<String> history = new ArrayList<>();
                int created = 0;
                for (int step : steps) {
                    int op = step % 5;
                    int arg = step / 5;
                    if (op == 3 && !held.isEmpty()) {
                        List<Long> offsets = new ArrayList<>(held.keySet());
                        offsets.sort(null);
                        long offset = offsets.get(arg % offsets.size());
                        held.remove(offset);
                        history.add("release " + range.address(offset));
                        ips.release(range.address(offset));
                    } else if (op == 2) {
                        String service = "req-" + created++;
                        long offset = arg % (size + 2) - 1;
                        Ipv4Address requested = Ipv4Address.fromLong((range.network().toLong() + offset) & 0xFFFF_FFFFL);
                        history.add("request " + requested + " for " + service);
                        if (offset <= 0 || offset >= size - 1) {
                            assertThatIllegalArgumentException()
                                    .as("in %s, after %s: %s is not a usable address of the range (seed %d)", range,
                                            history, requested, SEED)
                                    .isThrownBy(() -> ips.allocate(service, requested));
                        } else if (held.containsKey(offset)) {
                            assertThatIllegalStateException()
                                    .as("in %s, after %s: %s is taken (seed %d)", range, history, requested, SEED)
                                    .isThrownBy(() -> ips.allocate(service, requested))
                                    .withMessageContaining(held.get(offset));
                        } else {
                            assertThat(ips.allocate(service, requested)).as("in %s, after %s (seed %d)", range,
                                    history, SEED).isEqualTo(requested);
                            held.put(offset, service);
                        }
                    } else {
                        String service = "svc-" + created++;
                        history.add("allocate " + service);
                        if (held.size() == size - 2) {
                            assertThatIllegalStateException()
                                    .as("in %s, after %s, every usable address is taken (seed %d)", range, history,
                                            SEED)
                                    .isThrownBy(() -> ips.allocate(service));
                            continue;
                        }
                        Ipv4Address address = ips.allocate(service);
                        long offset = address.toLong() - range.network().toLong();
                        assertThat(range.contains(address)).as("in %s, after %s, %s lies in the range (seed %d)",
                                range, history, address, SEED).isTrue();
                        assertThat(offset).as("in %s, after %s, %s is neither the network nor the broadcast "
                                + "address (seed %d)", range, history, address, SEED).isBetween(1L, size - 2);
                        assertThat(held).as("in %s, after %s, %s is handed out while a Service holds it (seed %d)",
                                range, history, address, SEED).doesNotContainKey(offset);
                        boolean dynamicFull = true;
                        for (long o = staticBand + 1; o <= size - 2; o++) {
                            dynamicFull &= held.containsKey(o);
                        }
                        if (offset <= staticBand) {
                            assertThat(dynamicFull).as("in %s, after %s, %s is in the static band (the first %d "
                                    + "usable addresses) while the dynamic band has room (seed %d)", range, history,
                                    address, staticBand, SEED).isTrue();
                        }
                        long expected = dynamicFull ? 1 : staticBand + 1;
                        while (held.containsKey(expected)) {
                            expected++;
                        }
                        assertThat(address).as("in %s, after %s: the lowest free address of the dynamic band, or of "
                                + "the static band when the dynamic band is full (seed %d)", range, history, SEED)
                                .isEqualTo(range.address(expected));
                        held.put(offset, service);
                    }
                    assertThat(ips.allocatedCount()).as("in %s, after %s (seed %d)", range, history, SEED)
                            .isEqualTo(held.size());
                }
                for (Map.Entry<Long, String> e : held.entrySet()) {
                    assertThat(ips.serviceAt(range.address(e.getKey()))).as("in %s, after %s (seed %d)", range,
                            history, SEED).contains(e.getValue());
                    assertThat(ips.addressOf(e.getValue())).as("in %s, after %s (seed %d)", range, history, SEED)
                            .contains(range.address(e.getKey()));
                }
            });
        }
    }
}
