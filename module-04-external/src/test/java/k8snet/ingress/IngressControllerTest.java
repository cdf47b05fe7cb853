package k8snet.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.external.Cluster;
import k8snet.external.IngressController;
import k8snet.external.IngressResult;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.ServiceNetwork;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

@DisplayName("An ingress controller pod in a cluster, routing with your IngressRouter (exercise 4.3, end to end)")
@ExtendWith(ReferenceTraces.class)
class IngressControllerTest {

    private Cluster cluster;
    private ServiceNetwork net;
    private Pod controller;
    private Pod client;
    private IngressController nginx;

    @BeforeEach
    void shop() {
        cluster = Cluster.builder().build();
        net = cluster.services();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        Pod controller = net.addPod("ingress-1", n1, Labels.of("app", "ingress"), Map.of());
        controller.listen("nginx", Protocol.TCP, Port.of(80));
        Pod api = net.addPod("api-1", n2, Labels.of("app", "api"), Map.of());
        api.listen("api", Protocol.TCP, Port.of(8080));
        Pod web = net.addPod("web-1", n2, Labels.of("app", "web"), Map.of());
        web.listen("web", Protocol.TCP, Port.of(8080));
        net.addService(new ServiceSpec("api", Selector.parse("app=api"), List.of(ServicePort.tcp("", 8080))));
        net.addService(new ServiceSpec("web", Selector.parse("app=web"), List.of(ServicePort.tcp("", 8080))));
        this.controller = controller;
        client = net.addPod("client", n2, Labels.of("app", "client"), Map.of());
        nginx = cluster.ingressController(new Ingress("shop", List.of(new IngressRule("shop.example.com", List.of(
                new IngressPath("/", "Prefix", IngressBackend.of("web", 8080)),
                new IngressPath("/api", "Prefix", IngressBackend.of("api", 8080))))), Optional.empty()));
    }

    private Delivery.Delivered request(String host, String path) {
        Delivery in = cluster.send(client, Protocol.TCP, controller.ip() + ":80",
                "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(in).as(Explain.traced("the request should reach the ingress controller pod",
                in.trace())).isInstanceOf(Delivery.Delivered.class);
        return (Delivery.Delivered) in;
    }

    @Test
    @DisplayName("a request for /api/orders on shop.example.com is proxied to Service api, and reaches api-1")
    void proxiedByPath() {
        IngressResult r = nginx.handle(request("shop.example.com", "/api/orders"));
        assertThat(r.route()).as("the route your router chose").isInstanceOf(IngressRoute.Matched.class);
        assertThat(((IngressRoute.Matched) r.route()).backend()).isEqualTo(IngressBackend.of("api", 8080));
        assertThat(r.delivery().endedBy()).as(Explain.traced("the second leg, controller to Service api",
                r.delivery().trace())).isEqualTo(Action.DELIVERED);
        assertThat(r.delivery().trace().last().place().namespace()).as("the pod that answered").isEqualTo("api-1");
    }

    @Test
    @DisplayName("a request for /apiary goes to Service web: /api is not an element of /apiary")
    void elementWise() {
        IngressResult r = nginx.handle(request("SHOP.example.com:80", "/apiary"));
        assertThat(((IngressRoute.Matched) r.route()).backend()).isEqualTo(IngressBackend.of("web", 8080));
        assertThat(r.delivery().trace().last().place().namespace()).isEqualTo("web-1");
    }

    @Test
    @DisplayName("a request for a host no rule has is answered 404 by the controller, and the client gets it")
    void notFound() {
        IngressResult r = nginx.handle(request("other.example.org", "/"));
        assertThat(r.route()).isInstanceOf(IngressRoute.NotFound.class);
        assertThat(r.delivery().endedBy()).as(Explain.traced("the controller's 404 back to the client",
                r.delivery().trace())).isEqualTo(Action.DELIVERED);
        Delivery.Delivered answer = (Delivery.Delivered) r.delivery();
        assertThat(answer.message().payload()).startsWith("HTTP/1.1 404");
        assertThat(answer.message().source().toString()).as("the answer comes from the controller pod")
                .isEqualTo(controller.ip() + ":80");
    }
}
