package k8snet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

@DisplayName("Exercise 2.3: a routing table")
class RouteTableTest {

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Route connected(String destination, String device) {
        return Route.connected(cidr(destination), device);
    }

    private static Route via(String destination, String gateway, String device) {
        return Route.via(cidr(destination), ip(gateway), device, Route.Origin.STATIC);
    }

    private static RouteTable tableOf(Route... routes) {
        RouteTable table = new RouteTable();
        for (Route r : routes) {
            table.add(r);
        }
        return table;
    }

    @Nested
    @DisplayName("when it is new")
    class Empty {

        @Test
        @DisplayName("holds no route and matches no address, not even 0.0.0.0")
        void isEmpty() {
            RouteTable table = new RouteTable();
            assertThat(table.size()).as("routes in a new table").isZero();
            assertThat(table.routes()).as("routes() of a new table").isEmpty();
            assertThat(table.lookup(ip("10.244.1.2"))).as("a new table has no route to 10.244.1.2").isEmpty();
            assertThat(table.lookup(Ipv4Address.ANY)).as("a new table has no route to 0.0.0.0").isEmpty();
            assertThat(table.get(cidr("0.0.0.0/0"))).as("a new table has no default route").isEmpty();
        }

        @Test
        @DisplayName("is its own table: two tables share nothing")
        void tablesAreIndependent() {
            RouteTable one = new RouteTable();
            RouteTable two = new RouteTable();
            one.add(connected("10.244.1.0/24", "cni0"));
            assertThat(two.size()).as("a route added to another table").isZero();
            assertThat(two.lookup(ip("10.244.1.7"))).as("a route added to another table").isEmpty();
        }
    }

    @Nested
    @DisplayName("add (ip route add)")
    class Adding {

        @Test
        @DisplayName("stores the route under its destination")
        void addsARoute() {
            RouteTable table = new RouteTable();
            Route route = via("10.244.2.0/24", "192.168.1.12", "eth0");
            table.add(route);
            assertThat(table.size()).as("size after one add").isEqualTo(1);
            assertThat(table.get(cidr("10.244.2.0/24"))).as("get(10.244.2.0/24) after adding it").contains(route);
            assertThat(table.routes()).as("routes() after one add").containsExactly(route);
        }

        @Test
        @DisplayName("refuses a second route to the same destination, \"File exists\", and keeps the first")
        void refusesADuplicateDestination() {
            Route first = connected("10.244.1.0/24", "cni0");
            RouteTable table = tableOf(first);
            Route second = via("10.244.1.0/24", "192.168.1.12", "eth0");
            assertThatIllegalStateException()
                    .as("ip route add of a second route to 10.244.1.0/24 answers \"File exists\"")
                    .isThrownBy(() -> table.add(second))
                    .withMessageContaining("10.244.1.0/24")
                    .withMessageContaining("cni0");
            assertThat(table.get(cidr("10.244.1.0/24")))
                    .as("the route that was there must stay after the refused add").contains(first);
            assertThat(table.size()).as("a refused add must not change the size").isEqualTo(1);
            assertThat(table.routes()).as("routes() after a refused add").containsExactly(first);
        }

        @Test
        @DisplayName("refuses the very same route twice")
        void refusesTheSameRouteTwice() {
            Route route = via("0.0.0.0/0", "10.244.1.1", "eth0");
            RouteTable table = tableOf(route);
            assertThatIllegalStateException().as("adding the default route twice")
                    .isThrownBy(() -> table.add(via("0.0.0.0/0", "10.244.1.1", "eth0")))
                    .withMessageContaining("default via 10.244.1.1 dev eth0");
            assertThat(table.size()).as("routes in the table").isEqualTo(1);
        }

        @Test
        @DisplayName("treats blocks with the same network address but other prefix lengths as other destinations")
        void samePrefixOtherLengthIsAnotherDestination() {
            Route wide = via("10.244.0.0/16", "192.168.1.1", "eth0");
            Route narrow = connected("10.244.0.0/24", "cni0");
            Route host = connected("10.244.0.0/32", "veth1");
            RouteTable table = tableOf(wide, narrow, host);
            assertThat(table.size()).as("10.244.0.0/16, /24 and /32 are three destinations").isEqualTo(3);
            assertThat(table.get(cidr("10.244.0.0/16"))).contains(wide);
            assertThat(table.get(cidr("10.244.0.0/24"))).contains(narrow);
            assertThat(table.get(cidr("10.244.0.0/32"))).contains(host);
        }

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            RouteTable table = new RouteTable();
            assertThatIllegalArgumentException().isThrownBy(() -> table.add(null)).withMessageContaining("null");
            assertThat(table.size()).as("routes in the table").isZero();
        }
    }

    @Nested
    @DisplayName("lookup picks the longest matching prefix")
    class LongestPrefixMatch {

        private final Route defaultRoute = via("0.0.0.0/0", "192.168.1.254", "eth0");
        private final Route upperHalf = via("128.0.0.0/1", "192.168.1.253", "eth0");
        private final Route cluster = via("10.244.0.0/16", "192.168.1.1", "eth0");
        private final Route node = connected("10.244.2.0/24", "cni0");
        private final Route pod = connected("10.244.2.77/32", "veth3");
        private final Route lan = connected("192.168.1.0/24", "eth0");
        private final Route docker = via("172.16.0.0/12", "192.168.1.2", "eth0");
        private final Route pointToPoint = connected("10.250.0.2/31", "wg0");
        private RouteTable table;

        /**
         * Added in an order where neither the first nor the last route added that matches is the longest:
         * /16, default, /32, /1, LAN /24, /12, /31, then the node /24.
         */
        @BeforeEach
        void setUp() {
            table = tableOf(cluster, defaultRoute, pod, upperHalf, lan, docker, pointToPoint, node);
        }

        private Route route(String destination) {
            return table.get(cidr(destination)).orElseThrow();
        }

        @ParameterizedTest(name = "{0} takes the route to {1}")
        @DisplayName("over a table of default, 128.0.0.0/1, 10.244.0.0/16, 10.244.2.0/24, 10.244.2.77/32, "
                + "192.168.1.0/24, 172.16.0.0/12 and 10.250.0.2/31")
        @CsvSource({
            "10.244.2.7,      10.244.2.0/24,  the /24 is longer than the /16 and the default",
            "10.244.2.77,     10.244.2.77/32, a /32 host route beats the /24 around it",
            "10.244.2.76,     10.244.2.0/24,  one below the /32 host route",
            "10.244.2.78,     10.244.2.0/24,  one above the /32 host route",
            "10.244.2.0,      10.244.2.0/24,  the first address of the /24",
            "10.244.2.255,    10.244.2.0/24,  the last address of the /24",
            "10.244.1.255,    10.244.0.0/16,  just below the /24",
            "10.244.3.0,      10.244.0.0/16,  just above the /24",
            "10.244.9.1,      10.244.0.0/16,  inside the /16 only",
            "10.244.20.1,     10.244.0.0/16,  10.244.20.1 starts with the text 10.244.2 but is not in 10.244.2.0/24",
            "10.244.25.7,     10.244.0.0/16,  10.244.25.7 starts with the text 10.244.2 but is not in 10.244.2.0/24",
            "10.244.0.0,      10.244.0.0/16,  the first address of the /16",
            "10.244.255.255,  10.244.0.0/16,  the last address of the /16",
            "10.243.255.255,  0.0.0.0/0,      just below the /16",
            "10.245.0.0,      0.0.0.0/0,      just above the /16",
            "8.8.8.8,         0.0.0.0/0,      only the default route covers it",
            "0.0.0.0,         0.0.0.0/0,      the lowest address",
            "127.255.255.255, 0.0.0.0/0,      just below 128.0.0.0/1",
            "128.0.0.0,       128.0.0.0/1,    the first address of 128.0.0.0/1, unsigned",
            "255.255.255.255, 128.0.0.0/1,    the last address, unsigned",
            "192.168.1.12,    192.168.1.0/24, inside the LAN /24 and 128.0.0.0/1",
            "192.168.10.5,    128.0.0.0/1,    192.168.10.5 starts with the text 192.168.1 but is not in 192.168.1.0/24",
            "192.168.0.255,   128.0.0.0/1,    just below the LAN /24",
            "192.168.2.0,     128.0.0.0/1,    just above the LAN /24",
            "172.16.0.0,      172.16.0.0/12,  the first address of a /12 that does not end on an octet",
            "172.31.255.255,  172.16.0.0/12,  the last address of the /12",
            "172.15.255.255,  128.0.0.0/1,    just below the /12, still in 128.0.0.0/1",
            "172.32.0.0,      128.0.0.0/1,    just above the /12, still in 128.0.0.0/1",
            "10.250.0.2,      10.250.0.2/31,  the first address of a /31",
            "10.250.0.3,      10.250.0.2/31,  the second address of the /31",
            "10.250.0.1,      0.0.0.0/0,      just below the /31",
            "10.250.0.4,      0.0.0.0/0,      just above the /31",
        })
        void picksTheMostSpecificRoute(String address, String expected, String why) {
            assertThat(table.lookup(ip(address)))
                    .as("the route for %s must be the one to %s (%s)", address, expected, why)
                    .contains(route(expected));
        }

        @Test
        @DisplayName("finds nothing outside every route when there is no default route")
        void missesWithoutADefaultRoute() {
            RouteTable small = tableOf(connected("10.244.2.0/24", "cni0"), via("10.244.0.0/16", "10.0.0.1", "eth0"));
            assertThat(small.lookup(ip("10.245.0.0"))).as("10.245.0.0 is just above 10.244.0.0/16").isEmpty();
            assertThat(small.lookup(ip("10.243.255.255"))).as("10.243.255.255 is just below 10.244.0.0/16").isEmpty();
            assertThat(small.lookup(ip("8.8.8.8"))).as("no default route: no route to 8.8.8.8").isEmpty();
            assertThat(small.lookup(ip("10.244.2.1")).map(Route::device)).as("10.244.2.1").contains("cni0");
        }

        @Test
        @DisplayName("0.0.0.0/0 alone matches every address")
        void theDefaultRouteMatchesEverything() {
            RouteTable onlyDefault = tableOf(defaultRoute);
            for (String address : List.of("0.0.0.0", "10.244.1.2", "127.0.0.1", "128.0.0.0", "192.168.1.7",
                    "255.255.255.255")) {
                assertThat(onlyDefault.lookup(ip(address)))
                        .as("the default route covers %s", address).contains(defaultRoute);
            }
        }

        @Test
        @DisplayName("a single /24 matches its own addresses, from the first to the last, and nothing on either side")
        void aSingleBlockHasTwoEdges() {
            Route only = connected("10.244.2.0/24", "cni0");
            RouteTable single = tableOf(only);
            assertThat(single.lookup(ip("10.244.2.0"))).as("10.244.2.0, first address").contains(only);
            assertThat(single.lookup(ip("10.244.2.255"))).as("10.244.2.255, last address").contains(only);
            assertThat(single.lookup(ip("10.244.1.255"))).as("10.244.1.255, just below").isEmpty();
            assertThat(single.lookup(ip("10.244.3.0"))).as("10.244.3.0, just above").isEmpty();
        }

        @Test
        @DisplayName("prefers a longer prefix whichever was added first")
        void orderOfAddingDoesNotMatter() {
            Route wide = via("10.244.0.0/16", "192.168.1.1", "eth0");
            Route narrow = connected("10.244.2.0/24", "cni0");
            assertThat(tableOf(wide, narrow).lookup(ip("10.244.2.9"))).as("/16 added first").contains(narrow);
            assertThat(tableOf(narrow, wide).lookup(ip("10.244.2.9"))).as("/24 added first").contains(narrow);
            assertThat(tableOf(defaultRoute, narrow).lookup(ip("10.244.2.9"))).as("default added first")
                    .contains(narrow);
            assertThat(tableOf(narrow, defaultRoute).lookup(ip("10.244.2.9"))).as("default added last")
                    .contains(narrow);
        }

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> table.lookup(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("replace (ip route replace)")
    class Replacing {

        @Test
        @DisplayName("adds a route when there is none to its destination, and returns empty")
        void addsWhenAbsent() {
            RouteTable table = new RouteTable();
            Route route = connected("10.244.1.0/24", "cni0");
            assertThat(table.replace(route)).as("replace() into an empty table replaces nothing").isEmpty();
            assertThat(table.get(cidr("10.244.1.0/24"))).contains(route);
            assertThat(table.size()).as("routes in the table").isEqualTo(1);
        }

        @Test
        @DisplayName("swaps the route to the same destination and returns the old one, without a duplicate")
        void swapsAndReturnsTheOldRoute() {
            Route old = via("10.244.2.0/24", "192.168.1.12", "eth0");
            Route other = via("10.244.0.0/16", "192.168.1.1", "eth0");
            RouteTable table = tableOf(old, other);
            Route moved = Route.onlink(cidr("10.244.2.0/24"), ip("10.244.2.0"), "flannel.1", Route.Origin.VXLAN);

            assertThat(table.replace(moved)).as("replace() returns the route it replaced").contains(old);
            assertThat(table.get(cidr("10.244.2.0/24"))).as("the new route is the one stored").contains(moved);
            assertThat(table.size()).as("replace() of an existing destination keeps the size").isEqualTo(2);
            assertThat(table.routes()).as("one route per destination after replace()")
                    .containsExactly(other, moved);
            assertThat(table.lookup(ip("10.244.2.9"))).as("lookup after replace() finds the new route").contains(moved);
        }

        @Test
        @DisplayName("replaces only the exact destination")
        void replacesOnlyTheExactDestination() {
            Route wide = via("10.244.0.0/16", "192.168.1.1", "eth0");
            RouteTable table = tableOf(wide);
            Route narrow = connected("10.244.0.0/24", "cni0");
            assertThat(table.replace(narrow)).as("10.244.0.0/24 is not the destination 10.244.0.0/16").isEmpty();
            assertThat(table.routes()).containsExactly(wide, narrow);
            assertThat(table.size()).as("routes in the table").isEqualTo(2);
        }

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            RouteTable table = new RouteTable();
            assertThatIllegalArgumentException().isThrownBy(() -> table.replace(null)).withMessageContaining("null");
            assertThat(table.size()).as("routes in the table").isZero();
        }
    }

    @Nested
    @DisplayName("remove (ip route del)")
    class Removing {

        private final Route defaultRoute = via("0.0.0.0/0", "192.168.1.254", "eth0");
        private final Route cluster = via("10.244.0.0/16", "192.168.1.1", "eth0");
        private final Route node = connected("10.244.2.0/24", "cni0");
        private final Route pod = connected("10.244.2.7/32", "veth3");
        private RouteTable table;

        @BeforeEach
        void setUp() {
            table = tableOf(defaultRoute, cluster, node, pod);
        }

        @Test
        @DisplayName("removes the route to exactly that destination and returns it")
        void removesTheExactDestination() {
            assertThat(table.remove(cidr("10.244.2.0/24"))).as("remove(10.244.2.0/24) returns the route").contains(node);
            assertThat(table.get(cidr("10.244.2.0/24"))).as("the removed route").isEmpty();
            assertThat(table.size()).as("size after one remove").isEqualTo(3);
            assertThat(table.routes())
                    .as("removing 10.244.2.0/24 must keep the default, the /16 and the /32 that cover the same addresses")
                    .containsExactly(defaultRoute, cluster, pod);
            assertThat(table.lookup(ip("10.244.2.9")))
                    .as("with the /24 gone, 10.244.2.9 falls back to the next longest match, the /16")
                    .contains(cluster);
            assertThat(table.lookup(ip("10.244.2.7"))).as("the /32 is still there").contains(pod);
        }

        @Test
        @DisplayName("does not remove a route that contains the block")
        void doesNotRemoveAContainingRoute() {
            assertThat(table.remove(cidr("10.244.3.0/24")))
                    .as("there is no route to 10.244.3.0/24, even though 10.244.0.0/16 covers it").isEmpty();
            assertThat(table.remove(cidr("10.244.2.0/25")))
                    .as("there is no route to 10.244.2.0/25, even though 10.244.2.0/24 covers it").isEmpty();
            assertThat(table.routes()).as("nothing removed").containsExactly(defaultRoute, cluster, node, pod);
            assertThat(table.size()).as("routes in the table").isEqualTo(4);
        }

        @Test
        @DisplayName("does not remove the routes inside the block")
        void doesNotRemoveContainedRoutes() {
            table.remove(cidr("10.244.0.0/16"));
            assertThat(table.routes()).as("removing 10.244.0.0/16 must keep 10.244.2.0/24 and 10.244.2.7/32")
                    .containsExactly(defaultRoute, node, pod);
            assertThat(table.remove(cidr("10.0.0.0/8"))).as("no route to 10.0.0.0/8").isEmpty();
            assertThat(table.size()).as("routes in the table").isEqualTo(3);
        }

        @Test
        @DisplayName("removes the default route only when asked for 0.0.0.0/0")
        void removesTheDefaultRoute() {
            assertThat(table.remove(cidr("0.0.0.0/0"))).contains(defaultRoute);
            assertThat(table.lookup(ip("8.8.8.8"))).as("without a default route 8.8.8.8 is unreachable").isEmpty();
            assertThat(table.routes()).containsExactly(cluster, node, pod);
        }

        @Test
        @DisplayName("of a missing route changes nothing, and the size never drops below zero")
        void removingAMissingRouteChangesNothing() {
            RouteTable empty = new RouteTable();
            assertThat(empty.remove(cidr("10.244.2.0/24"))).isEmpty();
            assertThat(empty.size()).as("size after removing from an empty table").isZero();
            empty.add(node);
            assertThat(empty.remove(cidr("10.244.2.0/24"))).contains(node);
            assertThat(empty.remove(cidr("10.244.2.0/24"))).as("a second remove of the same destination").isEmpty();
            assertThat(empty.size()).as("routes in an empty table").isZero();
            assertThat(empty.routes()).isEmpty();
        }

        @Test
        @DisplayName("lets the destination be added again")
        void canAddAgainAfterRemove() {
            table.remove(cidr("10.244.2.0/24"));
            Route again = connected("10.244.2.0/24", "cbr0");
            table.add(again);
            assertThat(table.get(cidr("10.244.2.0/24"))).contains(again);
            assertThat(table.size()).as("routes in the table").isEqualTo(4);
        }

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> table.remove(null)).withMessageContaining("null");
            assertThat(table.size()).as("routes in the table").isEqualTo(4);
        }

        @Test
        @DisplayName("of half of 1,500 routes of one length, in a scattered order, keeps every other one found")
        void manyRemovalsKeepTheRest() {
            // A node of a large cluster holds a /24 per other node, and nodes leave in any order. A table that keeps
            // routes of one length close together (a hash table, for example) must still find each route that stays
            // once the routes stored beside it are gone. The /24s are drawn at random from 10.0.0.0/8 (a fixed seed)
            // so that a hash table's entries collide as they would in a real cluster; a table that grows when three
            // quarters full has about 1,500 of 2,048 places taken here. Checked plainly, AssertJ only for a failure.
            int count = 1500;
            Random random = new Random(0x2_3L);
            boolean[] taken = new boolean[1 << 16];
            RouteTable many = new RouteTable();
            many.add(defaultRoute);
            Route[] perNode = new Route[count];
            Ipv4Address[] inside = new Ipv4Address[count];
            for (int i = 0; i < count; i++) {
                int block = random.nextInt(1 << 16);
                while (taken[block]) {
                    block = random.nextInt(1 << 16);
                }
                taken[block] = true;
                perNode[i] = Route.via(Cidr.containing(Ipv4Address.of(10, block >> 8, block & 0xFF, 0), 24),
                        Ipv4Address.of(172, 16 + (i >> 8), i & 0xFF, 1), "eth0", Route.Origin.HOST_GW);
                inside[i] = Ipv4Address.of(10, block >> 8, block & 0xFF, 77);
                many.add(perNode[i]);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            boolean[] removed = new boolean[count];
            for (int k = 0; k < count / 2; k++) {
                int i = order.get(k);
                Optional<Route> gone = many.remove(perNode[i].destination());
                if (!gone.equals(Optional.of(perNode[i]))) {
                    assertThat(gone).as("remove(%s), removal %,d of %,d", perNode[i].destination(), k + 1, count / 2)
                            .contains(perNode[i]);
                }
                removed[i] = true;
            }
            assertThat(many.size()).as("routes left: the default and %,d of the %,d /24s", count / 2, count)
                    .isEqualTo(count / 2 + 1);
            for (int i = 0; i < count; i++) {
                Route expected = removed[i] ? defaultRoute : perNode[i];
                Optional<Route> found = many.lookup(inside[i]);
                if (!found.equals(Optional.of(expected))) {
                    assertThat(found).as("after removing %,d of %,d /24 routes in a scattered order, lookup(%s) must"
                                    + " find %s: %s", count / 2, count, inside[i], expected,
                            removed[i] ? "its /24 was removed, so the default route" : "its /24 was never removed")
                            .contains(expected);
                }
                Optional<Route> exact = many.get(perNode[i].destination());
                Optional<Route> wanted = removed[i] ? Optional.empty() : Optional.of(perNode[i]);
                if (!exact.equals(wanted)) {
                    assertThat(exact).as("get(%s) after the removals (%s)", perNode[i].destination(),
                            removed[i] ? "removed" : "never removed").isEqualTo(wanted);
                }
            }
        }
    }

    @Nested
    @DisplayName("get")
    class Getting {

        @Test
        @DisplayName("answers only for the exact destination, not for a block that contains or is inside it")
        void exactDestinationOnly() {
            Route node = connected("10.244.2.0/24", "cni0");
            RouteTable table = tableOf(node);
            assertThat(table.get(Cidr.of(ip("10.244.2.0"), 24))).as("get(10.244.2.0/24)").contains(node);
            assertThat(table.get(cidr("10.244.0.0/16"))).as("get(10.244.0.0/16): a block containing the route's")
                    .isEmpty();
            assertThat(table.get(cidr("10.244.2.0/25"))).as("get(10.244.2.0/25): a block inside the route's")
                    .isEmpty();
            assertThat(table.get(cidr("10.244.3.0/24"))).as("get(10.244.3.0/24): the next block").isEmpty();
            assertThat(table.get(cidr("0.0.0.0/0"))).as("get(0.0.0.0/0)").isEmpty();
        }

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> new RouteTable().get(null))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("routes()")
    class Listing {

        @Test
        @DisplayName("lists by destination in Cidr order: unsigned network address, then shorter prefix first")
        void listsInCidrOrder() {
            Route node2 = connected("10.244.2.0/24", "cni0");
            Route defaultRoute = via("0.0.0.0/0", "192.168.1.254", "eth0");
            Route lan = connected("192.168.1.0/24", "eth0");
            Route cluster = via("10.244.0.0/16", "192.168.1.1", "eth0");
            Route pod = connected("10.244.2.77/32", "veth3");
            Route upperHalf = via("128.0.0.0/1", "192.168.1.253", "eth0");
            Route node0 = connected("10.244.0.0/24", "cni1");
            Route services = via("10.96.0.0/12", "192.168.1.1", "eth0");
            RouteTable table = tableOf(node2, defaultRoute, lan, cluster, pod, upperHalf, node0, services);

            assertThat(table.routes())
                    .as("routes() must list by destination in Cidr order, as `ip route` does: by network address"
                            + " (as an unsigned number), and for the same address the shorter prefix first; not in"
                            + " the order added, nor by prefix length")
                    .containsExactly(defaultRoute, services, cluster, node0, node2, pod, upperHalf, lan);
            assertThat(table.size()).as("routes in the table").isEqualTo(8);
        }

        @Test
        @DisplayName("cannot be changed by the caller")
        void isUnmodifiable() {
            RouteTable table = tableOf(connected("10.244.2.0/24", "cni0"));
            List<Route> routes = table.routes();
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("routes() must be unmodifiable: adding to the list it returned must throw")
                    .isThrownBy(() -> routes.add(connected("10.244.3.0/24", "cni0")));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("routes() must be unmodifiable: removing from the list it returned must throw")
                    .isThrownBy(() -> routes.remove(0));
            assertThat(table.size()).as("routes in the table").isEqualTo(1);
            assertThat(table.routes()).hasSize(1);
        }
    }

    @Test
    @DisplayName("size() follows every add, replace and remove")
    void sizeFollowsChanges() {
        RouteTable table = new RouteTable();
        table.add(connected("10.244.1.0/24", "cni0"));
        table.add(via("0.0.0.0/0", "192.168.1.254", "eth0"));
        assertThat(table.size()).as("after two adds").isEqualTo(2);
        assertThat(table.replace(via("0.0.0.0/0", "192.168.1.253", "eth0"))).isPresent();
        assertThat(table.size()).as("after replacing the default route").isEqualTo(2);
        assertThat(table.replace(via("10.244.2.0/24", "192.168.1.12", "eth0"))).isEmpty();
        assertThat(table.size()).as("after replace() of a new destination").isEqualTo(3);
        assertThat(table.remove(cidr("10.244.0.0/16"))).isEqualTo(Optional.empty());
        assertThat(table.size()).as("after removing a destination the table lacks").isEqualTo(3);
        assertThat(table.remove(cidr("10.244.1.0/24"))).isPresent();
        assertThat(table.size()).as("after removing 10.244.1.0/24").isEqualTo(2);
        assertThat(table.routes()).hasSize(table.size());
    }
}
