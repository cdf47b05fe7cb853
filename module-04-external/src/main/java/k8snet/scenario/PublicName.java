package k8snet.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.external.Cluster;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.ServiceNetwork;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 7 (module 4): a laptop on the internet reaches a pod by a public name. The name resolves to a
 * LoadBalancer Service's public address; the load balancer on the router picks a healthy node and sends to
 * its NodePort; that node's kube-proxy picks a pod (externalTrafficPolicy: Cluster, so with masquerade); the
 * reply is translated back twice and reaches the laptop from the public address. The seed drives both picks.
 */
final class PublicName implements Scenario {

    @Override
    public String name() {
        return "public-name";
    }

    @Override
    public int figure() {
        return 7;
    }

    @Override
    public String title() {
        return "from the internet by a public name: LoadBalancer, NodePort, kube-proxy";
    }

    @Override
    public String narrative() {
        return "The laptop resolves shop.example.com to the load balancer's 203.0.113.10 and connects to port "
                + "80: the load balancer sends to a healthy node's NodePort, whose kube-proxy picks a web pod "
                + "and masquerades (externalTrafficPolicy: Cluster); the reply comes back through both.";
    }

    @Override
    public List<Step> run(long seed) {
        Cluster cluster = Cluster.builder().seed(seed).services(ServiceNetwork.builder().seed(seed)).build();
        ServiceNetwork net = cluster.services();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        net.addNode("node-3", "192.168.1.13/24");
        for (Map.Entry<String, Node> pod : List.of(Map.entry("web-1", n1), Map.entry("web-2", n2))) {
            Pod web = net.addPod(pod.getKey(), pod.getValue(), Labels.of("app", "web"),
                    Map.of("http", Port.of(8080)));
            web.listen("nginx", Protocol.TCP, Port.of(8080));
        }
        cluster.exposeLoadBalancer(new ServiceSpec("web", Selector.parse("app=web"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))), TrafficPolicy.CLUSTER,
                "203.0.113.10");
        cluster.internetDns().addA("shop.example.com", "203.0.113.10", Duration.ofMinutes(5));
        ExternalHost laptop = cluster.addExternalHost("laptop", "198.51.100.7");
        Delivery request = cluster.send(laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1");
        String pod = request instanceof Delivery.Delivered d ? d.host().name() : "a web pod";
        return Steps.withReply(net::reply, new Step("request: laptop to shop.example.com:80", request),
                "reply: " + pod + " answers the laptop", "HTTP/1.1 200 OK");
    }
}
