package k8snet.scenario;

import java.util.List;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.net.Delivery;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 3 (module 2), across nodes with the host-gw backend: pod {@code web-2} on node-2 sends to pod
 * {@code web-1} on node-1, through node-2's route "10.244.1.0/24 via 192.168.1.11" that the route agent
 * wrote; then {@code web-1} answers. No randomness, so the seed plays no part.
 */
final class HostGwPods implements Scenario {

    @Override
    public String name() {
        return "host-gw";
    }

    @Override
    public int figure() {
        return 3;
    }

    @Override
    public String title() {
        return "a pod reaches a pod on another node by a host-gw route";
    }

    @Override
    public String narrative() {
        return "web-2 on node-2 sends to web-1 on node-1: up its veth to the bridge, node-2 routes 10.244.1.0/24 "
                + "via node-1's address (a route the host-gw agent wrote), node-1 hands it to web-1; no NAT.";
    }

    @Override
    public List<Step> run(long seed) {
        PodNetwork net = PodNetwork.builder().build();
        net.addNode("cp", "192.168.1.10/24");
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        Pod web1 = net.addPod("web-1", n1);
        Pod web2 = net.addPod("web-2", n2);
        web1.listen("nginx", Protocol.TCP, Port.HTTP);
        Delivery request = net.send(web2, web1.ip() + ":80", "GET / HTTP/1.1");
        return Steps.withReply(net::reply, new Step("request: web-2 (node-2) to web-1 (node-1) at " + web1.ip()
                + ":80", request), "reply: web-1 answers web-2", "HTTP/1.1 200 OK");
    }
}
