package k8snet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.labels.Labels;
import k8snet.labels.Requirement;
import k8snet.labels.Requirement.Operator;
import k8snet.labels.Selector;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Random small clusters judged by the engine and by a brute-force reading of the rules of the Kubernetes docs
 * ("Network Policies"), shaped after the docs' wording rather than after an engine: for the judged pod it lists
 * every (peer address, protocol, port) that some rule of some isolating policy lets through, over every address
 * and port the world uses, and looks the connection up in that list. Selectors and address ranges are evaluated
 * here too, so a mistake elsewhere in the kit cannot make both sides agree.
 */
@DisplayName("Exercise 3.6: the policy engine agrees with a brute-force reading of the rules (properties)")
class PolicyEnginePropertiesTest {

    private static final long SEED = 0x3_6000_0036L;
    private static final int EXAMPLES = 120;
    private static final int CONNECTIONS = 24;
    /**
     * No shrinking: a world grows from one random long, and a smaller long is not a smaller world, so shrinking
     * would only burn time. The first world that fails is reported in full.
     */
    private static final int SHRINKS = 0;

    private static final List<String> NAMESPACES = List.of("default", "alpha", "beta");
    /** Pod label keys and the values each may take. */
    private static final Map<String, List<String>> POD_VOCABULARY = new TreeMap<>(Map.of(
            "app", List.of("web", "db", "api"), "tier", List.of("fe", "be")));
    /** Namespace label keys and their values; selectors may pick a namespace by its name label. */
    private static final Map<String, List<String>> NS_VOCABULARY = new TreeMap<>(Map.of(
            "team", List.of("red", "blue"), "env", List.of("prod", "dev"), PolicyEngine.NAME_LABEL, NAMESPACES));
    private static final List<String> PORT_NAMES = List.of("http", "pg", "metrics");
    private static final List<Integer> PORTS = List.of(53, 80, 443, 5432, 5433, 8080, 9090, 32000, 32768, 32769);
    private static final int[][] RANGES = {{80, 443}, {5432, 5433}, {8080, 9090}, {32000, 32768}, {53, 53}};
    private static final List<String> POLICY_NAMES = List.of("allow-a", "deny", "zz-last", "b-mid", "open", "web");

    /** ipBlocks and the exceptions that may go with each. */
    private static final Map<String, List<List<String>>> BLOCKS = new LinkedHashMap<>();

    static {
        BLOCKS.put("10.244.0.0/16", List.of(List.of(), List.of("10.244.1.0/24"), List.of("10.244.2.0/25")));
        BLOCKS.put("10.244.1.0/24", List.of(List.of(), List.of("10.244.1.0/27"),
                List.of("10.244.1.32/28", "10.244.1.2/32")));
        BLOCKS.put("10.244.2.0/25", List.of(List.of(), List.of("10.244.2.0/30")));
        BLOCKS.put("203.0.113.0/24", List.of(List.of(), List.of("203.0.113.64/26")));
        BLOCKS.put("0.0.0.0/0", List.of(List.of(), List.of("10.0.0.0/8"), List.of("192.168.0.0/16")));
    }

    /** node -> its addresses (eth0 and the bridge). */
    private static final Map<String, List<Ipv4Address>> NODES = new TreeMap<>(Map.of(
            "node-1", List.of(ip("192.168.1.11"), ip("10.244.1.1")),
            "node-2", List.of(ip("192.168.1.12"), ip("10.244.2.1"))));

    /** Addresses that are no pod's: outside, block edges, unused pod addresses. */
    private static final List<Ipv4Address> NON_PODS = List.of(ip("203.0.113.7"), ip("203.0.113.64"),
            ip("203.0.113.127"), ip("198.51.100.1"), ip("10.244.1.250"), ip("10.244.2.127"), ip("10.244.2.128"));

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    /** A random cluster, its policies and the connections to judge. */
    record World(Map<String, Labels> namespaces, List<PolicyPod> pods, List<NetworkPolicy> policies,
            List<Connection> connections, NetworkPolicy extra) {

        PolicyEngine engine(boolean reversed) {
            PolicyEngine engine = new PolicyEngine();
            NODES.forEach(engine::setNode);
            namespaces.forEach(engine::setNamespace);
            List<PolicyPod> podOrder = new ArrayList<>(pods);
            List<NetworkPolicy> policyOrder = new ArrayList<>(policies);
            if (reversed) {
                Collections.reverse(podOrder);
                Collections.reverse(policyOrder);
            }
            podOrder.forEach(engine::setPod);
            policyOrder.forEach(engine::addPolicy);
            return engine;
        }

        /** Every address a connection of this world uses. */
        List<Ipv4Address> addresses() {
            Set<Ipv4Address> all = new LinkedHashSet<>();
            pods.forEach(p -> all.add(p.ip()));
            NODES.values().forEach(all::addAll);
            all.addAll(NON_PODS);
            return List.copyOf(all);
        }

        @Override
        public String toString() {
            // The labels as the API server keeps them: it sets kubernetes.io/metadata.name to the namespace's own
            // name, whatever was given, and that is what selectors see.
            StringBuilder b = new StringBuilder("\nnamespaces (labels as kept, kubernetes.io/metadata.name set to the "
                    + "name):");
            namespaces.forEach((name, labels) -> b.append(' ').append(name).append(" {")
                    .append(labels.with("kubernetes.io/metadata.name", name)).append('}'));
            b.append("\npods:\n");
            pods.forEach(p -> b.append("  ").append(p).append(" on ").append(p.node()).append(' ')
                    .append(p.labels()).append(" ports ").append(p.containerPorts()).append('\n'));
            b.append("policies:\n");
            for (NetworkPolicy p : policies) {
                b.append("  ").append(describe(p)).append('\n');
            }
            b.append("extra policy: ").append(describe(extra)).append('\n');
            return b.append("connections: ").append(connections).append('\n').toString();
        }

        private static String describe(NetworkPolicy p) {
            return p + " podSelector {" + p.podSelector() + "} types " + p.policyTypes() + " ingress "
                    + rules(p.ingress()) + " egress " + rules(p.egress());
        }

        private static String rules(List<PolicyRule> rules) {
            return rules.stream().map(r -> "{peers " + r.peers() + " ports " + r.ports() + "}").toList().toString();
        }
    }

    /** Builds worlds from a seed, so that one long replays one world. */
    private static final class Generator {
        private final Random random;

        Generator(long seed) {
            this.random = new Random(seed);
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private boolean coin() {
            return random.nextBoolean();
        }

        World world() {
            Map<String, Labels> namespaces = new LinkedHashMap<>();
            int count = 2 + random.nextInt(2);
            for (String name : NAMESPACES.subList(0, count)) {
                Map<String, String> labels = new TreeMap<>();
                for (Map.Entry<String, List<String>> key : NS_VOCABULARY.entrySet()) {
                    // A given name label (1 in 3) is one the engine must overwrite with the real name.
                    boolean nameLabel = key.getKey().equals(PolicyEngine.NAME_LABEL);
                    if (random.nextInt(3) < (nameLabel ? 1 : 2)) {
                        labels.put(key.getKey(), pick(key.getValue()));
                    }
                }
                namespaces.put(name, Labels.of(labels));
            }
            List<String> nsNames = List.copyOf(namespaces.keySet());

            List<Integer> hostParts = new ArrayList<>();
            for (int i = 2; i < 64; i++) {
                hostParts.add(i);
            }
            Collections.shuffle(hostParts, random);
            List<PolicyPod> pods = new ArrayList<>();
            int podCount = 3 + random.nextInt(4);
            for (int i = 0; i < podCount; i++) {
                int node = 1 + random.nextInt(2);
                Map<String, String> labels = new TreeMap<>();
                for (Map.Entry<String, List<String>> key : POD_VOCABULARY.entrySet()) {
                    if (random.nextInt(3) > 0) {
                        labels.put(key.getKey(), pick(key.getValue()));
                    }
                }
                Map<String, Port> ports = new TreeMap<>();
                for (String name : PORT_NAMES) {
                    if (coin()) {
                        ports.put(name, Port.of(pick(PORTS)));
                    }
                }
                pods.add(new PolicyPod(pick(nsNames), "pod-" + i, "node-" + node, Labels.of(labels),
                        ip("10.244." + node + "." + hostParts.get(i)), ports));
            }

            List<String> names = new ArrayList<>(POLICY_NAMES);
            Collections.shuffle(names, random);
            List<NetworkPolicy> policies = new ArrayList<>();
            int policyCount = 1 + random.nextInt(4);
            for (int i = 0; i < policyCount; i++) {
                policies.add(policy(pick(nsNames), names.get(i)));
            }
            NetworkPolicy extra = policy(pods.get(random.nextInt(pods.size())).namespace(), names.get(policyCount));

            World partial = new World(namespaces, pods, policies, List.of(), extra);
            List<Ipv4Address> addresses = partial.addresses();
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Ipv4Address source = random.nextInt(3) > 0 ? pick(pods).ip() : pick(addresses);
                Ipv4Address destination = random.nextInt(3) > 0 ? pick(pods).ip() : pick(addresses);
                Protocol protocol = random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP;
                connections.add(new Connection(protocol, source, destination, Port.of(pick(PORTS))));
            }
            return new World(namespaces, pods, policies, connections, extra);
        }

        NetworkPolicy policy(String namespace, String name) {
            Selector podSelector = selector(POD_VOCABULARY, random.nextInt(3));
            List<PolicyRule> ingress = rules();
            List<PolicyRule> egress = rules();
            if (random.nextInt(3) == 0) {
                return NetworkPolicy.of(namespace, name, podSelector, ingress, egress);
            }
            Set<PolicyType> types = switch (random.nextInt(3)) {
                case 0 -> EnumSet.of(PolicyType.INGRESS);
                case 1 -> EnumSet.of(PolicyType.EGRESS);
                default -> EnumSet.of(PolicyType.INGRESS, PolicyType.EGRESS);
            };
            return new NetworkPolicy(namespace, name, podSelector, ingress, egress, types);
        }

        private List<PolicyRule> rules() {
            List<PolicyRule> rules = new ArrayList<>();
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                List<Peer> peers = new ArrayList<>();
                int peerCount = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
                for (int p = 0; p < peerCount; p++) {
                    peers.add(peer());
                }
                List<PolicyPort> ports = new ArrayList<>();
                int portCount = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2);
                for (int p = 0; p < portCount; p++) {
                    ports.add(port());
                }
                rules.add(new PolicyRule(peers, ports));
            }
            return rules;
        }

        private Peer peer() {
            switch (random.nextInt(4)) {
                case 0:
                    return Peer.pods(selector(POD_VOCABULARY, random.nextInt(3)));
                case 1:
                    return Peer.namespaces(selector(NS_VOCABULARY, random.nextInt(3)));
                case 2:
                    return Peer.podsIn(selector(NS_VOCABULARY, random.nextInt(2)),
                            selector(POD_VOCABULARY, random.nextInt(2)));
                default:
                    String cidr = pick(List.copyOf(BLOCKS.keySet()));
                    return Peer.block(Cidr.parse(cidr), pick(BLOCKS.get(cidr)).stream().map(Cidr::parse).toList());
            }
        }

        private PolicyPort port() {
            Protocol protocol = random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP;
            switch (random.nextInt(4)) {
                case 0:
                    return new PolicyPort(protocol, Optional.of(TargetPort.number(pick(PORTS))), Optional.empty());
                case 1:
                    int[] range = RANGES[random.nextInt(RANGES.length)];
                    return new PolicyPort(protocol, Optional.of(TargetPort.number(range[0])), Optional.of(range[1]));
                case 2:
                    String name = random.nextInt(5) == 0 ? "nope" : pick(PORT_NAMES);
                    return new PolicyPort(protocol, Optional.of(TargetPort.named(name)), Optional.empty());
                default:
                    return new PolicyPort(protocol, Optional.empty(), Optional.empty());
            }
        }

        private Selector selector(Map<String, List<String>> vocabulary, int size) {
            List<Requirement> requirements = new ArrayList<>();
            Operator[] operators = Operator.values();
            for (int i = 0; i < size; i++) {
                String key = pick(List.copyOf(vocabulary.keySet()));
                List<String> values = vocabulary.get(key);
                Operator op = operators[random.nextInt(operators.length)];
                List<String> vals = switch (op) {
                    case EQUALS, NOT_EQUALS -> List.of(pick(values));
                    case IN, NOT_IN -> coin() ? List.of(pick(values)) : List.of(values.get(0), pick(values));
                    default -> List.of();
                };
                requirements.add(new Requirement(key, op, vals));
            }
            return Selector.of(requirements);
        }
    }

    /** A peer address, protocol and port that a rule lets through. */
    private record Opening(Ipv4Address peer, Protocol protocol, int port) {
    }

    /** The rules as the Kubernetes docs word them, checked by listing every opening. */
    private static final class BruteForce {
        private final World world;
        private final List<Ipv4Address> addresses;
        private final Map<Ipv4Address, PolicyPod> podAt = new HashMap<>();
        private final Map<List<Object>, Set<Opening>> openingsCache = new HashMap<>();

        BruteForce(World world) {
            this.world = world;
            this.addresses = world.addresses();
            world.pods().forEach(p -> podAt.put(p.ip(), p));
        }

        /** "A pod is isolated for a direction if a NetworkPolicy in its namespace selects it with that type." */
        List<String> isolating(PolicyPod pod, PolicyType direction) {
            return world.policies().stream()
                    .filter(p -> p.namespace().equals(pod.namespace()))
                    .filter(p -> p.policyTypes().contains(direction))
                    .filter(p -> selects(p.podSelector(), pod.labels().asMap()))
                    .map(NetworkPolicy::name).sorted().toList();
        }

        Optional<PolicyPod> judged(PolicyType direction, Connection c) {
            return Optional.ofNullable(podAt.get(direction == PolicyType.INGRESS ? c.destination() : c.source()));
        }

        /** Whether the connection is exempt: a pod to itself, or between a pod and its node. */
        boolean exempt(PolicyPod pod, Ipv4Address peer) {
            return peer.equals(pod.ip()) || NODES.getOrDefault(pod.node(), List.of()).contains(peer);
        }

        boolean allowed(PolicyType direction, Connection c) {
            Optional<PolicyPod> pod = judged(direction, c);
            if (pod.isEmpty() || isolating(pod.get(), direction).isEmpty()) {
                return true;
            }
            Ipv4Address peer = direction == PolicyType.INGRESS ? c.source() : c.destination();
            return exempt(pod.get(), peer) || firstAllowing(direction, c).isPresent();
        }

        /** The first isolating policy, by name, whose openings include the connection. */
        Optional<String> firstAllowing(PolicyType direction, Connection c) {
            PolicyPod pod = judged(direction, c).orElseThrow();
            Ipv4Address peer = direction == PolicyType.INGRESS ? c.source() : c.destination();
            Opening wanted = new Opening(peer, c.protocol(), c.port().number());
            for (String name : isolating(pod, direction)) {
                NetworkPolicy policy = world.policies().stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElseThrow();
                Set<Opening> open = openingsCache.computeIfAbsent(List.of(name, direction, pod.ip()),
                        k -> openings(policy, direction, pod));
                if (open.contains(wanted)) {
                    return Optional.of(name);
                }
            }
            return Optional.empty();
        }

        /** Every opening the policy's rules of this direction give the judged pod. */
        private Set<Opening> openings(NetworkPolicy policy, PolicyType direction, PolicyPod judged) {
            Set<Opening> open = new LinkedHashSet<>();
            List<PolicyRule> rules = direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
            for (PolicyRule rule : rules) {
                for (Ipv4Address address : addresses) {
                    boolean peerOk = rule.peers().isEmpty()
                            || rule.peers().stream().anyMatch(p -> peerIncludes(p, policy.namespace(), address));
                    if (!peerOk) {
                        continue;
                    }
                    // The "destination pod" of a named port: the judged pod for ingress, the peer for egress.
                    PolicyPod destination = direction == PolicyType.INGRESS ? judged : podAt.get(address);
                    for (Protocol protocol : Protocol.values()) {
                        for (int port : PORTS) {
                            boolean portOk = rule.ports().isEmpty() || rule.ports().stream()
                                    .anyMatch(pp -> portIncludes(pp, protocol, port, destination));
                            if (portOk) {
                                open.add(new Opening(address, protocol, port));
                            }
                        }
                    }
                }
            }
            return open;
        }

        private boolean peerIncludes(Peer peer, String policyNamespace, Ipv4Address address) {
            if (peer instanceof Peer.Block block) {
                return inside(address, block.cidr()) && block.except().stream().noneMatch(e -> inside(address, e));
            }
            Peer.Pods pods = (Peer.Pods) peer;
            PolicyPod pod = podAt.get(address);
            if (pod == null) {
                return false;   // podSelector and namespaceSelector only ever select pods
            }
            boolean namespaceOk = pods.namespaces()
                    .map(s -> selects(s, namespaceLabels(pod.namespace())))
                    .orElse(pod.namespace().equals(policyNamespace));
            boolean podOk = pods.pods().map(s -> selects(s, pod.labels().asMap())).orElse(true);
            return namespaceOk && podOk;
        }

        private static boolean portIncludes(PolicyPort entry, Protocol protocol, int port, PolicyPod destination) {
            if (entry.protocol() != protocol) {
                return false;
            }
            if (entry.port().isEmpty()) {
                return true;
            }
            TargetPort target = entry.port().get();
            if (target.name().isPresent()) {
                if (destination == null) {
                    return false;
                }
                Port named = destination.containerPorts().get(target.name().get());
                return named != null && named.number() == port;
            }
            int first = target.number().orElseThrow().number();
            int last = entry.endPort().orElse(first);
            return first <= port && port <= last;
        }

        private Map<String, String> namespaceLabels(String namespace) {
            Map<String, String> labels = new TreeMap<>(world.namespaces().get(namespace).asMap());
            labels.put(PolicyEngine.NAME_LABEL, namespace);
            return labels;
        }

        /** Address arithmetic of its own: the top prefixLength bits agree. */
        private static boolean inside(Ipv4Address address, Cidr cidr) {
            int length = cidr.prefixLength();
            if (length == 0) {
                return true;
            }
            long mask = (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
            return (address.toLong() & mask) == (cidr.network().toLong() & mask);
        }

        /** A label selector: every requirement holds (Kubernetes docs "Labels and Selectors"). */
        private static boolean selects(Selector selector, Map<String, String> labels) {
            for (Requirement r : selector.requirements()) {
                String value = labels.get(r.key());
                boolean holds = switch (r.operator()) {
                    case EQUALS, IN -> value != null && r.values().contains(value);
                    case NOT_EQUALS, NOT_IN -> value == null || !r.values().contains(value);
                    case EXISTS -> value != null;
                    case DOES_NOT_EXIST -> value == null;
                };
                if (!holds) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Gen<World> WORLDS = named("world", longs().all().map(seed -> new Generator(seed).world()));

    private static QuickTheory theory(long seed, int examples) {
        return qt(seed).withShrinkCycles(SHRINKS).withExamples(examples);
    }

    @Test
    @DisplayName("a policy set allows and denies exactly what a brute-force reading of the rules does")
    void agreesWithBruteForce() {
        AtomicInteger isolatedAllowed = new AtomicInteger();
        AtomicInteger isolatedDenied = new AtomicInteger();
        AtomicInteger notIsolated = new AtomicInteger();
        theory(SEED, EXAMPLES).forAll(WORLDS).checkAssert(world -> {
            PolicyEngine engine = world.engine(false);
            BruteForce oracle = new BruteForce(world);
            for (Connection c : world.connections()) {
                for (PolicyType direction : PolicyType.values()) {
                    Judgement j = direction == PolicyType.INGRESS ? engine.ingress(c) : engine.egress(c);
                    boolean expected = oracle.allowed(direction, c);
                    Optional<PolicyPod> pod = oracle.judged(direction, c);
                    List<String> isolating = pod.map(p -> oracle.isolating(p, direction)).orElse(List.of());
                    assertThat(j.selecting())
                            .as("seed %d: the policies isolating the %s end of %s", SEED, direction, c)
                            .isEqualTo(isolating);
                    assertThat(j.pod()).as("seed %d: the pod judged for %s of %s", SEED, direction, c)
                            .isEqualTo(pod.map(p -> p.namespace() + "/" + p.name()).orElse(""));
                    assertThat(j.allowed())
                            .as("seed %d: %s of %s; the rules allow it: %s", SEED, direction, c, expected)
                            .isEqualTo(expected);
                    Ipv4Address peer = direction == PolicyType.INGRESS ? c.source() : c.destination();
                    if (!isolating.isEmpty() && !oracle.exempt(pod.get(), peer)) {
                        assertThat(j.allowedBy())
                                .as("seed %d: the first policy, by name, allowing %s of %s", SEED, direction, c)
                                .isEqualTo(oracle.firstAllowing(direction, c));
                        (expected ? isolatedAllowed : isolatedDenied).incrementAndGet();
                    } else if (isolating.isEmpty()) {
                        assertThat(j.allowedBy()).as("seed %d: the %s end of %s is not isolated: no reason", SEED,
                                direction, c).isEmpty();
                        notIsolated.incrementAndGet();
                    }
                }
                assertThat(engine.allows(c)).as("seed %d: both ends of %s", SEED, c)
                        .isEqualTo(oracle.allowed(PolicyType.INGRESS, c) && oracle.allowed(PolicyType.EGRESS, c));
            }
        });
        assertThat(List.of(isolatedAllowed.get(), isolatedDenied.get(), notIsolated.get()))
                .as("the random worlds judge many isolated ends both ways, and many open ones (a test of the test)")
                .allSatisfy(n -> assertThat(n).isGreaterThan(150));
    }

    @Test
    @DisplayName("the order of adding pods and policies changes no judgement")
    void orderDoesNotMatter() {
        theory(SEED + 1, EXAMPLES / 2).forAll(WORLDS).checkAssert(world -> {
            PolicyEngine forward = world.engine(false);
            PolicyEngine backward = world.engine(true);
            BruteForce oracle = new BruteForce(world);
            for (Connection c : world.connections()) {
                // the brute force anchors the comparison: two engines that agree on a wrong answer fail too
                assertThat(backward.ingress(c).allowed())
                        .as("ingress of %s, policies added in reverse; the rules allow it: %s", c,
                                oracle.allowed(PolicyType.INGRESS, c))
                        .isEqualTo(oracle.allowed(PolicyType.INGRESS, c));
                assertThat(backward.egress(c).allowed())
                        .as("egress of %s, policies added in reverse; the rules allow it: %s", c,
                                oracle.allowed(PolicyType.EGRESS, c))
                        .isEqualTo(oracle.allowed(PolicyType.EGRESS, c));
                assertThat(backward.ingress(c)).as("ingress of %s, policies added in reverse", c)
                        .isEqualTo(forward.ingress(c));
                assertThat(backward.egress(c)).as("egress of %s, policies added in reverse", c)
                        .isEqualTo(forward.egress(c));
            }
        });
    }

    @Test
    @DisplayName("for an isolated pod, one more policy never denies what was allowed (policies only add)")
    void policiesOnlyAdd() {
        AtomicInteger widened = new AtomicInteger();
        theory(SEED + 2, EXAMPLES).forAll(WORLDS).checkAssert(world -> {
            PolicyEngine engine = world.engine(false);
            Map<Connection, List<Judgement>> before = new LinkedHashMap<>();
            for (Connection c : world.connections()) {
                before.put(c, List.of(engine.ingress(c), engine.egress(c)));
            }
            engine.addPolicy(world.extra());
            for (Connection c : world.connections()) {
                List<Judgement> after = List.of(engine.ingress(c), engine.egress(c));
                for (int i = 0; i < 2; i++) {
                    Judgement was = before.get(c).get(i);
                    Judgement now = after.get(i);
                    assertThat(now.selecting()).as("adding %s keeps the policies isolating the %s end of %s",
                            world.extra(), was.direction(), c).containsAll(was.selecting());
                    if (!was.selecting().isEmpty() && was.allowed()) {
                        assertThat(now.allowed()).as("%s was isolated and allowed; adding %s must not deny it",
                                c, world.extra()).isTrue();
                    }
                    if (!was.selecting().isEmpty() && !was.allowed() && now.allowed()) {
                        assertThat(now.allowedBy()).as("only the new policy can have opened %s", c)
                                .contains(world.extra().name());
                        widened.incrementAndGet();
                    }
                }
            }
        });
        assertThat(widened.get()).as("some extra policies did open something for an isolated pod (a test of the test)")
                .isGreaterThan(15);
    }
}
