package k8snet.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/** The kit's own check of a hop's lazy decision text (provided code); not graded. */
@Tag("ungraded")
@DisplayName("A hop")
class HopTest {

    private static final Place POD = Place.host("node-1").namespace("web-1").device("eth0");
    private static final Place VETH = Place.host("node-1").device("veth1");
    private static final Headers HEADERS = Headers.of(Protocol.TCP, SocketAddress.of("10.244.1.2", 49152),
            SocketAddress.of("10.96.0.10", 80));

    /** A recipe that counts how often it is asked. */
    private static final class Counting implements Supplier<String> {
        final AtomicInteger calls = new AtomicInteger();
        private final String text;

        Counting(String text) {
            this.text = text;
        }

        @Override
        public String get() {
            calls.incrementAndGet();
            return text;
        }
    }

    @Nested
    @DisplayName("with its decision given as a recipe")
    class Lazy {

        @Test
        @DisplayName("writes no text when it is made, nor when a trace is built from it")
        void notWhenMade() {
            Counting recipe = new Counting("10.96.0.10 via 10.244.1.1 dev eth0");
            Hop hop = Hop.lazy(POD, "route", Action.ROUTED, recipe, HEADERS);
            Trace trace = Trace.of(List.of(hop));
            assertThat(trace.size()).isEqualTo(1);
            assertThat(hop.action()).isEqualTo(Action.ROUTED);
            assertThat(hop.headers()).contains(HEADERS);
            assertThat(recipe.calls).hasValue(0);
        }

        @Test
        @DisplayName("writes it once, on the first read, and keeps it")
        void onceOnFirstRead() {
            Counting recipe = new Counting("10.96.0.10 via 10.244.1.1 dev eth0");
            Hop hop = Hop.lazy(POD, "route", Action.ROUTED, recipe, HEADERS);
            assertThat(hop.decision()).isEqualTo("10.96.0.10 via 10.244.1.1 dev eth0");
            assertThat(hop.toString()).isEqualTo("node-1/web-1 eth0  [route]  10.96.0.10 via 10.244.1.1 dev eth0");
            assertThat(Trace.of(List.of(hop)).render())
                    .isEqualTo("  1. node-1/web-1 eth0  [route]  10.96.0.10 via 10.244.1.1 dev eth0");
            assertThat(recipe.calls).hasValue(1);
        }

        @Test
        @DisplayName("equals, and hashes as, the hop with the same text given at once")
        void equalsEager() {
            Hop lazy = Hop.lazyMoving(POD, "veth", Action.FORWARDED, () -> "out eth0", HEADERS, VETH);
            Hop eager = Hop.moving(POD, "veth", Action.FORWARDED, "out eth0", HEADERS, VETH);
            Hop other = Hop.moving(POD, "veth", Action.FORWARDED, "out eth1", HEADERS, VETH);
            assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager).isNotEqualTo(other);
            assertThat(eager).isEqualTo(lazy);
            assertThat(lazy.to()).contains(VETH);
        }

        @Test
        @DisplayName("fails on read, naming the hop, if its recipe writes null")
        void nullText() {
            Hop hop = Hop.lazy(POD, "arp", Action.ARP_CACHED, () -> null, HEADERS);
            assertThatIllegalStateException().isThrownBy(hop::decision)
                    .withMessage("The decision of a arp ARP_CACHED hop at node-1/web-1 eth0 was written as null");
        }

        @Test
        @DisplayName("is refused without a recipe, or with the wrong kind of action")
        void refused() {
            assertThatIllegalArgumentException().isThrownBy(() -> Hop.lazy(POD, "route", Action.ROUTED, null, HEADERS))
                    .withMessage("decision must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Hop.lazy(POD, "veth", Action.FORWARDED, () -> "x", HEADERS))
                    .withMessage("A FORWARDED hop moves the packet: give its place with to(...)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Hop.lazyMoving(POD, "route", Action.ROUTED, () -> "x", HEADERS, VETH))
                    .withMessage("Only a hop that moves the packet names a place it went to, not a ROUTED hop");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Hop.lazy(POD, " ", Action.ROUTED, () -> "x", HEADERS))
                    .withMessage("A hop names the component that decided, got a blank one");
        }
    }

    @Nested
    @DisplayName("made of all its parts, as the record it was")
    class Parts {

        @Test
        @DisplayName("returns each part as given, and empty headers and place where there are none")
        void parts() {
            Hop hop = new Hop(POD, "veth", "out eth0", Action.FORWARDED, Optional.of(HEADERS), Optional.of(VETH));
            assertThat(hop.place()).isEqualTo(POD);
            assertThat(hop.component()).isEqualTo("veth");
            assertThat(hop.decision()).isEqualTo("out eth0");
            assertThat(hop.headers()).contains(HEADERS);
            assertThat(hop.to()).contains(VETH);
            Hop note = new Hop(Place.host("laptop"), "dns", "web -> 10.0.0.2");
            assertThat(note.action()).isEqualTo(Action.NOTE);
            assertThat(note.headers()).isEmpty();
            assertThat(note.to()).isEmpty();
            assertThat(note).isEqualTo(new Hop(Place.host("laptop"), "dns", "web -> 10.0.0.2"))
                    .isNotEqualTo(new Hop(Place.host("laptop"), "dns", "web -> 10.0.0.3"));
        }

        @Test
        @DisplayName("refuses null parts by name, and a destination that does not fit the action")
        void refused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Hop(POD, "veth", null, Action.NOTE, Optional.empty(), Optional.empty()))
                    .withMessage("decision must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Hop(POD, "veth", "x", Action.NOTE, null, Optional.empty()))
                    .withMessage("headers must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Hop(POD, "veth", "x", Action.NOTE, Optional.empty(), null))
                    .withMessage("to must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Hop(null, "veth", "x", Action.NOTE, Optional.empty(), Optional.empty()))
                    .withMessage("place must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Hop(POD, "veth", "x", Action.FORWARDED, Optional.of(HEADERS),
                            Optional.empty()))
                    .withMessage("A FORWARDED hop names the place the packet went to");
        }
    }
}
