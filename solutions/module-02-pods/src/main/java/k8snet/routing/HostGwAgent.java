package k8snet.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.ipam.Cidr;

/** Reference solution of exercise 2.5 (the specification is the stub's Javadoc). */
public final class HostGwAgent implements RouteAgent {

    private final String self;
    private final Cidr nodeSubnet;
    private final String device;
    private final RouteTable table;
    private final List<String> problems = new ArrayList<>();

    public HostGwAgent(String self, Cidr nodeSubnet, String device, RouteTable table) {
        this.self = Require.nonNull(self, "self");
        this.nodeSubnet = Require.nonNull(nodeSubnet, "nodeSubnet");
        this.device = Require.nonNull(device, "device");
        this.table = Require.nonNull(table, "table");
        Require.argument(!self.isBlank() && !device.isBlank(), "A host-gw agent needs a node name and a device");
    }

    @Override
    public void nodeJoined(NodeLease lease) {
        Require.nonNull(lease, "lease");
        if (lease.node().equals(self)) {
            return;
        }
        if (!nodeSubnet.contains(lease.nodeIp())) {
            problems.add("host-gw on " + self + " cannot route " + lease.podCidr() + " via " + lease.node() + " ("
                    + lease.nodeIp() + "): the gateway is outside " + self + "'s subnet " + nodeSubnet
                    + " (its own is " + lease.nodeSubnet() + "); host-gw needs every node on one layer-2 network");
            Optional<Route> earlier = table.get(lease.podCidr());
            if (earlier.isPresent() && earlier.get().origin() == Route.Origin.HOST_GW) {
                table.remove(lease.podCidr()); // the node moved off the subnet: its old gateway is gone
            }
            return;
        }
        table.replace(Route.via(lease.podCidr(), lease.nodeIp(), device, Route.Origin.HOST_GW));
    }

    @Override
    public void nodeLeft(NodeLease lease) {
        Require.nonNull(lease, "lease");
        Optional<Route> current = table.get(lease.podCidr());
        if (current.isPresent() && current.get().origin() == Route.Origin.HOST_GW
                && current.get().gateway().equals(Optional.of(lease.nodeIp()))) {
            table.remove(lease.podCidr());
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
