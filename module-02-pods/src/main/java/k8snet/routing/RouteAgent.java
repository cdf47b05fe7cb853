package k8snet.routing;

/**
 * The agent on one node that turns the control plane's view of the other nodes into that node's routes (and,
 * for an overlay, its neighbour and forwarding entries). flannel's backends are such agents (flannel's
 * Documentation/backends.md); Calico's BGP daemon is another. The cluster tells every node's agent about
 * every other node's lease as nodes join and leave; an agent must still ignore its own lease if it is given
 * one, as flannel skips its own subnet in the lease list.
 */
public interface RouteAgent {

    /** A node joined the cluster (or this agent started and learns the nodes already there). */
    void nodeJoined(NodeLease lease);

    /** A node left the cluster; {@code lease} is the one it had. */
    void nodeLeft(NodeLease lease);
}
