package k8snet.scenario;

import java.util.List;

import k8snet.cluster.Backend;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.net.Delivery;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 4 (module 2), across nodes with the VXLAN backend: the nodes are on different subnets, so the
 * router between them knows no pod addresses; node-2's {@code flannel.1} wraps the pod's packet in UDP to
 * node-1, which unwraps it. No randomness, so the seed plays no part.
 */
final class VxlanPods implements Scenario {

    @Override
    public String name() {
        return "vxlan";
    }

    @Override
    public int figure() {
        return 4;
    }

    @Override
    public String title() {
        return "a pod reaches a pod on another subnet through a VXLAN tunnel";
    }

    @Override
    public String narrative() {
        return "node-1 (192.168.1.11) and node-2 (192.168.2.12) are on different subnets: web-2's packet to "
                + "web-1 leaves node-2 inside a UDP datagram to node-1 port 8472 (VNI 1), crosses the router "
                + "and is unwrapped on node-1; the reply takes the tunnel back.";
    }

    @Override
    public List<Step> run(long seed) {
        PodNetwork net = PodNetwork.builder().backend(Backend.VXLAN).build();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.2.12/24");
        Pod web1 = net.addPod("web-1", n1);
        Pod web2 = net.addPod("web-2", n2);
        web1.listen("nginx", Protocol.TCP, Port.HTTP);
        Delivery request = net.send(web2, web1.ip() + ":80", "GET / HTTP/1.1");
        return Steps.withReply(net::reply, new Step("request: web-2 (node-2) to web-1 (node-1) at " + web1.ip()
                + ":80", request), "reply: web-1 answers web-2", "HTTP/1.1 200 OK");
    }
}
