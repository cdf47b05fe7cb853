package k8snet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;

@DisplayName("Exercise 2.5: the host-gw route agent")
class HostGwAgentTest {

    private static final long SEED = 0x2_5000_0001L;

    private static final Cidr SUBNET = Cidr.parse("192.168.1.0/24");
    private static final Cidr OWN_BLOCK = Cidr.parse("10.244.0.0/24");
    private static final Route OWN_CONNECTED = Route.connected(OWN_BLOCK, "cni0");
    private static final Route UPLINK_CONNECTED = Route.connected(SUBNET, "eth0");
    private static final Route DEFAULT = Route.via(Cidr.parse("0.0.0.0/0"), ip("192.168.1.254"), "eth0",
            Route.Origin.STATIC);

    private RouteTable table;
    private HostGwAgent agent;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    /** A lease for {@code node} at {@code address} (ADDRESS/PREFIX as the node sees its subnet). */
    private static NodeLease lease(String node, String address, String podCidr) {
        int slash = address.indexOf('/');
        Ipv4Address nodeIp = ip(address.substring(0, slash));
        Cidr subnet = Cidr.containing(nodeIp, Integer.parseInt(address.substring(slash + 1)));
        Cidr block = Cidr.parse(podCidr);
        return new NodeLease(node, nodeIp, subnet, block, MacAddress.forAddress(block.network()));
    }

    private static Route hostGw(String podCidr, String gateway) {
        return Route.via(Cidr.parse(podCidr), ip(gateway), "eth0", Route.Origin.HOST_GW);
    }

    /** node-1's root table before its agent hears of anyone: its bridge, its uplink, its default route. */
    private static RouteTable node1Table() {
        RouteTable t = new RouteTable();
        t.add(OWN_CONNECTED);
        t.add(UPLINK_CONNECTED);
        t.add(DEFAULT);
        return t;
    }

    @BeforeEach
    void setUp() {
        table = node1Table();
        agent = new HostGwAgent("node-1", SUBNET, "eth0", table);
    }

    @Nested
    @DisplayName("when a node on the same subnet joins")
    class Joining {

        @Test
        @DisplayName("adds exactly 'podCidr via nodeIp dev eth0 proto host-gw' and touches nothing else")
        void addsTheRoute() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));

            Optional<Route> route = table.get(Cidr.parse("10.244.1.0/24"));
            assertThat(route)
                    .as("node-2's pods (10.244.1.0/24) must be reached via node-2's address 192.168.1.12")
                    .contains(hostGw("10.244.1.0/24", "192.168.1.12"));
            Route r = route.orElseThrow();
            assertThat(r.destination()).as("the route's destination is node-2's pod CIDR")
                    .isEqualTo(Cidr.parse("10.244.1.0/24"));
            assertThat(r.gateway()).as("the route's gateway is node-2's node address, not a pod address")
                    .contains(ip("192.168.1.12"));
            assertThat(r.device()).as("the route leaves by the device facing the node network").isEqualTo("eth0");
            assertThat(r.origin()).as("the route is written by host-gw (proto host-gw)")
                    .isEqualTo(Route.Origin.HOST_GW);
            assertThat(r.onlink()).as("host-gw's gateway is on the subnet: no 'onlink' needed").isFalse();
            assertThat(r).hasToString("10.244.1.0/24 via 192.168.1.12 dev eth0 proto host-gw");
            assertThat(table.routes())
                    .as("one join adds one route and leaves node-1's own routes as they were")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT, r);
            assertThat(table.lookup(ip("10.244.1.7")))
                    .as("a packet for the pod 10.244.1.7 must now take the host-gw route, not the default route")
                    .contains(r);
            assertThat(agent.problems()).as("a node on the same subnet is no problem").isEmpty();
        }

        @Test
        @DisplayName("writes the route on the device it was given")
        void usesItsDevice() {
            RouteTable t = node1Table();
            HostGwAgent ens = new HostGwAgent("node-1", SUBNET, "ens3", t);
            ens.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            assertThat(t.get(Cidr.parse("10.244.1.0/24")))
                    .as("an agent created for device ens3 must route node-2's pods out of ens3")
                    .contains(Route.via(Cidr.parse("10.244.1.0/24"), ip("192.168.1.12"), "ens3",
                            Route.Origin.HOST_GW));
        }

        @Test
        @DisplayName("adds one route per node, each via that node")
        void oneRoutePerNode() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-3", "192.168.1.13/24", "10.244.2.0/24"));
            agent.nodeJoined(lease("node-4", "192.168.1.14/24", "10.244.3.0/24"));
            assertThat(table.routes())
                    .as("three other nodes: three host-gw routes, each block via its own node")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"),
                            hostGw("10.244.2.0/24", "192.168.1.13"),
                            hostGw("10.244.3.0/24", "192.168.1.14"));
        }

        @Test
        @DisplayName("hearing the same lease twice keeps one route (a join is idempotent)")
        void sameLeaseTwice() {
            NodeLease node2 = lease("node-2", "192.168.1.12/24", "10.244.1.0/24");
            agent.nodeJoined(node2);
            agent.nodeJoined(node2);
            assertThat(table.routes())
                    .as("the cluster may tell an agent about a node again; the route must not be added twice"
                            + " ('File exists') nor disappear")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
        }

        @ParameterizedTest(name = "a node at {0} (pods {1}) {2}")
        @DisplayName("routes exactly the nodes whose address is inside 192.168.1.0/24")
        @CsvSource({
            "192.168.1.1/24,   10.244.5.0/24, gets a route",
            "192.168.1.253/24, 10.244.5.0/24, gets a route",
            "192.168.1.12/25,  10.244.5.0/24, gets a route",
            "192.168.0.254/24, 10.244.5.0/24, gets no route",
            "192.168.2.1/24,   10.244.5.0/24, gets no route",
            "10.0.0.5/8,       10.244.5.0/24, gets no route",
            "192.168.2.12/16,  10.244.5.0/24, gets no route",
            "172.16.0.14/0,    10.244.5.0/24, gets no route",
        })
        void subnetBoundaries(String address, String podCidr, String outcome) {
            boolean routed = switch (outcome) {
                case "gets a route" -> true;
                case "gets no route" -> false;
                default -> throw new IllegalArgumentException("A row says \"gets a route\" or \"gets no route\": "
                        + outcome);
            };
            NodeLease other = lease("node-5", address, podCidr);
            agent.nodeJoined(other);
            if (routed) {
                assertThat(table.get(Cidr.parse(podCidr)))
                        .as("%s is inside node-1's subnet %s: a directly reachable gateway", other.nodeIp(), SUBNET)
                        .contains(hostGw(podCidr, other.nodeIp().toString()));
                assertThat(agent.problems()).as("a reachable node is no problem").isEmpty();
            } else {
                assertThat(table.get(Cidr.parse(podCidr)))
                        .as("%s is outside node-1's subnet %s: the kernel would answer 'Network is unreachable'"
                                + " for such a gateway, so host-gw must not write the route", other.nodeIp(), SUBNET)
                        .isEmpty();
                assertThat(agent.problems()).as("the unreachable node must be reported once").hasSize(1);
            }
        }
    }

    @Nested
    @DisplayName("when it hears its own node's lease")
    class OwnLease {

        @Test
        @DisplayName("ignores it: its own block stays the connected route on cni0")
        void ignoresOwnLease() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-1", "192.168.1.11/24", "10.244.0.0/24"));
            assertThat(table.get(OWN_BLOCK))
                    .as("node-1's own pods are behind its bridge cni0; a route via itself would loop")
                    .contains(OWN_CONNECTED);
            assertThat(table.routes())
                    .as("node-1's own lease must add nothing")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
            assertThat(agent.problems()).isEmpty();
        }

        @Test
        @DisplayName("ignores it by the node's name, whatever address or block it shows")
        void ignoresOwnLeaseByName() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-1", "192.168.1.21/24", "10.244.9.0/24"));
            agent.nodeJoined(lease("node-1", "192.168.7.11/24", "10.244.8.0/24"));
            assertThat(table.routes())
                    .as("a lease named node-1 is this agent's own, so it gets no route")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
            assertThat(agent.problems()).as("its own lease is never a problem, even on another subnet").isEmpty();
        }

        @Test
        @DisplayName("does not remove its connected route when its own lease leaves")
        void ownLeaveKeepsConnectedRoute() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeLeft(lease("node-1", "192.168.1.11/24", "10.244.0.0/24"));
            assertThat(table.routes())
                    .as("node-1's own lease left: the agent never wrote a route for its own block, so"
                            + " 10.244.0.0/24 must stay the connected route on cni0, and node-2's route must stay")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
        }
    }

    @Nested
    @DisplayName("when a node on another subnet joins")
    class OtherSubnet {

        @Test
        @DisplayName("writes no route and records a problem naming the node and both subnets")
        void recordsAProblem() {
            agent.nodeJoined(lease("node-3", "192.168.2.13/24", "10.244.2.0/24"));
            assertThat(table.get(Cidr.parse("10.244.2.0/24")))
                    .as("192.168.2.13 is not on node-1's subnet 192.168.1.0/24: host-gw cannot use it as a gateway")
                    .isEmpty();
            assertThat(table.routes()).as("node-1's table must stay as it was")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT);
            assertThat(agent.problems()).as("one problem for one unroutable lease").hasSize(1);
            assertThat(agent.problems().get(0))
                    .as("the problem must say which node cannot be routed and name both subnets")
                    .contains("node-3")
                    .contains("192.168.1.0/24")
                    .contains("192.168.2.0/24");
        }

        @Test
        @DisplayName("keeps the problems oldest first, read-only, and keeps routing the nodes it can")
        void problemsInOrder() {
            agent.nodeJoined(lease("node-3", "192.168.2.13/24", "10.244.2.0/24"));
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-4", "172.16.0.14/16", "10.244.3.0/24"));
            List<String> problems = agent.problems();
            assertThat(problems).as("two unroutable leases, two problems").hasSize(2);
            assertThat(problems.get(0)).as("the first problem is node-3's (it came first)")
                    .contains("node-3").contains("192.168.2.0/24").doesNotContain("node-4");
            assertThat(problems.get(1)).as("the second problem is node-4's")
                    .contains("node-4").contains("172.16.0.0/16").contains("192.168.1.0/24");
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("problems() must not let callers change the agent's record: adding to it must throw")
                    .isThrownBy(() -> problems.add("forged"));
            assertThat(table.routes()).as("node-2, on the subnet, is still routed")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
        }
    }

    @Nested
    @DisplayName("when a node leaves")
    class Leaving {

        @Test
        @DisplayName("removes that node's route and only that one")
        void removesItsRoute() {
            NodeLease node2 = lease("node-2", "192.168.1.12/24", "10.244.1.0/24");
            agent.nodeJoined(node2);
            agent.nodeJoined(lease("node-3", "192.168.1.13/24", "10.244.2.0/24"));
            agent.nodeLeft(node2);
            assertThat(table.get(Cidr.parse("10.244.1.0/24")))
                    .as("node-2 left: a route via 192.168.1.12 would send its old pods' packets to nobody")
                    .isEmpty();
            assertThat(table.routes())
                    .as("node-3's route and node-1's own routes stay")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.2.0/24", "192.168.1.13"));
        }

        @Test
        @DisplayName("ignores a node it never routed")
        void unknownNode() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeLeft(lease("node-9", "192.168.1.19/24", "10.244.9.0/24"));
            agent.nodeLeft(lease("node-3", "192.168.2.13/24", "10.244.2.0/24"));
            assertThat(table.routes())
                    .as("node-9 and node-3 (on another subnet) never got a route: their leaves change nothing, and"
                            + " node-2's route stays")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.12"));
        }

        @Test
        @DisplayName("keeps a host-gw route to the block via another node (a newer lease took the block)")
        void keepsRouteViaAnotherGateway() {
            NodeLease node2 = lease("node-2", "192.168.1.12/24", "10.244.1.0/24");
            agent.nodeJoined(node2);
            agent.nodeJoined(lease("node-5", "192.168.1.15/24", "10.244.1.0/24"));
            agent.nodeLeft(node2);
            assertThat(table.get(Cidr.parse("10.244.1.0/24")))
                    .as("10.244.1.0/24 now belongs to node-5 (192.168.1.15); node-2's late leave must not remove"
                            + " node-5's route")
                    .contains(hostGw("10.244.1.0/24", "192.168.1.15"));
        }

        @Test
        @DisplayName("keeps a route to the block that someone else wrote, even via the same gateway")
        void keepsForeignRoute() {
            Route admin = Route.via(Cidr.parse("10.244.1.0/24"), ip("192.168.1.12"), "eth0", Route.Origin.STATIC);
            table.add(admin);
            agent.nodeLeft(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            assertThat(table.get(Cidr.parse("10.244.1.0/24")))
                    .as("an administrator's static route is not host-gw's to remove")
                    .contains(admin);

            Route foreign = Route.via(Cidr.parse("10.244.2.0/24"), ip("192.168.1.99"), "eth0", Route.Origin.HOST_GW);
            table.add(foreign);
            agent.nodeLeft(lease("node-3", "192.168.1.13/24", "10.244.2.0/24"));
            assertThat(table.get(Cidr.parse("10.244.2.0/24")))
                    .as("a host-gw route via 192.168.1.99 is not node-3's (192.168.1.13) route")
                    .contains(foreign);

            Route connected = Route.connected(Cidr.parse("10.244.3.0/24"), "eth0");
            table.add(connected);
            agent.nodeLeft(lease("node-4", "192.168.1.14/24", "10.244.3.0/24"));
            assertThat(table.get(Cidr.parse("10.244.3.0/24")))
                    .as("a connected route has no gateway: it is not the agent's").contains(connected);
        }
    }

    @Nested
    @DisplayName("when a node rejoins with a new address")
    class Rejoining {

        @Test
        @DisplayName("replaces its route with one via the new address")
        void replacesTheRoute() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-2", "192.168.1.22/24", "10.244.1.0/24"));
            assertThat(table.routes())
                    .as("node-2 moved to 192.168.1.22: one route for its block, via the new address")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.1.0/24", "192.168.1.22"));
        }

        @Test
        @DisplayName("to another subnet: removes its old route, records the problem, and keeps others' routes")
        void movesOffTheSubnet() {
            agent.nodeJoined(lease("node-2", "192.168.1.12/24", "10.244.1.0/24"));
            agent.nodeJoined(lease("node-3", "192.168.1.13/24", "10.244.2.0/24"));
            agent.nodeJoined(lease("node-2", "192.168.7.12/24", "10.244.1.0/24"));
            assertThat(table.routes())
                    .as("node-2 moved to 192.168.7.12, off node-1's 192.168.1.0/24: its route via 192.168.1.12 leads "
                            + "nowhere now and must go, so only node-3's host-gw route is left")
                    .containsExactlyInAnyOrder(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT,
                            hostGw("10.244.2.0/24", "192.168.1.13"));
            assertThat(agent.problems()).as("the move is a problem like any off-subnet lease")
                    .singleElement().asString().contains("node-2", "192.168.7.0/24", "192.168.1.0/24");

            Route mine = Route.via(Cidr.parse("10.244.9.0/24"), ip("192.168.1.50"), "eth0", Route.Origin.STATIC);
            table.add(mine);
            agent.nodeJoined(lease("node-9", "192.168.7.19/24", "10.244.9.0/24"));
            assertThat(table.get(Cidr.parse("10.244.9.0/24"))).as("a static route to node-9's block is not the "
                    + "agent's to remove, even when node-9 turns up off the subnet").contains(mine);
        }

        @Test
        @DisplayName("then ignores the old lease's leave and honours the new one's")
        void oldLeaseLeaveIsStale() {
            NodeLease old = lease("node-2", "192.168.1.12/24", "10.244.1.0/24");
            NodeLease moved = lease("node-2", "192.168.1.22/24", "10.244.1.0/24");
            agent.nodeJoined(old);
            agent.nodeJoined(moved);
            agent.nodeLeft(old);
            assertThat(table.get(Cidr.parse("10.244.1.0/24")))
                    .as("the route via 192.168.1.22 is not the old lease's route via 192.168.1.12")
                    .contains(hostGw("10.244.1.0/24", "192.168.1.22"));
            agent.nodeLeft(moved);
            assertThat(table.get(Cidr.parse("10.244.1.0/24"))).as("the current lease's leave removes it").isEmpty();
        }
    }

    @Nested
    @DisplayName("rejects")
    class Rejects {

        @Test
        @DisplayName("a null or blank node name, device, a null subnet or table")
        void badConstructorArguments() {
            RouteTable t = new RouteTable();
            assertThatIllegalArgumentException().as("null node name")
                    .isThrownBy(() -> new HostGwAgent(null, SUBNET, "eth0", t));
            assertThatIllegalArgumentException().as("empty node name")
                    .isThrownBy(() -> new HostGwAgent("", SUBNET, "eth0", t));
            assertThatIllegalArgumentException().as("blank node name")
                    .isThrownBy(() -> new HostGwAgent("  ", SUBNET, "eth0", t));
            assertThatIllegalArgumentException().as("null subnet")
                    .isThrownBy(() -> new HostGwAgent("node-1", null, "eth0", t));
            assertThatIllegalArgumentException().as("null device")
                    .isThrownBy(() -> new HostGwAgent("node-1", SUBNET, null, t));
            assertThatIllegalArgumentException().as("empty device")
                    .isThrownBy(() -> new HostGwAgent("node-1", SUBNET, "", t));
            assertThatIllegalArgumentException().as("blank device")
                    .isThrownBy(() -> new HostGwAgent("node-1", SUBNET, " ", t));
            assertThatIllegalArgumentException().as("null table")
                    .isThrownBy(() -> new HostGwAgent("node-1", SUBNET, "eth0", null));
        }

        @Test
        @DisplayName("a null lease to join or leave")
        void nullLease() {
            assertThatIllegalArgumentException().as("nodeJoined(null)").isThrownBy(() -> agent.nodeJoined(null));
            assertThatIllegalArgumentException().as("nodeLeft(null)").isThrownBy(() -> agent.nodeLeft(null));
        }
    }

    /** One step of the property: {@code node} (0 is the agent's own) joins at an address, leaves, or leaves late. */
    private record Step(int node, int kind, int address) {

        static final int JOIN = 0;
        static final int LEAVE = 1;
        static final int STALE_LEAVE = 2;

        @Override
        public String toString() {
            String what = kind == JOIN ? "join at " + addressOf(node, address)
                    : kind == LEAVE ? "leave" : "late leave of a lease with the address it does not have now";
            return "node-" + node + " " + what;
        }
    }

    private static final int NODES = 6;

    /** Each node has two possible addresses on 192.168.1.0/24, so a rejoin can move it. */
    private static String addressOf(int node, int variant) {
        return "192.168.1." + (variant == 0 ? 10 + node : 100 + node);
    }

    private static NodeLease leaseOf(int node, int variant) {
        return lease("node-" + node, addressOf(node, variant) + "/24", "10.244." + node + ".0/24");
    }

    @Test
    @DisplayName("after any sequence of joins and leaves, holds one host-gw route per other live node and no other")
    void propertyOneRoutePerLiveNode() {
        Gen<Step> steps = integers().between(0, NODES - 1).zip(integers().between(0, 2), integers().between(0, 1),
                Step::new);
        qt(SEED).withExamples(300).withShrinkCycles(300)
                .forAll(named("joins and leaves", lists().of(steps).ofSizeBetween(0, 40)))
                .checkAssert(sequence -> {
                    RouteTable t = node1Table();
                    HostGwAgent a = new HostGwAgent("node-0", SUBNET, "eth0", t);
                    Map<Integer, Integer> live = new HashMap<>();
                    Map<Integer, Integer> last = new HashMap<>();
                    List<Step> done = new ArrayList<>();
                    for (Step s : sequence) {
                        done.add(s);
                        if (s.kind() == Step.JOIN) {
                            a.nodeJoined(leaseOf(s.node(), s.address()));
                            live.put(s.node(), s.address());
                            last.put(s.node(), s.address());
                        } else if (s.kind() == Step.LEAVE) {
                            a.nodeLeft(leaseOf(s.node(), last.getOrDefault(s.node(), s.address())));
                            live.remove(s.node());
                        } else {
                            int current = live.getOrDefault(s.node(), s.address());
                            a.nodeLeft(leaseOf(s.node(), 1 - current));
                        }
                        List<Route> expected = new ArrayList<>(List.of(OWN_CONNECTED, UPLINK_CONNECTED, DEFAULT));
                        live.forEach((node, variant) -> {
                            if (node != 0) {
                                expected.add(hostGw("10.244." + node + ".0/24", addressOf(node, variant)));
                            }
                        });
                        assertThat(t.routes())
                                .as("after %s, node-0's table must hold one host-gw route per other live node"
                                        + " (its pod CIDR via its current address), none for departed nodes or"
                                        + " node-0 itself, and its own routes untouched (seed %d)", done, SEED)
                                .containsExactlyInAnyOrderElementsOf(expected);
                    }
                    assertThat(a.problems()).as("all nodes are on one subnet (seed %d)", SEED).isEmpty();
                });
    }
}
