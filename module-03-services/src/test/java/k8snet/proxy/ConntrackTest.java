package k8snet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import k8snet.ip.Ipv4Address;
import k8snet.sim.ManualClock;
import k8snet.trace.Headers;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("Connection tracking: the table that keeps a flow on its backend (exercise 3.5, part 1)")
class ConntrackTest {

    /** A client pod's socket, the Service it connects to, and two backends of that Service. */
    private static final SocketAddress CLIENT = SocketAddress.of("10.244.0.5", 49152);
    private static final SocketAddress SERVICE = SocketAddress.of("10.96.0.10", 80);
    private static final SocketAddress OTHER_SERVICE = SocketAddress.of("10.96.0.20", 80);
    private static final SocketAddress WEB_A = SocketAddress.of("10.244.1.2", 8080);
    private static final SocketAddress WEB_B = SocketAddress.of("10.244.2.2", 8080);

    private static final Headers FIRST = Headers.of(Protocol.TCP, CLIENT, SERVICE);
    private static final Headers FIRST_UDP = Headers.of(Protocol.UDP, CLIENT, SERVICE);

    /** The clock does not start at the epoch, so a flow created "at 0" by mistake shows. */
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final Conntrack table = new Conntrack(clock);

    private static Headers tcp(SocketAddress from, SocketAddress to) {
        return Headers.of(Protocol.TCP, from, to);
    }

    private static SocketAddress clientPort(int port) {
        return new SocketAddress(CLIENT.address(), k8snet.transport.Port.of(port));
    }

    private static Headers.Tunnel vxlan() {
        return new Headers.Tunnel(Ipv4Address.parse("192.168.1.11"), Ipv4Address.parse("192.168.1.12"), 8472, 1);
    }

    @Nested
    @DisplayName("is built with a clock and two idle timeouts")
    class Construction {

        @Test
        @DisplayName("a null clock or timeout is rejected with an IllegalArgumentException")
        void nulls() {
            Duration tcp = Duration.ofMinutes(5);
            Duration udp = Duration.ofSeconds(10);
            assertThatIllegalArgumentException().as("new Conntrack(null): a table needs a clock to age its flows")
                    .isThrownBy(() -> new Conntrack(null));
            assertThatIllegalArgumentException().as("new Conntrack(null, tcp, udp)")
                    .isThrownBy(() -> new Conntrack(null, tcp, udp));
            assertThatIllegalArgumentException().as("a null TCP timeout")
                    .isThrownBy(() -> new Conntrack(clock, null, udp));
            assertThatIllegalArgumentException().as("a null UDP timeout")
                    .isThrownBy(() -> new Conntrack(clock, tcp, null));
        }

        @ParameterizedTest(name = "a TCP timeout of {0} is rejected, and the message quotes it")
        @CsvSource({"PT0S", "PT-1S", "PT-0.000000001S", "PT-24H"})
        void tcpTimeoutNotPositive(String text) {
            Duration bad = Duration.parse(text);
            assertThatIllegalArgumentException()
                    .as("an idle timeout of %s would expire every flow at once (or before it started)", bad)
                    .isThrownBy(() -> new Conntrack(clock, bad, Conntrack.UDP_TIMEOUT))
                    .withMessageContaining(bad.toString());
        }

        @ParameterizedTest(name = "a UDP timeout of {0} is rejected, and the message quotes it")
        @CsvSource({"PT0S", "PT-30S", "PT-0.000000001S"})
        void udpTimeoutNotPositive(String text) {
            Duration bad = Duration.parse(text);
            assertThatIllegalArgumentException()
                    .as("an idle timeout of %s would expire every flow at once (or before it started)", bad)
                    .isThrownBy(() -> new Conntrack(clock, Conntrack.TCP_TIMEOUT, bad))
                    .withMessageContaining(bad.toString());
        }

        @Test
        @DisplayName("the smallest positive timeouts, one nanosecond, are accepted")
        void oneNanosecondIsPositive() {
            Conntrack tiny = new Conntrack(clock, Duration.ofNanos(1), Duration.ofNanos(1));
            assertThat(tiny.timeout(Protocol.TCP)).as("1 ns is positive: accepted").isEqualTo(Duration.ofNanos(1));
            assertThat(tiny.timeout(Protocol.UDP)).isEqualTo(Duration.ofNanos(1));
        }

        @Test
        @DisplayName("by default TCP flows live 24 hours idle and UDP flows 30 seconds")
        void defaults() {
            assertThat(Conntrack.TCP_TIMEOUT).as("kube-proxy's --conntrack-tcp-timeout-established default")
                    .isEqualTo(Duration.ofHours(24));
            assertThat(Conntrack.UDP_TIMEOUT).as("the kernel's nf_conntrack_udp_timeout default")
                    .isEqualTo(Duration.ofSeconds(30));
            assertThat(table.timeout(Protocol.TCP)).as("new Conntrack(clock).timeout(TCP)")
                    .isEqualTo(Duration.ofHours(24));
            assertThat(table.timeout(Protocol.UDP)).as("new Conntrack(clock).timeout(UDP)")
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        @DisplayName("timeout(protocol) gives each protocol its own timeout, as passed")
        void customTimeouts() {
            Conntrack custom = new Conntrack(clock, Duration.ofMinutes(5), Duration.ofSeconds(7));
            assertThat(custom.timeout(Protocol.TCP)).as("the TCP timeout is the second argument")
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(custom.timeout(Protocol.UDP)).as("the UDP timeout is the third argument")
                    .isEqualTo(Duration.ofSeconds(7));
            assertThatIllegalArgumentException().as("timeout(null)")
                    .isThrownBy(() -> custom.timeout(null));
        }

        @Test
        @DisplayName("a new table is empty")
        void startsEmpty() {
            assertThat(table.size()).as("no flow tracked yet").isZero();
            assertThat(table.flows()).as("no flow tracked yet").isEmpty();
            assertThat(table.lookup(FIRST)).as("nothing to find in an empty table").isEmpty();
        }
    }

    @Nested
    @DisplayName("tracks a flow")
    class Tracking {

        @Test
        @DisplayName("track returns the flow: protocol, client, Service address, backend and the time now")
        void returnsTheFlow() {
            clock.advance(Duration.ofSeconds(42));
            Flow flow = table.track(FIRST, WEB_A);
            assertThat(flow).as("the client's first packet %s went to backend %s at %s", FIRST, WEB_A,
                    START.plusSeconds(42))
                    .isEqualTo(new Flow(Protocol.TCP, CLIENT, SERVICE, WEB_A, START.plusSeconds(42)));
            assertThat(flow.created()).as("created is the clock's instant when the flow was tracked")
                    .isEqualTo(clock.instant());
            assertThat(table.size()).as("one flow in the table").isEqualTo(1);
            assertThat(table.flows()).as("the table lists the flow").containsExactly(flow);
        }

        @Test
        @DisplayName("a UDP packet makes a UDP flow")
        void udpFlow() {
            Flow flow = table.track(FIRST_UDP, WEB_A);
            assertThat(flow).isEqualTo(new Flow(Protocol.UDP, CLIENT, SERVICE, WEB_A, START));
            assertThat(table.lookup(FIRST)).as("a TCP packet with the same addresses is another flow").isEmpty();
            assertThat(table.lookup(FIRST_UDP)).contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
        }

        @Test
        @DisplayName("null arguments are rejected with an IllegalArgumentException")
        void nulls() {
            assertThatIllegalArgumentException().as("track(null, backend)")
                    .isThrownBy(() -> table.track(null, WEB_A));
            assertThatIllegalArgumentException().as("track(headers, null)")
                    .isThrownBy(() -> table.track(FIRST, null));
            assertThatIllegalArgumentException().as("lookup(null)")
                    .isThrownBy(() -> table.lookup(null));
            assertThatIllegalArgumentException().as("forget(null)")
                    .isThrownBy(() -> table.forget(null));
            assertThat(table.size()).as("a refused call tracks nothing").isZero();
        }
    }

    @Nested
    @DisplayName("finds a packet's flow")
    class Lookup {

        @Test
        @DisplayName("by its original tuple (client to Service): ORIGINAL")
        void original() {
            Flow flow = table.track(FIRST, WEB_A);
            assertThat(table.lookup(FIRST)).as("another packet from the client to the Service address")
                    .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
        }

        @Test
        @DisplayName("by its reply tuple (backend to client): REPLY")
        void reply() {
            Flow flow = table.track(FIRST, WEB_A);
            Headers answer = tcp(WEB_A, CLIENT);
            assertThat(table.lookup(answer)).as("the backend's answer %s, before it is translated back", answer)
                    .contains(new FlowMatch(flow, FlowMatch.Direction.REPLY));
        }

        @Test
        @DisplayName("each of several flows by its own tuples")
        void severalFlows() {
            Flow a = table.track(FIRST, WEB_A);
            Flow b = table.track(tcp(clientPort(49153), SERVICE), WEB_B);
            assertThat(table.lookup(tcp(clientPort(49153), SERVICE))).as("the second connection's packet")
                    .contains(new FlowMatch(b, FlowMatch.Direction.ORIGINAL));
            assertThat(table.lookup(tcp(WEB_B, clientPort(49153)))).as("web-b's answer on the second connection")
                    .contains(new FlowMatch(b, FlowMatch.Direction.REPLY));
            assertThat(table.lookup(FIRST)).contains(new FlowMatch(a, FlowMatch.Direction.ORIGINAL));
            assertThat(table.lookup(tcp(WEB_A, CLIENT))).contains(new FlowMatch(a, FlowMatch.Direction.REPLY));
        }

        @ParameterizedTest(name = "{0}: {1} -> {2} matches nothing")
        @CsvSource({
            "UDP, 10.244.0.5:49152, 10.96.0.10:80",   // protocol
            "TCP, 10.244.0.6:49152, 10.96.0.10:80",   // source address
            "TCP, 10.244.0.5:49153, 10.96.0.10:80",   // source port
            "TCP, 10.244.0.5:49152, 10.96.0.11:80",   // destination address
            "TCP, 10.244.0.5:49152, 10.96.0.10:81",   // destination port
            "TCP, 10.96.0.10:80, 10.244.0.5:49152",   // the original reversed: the Service never answers itself
            "TCP, 10.244.0.5:49152, 10.244.1.2:8080", // the client's packet after DNAT
        })
        @DisplayName("a packet one field away from the original tuple is not the flow's")
        void nearOriginal(String protocol, String source, String destination) {
            table.track(FIRST, WEB_A);
            Headers packet = Headers.of(Protocol.valueOf(protocol), parse(source), parse(destination));
            assertThat(table.lookup(packet))
                    .as("the flow is %s (backend %s); %s differs from both its tuples", FIRST, WEB_A, packet)
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}: {1} -> {2} matches nothing")
        @CsvSource({
            "UDP, 10.244.1.2:8080, 10.244.0.5:49152",   // protocol
            "TCP, 10.244.1.3:8080, 10.244.0.5:49152",   // source address
            "TCP, 10.244.1.2:8081, 10.244.0.5:49152",   // source port
            "TCP, 10.244.1.2:8080, 10.244.0.6:49152",   // destination address
            "TCP, 10.244.1.2:8080, 10.244.0.5:49153",   // destination port
            "TCP, 10.244.2.2:8080, 10.244.0.5:49152",   // the other backend
        })
        @DisplayName("a packet one field away from the reply tuple is not the flow's")
        void nearReply(String protocol, String source, String destination) {
            table.track(FIRST, WEB_A);
            Headers packet = Headers.of(Protocol.valueOf(protocol), parse(source), parse(destination));
            assertThat(table.lookup(packet))
                    .as("the flow's reply tuple is %s; %s differs from it", tcp(WEB_A, CLIENT), packet)
                    .isEmpty();
        }

        @Test
        @DisplayName("a packet inside a VXLAN tunnel matches by its inner headers, in both directions")
        void tunnelled() {
            Flow flow = table.track(FIRST, WEB_A);
            Headers wrapped = FIRST.inside(vxlan());
            assertThat(table.lookup(wrapped)).as("%s: the outer header plays no part", wrapped)
                    .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
            Headers wrappedReply = tcp(WEB_A, CLIENT).inside(vxlan());
            assertThat(table.lookup(wrappedReply)).as("%s: the outer header plays no part", wrappedReply)
                    .contains(new FlowMatch(flow, FlowMatch.Direction.REPLY));
            Headers wrongInside = tcp(clientPort(49153), SERVICE).inside(vxlan());
            assertThat(table.lookup(wrongInside)).as("%s: the inner headers are another connection's", wrongInside)
                    .isEmpty();
        }

        @Test
        @DisplayName("a flow tracked from a tunnelled packet is found by the bare packet")
        void trackedFromATunnelledPacket() {
            Flow flow = table.track(FIRST.inside(vxlan()), WEB_A);
            assertThat(table.lookup(FIRST)).as("the flow is the inner connection, not the tunnel")
                    .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
        }

        private SocketAddress parse(String text) {
            int colon = text.indexOf(':');
            return SocketAddress.of(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
    }

    @Nested
    @DisplayName("forgets a flow after its idle timeout")
    class Expiry {

        @ParameterizedTest(name = "{0}: alive one nanosecond before last-seen + timeout")
        @EnumSource(Protocol.class)
        void aliveJustBefore(Protocol protocol) {
            Headers first = Headers.of(protocol, CLIENT, SERVICE);
            Flow flow = table.track(first, WEB_A);
            Duration timeout = table.timeout(protocol);
            clock.advance(timeout.minusNanos(1));
            assertThat(table.size()).as("%s flow, %s idle: 1 ns short of its %s timeout", protocol,
                    timeout.minusNanos(1), timeout).isEqualTo(1);
            assertThat(table.flows()).containsExactly(flow);
            assertThat(table.lookup(first)).as("still alive 1 ns before the timeout")
                    .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
        }

        @ParameterizedTest(name = "{0}: expired exactly at last-seen + timeout")
        @EnumSource(Protocol.class)
        void expiredExactlyAt(Protocol protocol) {
            Headers first = Headers.of(protocol, CLIENT, SERVICE);
            table.track(first, WEB_A);
            Duration timeout = table.timeout(protocol);
            clock.advance(timeout);
            assertThat(table.size()).as("%s flow idle for exactly its %s timeout: expired (alive only while now is "
                    + "before last-seen + timeout)", protocol, timeout).isZero();
            assertThat(table.flows()).as("an expired flow is not listed").isEmpty();
            assertThat(table.lookup(first)).as("no lookup finds an expired flow (original direction)").isEmpty();
            assertThat(table.lookup(Headers.of(protocol, WEB_A, CLIENT)))
                    .as("no lookup finds an expired flow (reply direction)").isEmpty();
        }

        @Test
        @DisplayName("a reply lookup of an expired flow finds nothing either")
        void expiredReply() {
            table.track(FIRST, WEB_A);
            clock.advance(Conntrack.TCP_TIMEOUT);
            assertThat(table.lookup(tcp(WEB_A, CLIENT))).as("the backend answers 24 h after the last packet").isEmpty();
        }

        @Test
        @DisplayName("TCP and UDP flows age by their own timeouts (default: 24 h and 30 s)")
        void perProtocol() {
            Flow tcpFlow = table.track(FIRST, WEB_A);
            Flow udpFlow = table.track(FIRST_UDP, WEB_A);
            clock.advance(Duration.ofSeconds(30).minusNanos(1));
            assertThat(table.flows()).as("29.999999999 s: both alive").containsExactly(tcpFlow, udpFlow);
            clock.advance(Duration.ofNanos(1));
            assertThat(table.flows()).as("30 s: the UDP flow has expired, the TCP one lives on")
                    .containsExactly(tcpFlow);
            assertThat(table.lookup(FIRST_UDP)).as("the UDP flow is gone").isEmpty();
            assertThat(table.lookup(FIRST)).as("the TCP flow is alive")
                    .contains(new FlowMatch(tcpFlow, FlowMatch.Direction.ORIGINAL));
        }

        @Test
        @DisplayName("custom timeouts: each protocol uses its own, even when UDP's is the longer one")
        void customPerProtocol() {
            Conntrack custom = new Conntrack(clock, Duration.ofSeconds(5), Duration.ofSeconds(60));
            Flow tcpFlow = custom.track(FIRST, WEB_A);
            Flow udpFlow = custom.track(FIRST_UDP, WEB_A);
            clock.advance(Duration.ofSeconds(5).minusNanos(1));
            assertThat(custom.flows()).as("4.999999999 s: both alive").containsExactly(tcpFlow, udpFlow);
            clock.advance(Duration.ofNanos(1));
            assertThat(custom.flows()).as("5 s with a 5 s TCP timeout: the TCP flow has expired")
                    .containsExactly(udpFlow);
            clock.advance(Duration.ofSeconds(55).minusNanos(1));
            assertThat(custom.flows()).as("59.999999999 s with a 60 s UDP timeout: the UDP flow lives")
                    .containsExactly(udpFlow);
            clock.advance(Duration.ofNanos(1));
            assertThat(custom.flows()).as("60 s: the UDP flow has expired too").isEmpty();
            assertThat(custom.size()).as("connections still tracked").isZero();
        }

        @Test
        @DisplayName("every matching packet refreshes last-seen: a busy flow lives long past its timeout")
        void busyFlowLives() {
            Flow flow = table.track(FIRST_UDP, WEB_A);
            Duration almost = Conntrack.UDP_TIMEOUT.minusNanos(1);
            for (int i = 1; i <= 10; i++) {
                clock.advance(almost);
                assertThat(table.lookup(FIRST_UDP))
                        .as("packet %d, %s after the previous one: the flow lives (it is %s old)", i, almost,
                                Duration.between(START, clock.instant()))
                        .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
            }
            clock.advance(Conntrack.UDP_TIMEOUT);
            assertThat(table.lookup(FIRST_UDP)).as("then 30 s without a packet: expired").isEmpty();
        }

        @Test
        @DisplayName("a reply refreshes last-seen too")
        void replyRefreshes() {
            Flow flow = table.track(FIRST_UDP, WEB_A);
            Headers answer = Headers.of(Protocol.UDP, WEB_A, CLIENT);
            clock.advance(Duration.ofSeconds(20));
            assertThat(table.lookup(answer)).as("the backend answers after 20 s")
                    .contains(new FlowMatch(flow, FlowMatch.Direction.REPLY));
            clock.advance(Duration.ofSeconds(20));
            assertThat(table.size()).as("40 s after tracking but 20 s after the reply, with a 30 s timeout: alive")
                    .isEqualTo(1);
            assertThat(table.lookup(FIRST_UDP)).as("the client's next packet finds the flow")
                    .contains(new FlowMatch(flow, FlowMatch.Direction.ORIGINAL));
            clock.advance(Duration.ofSeconds(29));
            assertThat(table.lookup(answer)).as("29 s later, another answer").isPresent();
            clock.advance(Duration.ofSeconds(30));
            assertThat(table.size()).as("30 s after the last answer: expired").isZero();
        }

        @Test
        @DisplayName("a lookup refreshes only the flow it found")
        void refreshIsPerFlow() {
            Flow busy = table.track(FIRST_UDP, WEB_A);
            table.track(Headers.of(Protocol.UDP, clientPort(49153), SERVICE), WEB_B);
            clock.advance(Duration.ofSeconds(20));
            table.lookup(FIRST_UDP);
            clock.advance(Duration.ofSeconds(10));
            assertThat(table.flows()).as("30 s: the quiet flow has expired; the one seen at 20 s lives")
                    .containsExactly(busy);
        }

        @Test
        @DisplayName("a lookup that matches nothing refreshes nothing")
        void missRefreshesNothing() {
            table.track(FIRST_UDP, WEB_A);
            clock.advance(Duration.ofSeconds(20));
            assertThat(table.lookup(Headers.of(Protocol.UDP, clientPort(40000), SERVICE))).isEmpty();
            clock.advance(Duration.ofSeconds(10));
            assertThat(table.size()).as("a packet of another connection does not keep this flow alive").isZero();
        }

        @Test
        @DisplayName("an expired flow's tuples can be tracked again, as a new flow created now")
        void trackAgainAfterExpiry() {
            table.track(FIRST, WEB_A);
            clock.advance(Conntrack.TCP_TIMEOUT);
            Flow again = table.track(FIRST, WEB_B);
            assertThat(again).as("the same client socket to the same Service, 24 h later: a new flow")
                    .isEqualTo(new Flow(Protocol.TCP, CLIENT, SERVICE, WEB_B, START.plus(Conntrack.TCP_TIMEOUT)));
            assertThat(table.lookup(FIRST)).as("the new flow, with its new backend")
                    .contains(new FlowMatch(again, FlowMatch.Direction.ORIGINAL));
            assertThat(table.lookup(tcp(WEB_A, CLIENT))).as("the old backend's tuple went with the old flow").isEmpty();
            assertThat(table.flows()).as("only the new flow").containsExactly(again);
        }

        @Test
        @DisplayName("an expired flow's reply tuple can be taken again")
        void replyTupleFreeAfterExpiry() {
            table.track(FIRST, WEB_A);
            clock.advance(Conntrack.TCP_TIMEOUT);
            Flow other = table.track(tcp(CLIENT, OTHER_SERVICE), WEB_A);
            assertThat(table.lookup(tcp(WEB_A, CLIENT))).as("web-a's answers to the client belong to the new flow")
                    .contains(new FlowMatch(other, FlowMatch.Direction.REPLY));
        }
    }

    @Nested
    @DisplayName("refuses a flow the kernel could not tell apart from a live one")
    class Duplicates {

        @Test
        @DisplayName("the same original tuple as a live flow: IllegalArgumentException naming the live flow")
        void sameOriginal() {
            Flow live = table.track(FIRST, WEB_A);
            clock.advance(Conntrack.TCP_TIMEOUT.minusNanos(1));
            assertThatIllegalArgumentException()
                    .as("%s is live; tracking its original tuple again (to another backend) must fail", live)
                    .isThrownBy(() -> table.track(FIRST, WEB_B))
                    .withMessageContaining(WEB_A.toString());
            assertThat(table.flows()).as("the refused flow is not in the table").containsExactly(live);
            assertThat(table.lookup(FIRST)).as("the live flow still decides")
                    .contains(new FlowMatch(live, FlowMatch.Direction.ORIGINAL));
        }

        @Test
        @DisplayName("the same original tuple and backend as a live flow: refused too")
        void sameFlowTwice() {
            table.track(FIRST, WEB_A);
            assertThatIllegalArgumentException().as("tracking the very same flow twice")
                    .isThrownBy(() -> table.track(FIRST, WEB_A)).withMessageContaining(SERVICE.toString());
            assertThat(table.size()).as("connections tracked").isEqualTo(1);
        }

        @Test
        @DisplayName("the same reply tuple as a live flow: IllegalArgumentException naming the live flow")
        void sameReply() {
            Flow live = table.track(FIRST, WEB_A);
            assertThatIllegalArgumentException()
                    .as("%s is live; a flow from the same client socket to another Service but the same backend "
                            + "would have the same reply tuple %s", live, tcp(WEB_A, CLIENT))
                    .isThrownBy(() -> table.track(tcp(CLIENT, OTHER_SERVICE), WEB_A))
                    .withMessageContaining(SERVICE.toString());
            assertThat(table.flows()).as("the refused flow is not in the table").containsExactly(live);
            assertThat(table.lookup(tcp(WEB_A, CLIENT))).as("the live flow still owns the reply tuple")
                    .contains(new FlowMatch(live, FlowMatch.Direction.REPLY));
        }

        @Test
        @DisplayName("flows that differ in one tuple field are accepted side by side")
        void distinctFlows() {
            Flow a = table.track(FIRST, WEB_A);
            Flow b = table.track(tcp(clientPort(49153), SERVICE), WEB_A);
            Flow c = table.track(FIRST_UDP, WEB_A);
            Flow d = table.track(tcp(CLIENT, OTHER_SERVICE), WEB_B);
            assertThat(table.flows()).as("four flows, no two with the same original or reply tuple")
                    .containsExactly(a, b, c, d);
        }
    }

    @Nested
    @DisplayName("lists its live flows")
    class Listing {

        @Test
        @DisplayName("oldest first, by the time they were tracked")
        void oldestFirst() {
            List<Flow> tracked = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tracked.add(table.track(tcp(clientPort(49160 - i), SERVICE), i % 2 == 0 ? WEB_A : WEB_B));
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(table.flows()).as("tracked one second apart").containsExactlyElementsOf(tracked);
        }

        @Test
        @DisplayName("flows tracked at the same instant keep their tracking order")
        void tiesInTrackingOrder() {
            List<Flow> tracked = new ArrayList<>();
            int[] ports = {50007, 49153, 60001, 49999, 50000, 49152, 65000, 51234};
            for (int port : ports) {
                tracked.add(table.track(tcp(clientPort(port), SERVICE), WEB_A));
            }
            assertThat(table.flows()).as("eight flows tracked at one instant, in this order")
                    .containsExactlyElementsOf(tracked);
        }

        @Test
        @DisplayName("a lookup does not reorder them: the order is by tracking time, not last-seen")
        void lookupDoesNotReorder() {
            Flow first = table.track(FIRST, WEB_A);
            clock.advance(Duration.ofSeconds(1));
            Flow second = table.track(tcp(clientPort(49153), SERVICE), WEB_B);
            clock.advance(Duration.ofSeconds(1));
            table.lookup(FIRST);
            assertThat(table.flows()).as("the oldest flow just saw a packet; it is still the oldest")
                    .containsExactly(first, second);
        }

        @Test
        @DisplayName("a flow tracked again after expiry is the newest")
        void retrackedIsNewest() {
            table.track(FIRST, WEB_A);
            clock.advance(Duration.ofSeconds(1));
            Flow second = table.track(tcp(clientPort(49153), SERVICE), WEB_B);
            clock.advance(Conntrack.TCP_TIMEOUT.minusSeconds(1));
            Flow again = table.track(FIRST, WEB_B);
            assertThat(table.flows()).as("the first flow expired and its tuple was tracked again just now")
                    .containsExactly(second, again);
        }

        @Test
        @DisplayName("the list is unmodifiable")
        void unmodifiable() {
            Flow flow = table.track(FIRST, WEB_A);
            List<Flow> flows = table.flows();
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("flows() is a read-only view of the table: add must throw UnsupportedOperationException")
                    .isThrownBy(() -> flows.add(flow));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("flows() is a read-only view of the table: clear must throw UnsupportedOperationException")
                    .isThrownBy(flows::clear);
            assertThat(table.size()).as("connections tracked").isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("forgets the flows of a removed backend, as conntrack -D does")
    class Forget {

        @Test
        @DisplayName("deletes only the flows to that backend socket and returns how many")
        void onlyThatBackend() {
            Flow a1 = table.track(FIRST, WEB_A);
            Flow b = table.track(tcp(clientPort(49153), SERVICE), WEB_B);
            Flow a2 = table.track(tcp(clientPort(49154), SERVICE), WEB_A);
            SocketAddress samePodOtherPort = SocketAddress.of("10.244.1.2", 9090);
            Flow metrics = table.track(tcp(clientPort(49155), SocketAddress.of("10.96.0.10", 9090)), samePodOtherPort);
            assertThat(table.forget(WEB_A)).as("two flows went to %s", WEB_A).isEqualTo(2);
            assertThat(table.flows()).as("the flows to other sockets stay, even one to the same pod on another port")
                    .containsExactly(b, metrics);
            assertThat(table.lookup(FIRST)).as("%s was forgotten", a1).isEmpty();
            assertThat(table.lookup(tcp(WEB_A, clientPort(49154)))).as("%s was forgotten (reply tuple)", a2).isEmpty();
            assertThat(table.forget(WEB_A)).as("nothing left to forget").isZero();
            assertThat(table.forget(SocketAddress.of("10.244.9.9", 8080))).as("no flow to that backend").isZero();
        }

        @Test
        @DisplayName("counts expired flows it deletes too")
        void countsExpiredFlows() {
            table.track(FIRST_UDP, WEB_A);
            clock.advance(Duration.ofSeconds(10));
            table.track(Headers.of(Protocol.UDP, clientPort(49153), SERVICE), WEB_A);
            Flow b = table.track(Headers.of(Protocol.UDP, clientPort(49154), SERVICE), WEB_B);
            clock.advance(Duration.ofSeconds(25));
            assertThat(table.forget(WEB_A)).as("one live and one expired (35 s idle, UDP) flow to %s", WEB_A)
                    .isEqualTo(2);
            assertThat(table.flows()).containsExactly(b);
        }

        @Test
        @DisplayName("a forgotten flow's tuples can be tracked again at once")
        void tuplesFreeAfterForget() {
            table.track(FIRST, WEB_A);
            table.forget(WEB_A);
            Flow again = table.track(FIRST, WEB_B);
            assertThat(table.lookup(FIRST)).as("the client's next connection goes to a live backend")
                    .contains(new FlowMatch(again, FlowMatch.Direction.ORIGINAL));
            assertThat(table.size()).as("connections tracked").isEqualTo(1);
        }
    }
}
