package k8snet.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import k8snet.ip.Ipv4Address;

@DisplayName("Exercise 2.4 (part 1): a neighbour table (the ARP cache)")
class NeighbourTableTest {

    private static final long SEED = 0x2_4000_0001L;
    private static final int SHRINKS = 300;

    private static final Ipv4Address GATEWAY = ip("10.244.0.1");
    private static final Ipv4Address WEB_1 = ip("10.244.0.2");
    private static final Ipv4Address WEB_2 = ip("10.244.0.3");
    private static final Ipv4Address NODE_2 = ip("192.168.1.12");

    private static final MacAddress GATEWAY_MAC = MacAddress.forAddress(GATEWAY);
    private static final MacAddress WEB_2_MAC = MacAddress.forAddress(WEB_2);
    private static final MacAddress OTHER_MAC = MacAddress.parse("02:42:ac:11:00:02");
    private static final MacAddress VTEP_MAC = MacAddress.parse("0a:58:0a:f4:01:00");

    private NeighbourTable table;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @BeforeEach
    void setUp() {
        table = new NeighbourTable();
    }

    /**
     * A segment that answers for the addresses it was told about and counts every ARP request it hears, so a
     * test can tell a cache hit (no request) from a broadcast.
     */
    private static final class CountingSegment implements Segment {

        private final String name;
        private final Map<Ipv4Address, MacAddress> stations = new HashMap<>();
        private final List<Ipv4Address> asked = new ArrayList<>();

        CountingSegment(String name) {
            this.name = name;
        }

        CountingSegment station(Ipv4Address address, MacAddress mac) {
            stations.put(address, mac);
            return this;
        }

        int requests() {
            return asked.size();
        }

        List<Ipv4Address> asked() {
            return asked;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<MacAddress> whoHas(Ipv4Address address) {
            asked.add(address);
            return Optional.ofNullable(stations.get(address));
        }
    }

    private static CountingSegment cni0() {
        return new CountingSegment("cni0 on node-1");
    }

    @Nested
    @DisplayName("when it is new")
    class Empty {

        @Test
        @DisplayName("holds no entry and knows no address")
        void isEmpty() {
            assertThat(table.entries()).as("entries() of a new neighbour table").isEmpty();
            assertThat(table.lookup(GATEWAY)).as("a new table knows no MAC for 10.244.0.1").isEmpty();
        }

        @Test
        @DisplayName("is its own table: an entry learned in one namespace is not in another")
        void tablesAreIndependent() {
            NeighbourTable other = new NeighbourTable();
            table.learn(GATEWAY, GATEWAY_MAC);
            assertThat(other.lookup(GATEWAY)).as("another namespace's table after this one learned 10.244.0.1")
                    .isEmpty();
            assertThat(other.entries()).as("another namespace's entries").isEmpty();
        }
    }

    @Nested
    @DisplayName("learn (what an ARP reply said)")
    class Learning {

        @Test
        @DisplayName("records a learned (not permanent) entry and says so")
        void learnsAnEntry() {
            assertThat(table.learn(WEB_2, WEB_2_MAC)).as("learn(10.244.0.3) into an empty table").isTrue();
            assertThat(table.lookup(WEB_2)).as("the entry for 10.244.0.3 after learning it")
                    .contains(new Neighbour(WEB_2, WEB_2_MAC, false));
            assertThat(table.lookup(GATEWAY)).as("learning 10.244.0.3 says nothing about 10.244.0.1").isEmpty();
        }

        @Test
        @DisplayName("replaces an older learned entry: the station may have changed its card")
        void replacesALearnedEntry() {
            table.learn(WEB_2, WEB_2_MAC);
            assertThat(table.learn(WEB_2, OTHER_MAC)).as("learning a new MAC for 10.244.0.3 over a learned one")
                    .isTrue();
            assertThat(table.lookup(WEB_2)).as("10.244.0.3 after a newer ARP reply")
                    .contains(new Neighbour(WEB_2, OTHER_MAC, false));
            assertThat(table.entries()).as("one entry per IP address").hasSize(1);
        }

        @Test
        @DisplayName("learning the same MAC again keeps one learned entry")
        void learnsTheSameTwice() {
            table.learn(WEB_2, WEB_2_MAC);
            assertThat(table.learn(WEB_2, WEB_2_MAC)).as("learning the same MAC for 10.244.0.3 again").isTrue();
            assertThat(table.entries()).as("entries after learning 10.244.0.3 twice")
                    .containsExactly(new Neighbour(WEB_2, WEB_2_MAC, false));
        }

        @Test
        @DisplayName("never overrides a permanent entry: the agent's static entry wins over the wire")
        void neverOverridesAPermanentEntry() {
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.learn(NODE_2, OTHER_MAC))
                    .as("learn() over flannel's permanent entry for 192.168.1.12 must report false").isFalse();
            assertThat(table.lookup(NODE_2)).as("the permanent entry after an ARP reply tried to change it")
                    .contains(new Neighbour(NODE_2, VTEP_MAC, true));
        }

        @Test
        @DisplayName("reports false even when the ARP reply agrees with the permanent entry, which stays permanent")
        void permanentStaysPermanentForTheSameMac() {
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.learn(NODE_2, VTEP_MAC))
                    .as("the table does not map 192.168.1.12 as a learned entry afterwards, so learn() is false")
                    .isFalse();
            assertThat(table.lookup(NODE_2)).as("still the permanent entry")
                    .contains(new Neighbour(NODE_2, VTEP_MAC, true));
        }
    }

    @Nested
    @DisplayName("addPermanent (ip neigh replace ... nud permanent)")
    class Permanent {

        @Test
        @DisplayName("writes a permanent entry")
        void addsAPermanentEntry() {
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.lookup(NODE_2)).as("192.168.1.12 after addPermanent")
                    .contains(new Neighbour(NODE_2, VTEP_MAC, true));
        }

        @Test
        @DisplayName("replaces a learned entry")
        void replacesALearnedEntry() {
            table.learn(NODE_2, OTHER_MAC);
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.entries()).as("a permanent entry written over a learned one")
                    .containsExactly(new Neighbour(NODE_2, VTEP_MAC, true));
        }

        @Test
        @DisplayName("replaces an older permanent entry")
        void replacesAPermanentEntry() {
            table.addPermanent(NODE_2, OTHER_MAC);
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.entries()).as("a permanent entry written over another permanent one")
                    .containsExactly(new Neighbour(NODE_2, VTEP_MAC, true));
        }
    }

    @Nested
    @DisplayName("remove (ip neigh del)")
    class Removing {

        @Test
        @DisplayName("deletes a learned entry and reports it")
        void removesALearnedEntry() {
            table.learn(WEB_2, WEB_2_MAC);
            table.learn(GATEWAY, GATEWAY_MAC);
            assertThat(table.remove(WEB_2)).as("remove(10.244.0.3) with a learned entry").isTrue();
            assertThat(table.lookup(WEB_2)).as("10.244.0.3 after removing it").isEmpty();
            assertThat(table.entries()).as("the other entry stays")
                    .containsExactly(new Neighbour(GATEWAY, GATEWAY_MAC, false));
        }

        @Test
        @DisplayName("deletes a permanent entry too, after which learning works again")
        void removesAPermanentEntry() {
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.remove(NODE_2)).as("remove(192.168.1.12) with a permanent entry").isTrue();
            assertThat(table.lookup(NODE_2)).as("192.168.1.12 after removing it").isEmpty();
            assertThat(table.learn(NODE_2, OTHER_MAC)).as("learning 192.168.1.12 once the permanent entry is gone")
                    .isTrue();
        }

        @Test
        @DisplayName("reports false when there is nothing to delete")
        void removesNothing() {
            assertThat(table.remove(WEB_2)).as("remove(10.244.0.3) from an empty table").isFalse();
            table.learn(WEB_2, WEB_2_MAC);
            table.remove(WEB_2);
            assertThat(table.remove(WEB_2)).as("removing 10.244.0.3 a second time").isFalse();
            table.learn(GATEWAY, GATEWAY_MAC);
            assertThat(table.remove(WEB_2)).as("remove(10.244.0.3) when only 10.244.0.1 is known").isFalse();
            assertThat(table.entries()).as("a failed remove changes nothing")
                    .containsExactly(new Neighbour(GATEWAY, GATEWAY_MAC, false));
        }
    }

    @Nested
    @DisplayName("entries (ip neigh show)")
    class Entries {

        @Test
        @DisplayName("lists every entry by address, as unsigned numbers: 128.x after 10.x, 255.x last")
        void sortedByUnsignedAddress() {
            table.learn(ip("192.168.1.12"), OTHER_MAC);
            table.addPermanent(ip("128.0.0.0"), VTEP_MAC);
            table.learn(ip("10.244.0.10"), OTHER_MAC);
            table.learn(ip("255.255.255.254"), OTHER_MAC);
            table.learn(ip("10.244.0.2"), WEB_2_MAC);
            table.learn(ip("126.255.255.254"), OTHER_MAC);
            table.learn(ip("0.0.0.1"), GATEWAY_MAC);
            assertThat(table.entries()).as("entries by unsigned address: 128.0.0.0 after 126.x")
                    .containsExactly(
                            new Neighbour(ip("0.0.0.1"), GATEWAY_MAC, false),
                            new Neighbour(ip("10.244.0.2"), WEB_2_MAC, false),
                            new Neighbour(ip("10.244.0.10"), OTHER_MAC, false),
                            new Neighbour(ip("126.255.255.254"), OTHER_MAC, false),
                            new Neighbour(ip("128.0.0.0"), VTEP_MAC, true),
                            new Neighbour(ip("192.168.1.12"), OTHER_MAC, false),
                            new Neighbour(ip("255.255.255.254"), OTHER_MAC, false));
        }

        @Test
        @DisplayName("is not in insertion order")
        void notInsertionOrder() {
            table.learn(ip("10.244.0.3"), WEB_2_MAC);
            table.learn(ip("10.244.0.2"), OTHER_MAC);
            assertThat(table.entries()).as("10.244.0.2 was learned last but sorts first")
                    .extracting(Neighbour::address)
                    .containsExactly(ip("10.244.0.2"), ip("10.244.0.3"));
        }

        @Test
        @DisplayName("cannot be changed by the caller")
        void unmodifiable() {
            table.learn(WEB_2, WEB_2_MAC);
            List<Neighbour> entries = table.entries();
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("entries() is read-only (entries are written with learn or addPermanent): adding to it must"
                            + " throw")
                    .isThrownBy(() -> entries.add(new Neighbour(GATEWAY, GATEWAY_MAC, false)));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("entries() is read-only (an entry is deleted with remove): removing from it must throw")
                    .isThrownBy(() -> entries.remove(0));
            assertThat(table.lookup(WEB_2)).as("the table after trying to change entries()")
                    .contains(new Neighbour(WEB_2, WEB_2_MAC, false));
        }

        @Test
        @DisplayName("holds one entry per address, sorted unsigned, whatever is learned in whatever order")
        void oneSortedEntryPerAddress() {
            qt(SEED).withShrinkCycles(SHRINKS)
                    .forAll(named("steps", lists().of(integers().between(1, 1_000)).ofSizeBetween(0, 40)),
                            named("base", integers().all()))
                    .checkAssert((steps, base) -> {
                NeighbourTable t = new NeighbourTable();
                TreeSet<Long> expected = new TreeSet<>();
                for (int step : steps) {
                    // spread the addresses over the whole space, both halves of the signed int
                    long value = (Integer.toUnsignedLong(base) + step * 0x0100_0003L) & 0xFFFF_FFFFL;
                    if (value == 0 || value == 0xFFFF_FFFFL) {
                        continue;
                    }
                    Ipv4Address address = Ipv4Address.fromLong(value);
                    if (step % 3 == 0) {
                        t.addPermanent(address, MacAddress.of(step));
                    } else {
                        t.learn(address, MacAddress.of(step));
                    }
                    expected.add(value);
                }
                assertThat(t.entries()).as("addresses of entries() after learning %s from base %d (seed %d)",
                                steps, base, SEED)
                        .extracting(n -> n.address().toLong())
                        .containsExactlyElementsOf(expected);
            });
        }
    }

    @Nested
    @DisplayName("resolve (the next hop's MAC)")
    class Resolving {

        @Test
        @DisplayName("answers from a learned entry without asking the segment")
        void hitOnALearnedEntry() {
            CountingSegment segment = cni0().station(GATEWAY, OTHER_MAC);
            table.learn(GATEWAY, GATEWAY_MAC);
            assertThat(table.resolve(GATEWAY, segment)).as("resolve(10.244.0.1) with 10.244.0.1 in the table")
                    .isEqualTo(new Resolution.Cached(GATEWAY, GATEWAY_MAC, false));
            assertThat(segment.requests()).as("ARP requests sent for a cache hit (ARP happens only on a miss)")
                    .isZero();
        }

        @Test
        @DisplayName("answers from a permanent entry without asking, and reports it permanent")
        void hitOnAPermanentEntry() {
            CountingSegment segment = cni0().station(NODE_2, OTHER_MAC);
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.resolve(NODE_2, segment)).as("resolve(192.168.1.12) with flannel's permanent entry")
                    .isEqualTo(new Resolution.Cached(NODE_2, VTEP_MAC, true));
            assertThat(segment.requests()).as("ARP requests sent for a permanent entry").isZero();
        }

        @Test
        @DisplayName("on a miss asks the segment exactly once, for that address, and caches the reply")
        void missAsksOnceAndCaches() {
            CountingSegment segment = cni0().station(WEB_2, WEB_2_MAC).station(GATEWAY, GATEWAY_MAC);
            assertThat(table.resolve(WEB_2, segment)).as("resolve(10.244.0.3) on an empty table")
                    .isEqualTo(new Resolution.Replied(WEB_2, WEB_2_MAC, "cni0 on node-1"));
            assertThat(segment.asked()).as("the ARP requests broadcast: one 'who has 10.244.0.3?'")
                    .containsExactly(WEB_2);
            assertThat(table.entries()).as("the reply is cached as a learned entry, and nothing else")
                    .containsExactly(new Neighbour(WEB_2, WEB_2_MAC, false));
        }

        @Test
        @DisplayName("the second resolve of the same address is Cached, with no further ARP request")
        void secondResolveIsCached() {
            CountingSegment segment = cni0().station(WEB_2, WEB_2_MAC);
            table.resolve(WEB_2, segment);
            assertThat(table.resolve(WEB_2, segment)).as("resolving 10.244.0.3 a second time")
                    .isEqualTo(new Resolution.Cached(WEB_2, WEB_2_MAC, false));
            assertThat(table.resolve(WEB_2, segment)).as("resolving 10.244.0.3 a third time")
                    .isEqualTo(new Resolution.Cached(WEB_2, WEB_2_MAC, false));
            assertThat(segment.requests()).as("ARP requests for three resolves of 10.244.0.3").isEqualTo(1);
        }

        @Test
        @DisplayName("a cached answer for one address does not answer for another")
        void cachePerAddress() {
            CountingSegment segment = cni0().station(WEB_2, WEB_2_MAC).station(GATEWAY, GATEWAY_MAC);
            table.resolve(WEB_2, segment);
            assertThat(table.resolve(GATEWAY, segment)).as("resolve(10.244.0.1) after only 10.244.0.3 was cached")
                    .isEqualTo(new Resolution.Replied(GATEWAY, GATEWAY_MAC, "cni0 on node-1"));
            assertThat(segment.asked()).as("one ARP request per address").containsExactly(WEB_2, GATEWAY);
        }

        @Test
        @DisplayName("no reply is Unanswered, nothing is cached, and the next resolve asks again")
        void unansweredIsNotCached() {
            CountingSegment segment = cni0();
            Ipv4Address free = ip("10.244.0.77");
            assertThat(table.resolve(free, segment)).as("resolve(10.244.0.77) when no station owns it")
                    .isEqualTo(new Resolution.Unanswered(free, "cni0 on node-1"));
            assertThat(table.lookup(free)).as("a failed ARP must not leave an entry").isEmpty();
            assertThat(table.entries()).as("entries after a failed ARP").isEmpty();
            assertThat(table.resolve(free, segment)).as("resolve(10.244.0.77) a second time")
                    .isEqualTo(new Resolution.Unanswered(free, "cni0 on node-1"));
            assertThat(segment.asked()).as("a failure is not cached: each resolve broadcasts again")
                    .containsExactly(free, free);
        }

        @Test
        @DisplayName("after an unanswered request, a station that has come up is found")
        void answeredLater() {
            CountingSegment segment = cni0();
            table.resolve(WEB_2, segment);
            segment.station(WEB_2, WEB_2_MAC);
            assertThat(table.resolve(WEB_2, segment)).as("resolve(10.244.0.3) once web-2 is up")
                    .isEqualTo(new Resolution.Replied(WEB_2, WEB_2_MAC, "cni0 on node-1"));
            assertThat(table.lookup(WEB_2)).contains(new Neighbour(WEB_2, WEB_2_MAC, false));
        }

        @Test
        @DisplayName("names the segment it asked in the result")
        void namesTheSegment() {
            CountingSegment wire = new CountingSegment("the node network 192.168.1.0/24")
                    .station(NODE_2, OTHER_MAC);
            assertThat(table.resolve(NODE_2, wire)).isEqualTo(
                    new Resolution.Replied(NODE_2, OTHER_MAC, "the node network 192.168.1.0/24"));
            assertThat(table.resolve(ip("192.168.1.13"), wire)).isEqualTo(
                    new Resolution.Unanswered(ip("192.168.1.13"), "the node network 192.168.1.0/24"));
        }

        @Test
        @DisplayName("a learned entry replaced by addPermanent then resolves as permanent")
        void replacedEntryResolvesPermanent() {
            CountingSegment segment = cni0().station(NODE_2, OTHER_MAC);
            table.resolve(NODE_2, segment);
            table.addPermanent(NODE_2, VTEP_MAC);
            assertThat(table.resolve(NODE_2, segment)).as("resolve(192.168.1.12) after the agent's entry")
                    .isEqualTo(new Resolution.Cached(NODE_2, VTEP_MAC, true));
            assertThat(segment.requests()).as("ARP requests: only the first resolve").isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("rejects what is never a neighbour")
    class Rejecting {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0.0.0.0", "255.255.255.255"})
        @DisplayName("0.0.0.0 and 255.255.255.255 in every method that takes a neighbour")
        void unspecifiedAndBroadcast(String text) {
            Ipv4Address bad = ip(text);
            CountingSegment segment = cni0().station(bad, OTHER_MAC);
            assertThatIllegalArgumentException().as("lookup(%s)", text).isThrownBy(() -> table.lookup(bad));
            assertThatIllegalArgumentException().as("learn(%s, ...)", text)
                    .isThrownBy(() -> table.learn(bad, OTHER_MAC));
            assertThatIllegalArgumentException().as("addPermanent(%s, ...)", text)
                    .isThrownBy(() -> table.addPermanent(bad, OTHER_MAC));
            assertThatIllegalArgumentException().as("resolve(%s, ...)", text)
                    .isThrownBy(() -> table.resolve(bad, segment));
            assertThat(segment.requests()).as("ARP requests for %s: none, it is rejected first", text).isZero();
            assertThat(table.entries()).as("entries after the rejected calls for %s", text).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"0.0.0.1", "255.255.255.254"})
        @DisplayName("the addresses right next to them are accepted")
        void boundaries(String text) {
            Ipv4Address address = ip(text);
            assertThat(table.lookup(address)).as("lookup(%s) on an empty table", text).isEmpty();
            assertThat(table.learn(address, OTHER_MAC)).as("learn(%s)", text).isTrue();
            assertThat(table.resolve(address, cni0())).as("resolve(%s) after learning it", text)
                    .isEqualTo(new Resolution.Cached(address, OTHER_MAC, false));
            table.addPermanent(address, VTEP_MAC);
            assertThat(table.lookup(address)).as("lookup(%s) after addPermanent", text)
                    .contains(new Neighbour(address, VTEP_MAC, true));
            assertThat(table.remove(address)).as("remove(%s)", text).isTrue();
        }

        @Test
        @DisplayName("null in every argument")
        void nulls() {
            CountingSegment segment = cni0();
            assertThatIllegalArgumentException().as("lookup(null)").isThrownBy(() -> table.lookup(null));
            assertThatIllegalArgumentException().as("learn(null, mac)").isThrownBy(() -> table.learn(null, OTHER_MAC));
            assertThatIllegalArgumentException().as("learn(address, null)").isThrownBy(() -> table.learn(WEB_2, null));
            assertThatIllegalArgumentException().as("addPermanent(null, mac)")
                    .isThrownBy(() -> table.addPermanent(null, OTHER_MAC));
            assertThatIllegalArgumentException().as("addPermanent(address, null)")
                    .isThrownBy(() -> table.addPermanent(WEB_2, null));
            assertThatIllegalArgumentException().as("remove(null)").isThrownBy(() -> table.remove(null));
            assertThatIllegalArgumentException().as("resolve(null, segment)")
                    .isThrownBy(() -> table.resolve(null, segment));
            assertThatIllegalArgumentException().as("resolve(address, null)")
                    .isThrownBy(() -> table.resolve(WEB_2, null));
            assertThat(segment.requests()).as("ARP requests for rejected calls").isZero();
            assertThat(table.entries()).as("entries after the rejected calls").isEmpty();
        }

        @Test
        @DisplayName("a rejected learn or addPermanent leaves an existing entry alone")
        void rejectedWritesChangeNothing() {
            table.learn(WEB_2, WEB_2_MAC);
            assertThatIllegalArgumentException().isThrownBy(() -> table.learn(WEB_2, null));
            assertThatIllegalArgumentException().isThrownBy(() -> table.addPermanent(WEB_2, null));
            assertThatIllegalArgumentException().as("resolve(10.244.0.3, null) even with 10.244.0.3 cached")
                    .isThrownBy(() -> table.resolve(WEB_2, null));
            assertThat(table.entries()).as("entries after rejected writes for 10.244.0.3")
                    .containsExactly(new Neighbour(WEB_2, WEB_2_MAC, false));
        }
    }
}
