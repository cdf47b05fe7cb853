package k8snet.world;

import static k8snet.world.Placements.perNode;
import static k8snet.world.Placements.placements;
import static k8snet.world.Placements.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import k8snet.workload.ControlPlane;

/**
 * The scheduler of exercise 4.5 meets the node lifecycle controller of exercise 4.6: a node that has been silent
 * for longer than the grace period carries the {@code NoSchedule} taint {@code node.kubernetes.io/unreachable},
 * and no new pod goes there. These tests crash a node, so they need both exercises, and they count for 4.6, the
 * later one: 4.5 can be finished with 4.6 still a stub.
 */
@DisplayName("Exercise 4.6: the scheduler avoids a node the lifecycle controller tainted")
class TaintedNodeTrafficTest {

    private static final long SEED = 46;

    @Test
    @DisplayName("a node tainted unreachable gets no new pod")
    void taintedNodeSkipped() {
        World world = new World(SEED);
        ControlPlane cp = world.addCluster("north");
        cp.addNode("north-1", "172.16.3.11/24");
        cp.addNode("north-2", "172.16.3.12/24");
        cp.addNode("north-3", "172.16.3.13/24");
        cp.crash("north-2");
        world.advance(Duration.ofSeconds(60));
        assertThat(cp.events()).as("60 s after the crash, north-2 is NotReady and tainted")
                .anyMatch(e -> e.contains("north-2 NotReady"));
        cp.deploy(web(4));
        assertThat(perNode(cp, "web"))
                .as("north-2 runs nothing, but carries the NoSchedule taint node.kubernetes.io/unreachable, "
                        + "which the pods do not tolerate: the 4 pods go to north-1 and north-3 (%s)",
                        placements(cp, "web"))
                .isEqualTo(Map.of("north-1", 2, "north-3", 2));
    }

    @Test
    @DisplayName("a pod that fits nowhere names the taint before the full nodes, and is placed once a node has room")
    void taintedAndFullThenPlaced() {
        World world = new World(SEED);
        ControlPlane cp = Placements.southWithAFullNode(world);
        cp.deploy(web(5));
        assertThat(cp.pendingReason("web"))
                .as("every node runs its 2 pods (maxPods): the fifth web pod waits (%s)", placements(cp, "web"))
                .contains("0/3 nodes are available: 3 Too many pods.");

        cp.crash("south-1");
        world.advance(Duration.ofSeconds(60));
        assertThat(cp.pendingReason("web"))
                .as("south-1 is now tainted unreachable as well as full: the taint filter runs first (%s)",
                        cp.events())
                .contains("0/3 nodes are available: 1 node(s) had untolerated taint "
                        + "{node.kubernetes.io/unreachable: }, 2 Too many pods.");

        cp.addNode("south-4", "172.16.4.14/24");
        assertThat(cp.pendingReason("web")).as("a new node with room: the pod is placed").isEmpty();
        assertThat(perNode(cp, "web")).as("the fifth web pod on south-4 (%s)", placements(cp, "web"))
                .isEqualTo(Map.of("south-2", 2, "south-3", 2, "south-4", 1));
    }
}
