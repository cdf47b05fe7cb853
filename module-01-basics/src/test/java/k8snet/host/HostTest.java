package k8snet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import k8snet.ip.Ipv4Address;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("Exercise 1.3: a host")
class HostTest {

    private static final long SEED = 0x1_3000_0002L;

    private static final Ipv4Address ETH0 = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address DOCKER0 = Ipv4Address.parse("172.17.0.1");
    /** An address on the wire that is not the server's. */
    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");

    /** server: lo 127.0.0.1, eth0 10.0.0.2, docker0 172.17.0.1. */
    private static Host server() {
        return new Host("server")
                .addInterface(new Interface("eth0", ETH0, InterfaceKind.PHYSICAL))
                .addInterface(new Interface("docker0", DOCKER0, InterfaceKind.VIRTUAL));
    }

    /** A message to (address, port), from the client on the wire or, for loopback, from the host itself. */
    private static Message message(Protocol protocol, Ipv4Address to, int port) {
        Ipv4Address from = to.isLoopback() ? Ipv4Address.LOCALHOST : CLIENT;
        return new Message(protocol, new SocketAddress(from, Port.of(50000)), new SocketAddress(to, Port.of(port)), "hi");
    }

    private static Application app(String name) {
        return new Application(name);
    }

    @Nested
    @DisplayName("when created")
    class Created {

        @Test
        @DisplayName("has exactly its loopback interface lo 127.0.0.1")
        void startsWithLoopback() {
            assertThat(new Host("laptop").interfaces())
                    .as("every host starts with lo 127.0.0.1 and nothing else")
                    .containsExactly(Interface.loopback());
        }

        @ParameterizedTest(name = "\"{0}\" is the name {1}")
        @CsvSource({
            "laptop,  laptop",
            "node-1,  node-1",
            "Node-1,  node-1",
            "1host,   1host",
            "a,       a",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        })
        void keepsAValidLabelInLowerCase(String name, String expected) {
            assertThat(new Host(name).name()).as("the host name of new Host(\"%s\")", name).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', textBlock = """
            ''         | empty
            -node      | starts with '-'
            node-      | ends with '-'
            node.local | two labels: a host name is one label
            node-1.    | a trailing dot makes it a domain name
            node_1     | underscore
            'node 1'   | space
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | 64 characters
            """)
        void rejectsWhatIsNotOneLabel(String name, String why) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a single RFC 1123 label (%s)", name, why)
                    .isThrownBy(() -> new Host(name))
                    .withMessageContaining("\"" + name + "\"");
        }

        @Test
        @DisplayName("rejects a null name with an IllegalArgumentException")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Host(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("with interfaces")
    class Interfaces {

        private Host host;

        @BeforeEach
        void setUp() {
            host = server();
        }

        @Test
        @DisplayName("lists loopback first, then the interfaces in the order added")
        void keepsOrder() {
            assertThat(host.interfaces()).extracting(Interface::name).containsExactly("lo", "eth0", "docker0");
        }

        @Test
        @DisplayName("returns itself from addInterface, for chaining")
        void chains() {
            Host laptop = new Host("laptop");
            assertThat(laptop.addInterface(new Interface("wlan0", CLIENT, InterfaceKind.PHYSICAL))).isSameAs(laptop);
        }

        @Test
        @DisplayName("does not let callers change its interfaces")
        void unmodifiable() {
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("interfaces() is unmodifiable: add interfaces through addInterface")
                    .isThrownBy(() -> host.interfaces().add(new Interface("eth9", CLIENT, InterfaceKind.PHYSICAL)));
            assertThat(host.interfaces()).hasSize(3);
        }

        @ParameterizedTest(name = "{0} {1} ({2}) is refused: {4}")
        @CsvSource(delimiter = '|', textBlock = """
            eth0    | 10.0.0.9   | PHYSICAL | eth0     | the name eth0 is taken
            lo      | 10.0.0.9   | PHYSICAL | lo       | the name lo is taken
            eth1    | 10.0.0.2   | PHYSICAL | 10.0.0.2 | 10.0.0.2 is eth0's address
            tun0    | 172.17.0.1 | VIRTUAL  | 172.17.0.1 | 172.17.0.1 is docker0's address
            lo1     | 127.0.0.2  | LOOPBACK | lo1      | a host has one loopback interface
            """)
        void rejectsDuplicates(String name, String address, InterfaceKind kind, String mentioned, String why) {
            Interface iface = new Interface(name, Ipv4Address.parse(address), kind);
            assertThatIllegalArgumentException()
                    .as("adding %s to %s must fail: %s", iface, host.interfaces(), why)
                    .isThrownBy(() -> host.addInterface(iface))
                    .withMessageContaining(mentioned);
            assertThat(host.interfaces()).as("a refused interface is not added").hasSize(3);
        }

        @Test
        @DisplayName("refuses a second loopback interface even when lo is its only interface")
        void onlyOneLoopback() {
            Host fresh = new Host("fresh");
            Interface second = new Interface("lo1", Ipv4Address.parse("127.0.0.2"), InterfaceKind.LOOPBACK);
            assertThatIllegalArgumentException()
                    .as("a host has exactly one loopback interface, lo; %s would be a second", second)
                    .isThrownBy(() -> fresh.addInterface(second))
                    .withMessageContaining("lo1");
            assertThat(fresh.interfaces()).containsExactly(Interface.loopback());
        }

        @Test
        @DisplayName("rejects a null interface")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> host.addInterface(null)).withMessageContaining("null");
        }

        @ParameterizedTest(name = "{0} belongs to {1}")
        @CsvSource({
            "10.0.0.2,        eth0",
            "172.17.0.1,      docker0",
            "127.0.0.1,       lo",
            "127.0.0.53,      lo",
            "127.255.255.254, lo",
        })
        void findsTheInterfaceOfAnAddress(String address, String expected) {
            assertThat(host.interfaceFor(Ipv4Address.parse(address)))
                    .as("%s is on %s (all of 127.0.0.0/8 is routed to lo)", address, expected)
                    .hasValueSatisfying(i -> assertThat(i.name()).isEqualTo(expected));
        }

        @ParameterizedTest(name = "{0} is not the host''s")
        @ValueSource(strings = {"10.0.0.3", "10.0.0.1", "172.17.0.2", "0.0.0.0", "128.0.0.1", "255.255.255.255"})
        void findsNoInterfaceForOtherAddresses(String address) {
            assertThat(host.interfaceFor(Ipv4Address.parse(address)))
                    .as("no interface of %s has %s", host.interfaces(), address)
                    .isEmpty();
        }

        @Test
        @DisplayName("rejects a null address in interfaceFor")
        void interfaceForNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> host.interfaceFor(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("binding applications to ports")
    class Binding {

        private Host host;

        @BeforeEach
        void setUp() {
            host = server();
        }

        @ParameterizedTest(name = "{0} {1}:{2} then {3} {4}:{5}: clash {6}")
        @CsvSource({
            // same address, same port
            "TCP, 10.0.0.2,   80, TCP, 10.0.0.2,   80,   true",
            "TCP, 127.0.0.1,  80, TCP, 127.0.0.1,  80,   true",
            "TCP, 0.0.0.0,    80, TCP, 0.0.0.0,    80,   true",
            // wildcard against specific, in both orders
            "TCP, 0.0.0.0,    80, TCP, 10.0.0.2,   80,   true",
            "TCP, 10.0.0.2,   80, TCP, 0.0.0.0,    80,   true",
            "TCP, 127.0.0.1,  80, TCP, 0.0.0.0,    80,   true",
            "TCP, 0.0.0.0,    80, TCP, 127.0.0.1,  80,   true",
            "UDP, 0.0.0.0,    53, UDP, 172.17.0.1, 53,   true",
            "UDP, 172.17.0.1, 53, UDP, 0.0.0.0,    53,   true",
            // different specific addresses share a port
            "TCP, 10.0.0.2,   80, TCP, 172.17.0.1, 80,   false",
            "TCP, 127.0.0.1,  80, TCP, 10.0.0.2,   80,   false",
            "TCP, 127.0.0.1,  80, TCP, 127.0.0.2,  80,   false",
            // different ports never clash
            "TCP, 10.0.0.2,   80, TCP, 10.0.0.2,   8080, false",
            "TCP, 0.0.0.0,    80, TCP, 0.0.0.0,    81,   false",
            "TCP, 0.0.0.0,    80, TCP, 10.0.0.2,   443,  false",
            // TCP and UDP are separate port spaces
            "TCP, 0.0.0.0,    53, UDP, 0.0.0.0,    53,   false",
            "UDP, 10.0.0.2,   53, TCP, 10.0.0.2,   53,   false",
            "UDP, 0.0.0.0,    53, TCP, 10.0.0.2,   53,   false",
        })
        void clashesOnSameProtocolPortAndOverlappingAddress(Protocol p1, String a1, int port1,
                Protocol p2, String a2, int port2, boolean clash) {
            Ipv4Address first = Ipv4Address.parse(a1);
            Ipv4Address second = Ipv4Address.parse(a2);
            host.bind(app("first"), p1, first, Port.of(port1));
            if (clash) {
                assertThatIllegalStateException()
                        .as("%s %s:%d is held by 'first', so binding %s %s:%d must fail with 'address already in use'",
                                p1, a1, port1, p2, a2, port2)
                        .isThrownBy(() -> host.bind(app("second"), p2, second, Port.of(port2)))
                        .withMessageMatching("(?is).*already in use.*")
                        .withMessageContaining("first")
                        .withMessageContaining(a1 + ":" + port1);
            } else {
                assertThatCode(() -> host.bind(app("second"), p2, second, Port.of(port2)))
                        .as("%s %s:%d is held by 'first', and %s %s:%d must bind as well: %s", p1, a1, port1, p2, a2,
                                port2, clashRule(p1, first, Port.of(port1), p2, second, Port.of(port2)))
                        .doesNotThrowAnyException();
                assertThat(host.dispatch(message(p2, concrete(second), port2)))
                        .as("%s %s:%d and %s %s:%d can both be bound; a message to the second reaches 'second'",
                                p1, a1, port1, p2, a2, port2)
                        .isEqualTo(new Dispatch.Accepted(app("second"), new SocketAddress(second, Port.of(port2))));
            }
            assertThat(host.dispatch(message(p1, concrete(first), port1)))
                    .as("the first binding %s %s:%d still gets its messages", p1, a1, port1)
                    .isEqualTo(new Dispatch.Accepted(app("first"), new SocketAddress(first, Port.of(port1))));
        }

        @ParameterizedTest(name = "binding to {0} fails: not this host''s address")
        @ValueSource(strings = {"10.0.0.3", "10.0.0.1", "192.168.1.20", "255.255.255.255"})
        void refusesAddressesTheHostDoesNotHave(String address) {
            assertThatIllegalArgumentException()
                    .as("the server has %s; binding to %s is EADDRNOTAVAIL", host.interfaces(), address)
                    .isThrownBy(() -> host.bind(app("nginx"), Protocol.TCP, Ipv4Address.parse(address), Port.HTTP))
                    .withMessageMatching("(?is).*cannot assign.*")
                    .withMessageContaining(address);
        }

        @Test
        @DisplayName("checks the address before looking for a clash")
        void addressBeforeClash() {
            host.bind(app("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
            assertThatIllegalArgumentException()
                    .as("10.0.0.9 is not the host's: that is the error, even though port 80 is taken")
                    .isThrownBy(() -> host.bind(app("apache"), Protocol.TCP, Ipv4Address.parse("10.0.0.9"), Port.HTTP))
                    .withMessageMatching("(?is).*cannot assign.*");
        }

        @Test
        @DisplayName("rejects null arguments with IllegalArgumentException")
        void rejectsNulls() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.bind(null, Protocol.TCP, ETH0, Port.HTTP)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.bind(app("a"), null, ETH0, Port.HTTP)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.bind(app("a"), Protocol.TCP, null, Port.HTTP)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.bind(app("a"), Protocol.TCP, ETH0, null)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.unbind(null, ETH0, Port.HTTP)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.unbind(Protocol.TCP, null, Port.HTTP)).withMessageContaining("null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> host.unbind(Protocol.TCP, ETH0, null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("unbinds exactly the (protocol, address, port) given")
        void unbindsExactly() {
            host.bind(app("nginx"), Protocol.TCP, ETH0, Port.HTTP);
            host.bind(app("dns"), Protocol.UDP, Ipv4Address.ANY, Port.DNS);
            assertThat(host.unbind(Protocol.TCP, Ipv4Address.ANY, Port.HTTP))
                    .as("nothing is bound on TCP 0.0.0.0:80 (nginx has 10.0.0.2:80)").isFalse();
            assertThat(host.unbind(Protocol.UDP, ETH0, Port.HTTP)).as("nothing is bound on UDP 10.0.0.2:80").isFalse();
            assertThat(host.unbind(Protocol.UDP, ETH0, Port.DNS))
                    .as("UDP 10.0.0.2:53 is covered by the wildcard binding but is not itself a binding").isFalse();
            assertThat(host.dispatch(message(Protocol.TCP, ETH0, 80)))
                    .as("failed unbinds leave nginx in place").isInstanceOf(Dispatch.Accepted.class);

            assertThat(host.unbind(Protocol.TCP, ETH0, Port.HTTP)).as("unbinding nginx's own binding").isTrue();
            assertThat(host.dispatch(message(Protocol.TCP, ETH0, 80)))
                    .as("after unbind nothing listens on TCP 10.0.0.2:80")
                    .isEqualTo(new Dispatch.Refused(SocketAddress.of("10.0.0.2", 80)));
            assertThat(host.unbind(Protocol.TCP, ETH0, Port.HTTP)).as("a second unbind finds nothing").isFalse();
            assertThat(host.dispatch(message(Protocol.UDP, DOCKER0, 53)))
                    .as("the UDP 53 listener is untouched")
                    .isEqualTo(new Dispatch.Accepted(app("dns"), new SocketAddress(Ipv4Address.ANY, Port.DNS)));
        }

        @Test
        @DisplayName("frees the port for a new application after unbind")
        void rebindAfterUnbind() {
            host.bind(app("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
            host.unbind(Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
            host.bind(app("apache"), Protocol.TCP, ETH0, Port.HTTP);
            assertThat(host.dispatch(message(Protocol.TCP, ETH0, 80)))
                    .isEqualTo(new Dispatch.Accepted(app("apache"), new SocketAddress(ETH0, Port.HTTP)));
        }

        @Test
        @DisplayName("decides every pair of bindings by the clash rule (property)")
        void clashRuleProperty() {
            List<Ipv4Address> addresses = List.of(Ipv4Address.ANY, Ipv4Address.LOCALHOST, ETH0, DOCKER0);
            Gen<Object[]> binding = named("binding", Generate.enumValues(Protocol.class)
                    .zip(Generate.pick(addresses), integers().between(52, 54), (p, a, n) -> new Object[] {p, a, n}),
                    b -> b[0] + " " + b[1] + ":" + b[2]);
            qt(SEED).forAll(binding, binding).checkAssert((b1, b2) -> {
                Host h = server();
                Protocol p1 = (Protocol) b1[0];
                Protocol p2 = (Protocol) b2[0];
                Ipv4Address a1 = (Ipv4Address) b1[1];
                Ipv4Address a2 = (Ipv4Address) b2[1];
                Port port1 = Port.of((Integer) b1[2]);
                Port port2 = Port.of((Integer) b2[2]);
                boolean clash = p1 == p2 && port1.equals(port2)
                        && (a1.equals(a2) || a1.isUnspecified() || a2.isUnspecified());
                h.bind(app("first"), p1, a1, port1);
                String pair = p1 + " " + a1 + ":" + port1 + " then " + p2 + " " + a2 + ":" + port2;
                String rule = clashRule(p1, a1, port1, p2, a2, port2);
                if (clash) {
                    assertThatIllegalStateException()
                            .as("%s must fail with 'address already in use': %s", pair, rule)
                            .isThrownBy(() -> h.bind(app("second"), p2, a2, port2));
                } else {
                    assertThatCode(() -> h.bind(app("second"), p2, a2, port2))
                            .as("%s must both bind: %s", pair, rule)
                            .doesNotThrowAnyException();
                    assertThat(h.dispatch(message(p2, concrete(a2), port2.number())))
                            .as("%s: both bind, and the second gets its messages", pair)
                            .isEqualTo(new Dispatch.Accepted(app("second"), new SocketAddress(a2, port2)));
                }
            });
        }
    }

    @Nested
    @DisplayName("dispatching an arriving message")
    class Dispatching {

        private Host host;

        @BeforeEach
        void setUp() {
            host = server();
        }

        @Test
        @DisplayName("gives it to the application bound on exactly that address")
        void exactBinding() {
            host.bind(app("nginx"), Protocol.TCP, ETH0, Port.HTTP);
            assertThat(host.dispatch(message(Protocol.TCP, ETH0, 80)))
                    .as("nginx listens on TCP 10.0.0.2:80")
                    .isEqualTo(new Dispatch.Accepted(app("nginx"), new SocketAddress(ETH0, Port.HTTP)));
        }

        @ParameterizedTest(name = "a wildcard listener gets messages to {0}")
        @ValueSource(strings = {"10.0.0.2", "172.17.0.1", "127.0.0.1", "127.0.0.53"})
        void wildcardCoversEveryAddress(String address) {
            host.bind(app("sshd"), Protocol.TCP, Ipv4Address.ANY, Port.SSH);
            assertThat(host.dispatch(message(Protocol.TCP, Ipv4Address.parse(address), 22)))
                    .as("sshd listens on 0.0.0.0:22, which covers %s; the listener reported is 0.0.0.0:22", address)
                    .isEqualTo(new Dispatch.Accepted(app("sshd"), new SocketAddress(Ipv4Address.ANY, Port.SSH)));
        }

        @ParameterizedTest(name = "a listener on 10.0.0.2:80 does not get messages to {0}")
        @ValueSource(strings = {"172.17.0.1", "127.0.0.1"})
        void specificBindingCoversOnlyItsAddress(String address) {
            host.bind(app("nginx"), Protocol.TCP, ETH0, Port.HTTP);
            Message m = message(Protocol.TCP, Ipv4Address.parse(address), 80);
            assertThat(host.dispatch(m))
                    .as("nginx is bound to 10.0.0.2 only, so TCP %s:80 is refused", address)
                    .isEqualTo(new Dispatch.Refused(m.destination()));
        }

        @Test
        @DisplayName("refuses a message for a port nobody listens on")
        void refusesClosedPort() {
            host.bind(app("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
            Message m = message(Protocol.TCP, ETH0, 8080);
            assertThat(host.dispatch(m)).as("nothing listens on TCP 10.0.0.2:8080: connection refused")
                    .isEqualTo(new Dispatch.Refused(m.destination()));
        }

        @Test
        @DisplayName("refuses a UDP message for a port bound only for TCP")
        void protocolsAreSeparate() {
            host.bind(app("coredns"), Protocol.TCP, Ipv4Address.ANY, Port.DNS);
            Message m = message(Protocol.UDP, ETH0, 53);
            assertThat(host.dispatch(m)).as("coredns listens on TCP 53 only; UDP 53 is another port space")
                    .isEqualTo(new Dispatch.Refused(m.destination()));
        }

        @Test
        @DisplayName("gives a loopback message to a loopback listener")
        void loopbackListener() {
            host.bind(app("postgres"), Protocol.TCP, Ipv4Address.LOCALHOST, Port.of(5432));
            assertThat(host.dispatch(message(Protocol.TCP, Ipv4Address.LOCALHOST, 5432)))
                    .isEqualTo(new Dispatch.Accepted(app("postgres"), SocketAddress.of("127.0.0.1", 5432)));
            Message other = message(Protocol.TCP, Ipv4Address.parse("127.0.0.2"), 5432);
            assertThat(host.dispatch(other))
                    .as("127.0.0.2 is on lo too, but postgres is bound to 127.0.0.1 only")
                    .isEqualTo(new Dispatch.Refused(other.destination()));
        }

        @ParameterizedTest(name = "drops a message for {0}: not this host''s address")
        @ValueSource(strings = {"10.0.0.3", "192.168.1.1", "0.0.0.0"})
        void dropsMessagesForOtherAddresses(String address) {
            host.bind(app("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
            Dispatch d = host.dispatch(message(Protocol.TCP, Ipv4Address.parse(address), 80));
            assertThat(d).as("the server does not own %s; even a 0.0.0.0 listener must not take it", address)
                    .isInstanceOf(Dispatch.Dropped.class);
            assertThat(((Dispatch.Dropped) d).reason()).as("the reason names the address").contains(address);
        }

        @Test
        @DisplayName("drops a loopback message that came from outside (a martian)")
        void dropsMartians() {
            host.bind(app("redis"), Protocol.TCP, Ipv4Address.ANY, Port.of(6379));
            Message fromWire = new Message(Protocol.TCP, new SocketAddress(CLIENT, Port.of(50000)),
                    SocketAddress.of("127.0.0.1", 6379), "");
            Dispatch d = host.dispatch(fromWire);
            assertThat(d).as("a message from %s to 127.0.0.1 came from the wire: loopback never leaves a host", CLIENT)
                    .isInstanceOf(Dispatch.Dropped.class);
            assertThat(((Dispatch.Dropped) d).reason()).as("the reason mentions loopback").containsIgnoringCase("loopback");
        }

        @Test
        @DisplayName("rejects a null message")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> host.dispatch(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("gets any bound (address, port) to exactly its application (property)")
        void boundPortsReachTheirApplication() {
            List<Ipv4Address> own = List.of(Ipv4Address.LOCALHOST, ETH0, DOCKER0);
            qt(SEED)
                    .forAll(named("protocol", Generate.enumValues(Protocol.class)), named("address", Generate.pick(own)),
                            named("port", integers().between(1, 65535)))
                    .checkAssert((protocol, address, port) -> {
                        Host h = server();
                        Application app = app("app-" + port);
                        h.bind(app, protocol, address, Port.of(port));
                        assertThat(h.dispatch(message(protocol, address, port)))
                                .as("%s bound to %s %s:%d", app, protocol, address, port)
                                .isEqualTo(new Dispatch.Accepted(app, new SocketAddress(address, Port.of(port))));
                        for (Ipv4Address other : own) {
                            if (!other.equals(address)) {
                                Message m = message(protocol, other, port);
                                assertThat(h.dispatch(m)).as("%s is bound to %s only, not %s", app, address, other)
                                        .isEqualTo(new Dispatch.Refused(m.destination()));
                            }
                        }
                    });
        }

        @Test
        @DisplayName("refuses every port nobody binds (property)")
        void unboundPortsAreRefused() {
            qt(SEED)
                    .forAll(named("protocol", Generate.enumValues(Protocol.class)), named("bound port", integers().between(1, 65535)),
                            named("probed port", integers().between(1, 65535)))
                    .assuming((protocol, bound, probe) -> !bound.equals(probe))
                    .checkAssert((protocol, bound, probe) -> {
                        Host h = server();
                        h.bind(app("listener"), protocol, Ipv4Address.ANY, Port.of(bound));
                        Protocol other = protocol == Protocol.TCP ? Protocol.UDP : Protocol.TCP;
                        h.bind(app("other-protocol"), other, Ipv4Address.ANY, Port.of(probe));
                        Message m = message(protocol, ETH0, probe);
                        assertThat(h.dispatch(m))
                                .as("only %s %d and %s %d are bound, so %s %d is refused", protocol, bound, other,
                                        probe, protocol, probe)
                                .isEqualTo(new Dispatch.Refused(m.destination()));
                    });
        }
    }

    /**
     * Why a second binding clashes with the first or not, in the words of the rule: a clash needs the same
     * protocol and the same port, and the same address or 0.0.0.0 on either side.
     */
    private static String clashRule(Protocol p1, Ipv4Address a1, Port port1, Protocol p2, Ipv4Address a2, Port port2) {
        boolean overlap = a1.equals(a2) || a1.isUnspecified() || a2.isUnspecified();
        List<String> reasons = new ArrayList<>();
        if (p1 != p2) {
            reasons.add("TCP and UDP have separate port spaces, so " + p1 + " " + port1 + " and " + p2 + " " + port2
                    + " are different sockets" + (port1.equals(port2) && overlap ? " even on the same port" : ""));
        }
        if (!port1.equals(port2)) {
            reasons.add("ports " + port1 + " and " + port2 + " differ");
        }
        if (!overlap) {
            reasons.add(a1 + " and " + a2 + " are different specific addresses, which may share a port");
        }
        String verdict;
        if (reasons.isEmpty()) {
            String addresses = a1.equals(a2) ? "the same address " + a1
                    : "0.0.0.0 covers every address of the host, " + (a1.isUnspecified() ? a2 : a1) + " included";
            verdict = "same protocol " + p1 + ", same port " + port1 + ", and " + addresses + ": they clash";
        } else {
            verdict = String.join("; ", reasons) + ": no clash";
        }
        return verdict + " (a clash needs the same protocol and the same port, and the same address or 0.0.0.0 on "
                + "either side)";
    }

    /** The address a message goes to for a binding: the wildcard itself is never a destination. */
    private static Ipv4Address concrete(Ipv4Address bound) {
        return bound.isUnspecified() ? ETH0 : bound;
    }
}
