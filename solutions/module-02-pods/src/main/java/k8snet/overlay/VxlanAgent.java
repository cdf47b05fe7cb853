package k8snet.overlay;

import java.util.Optional;

import k8snet.Require;
import k8snet.link.NeighbourTable;
import k8snet.routing.NodeLease;
import k8snet.routing.Route;
import k8snet.routing.RouteAgent;
import k8snet.routing.RouteTable;

/** Reference solution of exercise 2.6, part 2 (the specification is the stub's Javadoc). */
public final class VxlanAgent implements RouteAgent {

    private final String self;
    private final VxlanDevice device;
    private final RouteTable table;
    private final NeighbourTable neighbours;

    public VxlanAgent(String self, VxlanDevice device, RouteTable table, NeighbourTable neighbours) {
        this.self = Require.nonNull(self, "self");
        this.device = Require.nonNull(device, "device");
        this.table = Require.nonNull(table, "table");
        this.neighbours = Require.nonNull(neighbours, "neighbours");
        Require.argument(!self.isBlank(), "A VXLAN agent needs its node's name");
    }

    @Override
    public void nodeJoined(NodeLease lease) {
        Require.nonNull(lease, "lease");
        if (lease.node().equals(self)) {
            return;
        }
        table.replace(route(lease));
        neighbours.addPermanent(lease.podCidr().network(), lease.vtepMac());
        device.addForwarding(lease.vtepMac(), lease.nodeIp());
    }

    @Override
    public void nodeLeft(NodeLease lease) {
        Require.nonNull(lease, "lease");
        if (lease.node().equals(self)) {
            return;
        }
        if (table.get(lease.podCidr()).equals(Optional.of(route(lease)))) {
            table.remove(lease.podCidr());
        }
        neighbours.remove(lease.podCidr().network());
        device.removeForwarding(lease.vtepMac());
    }

    private Route route(NodeLease lease) {
        return Route.onlink(lease.podCidr(), lease.podCidr().network(), device.name(), Route.Origin.VXLAN);
    }
}
