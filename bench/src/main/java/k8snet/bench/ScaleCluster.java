package k8snet.bench;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.proxy.Conntrack;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * A cluster at Kubernetes' published limits, built with module 3's {@link ServiceNetwork} on the reference
 * solutions: 5,000 nodes, 150,000 pods and 10,000 Services, no node with more than 110 pods (Kubernetes docs,
 * "Considerations for large clusters"; the Service count from the SIG Scalability thresholds,
 * kubernetes/community sig-scalability/configs-and-limits/thresholds.md).
 *
 * <p>The layout, the same on every run: nodes {@code node-0} to {@code node-4999} on one node network,
 * {@code 172.16.0.0/19}, so the default host-gw backend routes between all of them; a pod CIDR of {@code /24}
 * per node from the cluster CIDR {@code 10.128.0.0/11}; pod {@code pod-i} on node {@code i mod 5000} (30 pods
 * per node) with label {@code app=svc-(i / 15)}, listening on TCP 8080 as its container port {@code http};
 * Service {@code svc-k} selects {@code app=svc-k}, port {@code http} 80 to target port {@code http}: 15 endpoints,
 * each on a different node. Every random choice of the model comes from its fixed seed.
 */
public final class ScaleCluster {

    /** Kubernetes' limit of nodes per cluster. */
    public static final int NODES = 5_000;
    /** Kubernetes' limit of pods per cluster. */
    public static final int PODS = 150_000;
    /** The SIG Scalability threshold of Services per cluster. */
    public static final int SERVICES = 10_000;
    /** Kubernetes' limit of pods per node (the kubelet's default {@code maxPods}). */
    public static final int MAX_PODS_PER_NODE = 110;
    /** Pods per Service: {@link #PODS} / {@link #SERVICES}. */
    public static final int ENDPOINTS_PER_SERVICE = PODS / SERVICES;
    /** The seed of the model (its random chains) and of every choice a benchmark makes. */
    public static final long SEED = 42;

    private final ServiceNetwork net;
    private final List<Node> nodes;
    private final List<Pod> pods;
    private final List<Service> services;

    private ScaleCluster(ServiceNetwork net, List<Node> nodes, List<Pod> pods, List<Service> services) {
        this.net = net;
        this.nodes = nodes;
        this.pods = pods;
        this.services = services;
    }

    /** Builds the cluster with conntrack's default timeouts on {@code clock}. */
    public static ScaleCluster build(InstantSource clock) {
        return build(clock, Conntrack.TCP_TIMEOUT);
    }

    /** Builds the cluster; {@code tcpTimeout} is every node's conntrack timeout for TCP flows. */
    public static ScaleCluster build(InstantSource clock, Duration tcpTimeout) {
        ServiceNetwork net = ServiceNetwork.builder()
                .network(PodNetwork.builder().clusterCidr("10.128.0.0/11").nodeMaskSize(24)
                        .maxPods(MAX_PODS_PER_NODE))
                .clock(clock)
                .seed(SEED)
                .conntrackTimeouts(tcpTimeout, Conntrack.UDP_TIMEOUT)
                .build();
        List<Node> nodes = new ArrayList<>(NODES);
        for (int i = 0; i < NODES; i++) {
            int host = i + 1;                                  // 172.16.0.1 to 172.16.19.136
            nodes.add(net.addNode("node-" + i, "172.16." + (host >> 8) + "." + (host & 0xFF) + "/19"));
        }
        List<Service> services = new ArrayList<>(SERVICES);
        for (int k = 0; k < SERVICES; k++) {
            services.add(net.addService(new ServiceSpec("svc-" + k, Selector.parse("app=svc-" + k),
                    List.of(ServicePort.tcp("http", 80, TargetPort.named("http"))))));
        }
        Map<String, Port> http = Map.of("http", Port.of(8080));
        List<Pod> pods = new ArrayList<>(PODS);
        for (int i = 0; i < PODS; i++) {
            Pod pod = net.addPod("pod-" + i, nodes.get(i % NODES),
                    Labels.of("app", "svc-" + (i / ENDPOINTS_PER_SERVICE)), http);
            pod.listen("web", Protocol.TCP, Port.of(8080));
            pods.add(pod);
        }
        return new ScaleCluster(net, List.copyOf(nodes), List.copyOf(pods), List.copyOf(services));
    }

    /** The cluster. */
    public ServiceNetwork net() {
        return net;
    }

    /** Its nodes, {@code node-0} first. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Its pods, {@code pod-0} first. */
    public List<Pod> pods() {
        return pods;
    }

    /** Its Services, {@code svc-0} first. */
    public List<Service> services() {
        return services;
    }

    /**
     * Lets every node's route agent act on the lease log now, so that every node holds its routes to all the
     * others (25 million routes in all) instead of writing them when a packet first needs the node.
     */
    public void bringUpEveryNode() {
        for (Node node : nodes) {
            node.root();
        }
    }

    /**
     * {@code count} pairs of a client pod and a Service whose 15 endpoints all run on nodes other than the
     * client's, drawn with {@link #SEED}: every packet sent to one goes pod, ClusterIP, pod on another node.
     */
    public List<Flow> flows(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Flow> flows = new ArrayList<>(count);
        while (flows.size() < count) {
            Pod client = pods.get(random.nextInt(PODS));
            int k = random.nextInt(SERVICES);
            boolean elsewhere = true;
            for (int j = 0; j < ENDPOINTS_PER_SERVICE; j++) {
                int endpoint = k * ENDPOINTS_PER_SERVICE + j;
                elsewhere &= endpoint % NODES != nodeOf(client);
            }
            if (elsewhere) {
                flows.add(new Flow(client, services.get(k), new SocketAddress(services.get(k).clusterIp(), Port.HTTP)));
            }
        }
        return List.copyOf(flows);
    }

    private static int nodeOf(Pod pod) {
        return Integer.parseInt(pod.name().substring("pod-".length())) % NODES;
    }

    /** A client pod, a Service, and the destination the client sends to: the ClusterIP and port 80. */
    public record Flow(Pod client, Service service, SocketAddress destination) {
    }
}
