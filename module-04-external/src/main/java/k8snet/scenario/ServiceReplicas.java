package k8snet.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 6 (module 3): load balancing over a Service's replicas. Each new connection to the ClusterIP is a new
 * flow, and kube-proxy's random chain (iptables mode, seeded by the scenario's seed) picks one of three
 * replicas on two nodes for it; the seed decides which.
 */
final class ServiceReplicas implements Scenario {

    /** How many connections the client opens. */
    static final int CONNECTIONS = 4;

    @Override
    public String name() {
        return "load-balancing";
    }

    @Override
    public int figure() {
        return 6;
    }

    @Override
    public String title() {
        return "new connections to a Service spread over its replicas";
    }

    @Override
    public String narrative() {
        return "client on node-1 opens " + CONNECTIONS + " connections to Service api, which selects api-1 "
                + "(node-1), api-2 and api-3 (node-2): for each new flow node-1's kube-proxy draws from its "
                + "random chain (rule i of n taken with probability 1/(n-i)), so every replica is equally likely.";
    }

    @Override
    public List<Step> run(long seed) {
        ServiceNetwork net = ServiceNetwork.builder().seed(seed).build();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        Pod client = net.addPod("client", n1, Labels.of("app", "client"), Map.of());
        Map<String, Node> replicas = Map.of("api-1", n1, "api-2", n2, "api-3", n2);
        for (String name : List.of("api-1", "api-2", "api-3")) {
            Pod api = net.addPod(name, replicas.get(name), Labels.of("app", "api"), Map.of("http", Port.of(8080)));
            api.listen("api", Protocol.TCP, Port.of(8080));
        }
        Service svc = net.addService(new ServiceSpec("api", Selector.parse("app=api"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))));
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= CONNECTIONS; i++) {
            Delivery d = net.send(client, svc.clusterIp() + ":80", "GET /orders/" + i + " HTTP/1.1");
            String to = d instanceof Delivery.Delivered delivered ? delivered.host().name() : "no replica";
            steps.add(new Step("connection " + i + ": client to Service api at " + svc.clusterIp() + ":80, taken by "
                    + to, d));
        }
        return List.copyOf(steps);
    }
}
