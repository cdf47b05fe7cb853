package k8snet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.Backend;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * What must hold for any sequence of sends, pod changes and clock steps: a tracked flow keeps its backend, new
 * flows spread over the endpoints as the balancer decides, and every reply comes back from the Service address.
 * Each property has a fixed seed, printed with a failure, so a run can be replayed.
 */
@DisplayName("kube-proxy and conntrack under random traffic and changes (exercise 3.5, properties)")
@ExtendWith(ReferenceTraces.class)
class KubeProxyPropertiesTest {

    private static final int SHRINKS = 0; // unshrunk: the first failing example has the reference's traces

    private static ServiceSpec http(String name, String selector, int port, String targetPort) {
        return new ServiceSpec(name, Selector.parse(selector),
                List.of(ServicePort.tcp("http", port, TargetPort.named(targetPort))));
    }

    private static Optional<Hop> firstHop(Delivery d, String component, Action action) {
        return d.trace().hops().stream().filter(h -> h.component().equals(component) && h.action() == action)
                .findFirst();
    }

    /** The host that took the message, or how the delivery ended instead. */
    private static String deliveredTo(Delivery d) {
        return d instanceof Delivery.Delivered delivered ? delivered.host().name() : Explain.outcome(d);
    }

    private static SocketAddress sentTo(Delivery d) {
        return d.trace().hops().get(0).headers().orElseThrow().destination();
    }

    /**
     * {@code d}, numbered at once as the test's next send ({@link ReferenceTraces#sent}): the checks below describe a
     * send only when they fail, and a failure must name the same send the reference's run recorded. The spread
     * property's 300 sends an example are left unnumbered; beside its failure no reference trace is shown.
     */
    private static Delivery sent(Delivery d) {
        ReferenceTraces.sent(d.trace());
        return d;
    }

    private static Supplier<String> why(String remark, List<String> history, long seed, Delivery d) {
        return () -> Explain.withTrace(remark + " (seed " + seed + ")\nafter these steps:\n  "
                + String.join("\n  ", history) + "\n" + Explain.outcome(d), d.trace());
    }

    /** A connection the test opened: its first delivery, the backend it got, when its flow last saw a packet. */
    private static final class Opened {
        final Delivery first;
        SocketAddress backend;
        String pod;
        Instant lastSeen;

        Opened(Delivery first, SocketAddress backend, String pod, Instant lastSeen) {
            this.first = first;
            this.backend = backend;
            this.pod = pod;
            this.lastSeen = lastSeen;
        }
    }

    private static final long STICKY_SEED = 0x3_5000_0001L;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int WEB_PODS = 4;

    @Test
    @DisplayName("a flow never changes backend while its conntrack entry lives, whatever happens to the pods")
    void flowKeepsItsBackend() {
        qt(STICKY_SEED).withExamples(60).withShrinkCycles(SHRINKS)
                .forAll(named("operations (each encodes one change or send)",
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 40)))
                .checkAssert(ops -> {
            ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
            ServiceNetwork net = ServiceNetwork.builder().clock(clock).seed(ops.size())
                    .conntrackTimeouts(TIMEOUT, Duration.ofSeconds(30)).build();
            List<Node> nodes = List.of(net.addNode("node-1", "192.168.1.11/24"),
                    net.addNode("node-2", "192.168.1.12/24"));
            List<Pod> clients = List.of(
                    net.addPod("client-1", nodes.get(0), Labels.of("app", "client"), Map.of()),
                    net.addPod("client-2", nodes.get(1), Labels.of("app", "client"), Map.of()));
            Map<String, Boolean> ready = new TreeMap<>();
            for (int i = 0; i < WEB_PODS - 1; i++) {
                addWeb(net, nodes, i);
                ready.put("web-" + i, true);
            }
            Service web = net.addService(http("web", "app=web", 80, "http"));
            List<Opened> opened = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (int op : ops) {
                int kind = op % 6;
                int arg = op / 6;
                switch (kind) {
                    case 0 -> {
                        Pod client = clients.get(arg % clients.size());
                        Delivery d = sent(net.send(client, web.clusterIp() + ":80", "GET /"));
                        Optional<Hop> dnat = firstHop(d, "kube-proxy", Action.DNAT);
                        history.add("new connection from " + client.name() + ": " + dnat.map(h -> "DNAT to "
                                + h.headers().orElseThrow().destination()).orElse(d.endedBy().toString()));
                        if (ready.containsValue(true) && dnat.isEmpty()) {
                            // without this a proxy that never translates would pass: no flow, nothing to check
                            assertThat(dnat).as(why("a web pod is ready, so kube-proxy DNATs a new connection",
                                    history, STICKY_SEED, d)).isPresent();
                        }
                        if (dnat.isPresent()) {
                            SocketAddress backend = dnat.get().headers().orElseThrow().destination();
                            opened.add(new Opened(d, backend, podAt(net, backend.address()), clock.instant()));
                        }
                    }
                    case 1, 2 -> {
                        if (opened.isEmpty()) {
                            continue;
                        }
                        Opened flow = opened.get(arg % opened.size());
                        Delivery again = sent(net.sendAgain(flow.first, "more"));
                        boolean alive = clock.instant().isBefore(flow.lastSeen.plus(TIMEOUT));
                        history.add("sendAgain on the flow to " + flow.backend + " (" + (alive ? "alive" : "idle "
                                + Duration.between(flow.lastSeen, clock.instant()) + ": expired") + ")");
                        if (alive) {
                            // Checks are made plainly and handed to AssertJ only when they fail, for the message
                            // (as in RouteTablePropertiesTest): thousands of them cost ./course watch time.
                            Optional<Hop> balanced = firstHop(again, "kube-proxy", Action.BALANCED);
                            if (balanced.isPresent()) {
                                assertThat(balanced)
                                        .as(why("a live flow is never balanced again", history, STICKY_SEED, again))
                                        .isEmpty();
                            }
                            Optional<SocketAddress> dnatTo = firstHop(again, "conntrack", Action.DNAT)
                                    .map(h -> h.headers().orElseThrow().destination());
                            if (!dnatTo.equals(Optional.of(flow.backend))) {
                                assertThat(dnatTo)
                                        .as(why("conntrack DNATs a live flow to its first backend " + flow.backend,
                                                history, STICKY_SEED, again))
                                        .contains(flow.backend);
                            }
                            if (flow.pod != null && flow.backend.address().toString().equals(ipOf(net, flow.pod))) {
                                String reached = deliveredTo(again);
                                if (!flow.pod.equals(reached)) {
                                    assertThat(reached)
                                            .as(why(flow.pod + " still runs at " + flow.backend.address()
                                                    + ", so the packet reaches it", history, STICKY_SEED, again))
                                            .isEqualTo(flow.pod);
                                }
                            }
                            flow.lastSeen = clock.instant();
                        } else {
                            Optional<Hop> dnat = firstHop(again, "kube-proxy", Action.DNAT);
                            if (dnat.isPresent()) {
                                Optional<Hop> balanced = firstHop(again, "kube-proxy", Action.BALANCED);
                                if (balanced.isEmpty()) {
                                    assertThat(balanced)
                                            .as(why("an expired flow's next packet is a new flow, balanced", history,
                                                    STICKY_SEED, again)).isPresent();
                                }
                                flow.backend = dnat.get().headers().orElseThrow().destination();
                                flow.pod = podAt(net, flow.backend.address());
                                flow.lastSeen = clock.instant();
                            }
                        }
                    }
                    case 3 -> {
                        String pod = "web-" + (arg % WEB_PODS);
                        if (ready.containsKey(pod)) {
                            boolean now = !ready.get(pod);
                            net.setReady(pod, now);
                            ready.put(pod, now);
                            history.add(pod + (now ? " ready" : " unready"));
                        }
                    }
                    case 4 -> {
                        int i = arg % WEB_PODS;
                        String pod = "web-" + i;
                        if (ready.containsKey(pod)) {
                            net.removePod(pod);
                            ready.remove(pod);
                            history.add(pod + " removed");
                        } else {
                            Pod added = addWeb(net, nodes, i);
                            ready.put(pod, true);
                            history.add(pod + " added at " + added.ip());
                        }
                    }
                    default -> {
                        Duration step = Duration.ofSeconds(arg % TIMEOUT.toSeconds());
                        clock.advance(step);
                        history.add("clock +" + step);
                    }
                }
            }
        });
    }

    private static Pod addWeb(ServiceNetwork net, List<Node> nodes, int i) {
        Pod pod = net.addPod("web-" + i, nodes.get(i % nodes.size()), Labels.of("app", "web"),
                Map.of("http", Port.of(8080)));
        pod.listen("nginx", Protocol.TCP, Port.of(8080));
        return pod;
    }

    private static String podAt(ServiceNetwork net, Ipv4Address ip) {
        return net.network().podAt(ip).map(Pod::name).orElse(null);
    }

    /** The address of the pod with this name now, or null if no pod has the name. */
    private static String ipOf(ServiceNetwork net, String pod) {
        try {
            return net.network().pod(pod).ip().toString();
        } catch (IllegalArgumentException gone) {
            return null;
        }
    }

    private static final long SPREAD_SEED = 0x3_5000_0002L;
    private static final int FLOWS = 300;
    /*
     * Each new flow is a draw with chance 1/3 per endpoint, so an endpoint's count over 300 flows is binomial with a
     * standard deviation of sqrt(300 * 1/3 * 2/3) = 8.2 flows, a share of 0.027. A tolerance of 0.1 (30 flows) is
     * 3.7 standard deviations: a fair random chain leaves it with a chance of about 1 in 4000 per count (under 1 in
     * 100 for the 24 counts below, and the fixed seeds make the run repeatable), while a proxy that always takes
     * the first endpoint (share 1) or never reaches the last one (share 0) falls far outside. 300 flows per seed
     * keep the whole class within a few seconds.
     */
    private static final double TOLERANCE = 0.1;

    @Test
    @DisplayName("new flows with RANDOM balancing spread evenly over three endpoints (each 1/3 +- 0.1)")
    void newFlowsSpreadEvenly() {
        qt(SPREAD_SEED).withExamples(8).withShrinkCycles(SHRINKS)
                .forAll(named("network seed", longs().between(1, 1_000_000_000L)))
                .checkAssert(seed -> {
            ServiceNetwork net = ServiceNetwork.builder().seed(seed).build();
            Node node1 = net.addNode("node-1", "192.168.1.11/24");
            Node node2 = net.addNode("node-2", "192.168.1.12/24");
            Pod client = net.addPod("client", node1, Labels.of("app", "client"), Map.of());
            for (int i = 0; i < 3; i++) {
                Pod pod = net.addPod("web-" + i, i == 0 ? node1 : node2, Labels.of("app", "web"),
                        Map.of("http", Port.of(8080)));
                pod.listen("nginx", Protocol.TCP, Port.of(8080));
            }
            Service web = net.addService(http("web", "app=web", 80, "http"));
            Map<String, Integer> counts = new LinkedHashMap<>(Map.of("web-0", 0, "web-1", 0, "web-2", 0));
            for (int i = 0; i < FLOWS; i++) {
                Delivery d = net.send(client, web.clusterIp() + ":80", "GET /" + i);
                String pod = deliveredTo(d);
                if (!counts.containsKey(pod)) {
                    assertThat(counts).as(why("new flow " + i + " must reach one of web-0, web-1, web-2",
                            List.of("network seed " + seed), SPREAD_SEED, d)).containsKey(pod);
                }
                counts.merge(pod, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                double share = e.getValue() / (double) FLOWS;
                assertThat(share)
                        .as("network seed %d (property seed %d): %s got %d of %d new flows (share %.3f); with a "
                                + "random chain over 3 endpoints each should get 1/3 +- %.2f; all counts %s", seed,
                                SPREAD_SEED, e.getKey(), e.getValue(), FLOWS, share, TOLERANCE, counts)
                        .isBetween(1.0 / 3 - TOLERANCE, 1.0 / 3 + TOLERANCE);
            }
            assertThat(net.proxy("node-1").conntrack().size()).as("every new flow was tracked (seed %d)", seed)
                    .isEqualTo(FLOWS);
        });
    }

    private static final long REPLY_SEED = 0x3_5000_0003L;

    @Test
    @DisplayName("every reply reaches the client from the ClusterIP:port it sent to (host-gw and VXLAN)")
    void repliesComeFromTheServiceAddress() {
        qt(REPLY_SEED).withExamples(40).withShrinkCycles(SHRINKS)
                .forAll(named("vxlan", booleans().all()),
                        named("operations (each encodes one change or send)",
                                lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 20)))
                .checkAssert((vxlan, ops) -> {
            ServiceNetwork net = ServiceNetwork.builder().seed(ops.get(0))
                    .network(PodNetwork.builder().backend(vxlan ? Backend.VXLAN : Backend.HOST_GW)).build();
            List<Node> nodes = List.of(net.addNode("node-1", "192.168.1.11/24"),
                    net.addNode("node-2", "192.168.1.12/24"), net.addNode("node-3", "192.168.1.13/24"));
            List<Pod> clients = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                clients.add(net.addPod("client-" + i, nodes.get(i), Labels.of("app", "client"), Map.of()));
            }
            for (int i = 0; i < 4; i++) {
                Pod web = net.addPod("web-" + i, nodes.get(i % 3), Labels.of("app", "web"),
                        Map.of("http", Port.of(8080)));
                web.listen("nginx", Protocol.TCP, Port.of(8080));
                Pod api = net.addPod("api-" + i, nodes.get((i + 1) % 3), Labels.of("app", "api"),
                        Map.of("https", Port.of(9443)));
                api.listen("envoy", Protocol.TCP, Port.of(9443));
            }
            List<Service> services = List.of(net.addService(http("web", "app=web", 80, "http")),
                    net.addService(http("api", "app=api", 8443, "https")));
            List<Delivery> flows = new ArrayList<>();
            List<Pod> flowClients = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (int op : ops) {
                Delivery request;
                Pod client;
                if (op % 3 == 2 && !flows.isEmpty()) {
                    int flow = (op / 3) % flows.size();
                    client = flowClients.get(flow);
                    request = sent(net.sendAgain(flows.get(flow), "again"));
                    history.add("sendAgain from " + client.name() + " to " + sentTo(request));
                } else {
                    client = clients.get((op / 3) % clients.size());
                    Service service = services.get((op / 9) % services.size());
                    int port = service.spec().ports().get(0).port().number();
                    request = sent(net.send(client, service.clusterIp() + ":" + port, "GET /"));
                    flows.add(request);
                    flowClients.add(client);
                    history.add(client.name() + " -> " + service.name() + " " + sentTo(request));
                }
                // plain checks first, AssertJ only for the message of one that fails (see flowKeepsItsBackend)
                if (!(request instanceof Delivery.Delivered)) {
                    assertThat(request).as(why("the request is delivered", history, REPLY_SEED, request))
                            .isInstanceOf(Delivery.Delivered.class);
                }
                Delivery reply = sent(net.reply((Delivery.Delivered) request, "200 OK"));
                String reachedBack = deliveredTo(reply);
                if (!client.name().equals(reachedBack)) {
                    assertThat(reachedBack).as(why("the reply reaches the client " + client.name(), history,
                            REPLY_SEED, reply)).isEqualTo(client.name());
                }
                SocketAddress from = ((Delivery.Delivered) reply).message().source();
                if (!from.equals(sentTo(request))) {
                    assertThat(from)
                            .as(why("the reply must come from the address the client sent to (" + (vxlan ? "VXLAN"
                                    : "host-gw") + ")", history, REPLY_SEED, reply))
                            .isEqualTo(sentTo(request));
                }
                Optional<Hop> snat = firstHop(reply, "conntrack", Action.SNAT);
                if (snat.isEmpty()) {
                    assertThat(snat)
                            .as(why("conntrack translated the reply's source back", history, REPLY_SEED, reply))
                            .isPresent();
                }
            }
        });
    }
}
