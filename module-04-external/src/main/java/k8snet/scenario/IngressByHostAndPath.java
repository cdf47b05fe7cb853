package k8snet.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.external.Cluster;
import k8snet.external.IngressController;
import k8snet.external.IngressResult;
import k8snet.ingress.Ingress;
import k8snet.ingress.IngressBackend;
import k8snet.ingress.IngressPath;
import k8snet.ingress.IngressRoute;
import k8snet.ingress.IngressRule;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.ServiceNetwork;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 8 (module 4): one public address, many sites. The laptop's request for
 * {@code shop.example.com/api/orders} reaches an ingress controller pod through its LoadBalancer Service; the
 * controller matches host and path (Prefix {@code /api}) and opens its own connection to Service {@code api}'s
 * ClusterIP; the api pod finds its database by the cluster DNS name {@code db}; the controller's answer goes
 * back to the laptop. The seed drives the load balancer's and kube-proxy's picks.
 */
final class IngressByHostAndPath implements Scenario {

    @Override
    public String name() {
        return "ingress";
    }

    @Override
    public int figure() {
        return 8;
    }

    @Override
    public String title() {
        return "Ingress by host and path, then a Service found by its cluster DNS name";
    }

    @Override
    public String narrative() {
        return "The laptop sends GET /api/orders with Host shop.example.com to the ingress controller's load "
                + "balancer; the controller routes /api (Prefix) to Service api with a connection of its own, "
                + "api-1 asks cluster DNS for db (db.default.svc.cluster.local) and queries db-1, and the "
                + "controller answers the laptop.";
    }

    @Override
    public List<Step> run(long seed) {
        Cluster cluster = Cluster.builder().seed(seed).services(ServiceNetwork.builder().seed(seed)).build();
        ServiceNetwork net = cluster.services();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        pod(net, "ingress-1", n1, "ingress", "nginx", 80);
        pod(net, "web-1", n1, "web", "nginx", 8080);
        Pod api = pod(net, "api-1", n2, "api", "api", 8080);
        pod(net, "db-1", n2, "db", "postgres", 5432);
        cluster.exposeLoadBalancer(new ServiceSpec("ingress-nginx", Selector.parse("app=ingress"),
                List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))), TrafficPolicy.CLUSTER,
                "203.0.113.10");
        for (String name : List.of("web", "api")) {
            net.addService(new ServiceSpec(name, Selector.parse("app=" + name),
                    List.of(ServicePort.tcp("http", 8080, TargetPort.named("http")))));
        }
        net.addService(new ServiceSpec("db", Selector.parse("app=db"),
                List.of(ServicePort.tcp("postgres", 5432))));
        cluster.internetDns().addA("shop.example.com", "203.0.113.10", Duration.ofMinutes(5));
        IngressController controller = cluster.ingressController(new Ingress("shop", List.of(new IngressRule(
                "shop.example.com", List.of(
                        new IngressPath("/", "Prefix", IngressBackend.of("web", 8080)),
                        new IngressPath("/api", "Prefix", IngressBackend.of("api", 8080))))), Optional.empty()));
        ExternalHost laptop = cluster.addExternalHost("laptop", "198.51.100.7");

        List<Step> steps = new ArrayList<>();
        Delivery request = cluster.send(laptop, Protocol.TCP, "shop.example.com:80",
                "GET /api/orders HTTP/1.1\r\nHost: shop.example.com\r\n\r\n");
        steps.add(new Step("request: laptop to shop.example.com:80, GET /api/orders", request));
        if (!(request instanceof Delivery.Delivered atController)) {
            return List.copyOf(steps);
        }
        IngressResult proxied = controller.handle(atController);
        steps.add(new Step("proxied: " + atController.host().name() + " " + describe(proxied.route()),
                proxied.delivery()));
        if (!(proxied.route() instanceof IngressRoute.Matched) || !(proxied.delivery() instanceof Delivery.Delivered)) {
            return List.copyOf(steps);     // the controller answered the laptop itself, or the backend was lost
        }
        steps.add(new Step("by name: api-1 connects to db:5432, found by cluster DNS",
                cluster.send(api, Protocol.TCP, "db:5432", "SELECT * FROM orders")));
        steps.add(new Step("reply: " + atController.host().name() + " answers the laptop",
                net.reply(atController, "HTTP/1.1 200 OK")));
        return List.copyOf(steps);
    }

    private static String describe(IngressRoute route) {
        if (route instanceof IngressRoute.Matched m) {
            return "matches host " + (m.rule().isEmpty() ? "(any)" : m.rule()) + ", path " + m.path().path() + " ("
                    + m.path().pathType() + "): a connection of its own to Service " + m.backend();
        }
        if (route instanceof IngressRoute.Default d) {
            return "matches no rule: the default backend, Service " + d.backend();
        }
        return "matches no rule and has no default backend: 404";
    }

    private static Pod pod(ServiceNetwork net, String name, Node node, String app, String container, int port) {
        Pod pod = net.addPod(name, node, Labels.of("app", app), Map.of("http", Port.of(port)));
        pod.listen(container, Protocol.TCP, Port.of(port));
        return pod;
    }
}
