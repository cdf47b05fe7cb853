package k8snet.scenario;

import java.util.List;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.net.Delivery;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 2 (module 2), inside one node: pod {@code api-1} sends to pod {@code web-1} on the same node, over
 * the veth pairs and the bridge {@code cni0}, with an ARP exchange first; then {@code web-1} answers. No
 * randomness, so the seed plays no part.
 */
final class SameNodePods implements Scenario {

    @Override
    public String name() {
        return "same-node";
    }

    @Override
    public int figure() {
        return 2;
    }

    @Override
    public String title() {
        return "two pods on one node talk over the bridge cni0";
    }

    @Override
    public String narrative() {
        return "api-1 (10.244.1.3) sends to web-1 (10.244.1.2) on node-1: the address is on-link, so api-1 ARPs "
                + "for web-1 itself and the bridge switches the frame from veth2 to veth1; then web-1 answers.";
    }

    @Override
    public List<Step> run(long seed) {
        PodNetwork net = PodNetwork.builder().build();
        net.addNode("cp", "192.168.1.10/24");
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        net.addNode("node-2", "192.168.1.12/24");
        Pod web = net.addPod("web-1", n1);
        Pod api = net.addPod("api-1", n1);
        web.listen("nginx", Protocol.TCP, Port.HTTP);
        Delivery request = net.send(api, web.ip() + ":80", "GET / HTTP/1.1");
        return Steps.withReply(net::reply, new Step("request: api-1 to web-1 at " + web.ip() + ":80", request),
                "reply: web-1 answers api-1", "HTTP/1.1 200 OK");
    }
}
