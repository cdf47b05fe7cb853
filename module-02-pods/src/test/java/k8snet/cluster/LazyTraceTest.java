package k8snet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The kit's own check that a send writes no decision text until someone reads its trace, and that a hook's lazy
 * step reads as the step it stands for. Provided code; not graded.
 */
@Tag("ungraded")
@DisplayName("A trace's words")
class LazyTraceTest {

    private static final Headers HEADERS = Headers.of(Protocol.TCP, SocketAddress.of("10.244.0.2", 49152),
            SocketAddress.of("10.244.1.2", 5432));

    @Test
    @DisplayName("are written when the trace is first read, once, not while the packet travels")
    void writtenOnRead() {
        PodNetwork net = PodNetwork.builder().build();
        Node node1 = net.addNode("node-1", "192.168.1.11/24");
        Node node2 = net.addNode("node-2", "192.168.1.12/24");
        Pod web = net.addPod("web-1", node1);
        Pod db = net.addPod("db-1", node2);
        db.listen("postgres", Protocol.TCP, Port.of(5432));
        AtomicInteger written = new AtomicInteger();
        net.addHook((node, headers) -> PacketHook.Verdict.pass(PacketHook.Step.lazy("audit", Action.NOTE, () -> {
            written.incrementAndGet();
            return "seen on " + node.name();
        }, headers)));

        Delivery d = net.send(web, Protocol.TCP, db.ip() + ":5432", "SELECT 1");

        assertThat(d).isInstanceOf(Delivery.Delivered.class);
        assertThat(written).as("recipes run while the packet travelled").hasValue(0);
        String rendered = d.trace().render();
        assertThat(rendered).contains("node-1  [audit]  seen on node-1", "node-2  [audit]  seen on node-2",
                "accepted by postgres");
        assertThat(written).hasValue(2);
        assertThat(d.trace().render()).isEqualTo(rendered);
        assertThat(written).as("recipes run again on a second read").hasValue(2);
    }

    @Test
    @DisplayName("of a lazy step equal those of the step given its text, and are kept once written")
    void lazyStep() {
        AtomicInteger written = new AtomicInteger();
        PacketHook.Step lazy = PacketHook.Step.lazy("kube-proxy", Action.DNAT, () -> {
            written.incrementAndGet();
            return "10.96.0.10:80 -> 10.244.1.2:5432";
        }, HEADERS);
        PacketHook.Step eager = new PacketHook.Step("kube-proxy", Action.DNAT, "10.96.0.10:80 -> 10.244.1.2:5432",
                HEADERS);
        assertThat(written).hasValue(0);
        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager)
                .isNotEqualTo(new PacketHook.Step("kube-proxy", Action.DNAT, "another text", HEADERS));
        assertThat(lazy.toString()).isEqualTo("Step[component=kube-proxy, action=DNAT, decision=10.96.0.10:80 -> "
                + "10.244.1.2:5432, headers=TCP 10.244.0.2:49152 -> 10.244.1.2:5432]");
        assertThat(written).hasValue(1);
    }

    @Test
    @DisplayName("of a step are refused as null, and a recipe that writes null fails when read")
    void refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PacketHook.Step.lazy("kube-proxy", Action.DNAT, null,
                HEADERS)).withMessage("decision must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new PacketHook.Step("kube-proxy", Action.DNAT, null,
                HEADERS)).withMessage("decision must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> PacketHook.Step.lazy("kube-proxy", Action.FORWARDED,
                () -> "x", HEADERS)).withMessage("A hook acts in place; it cannot FORWARDED the packet");
        PacketHook.Step broken = PacketHook.Step.lazy("kube-proxy", Action.DNAT, () -> null, HEADERS);
        assertThatIllegalStateException().isThrownBy(broken::decision)
                .withMessage("The decision of a kube-proxy DNAT step was written as null");
    }
}
