package k8snet.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;
import k8snet.link.Neighbour;
import k8snet.link.NeighbourTable;
import k8snet.routing.NodeLease;
import k8snet.routing.Route;
import k8snet.routing.RouteTable;

@DisplayName("Exercise 2.6, part 2: the VXLAN route agent")
class VxlanAgentTest {

    private static final Cidr SUBNET = Cidr.parse("192.168.1.0/24");
    private static final Cidr OWN_BLOCK = Cidr.parse("10.244.0.0/24");
    private static final Route OWN_CONNECTED = Route.connected(OWN_BLOCK, "cni0");
    private static final Route UPLINK_CONNECTED = Route.connected(SUBNET, "eth0");
    private static final Route DEFAULT = Route.via(Cidr.parse("0.0.0.0/0"), ip("192.168.1.254"), "eth0",
            Route.Origin.STATIC);

    private static final NodeLease NODE1 = lease("node-1", "192.168.1.11/24", "10.244.0.0/24");
    private static final NodeLease NODE2 = lease("node-2", "192.168.1.12/24", "10.244.1.0/24");
    private static final NodeLease NODE3 = lease("node-3", "192.168.2.13/24", "10.244.2.0/24");

    private RouteTable table;
    private NeighbourTable neighbours;
    private VxlanDevice flannel;
    private VxlanAgent agent;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static NodeLease lease(String node, String address, String podCidr) {
        int slash = address.indexOf('/');
        Ipv4Address nodeIp = ip(address.substring(0, slash));
        Cidr subnet = Cidr.containing(nodeIp, Integer.parseInt(address.substring(slash + 1)));
        Cidr block = Cidr.parse(podCidr);
        return new NodeLease(node, nodeIp, subnet, block, MacAddress.forAddress(block.network()));
    }

    /** The route flannel writes for a lease: {@code <podCidr> via <podCidr's network> dev flannel.1 onlink}. */
    private static Route vxlanRoute(NodeLease lease, String device) {
        return Route.onlink(lease.podCidr(), lease.podCidr().network(), device, Route.Origin.VXLAN);
    }

    @BeforeEach
    void setUp() {
        table = new RouteTable();
        table.add(OWN_CONNECTED);
        table.add(UPLINK_CONNECTED);
        table.add(DEFAULT);
        neighbours = new NeighbourTable();
        flannel = new VxlanDevice("flannel.1", VxlanDevice.FLANNEL_VNI, VxlanDevice.LINUX_PORT, NODE1.nodeIp(),
                NODE1.vtepMac());
        agent = new VxlanAgent("node-1", flannel, table, neighbours);
    }

    @Nested
    @DisplayName("when a node joins")
    class Joining {

        @Test
        @DisplayName("writes the onlink route, the permanent neighbour and the FDB entry for it")
        void writesThreeEntries() {
            agent.nodeJoined(NODE2);

            Route route = table.get(Cidr.parse("10.244.1.0/24")).orElse(null);
            assertThat(route)
                    .as("node-2's pods (10.244.1.0/24) must be routed via 10.244.1.0 dev flannel.1 onlink")
                    .isEqualTo(Route.onlink(Cidr.parse("10.244.1.0/24"), ip("10.244.1.0"), "flannel.1",
                            Route.Origin.VXLAN));
            assertThat(route.onlink())
                    .as("10.244.1.0 is in no subnet of flannel.1: without 'onlink' the kernel refuses the gateway")
                    .isTrue();
            assertThat(route).hasToString("10.244.1.0/24 via 10.244.1.0 dev flannel.1 proto vxlan onlink");
            assertThat(table.routes()).as("one join adds one route and keeps node-1's own")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, route);

            assertThat(neighbours.entries())
                    .as("the next hop 10.244.1.0 must be at node-2's VTEP MAC, as a permanent entry: no ARP on"
                            + " flannel.1")
                    .containsExactly(new Neighbour(ip("10.244.1.0"), NODE2.vtepMac(), true));

            assertThat(flannel.remoteFor(NODE2.vtepMac()))
                    .as("the FDB must say node-2's VTEP MAC is behind node-2's address 192.168.1.12")
                    .contains(ip("192.168.1.12"));
        }

        @Test
        @DisplayName("names the route after its own VXLAN device")
        void usesTheDeviceName() {
            VxlanDevice vxlan0 = new VxlanDevice("vxlan0", 7, VxlanDevice.IANA_PORT, NODE1.nodeIp(), NODE1.vtepMac());
            RouteTable t = new RouteTable();
            VxlanAgent other = new VxlanAgent("node-1", vxlan0, t, new NeighbourTable());
            other.nodeJoined(NODE2);
            assertThat(t.routes()).as("an agent on device vxlan0 must route node-2's pods out of vxlan0")
                    .containsExactly(vxlanRoute(NODE2, "vxlan0"));
            assertThat(vxlan0.remoteFor(NODE2.vtepMac())).contains(NODE2.nodeIp());
            assertThat(flannel.remoteFor(NODE2.vtepMac())).as("the other agent's device is not this one").isEmpty();
        }

        @Test
        @DisplayName("works for a node on another subnet: the tunnel crosses routers")
        void otherSubnet() {
            agent.nodeJoined(NODE3);
            assertThat(table.get(Cidr.parse("10.244.2.0/24")))
                    .as("unlike host-gw, VXLAN reaches node-3 on 192.168.2.0/24 as plain UDP through the router")
                    .contains(vxlanRoute(NODE3, "flannel.1"));
            assertThat(neighbours.lookup(ip("10.244.2.0")))
                    .contains(new Neighbour(ip("10.244.2.0"), NODE3.vtepMac(), true));
            assertThat(flannel.remoteFor(NODE3.vtepMac())).contains(ip("192.168.2.13"));
        }

        @Test
        @DisplayName("writes one set of entries per node")
        void severalNodes() {
            agent.nodeJoined(NODE2);
            agent.nodeJoined(NODE3);
            assertThat(table.routes())
                    .as("two joins: one VXLAN route each for node-2 and node-3, beside node-1's own routes")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            vxlanRoute(NODE2, "flannel.1"), vxlanRoute(NODE3, "flannel.1"));
            assertThat(neighbours.entries()).as("one permanent neighbour entry per remote VTEP address")
                    .containsExactly(
                    new Neighbour(ip("10.244.1.0"), NODE2.vtepMac(), true),
                    new Neighbour(ip("10.244.2.0"), NODE3.vtepMac(), true));
            assertThat(flannel.remoteFor(NODE2.vtepMac())).contains(NODE2.nodeIp());
            assertThat(flannel.remoteFor(NODE3.vtepMac())).contains(NODE3.nodeIp());
        }

        @Test
        @DisplayName("replaces the entries of a node that rejoins with a new address")
        void rejoin() {
            agent.nodeJoined(NODE2);
            agent.nodeJoined(NODE2);
            NodeLease moved = lease("node-2", "192.168.1.22/24", "10.244.1.0/24");
            agent.nodeJoined(moved);
            assertThat(table.routes()).as("hearing node-2 again must not add a second route ('File exists')")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, vxlanRoute(moved, "flannel.1"));
            assertThat(flannel.remoteFor(moved.vtepMac()))
                    .as("node-2 moved to 192.168.1.22: the FDB must send its VTEP's packets there")
                    .contains(ip("192.168.1.22"));
        }

        @Test
        @DisplayName("replaces a learned neighbour entry for the VTEP's address with the permanent one")
        void replacesLearnedNeighbour() {
            neighbours.learn(ip("10.244.1.0"), MacAddress.parse("0a:58:de:ad:be:ef"));
            agent.nodeJoined(NODE2);
            assertThat(neighbours.lookup(ip("10.244.1.0")))
                    .as("the agent's entry comes from the lease and must win over anything learned")
                    .contains(new Neighbour(ip("10.244.1.0"), NODE2.vtepMac(), true));
        }

        @Test
        @DisplayName("ignores its own node's lease")
        void ownLease() {
            agent.nodeJoined(NODE2);
            agent.nodeJoined(NODE1);
            assertThat(table.routes()).as("node-1's own block stays the connected route on cni0")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, vxlanRoute(NODE2, "flannel.1"));
            assertThat(neighbours.lookup(ip("10.244.0.0"))).as("no neighbour entry for its own VTEP address")
                    .isEmpty();
            assertThat(flannel.remoteFor(NODE1.vtepMac())).as("no FDB entry pointing node-1 at itself").isEmpty();
            assertThat(neighbours.entries()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("when a node leaves")
    class Leaving {

        @Test
        @DisplayName("removes its route, neighbour entry and FDB entry, and keeps the other nodes'")
        void removesThreeEntries() {
            agent.nodeJoined(NODE2);
            agent.nodeJoined(NODE3);
            agent.nodeLeft(NODE2);
            assertThat(table.get(Cidr.parse("10.244.1.0/24"))).as("node-2's route must go").isEmpty();
            assertThat(neighbours.lookup(ip("10.244.1.0"))).as("node-2's permanent neighbour entry must go").isEmpty();
            assertThat(flannel.remoteFor(NODE2.vtepMac())).as("node-2's FDB entry must go").isEmpty();

            assertThat(table.routes()).as("node-3's route and node-1's own routes stay")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, vxlanRoute(NODE3, "flannel.1"));
            assertThat(neighbours.entries()).containsExactly(new Neighbour(ip("10.244.2.0"), NODE3.vtepMac(), true));
            assertThat(flannel.remoteFor(NODE3.vtepMac())).contains(NODE3.nodeIp());
        }

        @Test
        @DisplayName("keeps a route to the block that is not its VXLAN route")
        void keepsForeignRoute() {
            agent.nodeJoined(NODE2);
            Route hostGw = Route.via(NODE2.podCidr(), NODE2.nodeIp(), "eth0", Route.Origin.HOST_GW);
            table.replace(hostGw);
            agent.nodeLeft(NODE2);
            assertThat(table.get(NODE2.podCidr()))
                    .as("someone replaced the VXLAN route to 10.244.1.0/24; that route is not the agent's to remove")
                    .contains(hostGw);
            assertThat(neighbours.lookup(ip("10.244.1.0"))).as("the neighbour entry goes all the same").isEmpty();
            assertThat(flannel.remoteFor(NODE2.vtepMac())).as("the FDB entry goes all the same").isEmpty();

            Route admin = Route.via(NODE3.podCidr(), ip("192.168.1.254"), "eth0", Route.Origin.STATIC);
            table.add(admin);
            agent.nodeLeft(NODE3);
            assertThat(table.get(NODE3.podCidr()))
                    .as("a static route to node-3's block, from no join of this agent, stays").contains(admin);
        }

        @Test
        @DisplayName("keeps a VXLAN route to the block that is not its own: on another device, or via another gateway")
        void keepsAnotherVxlanRoute() {
            agent.nodeJoined(NODE2);
            Route otherDevice = Route.onlink(NODE2.podCidr(), ip("10.244.1.0"), "vxlan0", Route.Origin.VXLAN);
            table.replace(otherDevice);
            agent.nodeLeft(NODE2);
            assertThat(table.get(NODE2.podCidr()))
                    .as("10.244.1.0/24 via 10.244.1.0 dev vxlan0 is a VXLAN route, but this agent's route for node-2"
                            + " goes out of flannel.1: node-2's leave must not remove another device's route")
                    .contains(otherDevice);
            assertThat(neighbours.lookup(ip("10.244.1.0"))).as("node-2's neighbour entry goes all the same")
                    .isEmpty();
            assertThat(flannel.remoteFor(NODE2.vtepMac())).as("node-2's FDB entry goes all the same").isEmpty();

            agent.nodeJoined(NODE3);
            Route otherGateway = Route.onlink(NODE3.podCidr(), ip("10.244.2.1"), "flannel.1", Route.Origin.VXLAN);
            table.replace(otherGateway);
            agent.nodeLeft(NODE3);
            assertThat(table.get(NODE3.podCidr()))
                    .as("10.244.2.0/24 via 10.244.2.1 dev flannel.1 is a VXLAN route, but this agent's route for"
                            + " node-3 goes via 10.244.2.0, the network address of node-3's block: node-3's leave"
                            + " must not remove a route with another gateway")
                    .contains(otherGateway);
        }

        @Test
        @DisplayName("ignores a node it never heard of")
        void unknownNode() {
            agent.nodeJoined(NODE2);
            agent.nodeLeft(NODE3);
            assertThat(table.routes())
                    .as("node-3 never joined, so its leave has nothing to remove: node-2's route stays")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, vxlanRoute(NODE2, "flannel.1"));
            assertThat(neighbours.entries()).hasSize(1);
            assertThat(flannel.remoteFor(NODE2.vtepMac())).contains(NODE2.nodeIp());
        }

        @Test
        @DisplayName("keeps its own connected route when its own lease leaves")
        void ownLeave() {
            agent.nodeJoined(NODE2);
            agent.nodeLeft(NODE1);
            assertThat(table.routes())
                    .as("node-1's own lease leaving must not remove its connected route on cni0, nor node-2's route")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, vxlanRoute(NODE2, "flannel.1"));
            assertThat(flannel.remoteFor(NODE2.vtepMac())).contains(NODE2.nodeIp());
        }
    }

    @Nested
    @DisplayName("rejects")
    class Rejects {

        @Test
        @DisplayName("null arguments and a blank node name")
        void badConstructorArguments() {
            RouteTable t = new RouteTable();
            NeighbourTable n = new NeighbourTable();
            assertThatIllegalArgumentException().as("null node name")
                    .isThrownBy(() -> new VxlanAgent(null, flannel, t, n));
            assertThatIllegalArgumentException().as("empty node name")
                    .isThrownBy(() -> new VxlanAgent("", flannel, t, n));
            assertThatIllegalArgumentException().as("blank node name")
                    .isThrownBy(() -> new VxlanAgent(" ", flannel, t, n));
            assertThatIllegalArgumentException().as("null device")
                    .isThrownBy(() -> new VxlanAgent("node-1", null, t, n));
            assertThatIllegalArgumentException().as("null route table")
                    .isThrownBy(() -> new VxlanAgent("node-1", flannel, null, n));
            assertThatIllegalArgumentException().as("null neighbour table")
                    .isThrownBy(() -> new VxlanAgent("node-1", flannel, t, null));
        }

        @Test
        @DisplayName("a null lease to join or leave")
        void nullLease() {
            assertThatIllegalArgumentException().as("nodeJoined(null)").isThrownBy(() -> agent.nodeJoined(null));
            assertThatIllegalArgumentException().as("nodeLeft(null)").isThrownBy(() -> agent.nodeLeft(null));
        }
    }
}
