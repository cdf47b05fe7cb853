package k8snet.net;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.deliveries;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.generators.Generate;

import k8snet.dns.DnsResult;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;
import k8snet.host.Application;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("Exercise 1.4: sending a message across the network")
@ExtendWith(ReferenceTraces.class)
class NetworkTest {

    private static final long SEED = 0x1_4000_0002L;
    private static final Duration TTL = Duration.ofMinutes(5);

    private static final Ipv4Address LAPTOP_IP = Ipv4Address.parse("192.168.1.7");
    private static final Ipv4Address SERVER_IP = Ipv4Address.parse("192.168.1.20");
    private static final Ipv4Address BACKUP_IP = Ipv4Address.parse("192.168.1.30");

    /** Names the test resolver knows; anything else is NXDOMAIN. */
    private final Map<Hostname, DnsResult> answers = new HashMap<>();
    /** Every name the network asked the resolver for, in order. */
    private final List<Hostname> lookups = new ArrayList<>();

    private Network net;
    private Host laptop;
    private Host server;
    private Host backup;

    private static Hostname name(String text) {
        return Hostname.parse(text);
    }

    private void a(String owner, Ipv4Address... addresses) {
        answers.put(name(owner), new DnsResult.Answer(name(owner), List.of(name(owner)), List.of(addresses), TTL));
    }

    private Resolver resolver() {
        return hostname -> {
            lookups.add(hostname);
            return answers.getOrDefault(hostname, new DnsResult.NxDomain(hostname, List.of(hostname)));
        };
    }

    private static Supplier<String> why(String remark, Delivery delivery) {
        return Explain.why(remark, delivery);
    }

    /**
     * laptop: lo, wlan0 192.168.1.7; dev-server on TCP 127.0.0.1:3000; echo on TCP 0.0.0.0:7.
     * server: lo, eth0 192.168.1.20; nginx on TCP 0.0.0.0:80; coredns on UDP 192.168.1.20:53;
     * postgres on TCP 127.0.0.1:5432.
     * backup: lo, eth0 192.168.1.30; nginx on TCP 192.168.1.30:80.
     */
    @BeforeEach
    void setUp() {
        a("web.example.com", SERVER_IP);
        a("pool.example.com", BACKUP_IP, SERVER_IP);
        a("ghost.example.com", Ipv4Address.parse("192.168.1.99"));
        a("localhost.example.com", Ipv4Address.LOCALHOST);
        answers.put(name("www.example.com"), new DnsResult.Answer(name("www.example.com"),
                List.of(name("www.example.com"), name("web.example.com")), List.of(SERVER_IP), TTL));
        answers.put(name("old.example.com"), new DnsResult.NxDomain(name("old.example.com"),
                List.of(name("old.example.com"), name("gone.example.com"))));
        answers.put(name("mail.example.com"), new DnsResult.NoData(name("mail.example.com"),
                List.of(name("mail.example.com"))));
        answers.put(name("loop.example.com"), new DnsResult.ServerFailure(name("loop.example.com"),
                List.of(name("loop.example.com"), name("pool.example.org")), "CNAME loop"));

        net = new Network(resolver());
        laptop = new Host("laptop").addInterface(new Interface("wlan0", LAPTOP_IP, InterfaceKind.PHYSICAL));
        laptop.bind(new Application("dev-server"), Protocol.TCP, Ipv4Address.LOCALHOST, Port.of(3000));
        laptop.bind(new Application("echo"), Protocol.TCP, Ipv4Address.ANY, Port.of(7));
        server = new Host("server").addInterface(new Interface("eth0", SERVER_IP, InterfaceKind.PHYSICAL));
        server.bind(new Application("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
        server.bind(new Application("coredns"), Protocol.UDP, SERVER_IP, Port.DNS);
        server.bind(new Application("postgres"), Protocol.TCP, Ipv4Address.LOCALHOST, Port.of(5432));
        backup = new Host("backup").addInterface(new Interface("eth0", BACKUP_IP, InterfaceKind.PHYSICAL));
        backup.bind(new Application("nginx"), Protocol.TCP, BACKUP_IP, Port.HTTP);
        net.attach(laptop);
        net.attach(server);
        net.attach(backup);
    }

    @Nested
    @DisplayName("when hosts are attached")
    class Attaching {

        @Test
        @DisplayName("lists them in attach order, read-only")
        void listsHosts() {
            assertThat(net.hosts()).containsExactly(laptop, server, backup);
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("hosts() must not let callers attach hosts behind the network's back")
                    .isThrownBy(() -> net.hosts().add(new Host("intruder")));
        }

        @Test
        @DisplayName("finds the owner of a network address, and no owner for loopback or unknown addresses")
        void findsOwners() {
            assertThat(net.ownerOf(SERVER_IP)).contains(server);
            assertThat(net.ownerOf(BACKUP_IP)).contains(backup);
            assertThat(net.ownerOf(LAPTOP_IP)).contains(laptop);
            assertThat(net.ownerOf(Ipv4Address.LOCALHOST))
                    .as("every host has 127.0.0.1, but it is nobody's address on the network").isEmpty();
            assertThat(net.ownerOf(Ipv4Address.parse("127.0.0.2"))).isEmpty();
            assertThat(net.ownerOf(Ipv4Address.ANY)).isEmpty();
            assertThat(net.ownerOf(Ipv4Address.parse("192.168.1.99"))).isEmpty();
            assertThatIllegalArgumentException().isThrownBy(() -> net.ownerOf(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("lets every host keep its own 127.0.0.1")
        void loopbackIsNotAConflict() {
            Host other = new Host("other").addInterface(new Interface("eth0", Ipv4Address.parse("192.168.1.40"),
                    InterfaceKind.PHYSICAL));
            net.attach(other);
            assertThat(net.hosts()).endsWith(other);
        }

        @Test
        @DisplayName("refuses the same host twice, a taken name, and a taken address")
        void refusesConflicts() {
            assertThatIllegalArgumentException().as("server is already attached")
                    .isThrownBy(() -> net.attach(server)).withMessageContaining("server");
            assertThatIllegalArgumentException().as("another host called laptop")
                    .isThrownBy(() -> net.attach(new Host("laptop"))).withMessageContaining("laptop");
            Host clone = new Host("clone").addInterface(new Interface("eth0", SERVER_IP, InterfaceKind.PHYSICAL));
            assertThatIllegalArgumentException().as("192.168.1.20 is already server's address")
                    .isThrownBy(() -> net.attach(clone)).withMessageContaining("192.168.1.20");
            assertThatIllegalArgumentException().isThrownBy(() -> net.attach(null)).withMessageContaining("null");
            assertThat(net.hosts()).as("refused hosts are not attached").containsExactly(laptop, server, backup);
        }

        @Test
        @DisplayName("needs a resolver")
        void needsResolver() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Network(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("send checks its arguments")
    class Arguments {

        @Test
        @DisplayName("rejects nulls with IllegalArgumentException")
        void rejectsNulls() {
            assertThatIllegalArgumentException().isThrownBy(() -> net.send(null, "web.example.com:80", ""))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> net.send(laptop, null, "web.example.com:80", ""))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> net.send(laptop, null, ""))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> net.send(laptop, "web.example.com:80", null))
                    .withMessageContaining("null");
        }

        @Test
        @DisplayName("rejects a sender that is not attached")
        void rejectsStranger() {
            Host stranger = new Host("stranger").addInterface(
                    new Interface("eth0", Ipv4Address.parse("192.168.1.50"), InterfaceKind.PHYSICAL));
            assertThatIllegalArgumentException().as("stranger is not on this network")
                    .isThrownBy(() -> net.send(stranger, "web.example.com:80", ""))
                    .withMessageContaining("stranger");
        }

        @Test
        @DisplayName("rejects a destination that does not parse")
        void rejectsBadDestination() {
            assertThatIllegalArgumentException().isThrownBy(() -> net.send(laptop, "web.example.com", ""))
                    .withMessageContaining("web.example.com");
            assertThat(lookups).as("a destination that does not parse is never looked up").isEmpty();
        }
    }

    @Nested
    @DisplayName("a message to a name")
    class ByName {

        @Test
        @DisplayName("is resolved, routed over the sender's interface, and delivered to the listener")
        void deliveredEndToEnd() {
            Delivery d = net.send(laptop, "http://web.example.com/", "GET /");
            assertThatDelivery(d).isDeliveredTo("nginx", "server")
                    .startsAt("laptop")
                    .endsAt("server")
                    .hasHop("app", "web.example.com")
                    .hasHop("dns", "web.example.com", "192.168.1.20")
                    .hasHop("route", "wlan0", "server")
                    .hasHop("socket", "nginx");
            Delivery.Delivered delivered = (Delivery.Delivered) d;
            assertThat(delivered.message().destination()).as(why("the message goes to 192.168.1.20:80", d))
                    .isEqualTo(new SocketAddress(SERVER_IP, Port.HTTP));
            assertThat(delivered.message().source().address())
                    .as(why("the source is laptop's wlan0 address, its first non-loopback interface", d))
                    .isEqualTo(LAPTOP_IP);
            assertThat(delivered.message().payload()).isEqualTo("GET /");
            assertThat(delivered.message().protocol()).isEqualTo(Protocol.TCP);
            assertThat(lookups).as("one DNS query, for the name in the URL").containsExactly(name("web.example.com"));
        }

        @Test
        @DisplayName("that does not exist ends as an unknown host, with NXDOMAIN in the trace")
        void nxdomain() {
            Delivery d = net.send(laptop, "nope.example.com:80", "GET /");
            assertThatDelivery(d).isUnknownHost()
                    .startsAt("laptop")
                    .endsAt("laptop")
                    .neverVisits("server")
                    .hasHop("dns", "nope.example.com", "NXDOMAIN");
            Delivery.UnknownHost unknown = (Delivery.UnknownHost) d;
            assertThat(unknown.name()).as(why("the unknown host names what was asked for", d)).isEqualTo("nope.example.com");
            assertThat(unknown.result()).as(why("the resolver's own answer is kept", d))
                    .isEqualTo(new DnsResult.NxDomain(name("nope.example.com"), List.of(name("nope.example.com"))));
        }

        @Test
        @DisplayName("that is an alias shows the whole CNAME chain in the trace")
        void cnameChain() {
            Delivery d = net.send(laptop, "http://WWW.example.com/", "GET /");
            assertThatDelivery(d).isDeliveredTo("nginx", "server")
                    .hasHop("dns", "www.example.com", "web.example.com", "192.168.1.20");
        }

        @Test
        @DisplayName("whose alias points nowhere is an unknown host, with the dangling chain in the trace")
        void danglingAlias() {
            Delivery d = net.send(laptop, "old.example.com:80", "");
            assertThatDelivery(d).isUnknownHost()
                    .endsAt("laptop")
                    .hasHop("dns", "old.example.com", "gone.example.com", "NXDOMAIN");
            assertThat(((Delivery.UnknownHost) d).result()).isInstanceOf(DnsResult.NxDomain.class);
        }

        @Test
        @DisplayName("that exists without an address is an unknown host, with NODATA in the trace")
        void nodata() {
            Delivery d = net.send(laptop, "mail.example.com:25", "HELO");
            assertThatDelivery(d).isUnknownHost().endsAt("laptop").hasHop("dns", "mail.example.com", "NODATA");
            assertThat(((Delivery.UnknownHost) d).result()).isInstanceOf(DnsResult.NoData.class);
        }

        @Test
        @DisplayName("that makes the resolver fail is an unknown host, with SERVFAIL and the reason in the trace")
        void servfail() {
            Delivery d = net.send(laptop, "loop.example.com:80", "");
            assertThatDelivery(d).isUnknownHost().endsAt("laptop").hasHop("dns", "loop.example.com", "SERVFAIL", "CNAME loop");
            assertThat(((Delivery.UnknownHost) d).result()).isInstanceOf(DnsResult.ServerFailure.class);
        }

        @Test
        @DisplayName("with several addresses goes to the first, and the trace lists them all")
        void firstAddress() {
            Delivery d = net.send(laptop, "pool.example.com:80", "");
            assertThatDelivery(d).isDeliveredTo("nginx", "backup")
                    .hasHop("dns", "192.168.1.30", "192.168.1.20");
        }

        @Test
        @DisplayName("whose address nobody has is host unreachable")
        void nobodyHasTheAddress() {
            Delivery d = net.send(laptop, "ghost.example.com:80", "");
            Delivery.HostUnreachable u = assertThatDelivery(d).startsAt("laptop").endsAt("laptop").unreachable();
            assertThat(u.address()).isEqualTo(Ipv4Address.parse("192.168.1.99"));
            assertThat(u.reason()).as(why("the reason says nobody on the network has the address", d))
                    .contains("no host on the network has 192.168.1.99");
        }
    }

    @Nested
    @DisplayName("a message to an IPv4 literal")
    class ByAddress {

        @Test
        @DisplayName("skips DNS and says so")
        void skipsDns() {
            Delivery d = net.send(laptop, "192.168.1.20:80", "GET /");
            assertThatDelivery(d).isDeliveredTo("nginx", "server").hasHop("dns", "192.168.1.20", "literal");
            assertThat(lookups).as(why("an IPv4 literal needs no DNS query", d)).isEmpty();
        }

        @Test
        @DisplayName("to a closed TCP port is refused with a reset")
        void refusedTcp() {
            Delivery d = net.send(laptop, "192.168.1.20:8080", "GET /");
            Delivery.ConnectionRefused r = assertThatDelivery(d).startsAt("laptop").endsAt("server")
                    .hasHop("socket", "refused", "reset").refused();
            assertThat(r.destination()).isEqualTo(new SocketAddress(SERVER_IP, Port.of(8080)));
        }

        @Test
        @DisplayName("over UDP reaches a UDP listener, and a closed UDP port answers ICMP port unreachable")
        void udp() {
            assertThatDelivery(net.send(laptop, Protocol.UDP, "192.168.1.20:53", "A? web.example.com"))
                    .isDeliveredTo("coredns", "server");
            Delivery d = net.send(laptop, Protocol.UDP, "192.168.1.20:80", "");
            assertThatDelivery(d).as("nginx listens on TCP 80, not UDP 80").isConnectionRefused()
                    .hasHop("socket", "ICMP", "unreachable");
            assertThatDelivery(net.send(laptop, Protocol.TCP, "192.168.1.20:53", ""))
                    .as("coredns listens on UDP 53 only").isConnectionRefused();
        }

        @Test
        @DisplayName("that nobody has is host unreachable")
        void unknownAddress() {
            Delivery d = net.send(laptop, "10.9.9.9:80", "");
            Delivery.HostUnreachable u = assertThatDelivery(d).endsAt("laptop").neverVisits("server").unreachable();
            assertThat(u.address()).isEqualTo(Ipv4Address.parse("10.9.9.9"));
            assertThat(u.reason()).contains("no host on the network has 10.9.9.9");
        }

        @Test
        @DisplayName("to the sender's own address is delivered on the sender")
        void ownAddress() {
            assertThatDelivery(net.send(laptop, "192.168.1.7:7", "ping")).isDeliveredTo("echo", "laptop")
                    .neverVisits("server");
        }

        @Test
        @DisplayName("from a host without a network interface is host unreachable")
        void noInterface() {
            Host island = island();
            Delivery d = net.send(island, "192.168.1.20:80", "");
            Delivery.HostUnreachable u = assertThatDelivery(d).startsAt("island").endsAt("island").unreachable();
            assertThat(u.reason()).as(why("island has only lo", d)).contains("no network interface");
        }

        @Test
        @DisplayName("to loopback from a host without a network interface is still delivered over lo")
        void loopbackWithoutInterface() {
            Host island = island();
            assertThatDelivery(net.send(island, "127.0.0.1:9000", ""))
                    .as("loopback works without any network interface").isDeliveredTo("cron", "island");
        }

        /** island: lo only, cron on TCP 127.0.0.1:9000; attached to the network. */
        private Host island() {
            Host island = new Host("island");
            island.bind(new Application("cron"), Protocol.TCP, Ipv4Address.LOCALHOST, Port.of(9000));
            net.attach(island);
            return island;
        }
    }

    @Nested
    @DisplayName("a message to loopback")
    class Loopback {

        @Test
        @DisplayName("stays on the sending host, over lo, from 127.0.0.1")
        void staysHome() {
            Delivery d = net.send(laptop, "127.0.0.1:3000", "GET /");
            assertThatDelivery(d).isDeliveredTo("dev-server", "laptop")
                    .startsAt("laptop").endsAt("laptop").neverVisits("server")
                    .hasHop("route", "lo");
            Delivery.Delivered delivered = (Delivery.Delivered) d;
            assertThat(delivered.message().source().address()).as(why("loopback traffic comes from 127.0.0.1", d))
                    .isEqualTo(Ipv4Address.LOCALHOST);
            assertThat(delivered.host()).isSameAs(laptop);
        }

        @Test
        @DisplayName("never reaches another host's loopback service")
        void cannotReachOtherLoopback() {
            Delivery d = net.send(laptop, "127.0.0.1:5432", "SELECT 1");
            assertThatDelivery(d).as("postgres listens on server's 127.0.0.1, which laptop can never reach")
                    .isConnectionRefused().endsAt("laptop").neverVisits("server");
        }

        @Test
        @DisplayName("stays home even when DNS answers 127.0.0.1")
        void dnsToLoopback() {
            assertThatDelivery(net.send(laptop, "localhost.example.com:5432", ""))
                    .isConnectionRefused().endsAt("laptop").neverVisits("server");
            assertThatDelivery(net.send(server, "localhost.example.com:5432", ""))
                    .isDeliveredTo("postgres", "server").neverVisits("laptop");
        }

        @Test
        @DisplayName("reaches a wildcard listener of the sender")
        void wildcardOnLoopback() {
            Delivery d = net.send(server, "http://127.0.0.1/", "GET /");
            assertThatDelivery(d).as("nginx on 0.0.0.0:80 also listens on lo").isDeliveredTo("nginx", "server")
                    .neverVisits("laptop");
        }
    }

    @Nested
    @DisplayName("source ports")
    class SourcePorts {

        @Test
        @DisplayName("are ephemeral ports counted up from 49152, per network")
        void countFrom49152() {
            List<Integer> ports = new ArrayList<>();
            for (String to : List.of("192.168.1.20:80", "127.0.0.1:3000", "web.example.com:80")) {
                Delivery d = net.send(laptop, to, "");
                assertThatDelivery(d).delivered();
                ports.add(((Delivery.Delivered) d).message().source().port().number());
            }
            assertThat(ports).as("the first dynamic port (RFC 6335) is 49152, and each message takes the next")
                    .containsExactly(49152, 49153, 49154);

            Network other = new Network(resolver());
            other.attach(laptop);
            other.attach(server);
            Delivery d = other.send(laptop, "192.168.1.20:80", "");
            assertThat(((Delivery.Delivered) d).message().source().port().number())
                    .as(why("a new network has its own counter", d)).isEqualTo(49152);
        }

        @Test
        @DisplayName("are not used by a send that ends before there is a message")
        void noPortWithoutAMessage() {
            Delivery unknown = net.send(laptop, "nope.example.com:80", "");
            assertThatDelivery(unknown).as("nope.example.com does not exist").isUnknownHost();
            Delivery unreachable = net.send(laptop, "10.9.9.9:80", "");
            assertThatDelivery(unreachable).as("nobody has 10.9.9.9").isHostUnreachable();
            Delivery d = net.send(laptop, "192.168.1.20:80", "");
            assertThatDelivery(d).isDeliveredTo("nginx", "server");
            assertThat(((Delivery.Delivered) d).message().source().port().number())
                    .as(why("the send to nope.example.com ended at DNS (NXDOMAIN) and the one to 10.9.9.9 at the "
                            + "route (no host has it): neither built a message, so neither used a source port, and "
                            + "this first message gets the first dynamic port, 49152", d))
                    .isEqualTo(49152);
        }

        @Test
        @DisplayName("wrap around to 49152 after 65535")
        void wrap() {
            int dynamicPorts = 65535 - 49152 + 1;
            Delivery d = null;
            for (int i = 0; i <= dynamicPorts; i++) {
                d = net.send(laptop, "192.168.1.20:80", "");
            }
            assertThat(((Delivery.Delivered) d).message().source().port().number())
                    .as(why("after 16384 messages the counter is back at the start of the dynamic range", d))
                    .isEqualTo(49152);
        }
    }

    @Nested
    @DisplayName("for any destination")
    class Properties {

        @Test
        @DisplayName("the trace starts at the sender and ends where the delivery says (property)")
        void traceEnds() {
            List<String> targets = List.of("web.example.com:80", "www.example.com:80", "pool.example.com:80",
                    "ghost.example.com:80", "nope.example.com:80", "old.example.com:80", "mail.example.com:80",
                    "loop.example.com:80", "localhost.example.com:3000", "192.168.1.20:53", "192.168.1.30:81",
                    "127.0.0.1:5432", "10.1.2.3:80", "192.168.1.7:7");
            List<String> senders = List.of("laptop", "server", "backup");
            deliveries(SEED)
                    .forAll(named("sender", Generate.pick(senders)), named("target", Generate.pick(targets)),
                            named("protocol", Generate.enumValues(Protocol.class)))
                    .checkAssert((senderName, target, protocol) -> {
                        Host sender = net.hosts().stream().filter(h -> h.name().equals(senderName)).findFirst()
                                .orElseThrow();
                        Delivery d = net.send(sender, protocol, target, "x");
                        assertThatDelivery(d).as("%s sends %s to %s", senderName, protocol, target).startsAt(senderName);
                        if (d instanceof Delivery.Delivered delivered) {
                            assertThatDelivery(d).endsAt(delivered.host().name());
                            Ipv4Address to = delivered.message().destination().address();
                            Host expected = to.isLoopback() ? sender : net.ownerOf(to).orElseThrow();
                            assertThat(delivered.host()).as(why("delivered to the owner of " + to, d)).isSameAs(expected);
                        } else if (d instanceof Delivery.ConnectionRefused refused) {
                            Ipv4Address to = refused.destination().address();
                            String receiver = to.isLoopback() ? senderName : net.ownerOf(to).orElseThrow().name();
                            assertThatDelivery(d).as("refused by the owner of %s", to).endsAt(receiver);
                        } else {
                            assertThatDelivery(d).as("an unknown or unreachable host stops at the sender")
                                    .endsAt(senderName);
                        }
                    });
        }

        @Test
        @DisplayName("a message reaches a listener's port, and any other port is refused (property)")
        void onlyTheBoundPortAnswers() {
            deliveries(SEED)
                    .forAll(named("bound port", integers().between(1, 65535)), named("probed port", integers().between(1, 65535)),
                            named("protocol", Generate.enumValues(Protocol.class)))
                    .checkAssert((bound, probe, protocol) -> {
                        Network n = new Network(resolver());
                        Host client = new Host("client").addInterface(
                                new Interface("eth0", Ipv4Address.parse("10.0.0.1"), InterfaceKind.PHYSICAL));
                        Host target = new Host("target").addInterface(
                                new Interface("eth0", Ipv4Address.parse("10.0.0.2"), InterfaceKind.PHYSICAL));
                        target.bind(new Application("svc"), protocol, Ipv4Address.ANY, Port.of(bound));
                        n.attach(client);
                        n.attach(target);
                        Delivery d = n.send(client, protocol, "10.0.0.2:" + probe, "");
                        if (bound.equals(probe)) {
                            assertThatDelivery(d).as("svc listens on %s 0.0.0.0:%d", protocol, bound)
                                    .isDeliveredTo("svc", "target");
                        } else {
                            assertThatDelivery(d).as("svc listens on %s %d, not %d", protocol, bound, probe)
                                    .isConnectionRefused().endsAt("target");
                        }
                        Delivery same = n.send(client, protocol, "10.0.0.2:" + bound, "");
                        assertThatDelivery(same).as("svc listens on %s 0.0.0.0:%d", protocol, bound)
                                .isDeliveredTo("svc", "target");
                    });
        }
    }

    @ParameterizedTest(name = "{0} from laptop: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        http://web.example.com/       | Delivered         | server
        https://web.example.com/      | ConnectionRefused | server
        http://www.example.com:80/    | Delivered         | server
        ssh://192.168.1.30            | ConnectionRefused | backup
        http://192.168.1.30/          | Delivered         | backup
        nope.example.com:80           | UnknownHost       | laptop
        ghost.example.com:443         | HostUnreachable   | laptop
        127.0.0.1:80                  | ConnectionRefused | laptop
        http://127.0.0.1:3000/        | Delivered         | laptop
        """)
    @DisplayName("ends each scenario as the specification table says")
    void scenarioTable(String destination, String outcome, String endsAt) {
        Delivery d = net.send(laptop, destination, "");
        assertThat(d.getClass().getSimpleName()).as(why("sending to " + destination + " should end as " + outcome, d))
                .isEqualTo(outcome);
        assertThatDelivery(d).startsAt("laptop").endsAt(endsAt);
    }
}
