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
 * Figure 5 (module 3): a pod reaches a Service by its ClusterIP. kube-proxy on the client's node picks the
 * backend and rewrites the destination (DNAT), conntrack remembers the flow, the reply is translated back to
 * the ClusterIP, and the next packet of the flow follows the conntrack entry without a new choice.
 */
final class ServiceClusterIp implements Scenario {

    @Override
    public String name() {
        return "services";
    }

    @Override
    public int figure() {
        return 5;
    }

    @Override
    public String title() {
        return "a pod reaches a Service's ClusterIP: DNAT, conntrack, the reply translated back";
    }

    @Override
    public String narrative() {
        return "client on node-1 sends to Service web's ClusterIP: node-1's kube-proxy picks web-1 on node-2 and "
                + "rewrites the destination to 10.244.1.2:8080, conntrack keeps the flow, web-1's reply gets the "
                + "ClusterIP back as its source on node-1, and the next packet follows the conntrack entry.";
    }

    @Override
    public List<Step> run(long seed) {
        ServiceNetwork net = ServiceNetwork.builder().seed(seed).build();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        Pod client = net.addPod("client", n1, Labels.of("app", "client"), Map.of());
        Pod web = net.addPod("web-1", n2, Labels.of("app", "web"), Map.of("http", Port.of(8080)));
        web.listen("nginx", Protocol.TCP, Port.of(8080));
        Service svc = net.addService(new ServiceSpec("web", Selector.parse("app=web"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))));
        String target = svc.clusterIp() + ":80";
        Delivery request = net.send(client, target, "GET / HTTP/1.1");
        List<Step> steps = new ArrayList<>(Steps.withReply(net::reply,
                new Step("request: client to Service web at its ClusterIP " + target, request),
                "reply: web-1 answers client", "HTTP/1.1 200 OK"));
        steps.add(new Step("next packet of the same flow: conntrack decides, kube-proxy is not asked",
                net.sendAgain(request, "GET /favicon.ico HTTP/1.1")));
        return List.copyOf(steps);
    }
}
