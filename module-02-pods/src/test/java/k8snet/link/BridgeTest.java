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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import k8snet.ip.Ipv4Address;

@DisplayName("Exercise 2.4 (part 2): a Linux bridge (cni0)")
class BridgeTest {

    private static final long SEED = 0x2_4000_0002L;
    private static final int SHRINKS = 300;

    private static final MacAddress CNI0_MAC = mac("10.244.0.1");
    private static final MacAddress WEB_1 = mac("10.244.0.2");
    private static final MacAddress WEB_2 = mac("10.244.0.3");
    private static final MacAddress WEB_3 = mac("10.244.0.4");
    private static final MacAddress STRANGER = mac("10.244.0.99");

    private Bridge cni0;

    private static MacAddress mac(String ip) {
        return MacAddress.forAddress(Ipv4Address.parse(ip));
    }

    private static Forwarding flood(String... ports) {
        return new Forwarding.Flood(List.of(ports));
    }

    private static Forwarding toPort(String port) {
        return new Forwarding.ToPort(port);
    }

    /** cni0 with veth1, veth2 and veth3 attached, in that order; nothing learned yet. */
    @BeforeEach
    void setUp() {
        cni0 = new Bridge("cni0", CNI0_MAC);
        cni0.attach("veth1");
        cni0.attach("veth2");
        cni0.attach("veth3");
    }

    @Nested
    @DisplayName("when it is created")
    class Creating {

        @Test
        @DisplayName("has its name, its own MAC and no ports")
        void newBridge() {
            Bridge bridge = new Bridge("cbr0", CNI0_MAC);
            assertThat(bridge.name()).as("the bridge's device name").isEqualTo("cbr0");
            assertThat(bridge.mac()).as("the MAC of the bridge's own interface").isEqualTo(CNI0_MAC);
            assertThat(bridge.ports()).as("ports of a new bridge").isEmpty();
            assertThat(bridge.portOf(WEB_1)).as("a new bridge has learned no MAC").isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "cni 0", "cni/0", "cni\t0", "abcdefghijklmnop", " cni0"})
        @DisplayName("rejects a name that is not a device name (1-15 characters, no spaces or '/')")
        void badName(String name) {
            assertThatIllegalArgumentException().as("new Bridge(\"%s\", ...)", name)
                    .isThrownBy(() -> new Bridge(name, CNI0_MAC));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"b", "abcdefghijklmno", "br-6f0b2c9a1d3e", "cni0"})
        @DisplayName("accepts device names from 1 to 15 characters")
        void goodName(String name) {
            assertThat(new Bridge(name, CNI0_MAC).name()).as("a bridge named \"%s\"", name).isEqualTo(name);
        }

        @Test
        @DisplayName("rejects a null name or MAC")
        void nulls() {
            assertThatIllegalArgumentException().as("new Bridge(null, mac)")
                    .isThrownBy(() -> new Bridge(null, CNI0_MAC));
            assertThatIllegalArgumentException().as("new Bridge(\"cni0\", null)")
                    .isThrownBy(() -> new Bridge("cni0", null));
        }
    }

    @Nested
    @DisplayName("attach and detach (ip link set vethX master cni0 / nomaster)")
    class Ports {

        @Test
        @DisplayName("lists the ports in attach order, not sorted")
        void attachOrder() {
            Bridge bridge = new Bridge("cni0", CNI0_MAC);
            for (String port : List.of("vethz", "veth9", "vetha", "tap0", "veth10", "eth1")) {
                bridge.attach(port);
            }
            assertThat(bridge.ports()).as("ports in the order they were attached")
                    .containsExactly("vethz", "veth9", "vetha", "tap0", "veth10", "eth1");
        }

        @Test
        @DisplayName("rejects a port that is attached already, and keeps the ports as they were")
        void duplicatePort() {
            assertThatIllegalArgumentException().as("attaching veth2 a second time")
                    .isThrownBy(() -> cni0.attach("veth2"));
            assertThat(cni0.ports()).as("ports after the rejected attach").containsExactly("veth1", "veth2", "veth3");
        }

        @Test
        @DisplayName("rejects the bridge's own name as a port: a bridge is not a port of itself")
        void ownName() {
            assertThatIllegalArgumentException().as("cni0.attach(\"cni0\")").isThrownBy(() -> cni0.attach("cni0"));
            assertThat(cni0.ports()).as("ports after the rejected attach").containsExactly("veth1", "veth2", "veth3");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "veth 4", "veth/4", "veth\t4", "veth0123456789ab"})
        @DisplayName("rejects a port name that is not a device name")
        void badPortName(String port) {
            assertThatIllegalArgumentException().as("attach(\"%s\")", port).isThrownBy(() -> cni0.attach(port));
            assertThat(cni0.ports()).as("ports after the rejected attach").containsExactly("veth1", "veth2", "veth3");
        }

        @Test
        @DisplayName("accepts port names of 1 and 15 characters")
        void portNameBoundaries() {
            cni0.attach("v");
            cni0.attach("veth0123456789a");
            assertThat(cni0.ports()).containsExactly("veth1", "veth2", "veth3", "v", "veth0123456789a");
        }

        @Test
        @DisplayName("detach removes the port and keeps the order of the others")
        void detach() {
            cni0.detach("veth2");
            assertThat(cni0.ports()).as("ports after detaching veth2").containsExactly("veth1", "veth3");
            cni0.attach("veth2");
            assertThat(cni0.ports()).as("a port attached again goes last").containsExactly("veth1", "veth3", "veth2");
        }

        @Test
        @DisplayName("detach rejects a device that is not a port, or null")
        void detachUnknown() {
            assertThatIllegalArgumentException().as("detach(\"veth9\")").isThrownBy(() -> cni0.detach("veth9"));
            assertThatIllegalArgumentException().as("detach(\"cni0\"), the bridge itself")
                    .isThrownBy(() -> cni0.detach("cni0"));
            assertThatIllegalArgumentException().as("detach(null)").isThrownBy(() -> cni0.detach(null));
            cni0.detach("veth1");
            assertThatIllegalArgumentException().as("detaching veth1 a second time")
                    .isThrownBy(() -> cni0.detach("veth1"));
            assertThat(cni0.ports()).containsExactly("veth2", "veth3");
        }

        @Test
        @DisplayName("attach rejects null")
        void attachNull() {
            assertThatIllegalArgumentException().as("attach(null)").isThrownBy(() -> cni0.attach(null));
        }

        @Test
        @DisplayName("ports() cannot be changed by the caller")
        void unmodifiable() {
            List<String> ports = cni0.ports();
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("ports() is read-only (a port is plugged in with attach): adding to it must throw")
                    .isThrownBy(() -> ports.add("veth4"));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("ports() is read-only (a port is unplugged with detach): removing from it must throw")
                    .isThrownBy(() -> ports.remove("veth1"));
            assertThat(cni0.ports()).containsExactly("veth1", "veth2", "veth3");
        }
    }

    /**
     * Placed before the learning group: these tests need nothing learned, so a bridge that floods a frame back out
     * of the port it came in on fails here first, under the flooding rule, rather than under a learning test.
     */
    @Nested
    @DisplayName("flooding, with nothing learned")
    class Flooding {

        @Test
        @DisplayName("a broadcast floods to every port but the one it came in on, in attach order")
        void broadcastFloods() {
            assertThat(cni0.receive("veth2", WEB_2, MacAddress.BROADCAST))
                    .as("an ARP request in on veth2 floods to veth1 and veth3, never back out of veth2")
                    .isEqualTo(flood("veth1", "veth3"));
            assertThat(cni0.receive("veth1", WEB_1, MacAddress.BROADCAST))
                    .as("an ARP request in on veth1 floods to veth2 and veth3, never back out of veth1")
                    .isEqualTo(flood("veth2", "veth3"));
            assertThat(cni0.receive("veth3", WEB_3, MacAddress.BROADCAST))
                    .as("an ARP request in on veth3 floods to veth1 and veth2, never back out of veth3")
                    .isEqualTo(flood("veth1", "veth2"));
        }

        @Test
        @DisplayName("a broadcast from the bridge itself floods to every port")
        void broadcastFromSelf() {
            assertThat(cni0.receive("cni0", CNI0_MAC, MacAddress.BROADCAST)).as("cni0's own ARP request")
                    .isEqualTo(flood("veth1", "veth2", "veth3"));
            Bridge empty = new Bridge("cni0", CNI0_MAC);
            assertThat(empty.receive("cni0", CNI0_MAC, MacAddress.BROADCAST))
                    .as("a broadcast on a bridge without ports")
                    .isEqualTo(flood());
        }

        @Test
        @DisplayName("a flood keeps attach order, whatever the port names")
        void floodOrderIsAttachOrder() {
            Bridge bridge = new Bridge("cni0", CNI0_MAC);
            for (String port : List.of("vethz", "veth9", "vetha", "tap0", "veth10")) {
                bridge.attach(port);
            }
            assertThat(bridge.receive("vetha", WEB_1, MacAddress.BROADCAST)).as("a broadcast in on vetha")
                    .isEqualTo(flood("vethz", "veth9", "tap0", "veth10"));
            assertThat(bridge.receive("cni0", CNI0_MAC, WEB_2)).as("an unknown unicast from cni0 itself")
                    .isEqualTo(flood("vethz", "veth9", "vetha", "tap0", "veth10"));
        }

        @Test
        @DisplayName("a frame in on a bridge with one port floods to no port")
        void singlePort() {
            Bridge bridge = new Bridge("cni0", CNI0_MAC);
            bridge.attach("veth1");
            assertThat(bridge.receive("veth1", WEB_1, MacAddress.BROADCAST)).as("a broadcast from the only port")
                    .isEqualTo(flood());
        }
    }

    @Nested
    @DisplayName("learning (bridge fdb show)")
    class Learning {

        @Test
        @DisplayName("learns the source MAC behind the port a frame came in on, never the destination")
        void learnsTheSource() {
            cni0.receive("veth1", WEB_1, WEB_2);
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC, the source of a frame in on veth1").contains("veth1");
            assertThat(cni0.portOf(WEB_2)).as("web-2's MAC was only the destination: nothing is known about it")
                    .isEmpty();
        }

        @Test
        @DisplayName("learns from every kind of frame: broadcast, unknown unicast, for the bridge itself")
        void learnsFromEveryFrame() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            cni0.receive("veth2", WEB_2, STRANGER);
            cni0.receive("veth3", WEB_3, CNI0_MAC);
            assertThat(cni0.portOf(WEB_1)).as("source of a broadcast in on veth1").contains("veth1");
            assertThat(cni0.portOf(WEB_2)).as("source of an unknown unicast in on veth2").contains("veth2");
            assertThat(cni0.portOf(WEB_3)).as("source of a frame for cni0 in on veth3").contains("veth3");
            assertThat(cni0.portOf(STRANGER)).as("a destination is never learned").isEmpty();
            assertThat(cni0.portOf(CNI0_MAC)).as("cni0's own MAC was only a destination").isEmpty();
        }

        @Test
        @DisplayName("moves a MAC that shows up on another port")
        void macMoves() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            cni0.receive("veth3", WEB_1, MacAddress.BROADCAST);
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC after it was seen on veth3").contains("veth3");
            assertThat(cni0.receive("veth2", WEB_2, WEB_1)).as("a frame for web-1's MAC after it moved")
                    .isEqualTo(toPort("veth3"));
        }

        @Test
        @DisplayName("frames from the bridge's own interface (inPort = its name) teach nothing")
        void selfTeachesNothing() {
            cni0.receive("cni0", WEB_1, MacAddress.BROADCAST);
            cni0.receive("cni0", CNI0_MAC, WEB_2);
            assertThat(cni0.portOf(WEB_1)).as("a source sent from cni0 itself is behind no port").isEmpty();
            assertThat(cni0.portOf(CNI0_MAC)).as("cni0's own MAC is behind no port").isEmpty();
            assertThat(cni0.receive("veth2", WEB_2, WEB_1))
                    .as("web-1's MAC is still unknown, so a frame for it in on veth2 floods to every other port:"
                            + " veth1 and veth3")
                    .isEqualTo(flood("veth1", "veth3"));
        }

        @Test
        @DisplayName("a frame from the bridge itself does not move a MAC learned behind a port")
        void selfDoesNotMove() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            cni0.receive("cni0", WEB_1, WEB_2);
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC after cni0 sent a frame with it as source")
                    .contains("veth1");
        }

        @Test
        @DisplayName("portOf rejects null")
        void portOfNull() {
            assertThatIllegalArgumentException().as("portOf(null)").isThrownBy(() -> cni0.portOf(null));
        }

        @Test
        @DisplayName("detach forgets every MAC learned behind the port, and only those")
        void detachForgets() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            cni0.receive("veth1", STRANGER, MacAddress.BROADCAST);
            cni0.receive("veth2", WEB_2, MacAddress.BROADCAST);
            cni0.detach("veth1");
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC after veth1 was detached").isEmpty();
            assertThat(cni0.portOf(STRANGER)).as("the second MAC behind veth1 after it was detached").isEmpty();
            assertThat(cni0.portOf(WEB_2)).as("web-2's MAC behind veth2 stays").contains("veth2");
            assertThat(cni0.receive("veth2", WEB_2, WEB_1)).as("a frame for web-1's forgotten MAC floods again")
                    .isEqualTo(flood("veth3"));
            cni0.attach("veth1");
            assertThat(cni0.portOf(WEB_1)).as("attaching veth1 again brings nothing learned back").isEmpty();
            assertThat(cni0.receive("veth2", WEB_2, WEB_1)).as("still unknown after veth1 is back: flood")
                    .isEqualTo(flood("veth3", "veth1"));
        }
    }

    @Nested
    @DisplayName("forwarding")
    class Forwards {

        @Test
        @DisplayName("a frame for the bridge's own MAC goes up, from a port and from the bridge itself")
        void upForOwnMac() {
            assertThat(cni0.receive("veth1", WEB_1, CNI0_MAC)).as("a frame from web-1 for cni0's MAC")
                    .isEqualTo(new Forwarding.Up());
            assertThat(cni0.receive("cni0", WEB_2, CNI0_MAC)).as("a frame from cni0 itself for its own MAC")
                    .isEqualTo(new Forwarding.Up());
        }

        @Test
        @DisplayName("up wins even when the bridge's own MAC was seen behind a port")
        void upBeforeKnownUnicast() {
            cni0.receive("veth1", CNI0_MAC, MacAddress.BROADCAST);
            assertThat(cni0.receive("veth2", WEB_2, CNI0_MAC)).as("a frame for cni0's MAC, which veth1 claimed")
                    .isEqualTo(new Forwarding.Up());
            assertThat(cni0.receive("veth1", WEB_1, CNI0_MAC)).as("a frame for cni0's MAC in on that very port")
                    .isEqualTo(new Forwarding.Up());
        }

        @Test
        @DisplayName("a destination learned behind a port goes out that port only")
        void knownUnicast() {
            cni0.receive("veth2", WEB_2, MacAddress.BROADCAST);
            assertThat(cni0.receive("veth1", WEB_1, WEB_2)).as("web-1 -> web-2, web-2 learned behind veth2")
                    .isEqualTo(toPort("veth2"));
            assertThat(cni0.receive("veth3", WEB_3, WEB_1)).as("web-3 -> web-1, web-1 learned a moment ago")
                    .isEqualTo(toPort("veth1"));
            assertThat(cni0.receive("cni0", CNI0_MAC, WEB_3)).as("cni0 itself -> web-3, learned behind veth3")
                    .isEqualTo(toPort("veth3"));
        }

        @Test
        @DisplayName("a broadcast floods even after every station is learned")
        void broadcastAlwaysFloods() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            cni0.receive("veth2", WEB_2, MacAddress.BROADCAST);
            cni0.receive("veth3", WEB_3, MacAddress.BROADCAST);
            assertThat(cni0.receive("veth1", WEB_1, MacAddress.BROADCAST)).as("a broadcast in on veth1")
                    .isEqualTo(flood("veth2", "veth3"));
        }

        @Test
        @DisplayName("a destination not learned yet floods like a broadcast")
        void unknownUnicastFloods() {
            cni0.receive("veth3", WEB_3, MacAddress.BROADCAST);
            assertThat(cni0.receive("veth1", WEB_1, WEB_2)).as("web-1 -> web-2 before web-2 sent anything")
                    .isEqualTo(flood("veth2", "veth3"));
            assertThat(cni0.receive("veth2", WEB_2, STRANGER)).as("web-2 -> a MAC nobody has sent from")
                    .isEqualTo(flood("veth1", "veth3"));
        }

        @Test
        @DisplayName("a destination learned behind the in-port is filtered (802.1D)")
        void filtered() {
            cni0.receive("veth1", WEB_1, MacAddress.BROADCAST);
            assertThat(cni0.receive("veth1", STRANGER, WEB_1))
                    .as("a frame for web-1's MAC that came in on veth1, where web-1 is")
                    .isEqualTo(new Forwarding.Filtered());
            assertThat(cni0.portOf(STRANGER)).as("the filtered frame's source is still learned").contains("veth1");
            assertThat(cni0.receive("veth1", WEB_1, STRANGER)).as("and the other way round")
                    .isEqualTo(new Forwarding.Filtered());
        }

        @Test
        @DisplayName("a frame's own source as destination is filtered: it was just learned on the in-port")
        void toItself() {
            assertThat(cni0.receive("veth2", WEB_2, WEB_2)).as("web-2 -> web-2 in on veth2")
                    .isEqualTo(new Forwarding.Filtered());
        }
    }

    @Nested
    @DisplayName("rejects a frame it cannot take")
    class Rejecting {

        @Test
        @DisplayName("with the broadcast address as source, and learns nothing from it")
        void broadcastSource() {
            assertThatIllegalArgumentException().as("a frame from ff:ff:ff:ff:ff:ff in on veth1")
                    .isThrownBy(() -> cni0.receive("veth1", MacAddress.BROADCAST, WEB_2));
            assertThatIllegalArgumentException().as("a frame from ff:ff:ff:ff:ff:ff sent by cni0 itself")
                    .isThrownBy(() -> cni0.receive("cni0", MacAddress.BROADCAST, WEB_2));
            assertThat(cni0.portOf(MacAddress.BROADCAST)).as("the broadcast address is never behind a port")
                    .isEmpty();
        }

        @Test
        @DisplayName("in on a device that is not a port, and learns nothing from it")
        void unknownInPort() {
            assertThatIllegalArgumentException().as("a frame in on veth9, not a port of cni0")
                    .isThrownBy(() -> cni0.receive("veth9", WEB_1, MacAddress.BROADCAST));
            assertThatIllegalArgumentException().as("a frame in on cni1, not cni0's name")
                    .isThrownBy(() -> cni0.receive("cni1", WEB_1, MacAddress.BROADCAST));
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC after the rejected frames").isEmpty();
        }

        @Test
        @DisplayName("in on a port that was detached")
        void detachedInPort() {
            cni0.detach("veth2");
            assertThatIllegalArgumentException().as("a frame in on veth2 after it was detached")
                    .isThrownBy(() -> cni0.receive("veth2", WEB_2, MacAddress.BROADCAST));
            assertThat(cni0.portOf(WEB_2)).as("web-2's MAC after the rejected frame").isEmpty();
        }

        @Test
        @DisplayName("with a null argument")
        void nulls() {
            assertThatIllegalArgumentException().as("receive(null, ...)")
                    .isThrownBy(() -> cni0.receive(null, WEB_1, WEB_2));
            assertThatIllegalArgumentException().as("receive(\"veth1\", null, ...)")
                    .isThrownBy(() -> cni0.receive("veth1", null, WEB_2));
            assertThatIllegalArgumentException().as("receive(\"veth1\", web-1, null)")
                    .isThrownBy(() -> cni0.receive("veth1", WEB_1, null));
            assertThat(cni0.portOf(WEB_1)).as("web-1's MAC after a rejected frame with no destination").isEmpty();
        }
    }

    @Nested
    @DisplayName("over any sequence of frames")
    class Properties {

        private static final List<String> PORTS = List.of("veth3", "veth1", "veth4", "veth2");
        private static final List<MacAddress> STATIONS = List.of(WEB_1, WEB_2, WEB_3, STRANGER);

        @Test
        @DisplayName("learns the last port each source came in on, and forwards by the four rules in order")
        void followsTheRules() {
            // one frame = in-port (4 ports or cni0 itself) x source (4 stations) x destination (4 stations,
            // cni0's MAC, broadcast)
            qt(SEED).withShrinkCycles(SHRINKS)
                    .forAll(named("frames (each encodes a port, source and destination)",
                            lists().of(integers().between(0, 5 * 4 * 6 - 1)).ofSizeBetween(1, 30)))
                    .checkAssert(frames -> {
                Bridge bridge = new Bridge("cni0", CNI0_MAC);
                PORTS.forEach(bridge::attach);
                Map<MacAddress, String> learned = new HashMap<>();
                List<String> seen = new ArrayList<>();
                for (int frame : frames) {
                    int p = frame % 5;
                    String in = p == 4 ? "cni0" : PORTS.get(p);
                    MacAddress source = STATIONS.get(frame / 5 % 4);
                    int d = frame / 20;
                    MacAddress destination = d < 4 ? STATIONS.get(d) : d == 4 ? CNI0_MAC : MacAddress.BROADCAST;
                    seen.add(in + " " + source + " -> " + destination);
                    if (p != 4) {
                        learned.put(source, in);
                    }
                    Forwarding expected;
                    if (destination.equals(CNI0_MAC)) {
                        expected = new Forwarding.Up();
                    } else if (!destination.isBroadcast() && learned.containsKey(destination)) {
                        expected = learned.get(destination).equals(in) ? new Forwarding.Filtered()
                                : new Forwarding.ToPort(learned.get(destination));
                    } else {
                        List<String> out = new ArrayList<>(PORTS);
                        out.remove(in);
                        expected = new Forwarding.Flood(out);
                    }
                    assertThat(bridge.receive(in, source, destination))
                            .as("the last of the frames %s (seed %d)", seen, SEED)
                            .isEqualTo(expected);
                }
                for (MacAddress station : STATIONS) {
                    assertThat(bridge.portOf(station))
                            .as("where %s was last seen after the frames %s (seed %d)", station, seen, SEED)
                            .isEqualTo(Optional.ofNullable(learned.get(station)));
                }
            });
        }
    }
}
