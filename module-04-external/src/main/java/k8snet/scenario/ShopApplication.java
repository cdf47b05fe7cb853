package k8snet.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import k8snet.cluster.ExternalHost;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.nodeport.TrafficPolicy;
import k8snet.transport.Port;
import k8snet.workload.ControlPlane;
import k8snet.workload.Workload;
import k8snet.world.World;

/**
 * The service-based application of figures 9 and 10, in a world of two clusters: cluster {@code shop} (nodes
 * shop-1 to shop-3 on 192.168.1.0/24) runs a frontend (3 replicas, LoadBalancer 203.0.113.10, public name
 * shop.example.com), an api (3 replicas, ClusterIP Service {@code api}) and a database (2 replicas, ClusterIP
 * Service {@code db}); cluster {@code partner} (partner-1 and partner-2 on 192.168.2.0/24) runs a payments
 * api behind its own load balancer, 203.0.113.20, public name payments.partner.example. A laptop sits on the
 * internet. Both clusters use the pod CIDR 10.244.0.0/16. Every pod is placed by the scheduler (4.5) and
 * asked for by a ReplicaSet (4.5).
 */
final class ShopApplication {

    final World world;
    final ControlPlane shop;
    final ControlPlane partner;
    final ExternalHost laptop;

    ShopApplication(long seed) {
        world = new World(seed);
        shop = world.addCluster("shop");
        partner = world.addCluster("partner");
        for (int i = 1; i <= 3; i++) {
            shop.addNode("shop-" + i, "192.168.1.1" + i + "/24");
        }
        partner.addNode("partner-1", "192.168.2.11/24");
        partner.addNode("partner-2", "192.168.2.12/24");
        shop.deploy(workload("frontend", 3, 8080, "nginx"));
        shop.deploy(workload("api", 3, 9090, "api-server"));
        shop.deploy(workload("db", 2, 5432, "postgres"));
        partner.deploy(workload("payments", 2, 7070, "payments-api"));
        shop.cluster().exposeLoadBalancer(spec("frontend", 80), TrafficPolicy.CLUSTER, "203.0.113.10");
        shop.cluster().services().addService(spec("api", 80));
        shop.cluster().services().addService(spec("db", 5432));
        partner.cluster().exposeLoadBalancer(spec("payments", 443), TrafficPolicy.CLUSTER, "203.0.113.20");
        world.publicDns().addA("shop.example.com", "203.0.113.10", Duration.ofMinutes(5));
        world.publicDns().addA("payments.partner.example", "203.0.113.20", Duration.ofMinutes(5));
        laptop = world.addHost("laptop", "198.51.100.7");
    }

    private static Workload workload(String name, int replicas, int port, String app) {
        return new Workload(name, replicas, Labels.of("app", name), Map.of("app", Port.of(port)), app);
    }

    private static ServiceSpec spec(String name, int port) {
        return new ServiceSpec(name, Selector.parse("app=" + name),
                List.of(ServicePort.tcp("app", port, TargetPort.named("app"))));
    }
}
