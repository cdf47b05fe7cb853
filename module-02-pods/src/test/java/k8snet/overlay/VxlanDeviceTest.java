package k8snet.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.trace.Headers;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("Exercise 2.6, part 1: the VXLAN device flannel.1")
class VxlanDeviceTest {

    private static final Ipv4Address NODE1 = Ipv4Address.parse("192.168.1.11");
    private static final Ipv4Address NODE2 = Ipv4Address.parse("192.168.1.12");
    private static final Ipv4Address NODE3 = Ipv4Address.parse("192.168.2.13");
    private static final MacAddress VTEP1 = MacAddress.forAddress(Ipv4Address.parse("10.244.0.0"));
    private static final MacAddress VTEP2 = MacAddress.forAddress(Ipv4Address.parse("10.244.1.0"));
    private static final MacAddress VTEP3 = MacAddress.forAddress(Ipv4Address.parse("10.244.2.0"));

    /** A pod on node-1 talking to a pod on node-2. */
    private static final Headers INNER = Headers.of(Protocol.TCP, SocketAddress.of("10.244.0.2", 49152),
            SocketAddress.of("10.244.1.2", 5432));

    private VxlanDevice flannel;

    private static VxlanDevice flannelOn(Ipv4Address node, MacAddress mac) {
        return new VxlanDevice("flannel.1", VxlanDevice.FLANNEL_VNI, VxlanDevice.LINUX_PORT, node, mac);
    }

    @BeforeEach
    void setUp() {
        flannel = flannelOn(NODE1, VTEP1);
    }

    @Nested
    @DisplayName("is defined by RFC 7348 and flannel's defaults")
    class Constants {

        @Test
        @DisplayName("50 bytes of overhead, IANA port 4789, Linux port 8472, flannel's VNI 1, and a device that uses them")
        void constants() {
            assertThat(VxlanDevice.OVERHEAD).as("outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8").isEqualTo(50);
            assertThat(VxlanDevice.IANA_PORT).as("RFC 7348's UDP port").isEqualTo(4789);
            assertThat(VxlanDevice.LINUX_PORT).as("the Linux kernel's and flannel's UDP port").isEqualTo(8472);
            assertThat(VxlanDevice.FLANNEL_VNI).as("flannel's VNI").isEqualTo(1);
            assertThat(VxlanDevice.innerMtu(1500)).as("a pod on a 1500-byte network").isEqualTo(1500 - 50);
            assertThat(flannel.name()).isEqualTo("flannel.1");
            assertThat(flannel.vni()).isEqualTo(1);
            assertThat(flannel.port()).isEqualTo(8472);
            assertThat(flannel.localIp()).as("the outer source is node-1's address").isEqualTo(NODE1);
            assertThat(flannel.mac()).as("the VTEP MAC other nodes point at node-1 with").isEqualTo(VTEP1);
        }

        @Test
        @DisplayName("keeps the name, VNI, port, address and MAC it was made with")
        void keepsItsSettings() {
            VxlanDevice other = new VxlanDevice("vxlan42", 42, VxlanDevice.IANA_PORT, NODE3, VTEP3);
            assertThat(other.name()).isEqualTo("vxlan42");
            assertThat(other.vni()).isEqualTo(42);
            assertThat(other.port()).isEqualTo(4789);
            assertThat(other.localIp()).isEqualTo(NODE3);
            assertThat(other.mac()).isEqualTo(VTEP3);
        }
    }

    @Nested
    @DisplayName("tells a pod which MTU fits inside the tunnel")
    class InnerMtu {

        @ParameterizedTest(name = "an underlay MTU of {0} leaves {1} bytes for the pod")
        @DisplayName("takes the 50 bytes of VXLAN off the underlay MTU")
        @CsvSource({
            "1500,  1450",
            "9000,  8950",
            "118,   68",
            "119,   69",
            "65535, 65485",
        })
        void subtractsOverhead(int underlay, int inner) {
            assertThat(VxlanDevice.innerMtu(underlay))
                    .as("VXLAN's outer headers take 50 bytes of the node network's %d-byte MTU", underlay)
                    .isEqualTo(inner);
        }

        @ParameterizedTest(name = "rejects an underlay MTU of {0}")
        @DisplayName("rejects an MTU that leaves less than IPv4's 68 bytes, or above 65535")
        @ValueSource(ints = {117, 68, 50, 0, -1, 65536, 100_000})
        void rejects(int underlay) {
            assertThatIllegalArgumentException()
                    .as("an underlay MTU of %d is impossible for VXLAN over IPv4", underlay)
                    .isThrownBy(() -> VxlanDevice.innerMtu(underlay))
                    .withMessageContaining(String.valueOf(underlay));
        }
    }

    @Nested
    @DisplayName("keeps a forwarding database (FDB)")
    class Fdb {

        @Test
        @DisplayName("knows no remote VTEP at first")
        void emptyAtFirst() {
            assertThat(flannel.remoteFor(VTEP2)).as("a new device has an empty FDB").isEmpty();
            assertThat(flannel.removeForwarding(VTEP2)).as("nothing to remove in an empty FDB").isFalse();
        }

        @Test
        @DisplayName("maps each VTEP MAC to the node address behind it")
        void addsEntries() {
            flannel.addForwarding(VTEP2, NODE2);
            flannel.addForwarding(VTEP3, NODE3);
            assertThat(flannel.remoteFor(VTEP2)).as("node-2's VTEP is behind 192.168.1.12").contains(NODE2);
            assertThat(flannel.remoteFor(VTEP3)).as("node-3's VTEP is behind 192.168.2.13").contains(NODE3);
            assertThat(flannel.remoteFor(VTEP1)).as("node-1's own VTEP was never added").isEmpty();
        }

        @Test
        @DisplayName("replaces the entry of a VTEP that moved to another node address")
        void replacesEntries() {
            flannel.addForwarding(VTEP2, NODE2);
            flannel.addForwarding(VTEP2, NODE3);
            assertThat(flannel.remoteFor(VTEP2)).as("one entry per MAC: the newer one wins").contains(NODE3);
        }

        @Test
        @DisplayName("removes one entry and keeps the others")
        void removesEntries() {
            flannel.addForwarding(VTEP2, NODE2);
            flannel.addForwarding(VTEP3, NODE3);
            assertThat(flannel.removeForwarding(VTEP2)).as("there was an entry for node-2's VTEP").isTrue();
            assertThat(flannel.remoteFor(VTEP2)).as("node-2's entry is gone").isEmpty();
            assertThat(flannel.remoteFor(VTEP3)).as("node-3's entry stays").contains(NODE3);
            assertThat(flannel.removeForwarding(VTEP2)).as("removing it twice finds nothing the second time").isFalse();
        }

        @Test
        @DisplayName("rejects null, and the broadcast MAC as a VTEP")
        void rejects() {
            assertThatIllegalArgumentException().as("a VTEP is one station, never ff:ff:ff:ff:ff:ff")
                    .isThrownBy(() -> flannel.addForwarding(MacAddress.BROADCAST, NODE2));
            assertThat(flannel.remoteFor(MacAddress.BROADCAST)).as("the rejected entry is not stored").isEmpty();
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.addForwarding(null, NODE2));
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.addForwarding(VTEP2, null));
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.removeForwarding(null));
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.remoteFor(null));
        }
    }

    @Nested
    @DisplayName("encapsulates")
    class Encapsulate {

        @Test
        @DisplayName("wraps the packet in UDP from its own address to the VTEP's node, on its port and VNI")
        void wraps() {
            flannel.addForwarding(VTEP2, NODE2);
            Optional<Headers> outer = flannel.encapsulate(INNER, VTEP2);
            assertThat(outer).as("node-2's VTEP is in the FDB, so the packet can be wrapped").isPresent();
            Headers h = outer.orElseThrow();
            assertThat(h.tunnel())
                    .as("the outer header goes UDP 192.168.1.11 -> 192.168.1.12:8472 with VNI 1")
                    .contains(new Headers.Tunnel(NODE1, NODE2, 8472, 1));
            assertThat(h.protocol()).as("the inner protocol is kept").isEqualTo(Protocol.TCP);
            assertThat(h.source()).as("the inner source (the pod) is kept: VXLAN does no NAT")
                    .isEqualTo(INNER.source());
            assertThat(h.destination()).as("the inner destination (the pod) is kept").isEqualTo(INNER.destination());
            assertThat(h.outsideTunnel()).isEqualTo(INNER);
        }

        @Test
        @DisplayName("uses the device's own VNI and port, and the FDB's current entry")
        void usesItsSettings() {
            VxlanDevice other = new VxlanDevice("vxlan42", 42, VxlanDevice.IANA_PORT, NODE3, VTEP3);
            other.addForwarding(VTEP2, NODE1);
            other.addForwarding(VTEP2, NODE2);
            assertThat(other.encapsulate(INNER, VTEP2))
                    .as("a device on 192.168.2.13 with VNI 42 and port 4789 wraps for the VTEP's newest address")
                    .contains(INNER.inside(new Headers.Tunnel(NODE3, NODE2, 4789, 42)));
        }

        @Test
        @DisplayName("gives nothing for a VTEP the FDB does not know")
        void unknownVtep() {
            flannel.addForwarding(VTEP2, NODE2);
            assertThat(flannel.encapsulate(INNER, VTEP3))
                    .as("without an FDB entry the device does not know which node to send to: no tunnel")
                    .isEmpty();
            flannel.removeForwarding(VTEP2);
            assertThat(flannel.encapsulate(INNER, VTEP2)).as("a removed entry is unknown again").isEmpty();
        }

        @Test
        @DisplayName("rejects a packet already in a tunnel, and nulls")
        void rejects() {
            flannel.addForwarding(VTEP2, NODE2);
            Headers wrapped = INNER.inside(new Headers.Tunnel(NODE3, NODE1, 8472, 1));
            assertThatIllegalArgumentException().as("a packet is wrapped once, not twice")
                    .isThrownBy(() -> flannel.encapsulate(wrapped, VTEP2));
            VxlanDevice empty = flannelOn(NODE1, VTEP1);
            assertThatIllegalArgumentException().as("wrapping twice is an error whatever the FDB holds: here the VTEP "
                    + "is unknown too, and the answer is still the error, not an empty result")
                    .isThrownBy(() -> empty.encapsulate(wrapped, VTEP2));
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.encapsulate(null, VTEP2));
            assertThatIllegalArgumentException().isThrownBy(() -> flannel.encapsulate(INNER, null));
        }
    }

    @Nested
    @DisplayName("decapsulates")
    class Decapsulate {

        private VxlanDevice node2;

        @BeforeEach
        void node2() {
            node2 = flannelOn(NODE2, VTEP2);
        }

        @Test
        @DisplayName("a packet for its address, port and VNI, giving back the inner headers")
        void unwraps() {
            flannel.addForwarding(VTEP2, NODE2);
            Headers outer = flannel.encapsulate(INNER, VTEP2).orElseThrow();
            Headers inner = node2.decapsulate(outer);
            assertThat(inner).as("node-2 takes off the outer header and finds node-1's pod packet unchanged")
                    .isEqualTo(INNER);
            assertThat(inner.tunnel()).as("after decapsulation the packet is no longer in a tunnel").isEmpty();
            assertThat(node2.decapsulate(INNER.inside(new Headers.Tunnel(NODE3, NODE2, 8472, 1))))
                    .as("any node may be the outer source").isEqualTo(INNER);
        }

        @Test
        @DisplayName("rejects a packet for another node's address, and says so")
        void wrongDestination() {
            Headers outer = INNER.inside(new Headers.Tunnel(NODE1, NODE3, 8472, 1));
            assertThatIllegalArgumentException()
                    .as("a packet for 192.168.2.13 is not node-2's to unwrap")
                    .isThrownBy(() -> node2.decapsulate(outer))
                    .withMessageContaining("192.168.2.13");
            Headers sentByNode2 = INNER.inside(new Headers.Tunnel(NODE2, NODE3, 8472, 1));
            assertThatIllegalArgumentException()
                    .as("a packet node-2 itself sent to 192.168.2.13 is still not node-2's to unwrap: only the outer "
                            + "destination decides")
                    .isThrownBy(() -> node2.decapsulate(sentByNode2))
                    .withMessageContaining("192.168.2.13");
        }

        @Test
        @DisplayName("rejects a packet on another UDP port, and says so")
        void wrongPort() {
            Headers outer = INNER.inside(new Headers.Tunnel(NODE1, NODE2, 4789, 1));
            assertThatIllegalArgumentException()
                    .as("flannel.1 listens on 8472, not on IANA's 4789")
                    .isThrownBy(() -> node2.decapsulate(outer))
                    .withMessageContaining("4789")
                    .withMessageMatching("(?is).*port.*");
        }

        @Test
        @DisplayName("rejects a packet of another VNI, and says so")
        void wrongVni() {
            Headers outer = INNER.inside(new Headers.Tunnel(NODE1, NODE2, 8472, 4242));
            assertThatIllegalArgumentException()
                    .as("VNI 4242 is another overlay network than flannel's VNI 1")
                    .isThrownBy(() -> node2.decapsulate(outer))
                    .withMessageContaining("4242")
                    .withMessageMatching("(?is).*vni.*");
        }

        @Test
        @DisplayName("rejects a packet that is not in a tunnel, and null")
        void notTunnelled() {
            assertThatIllegalArgumentException().as("a plain packet has no outer header to remove")
                    .isThrownBy(() -> node2.decapsulate(INNER));
            assertThatIllegalArgumentException().isThrownBy(() -> node2.decapsulate(null));
        }
    }

    @Nested
    @DisplayName("is made only with valid settings")
    class Construction {

        @ParameterizedTest(name = "VNI {0}")
        @DisplayName("accepts every 24-bit VNI, 0 to 16,777,215")
        @ValueSource(ints = {0, 1, 16_777_215})
        void acceptsVni(int vni) {
            assertThat(new VxlanDevice("flannel.1", vni, 8472, NODE1, VTEP1).vni()).isEqualTo(vni);
        }

        @ParameterizedTest(name = "VNI {0}")
        @DisplayName("rejects a VNI that does not fit 24 bits")
        @ValueSource(ints = {-1, 16_777_216, Integer.MAX_VALUE, Integer.MIN_VALUE})
        void rejectsVni(int vni) {
            assertThatIllegalArgumentException().as("the VXLAN header has 24 bits for the VNI")
                    .isThrownBy(() -> new VxlanDevice("flannel.1", vni, 8472, NODE1, VTEP1));
        }

        @ParameterizedTest(name = "port {0}")
        @DisplayName("accepts UDP ports 1 to 65535")
        @ValueSource(ints = {1, 4789, 8472, 65535})
        void acceptsPort(int port) {
            assertThat(new VxlanDevice("flannel.1", 1, port, NODE1, VTEP1).port()).isEqualTo(port);
        }

        @ParameterizedTest(name = "port {0}")
        @DisplayName("rejects port 0 and ports above 65535")
        @ValueSource(ints = {0, -1, 65536, 100_000})
        void rejectsPort(int port) {
            assertThatIllegalArgumentException().as("a VXLAN device listens on a UDP port from 1 to 65535")
                    .isThrownBy(() -> new VxlanDevice("flannel.1", 1, port, NODE1, VTEP1));
        }

        @Test
        @DisplayName("rejects a null or invalid name, a null address or MAC")
        void rejectsNulls() {
            assertThatIllegalArgumentException().isThrownBy(() -> new VxlanDevice(null, 1, 8472, NODE1, VTEP1));
            for (String bad : new String[] {"", "flannel.1.vxlan.dev", "flannel 1", "flannel/1"}) {
                assertThatIllegalArgumentException()
                        .as("\"%s\" is no interface name (Interface.checkName: 1-15 characters, no space or '/')", bad)
                        .isThrownBy(() -> new VxlanDevice(bad, 1, 8472, NODE1, VTEP1));
            }
            assertThatIllegalArgumentException().isThrownBy(() -> new VxlanDevice("flannel.1", 1, 8472, null, VTEP1));
            assertThatIllegalArgumentException().isThrownBy(() -> new VxlanDevice("flannel.1", 1, 8472, NODE1, null));
        }
    }
}
