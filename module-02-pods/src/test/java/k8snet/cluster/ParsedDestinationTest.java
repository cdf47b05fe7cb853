package k8snet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The kit's own check that a send to a {@link SocketAddress} already parsed walks exactly as the send to its text.
 * Provided code; not graded.
 */
@Tag("ungraded")
@DisplayName("A send to a parsed destination")
class ParsedDestinationTest {

    /** Two nodes on one subnet, a client on the first, a listener on the second: the same network every call. */
    private static PodNetwork network() {
        PodNetwork net = PodNetwork.builder().build();
        Node node1 = net.addNode("node-1", "192.168.1.11/24");
        Node node2 = net.addNode("node-2", "192.168.1.12/24");
        net.addPod("web-1", node1);
        net.addPod("db-1", node2).listen("postgres", Protocol.TCP, Port.of(5432));
        return net;
    }

    @Test
    @DisplayName("has the trace, headers and outcome of the send to its text, across nodes and when refused")
    void sameAsText() {
        PodNetwork byText = network();
        PodNetwork parsed = network();
        SocketAddress db = new SocketAddress(parsed.pod("db-1").ip(), Port.of(5432));
        SocketAddress closed = new SocketAddress(parsed.pod("db-1").ip(), Port.of(5433));

        Delivery text = byText.send(byText.pod("web-1"), Protocol.TCP, db.toString(), "SELECT 1");
        Delivery address = parsed.send(parsed.pod("web-1"), Protocol.TCP, db, "SELECT 1");
        Delivery refusedText = byText.send(byText.pod("web-1"), Protocol.TCP, closed.toString(), "x");
        Delivery refused = parsed.send(parsed.pod("web-1"), Protocol.TCP, closed, "x");

        assertThat(address).isInstanceOf(Delivery.Delivered.class);
        assertThat(address.trace().hops()).isEqualTo(text.trace().hops());
        assertThat(address.trace().render()).isEqualTo(text.trace().render()).contains("accepted by postgres");
        assertThat(address.trace().hops().get(0).headers().orElseThrow().source().port()).isEqualTo(Port.of(49152));
        assertThat(refused).isInstanceOf(Delivery.ConnectionRefused.class);
        assertThat(refused.trace().last().action()).isEqualTo(Action.REFUSED);
        assertThat(refused.trace().render()).isEqualTo(refusedText.trace().render());
        assertThat(refused.trace().hops().get(0).headers().orElseThrow().source().port()).isEqualTo(Port.of(49153));
    }

    @Test
    @DisplayName("refuses a null argument and a pod of another network, naming it")
    void refused() {
        PodNetwork net = network();
        Pod web = net.pod("web-1");
        SocketAddress db = new SocketAddress(net.pod("db-1").ip(), Port.of(5432));
        Pod stranger = network().pod("web-1");

        assertThatIllegalArgumentException().isThrownBy(() -> net.send(web, Protocol.TCP, (SocketAddress) null, "x"))
                .withMessage("destination must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> net.send(web, null, db, "x"))
                .withMessage("protocol must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> net.send(web, Protocol.TCP, db, null))
                .withMessage("payload must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> net.send(stranger, Protocol.TCP, db, "x"))
                .withMessage("web-1 is not a pod of this cluster");
    }
}
