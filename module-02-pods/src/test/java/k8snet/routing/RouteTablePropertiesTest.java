package k8snet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;

import k8snet.testkit.Theories;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/**
 * Laws of every routing table. The generated routes cluster inside {@code 10.0.0.0/14} with prefix lengths
 * 8 to 32 (plus the default route now and then), so that blocks nest and overlap and many addresses are
 * covered by several routes at once; the addresses are drawn from the same region and just outside it.
 * QuickTheories replays from a fixed seed and prints the shrunk counterexample with it ("Seed ..., fixed in the test").
 */
@DisplayName("Exercise 2.3: every routing table (properties)")
class RouteTablePropertiesTest {

    private static final long SEED = 0x2_3000_0001L;
    private static final int SHRINKS = 300;
    private static final int EXAMPLES = 300;

    /** 10.0.0.0 as a number: the region the routes cluster in. */
    private static final int TEN = 0x0A00_0000;

    /** Addresses in 10.0.0.0/14, with the fourth octet cut down so that nearby blocks collide often. */
    private static final Gen<Ipv4Address> NEAR = integers().between(0, 3)
            .zip(integers().between(0, 7), integers().between(0, 255),
                    (b, c, d) -> Ipv4Address.of(10, b, c, d));

    /** Addresses just outside the region on both sides (9.255.255.x, 10.4.0.x) and far away. */
    private static final Gen<Ipv4Address> AROUND = Generate.pick(List.of(
            Ipv4Address.parse("9.255.255.255"), Ipv4Address.parse("10.4.0.0"), Ipv4Address.parse("10.4.0.1"),
            Ipv4Address.parse("11.0.0.0"), Ipv4Address.parse("0.0.0.0"), Ipv4Address.parse("255.255.255.255"),
            Ipv4Address.parse("192.168.1.7"), Ipv4Address.parse("10.0.0.0"), Ipv4Address.parse("10.3.255.255")));

    private static final Gen<Ipv4Address> ADDRESSES = NEAR.mix(AROUND, 20);

    /** Prefix lengths 8-32, with the lengths of a node block and a host route more likely. */
    private static final Gen<Integer> LENGTHS = integers().between(8, 32).mix(Generate.pick(List.of(16, 24, 32)), 40);

    private static final Gen<String> DEVICES = Generate.pick(List.of("eth0", "cni0", "flannel.1", "veth1"));

    private static final Gen<Ipv4Address> GATEWAYS = integers().between(1, 254)
            .map(d -> Ipv4Address.of(192, 168, 1, d));

    /** A block around a nearby address, now and then the default route. */
    private static final Gen<Cidr> BLOCKS = NEAR.zip(LENGTHS, Cidr::containing)
            .mix(Generate.constant(Cidr.parse("0.0.0.0/0")), 5);

    /** A connected route or a route via a gateway to one of the blocks. */
    private static final Gen<Route> ROUTES = BLOCKS.zip(DEVICES, GATEWAYS, Generate.booleans(),
            (block, device, gateway, isVia) -> isVia
                    ? Route.via(block, gateway, device, Route.Origin.HOST_GW)
                    : Route.connected(block, device));

    private static final Gen<List<Route>> TABLES = lists().of(ROUTES).ofSizeBetween(0, 40);

    private static final Gen<List<Ipv4Address>> PROBES = lists().of(ADDRESSES).ofSizeBetween(1, 30);

    /** One change to a table: ADD, REPLACE or REMOVE of a route's destination. */
    private enum Kind { ADD, REPLACE, REMOVE }

    private record Change(Kind kind, Route route) {
        @Override
        public String toString() {
            return kind == Kind.REMOVE ? "remove " + route.destination() : kind.name().toLowerCase() + " " + route;
        }
    }

    private static final Gen<List<Change>> CHANGES = lists()
            .of(Generate.enumValues(Kind.class).zip(ROUTES, Change::new))
            .ofSizeBetween(1, 60);

    /** The table built with replace(), so that repeated destinations keep the last route. */
    private static RouteTable build(List<Route> routes) {
        RouteTable table = new RouteTable();
        for (Route r : routes) {
            table.replace(r);
        }
        return table;
    }

    /**
     * The routes build(routes) must hold, worked out here: the last route given to each destination. The oracle
     * for the laws below, never the table's own routes(), which a wrong table could leave empty.
     */
    private static List<Route> expected(List<Route> routes) {
        Map<Cidr, Route> last = new LinkedHashMap<>();
        for (Route r : routes) {
            last.put(r.destination(), r);
        }
        return List.copyOf(last.values());
    }

    /** Longest-prefix match the slow way: every route that contains the address, the longest one. */
    private static Optional<Route> bruteForce(List<Route> routes, Ipv4Address address) {
        return routes.stream()
                .filter(r -> r.destination().contains(address))
                .max(Comparator.comparingInt(r -> r.destination().prefixLength()));
    }

    @Nested
    @DisplayName("lookup")
    class Lookup {

        @Test
        @DisplayName("agrees with a scan of the routes put in for the longest prefix that contains the address")
        void agreesWithBruteForce() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("routes", TABLES), named("probed addresses", PROBES)).checkAssert((routes, probes) -> {
                RouteTable table = build(routes);
                List<Route> all = expected(routes);
                for (Ipv4Address address : probes) {
                    assertThat(table.lookup(address))
                            .as("lookup(%s) in a table of %s must be the longest route containing it (seed %d)",
                                    address, all, SEED)
                            .isEqualTo(bruteForce(all, address));
                }
            });
        }

        @Test
        @DisplayName("at both edges of every route's block finds a route at least as specific, which contains the address")
        void everyRouteIsReachable() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("routes", TABLES)).checkAssert(routes -> {
                RouteTable table = build(routes);
                List<Route> all = expected(routes);
                for (Route r : all) {
                    for (Ipv4Address edge : List.of(r.destination().network(), r.destination().broadcast())) {
                        Route found = table.lookup(edge).orElse(null);
                        assertThat(found)
                                .as("lookup(%s), an edge of %s, in a table of %s (seed %d)", edge, r, all, SEED)
                                .isNotNull();
                        assertThat(found.destination().contains(edge))
                                .as("lookup(%s) gave %s, which does not contain it (seed %d)", edge, found, SEED)
                                .isTrue();
                        assertThat(found.destination().prefixLength())
                                .as("lookup(%s) gave %s, shorter than %s which also covers it (seed %d)",
                                        edge, found, r, SEED)
                                .isGreaterThanOrEqualTo(r.destination().prefixLength());
                    }
                }
            });
        }
    }

    @Nested
    @DisplayName("a sequence of add, replace and remove")
    class Changes {

        @Test
        @DisplayName("keeps one route per destination, in Cidr order, and size() == routes().size()")
        void keepsOneRoutePerDestination() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("changes", CHANGES, changes -> Theories.lines(changes, Change::toString))).checkAssert(changes -> {
                RouteTable table = new RouteTable();
                TreeMap<Cidr, Route> model = new TreeMap<>();
                List<Change> done = new ArrayList<>();
                for (Change change : changes) {
                    done.add(change);
                    Cidr destination = change.route().destination();
                    switch (change.kind()) {
                        case ADD -> {
                            if (model.containsKey(destination)) {
                                assertThatIllegalStateException()
                                        .as("after %s, a second route to %s must be refused (seed %d)",
                                                done, destination, SEED)
                                        .isThrownBy(() -> table.add(change.route()));
                            } else {
                                table.add(change.route());
                                model.put(destination, change.route());
                            }
                        }
                        case REPLACE -> assertThat(table.replace(change.route()))
                                .as("after %s, replace() returns the route it replaced (seed %d)", done, SEED)
                                .isEqualTo(Optional.ofNullable(model.put(destination, change.route())));
                        case REMOVE -> assertThat(table.remove(destination))
                                .as("after %s, remove() returns the route it removed (seed %d)", done, SEED)
                                .isEqualTo(Optional.ofNullable(model.remove(destination)));
                    }
                    // Each check is made plainly first and handed to AssertJ only when it fails, for its message:
                    // 9,000 steps of AssertJ's list comparison were most of this exercise's time in ./course watch.
                    List<Route> listed = table.routes();
                    int size = table.size();
                    if (size != listed.size() || size != model.size()) {
                        assertThat(size)
                                .as("after %s, size() must equal the number of routes listed, %s (seed %d)",
                                        done, listed, SEED)
                                .isEqualTo(listed.size())
                                .isEqualTo(model.size());
                    }
                    if (!new ArrayList<>(model.values()).equals(listed)) {
                        assertThat(listed)
                                .as("after %s, one route per destination, by destination (seed %d)", done, SEED)
                                .containsExactlyElementsOf(model.values());
                    }
                    Optional<Route> got = table.get(destination);
                    if (!Optional.ofNullable(model.get(destination)).equals(got)) {
                        assertThat(got)
                                .as("after %s, get(%s) (seed %d)", done, destination, SEED)
                                .isEqualTo(Optional.ofNullable(model.get(destination)));
                    }
                }
            });
        }
    }
}
