package k8snet.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import k8snet.routing.NodeLease;
import k8snet.routing.RouteAgent;

/**
 * The control plane's record of the node leases, shared by every node: each join and each leave, in order, once
 * for the whole cluster. Every node's route agent reads it from where it last stopped, as flannel's daemons
 * watch the one lease list of the cluster, so a node joining a cluster of 5,000 costs one entry here, not a call
 * on 5,000 agents.
 *
 * <p>What an agent is told is exactly what it would be told if every agent were called at each change: a new
 * node's agent first hears of the nodes there when it joined, in the order they joined, then of every join and
 * leave after its own, in order; never of itself.
 */
final class LeaseLog {

    private final List<NodeLease> leases = new ArrayList<>();
    /** For a join, the index of the node's leave, or {@link Integer#MAX_VALUE} while it is in; -1 for a leave. */
    private int[] leftAt = new int[16];

    /** Records a node's join; returns its index, which the node keeps. */
    int joined(NodeLease lease) {
        return append(lease, Integer.MAX_VALUE);
    }

    /** Records the leave of the node that joined at {@code joinedAt}. */
    void left(int joinedAt) {
        leftAt[joinedAt] = append(leases.get(joinedAt), -1);
    }

    /** The index the next entry gets. */
    int size() {
        return leases.size();
    }

    /**
     * Tells {@code agent}, of the node that joined at {@code joinedAt}, entry {@code index}: an entry before its
     * join only if it is the join of a node that was still in when it joined, its own join never.
     */
    void tell(int index, int joinedAt, RouteAgent agent) {
        if (index == joinedAt) {
            return;
        }
        boolean join = leftAt[index] >= 0;
        if (index < joinedAt) {
            if (join && leftAt[index] > joinedAt) {
                agent.nodeJoined(leases.get(index));
            }
        } else if (join) {
            agent.nodeJoined(leases.get(index));
        } else {
            agent.nodeLeft(leases.get(index));
        }
    }

    private int append(NodeLease lease, int mark) {
        int index = leases.size();
        if (index == leftAt.length) {
            leftAt = Arrays.copyOf(leftAt, index * 2);
        }
        leases.add(lease);
        leftAt[index] = mark;
        return index;
    }
}
