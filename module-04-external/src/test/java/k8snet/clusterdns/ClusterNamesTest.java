package k8snet.clusterdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.external.Cluster;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

@DisplayName("A pod sending to a name: your records and your resolver in a cluster (exercise 4.4, end to end)")
@ExtendWith(ReferenceTraces.class)
class ClusterNamesTest {

    private final ManualClock clock = new ManualClock();
    private Cluster cluster;
    private ServiceNetwork net;
    private Pod client;

    @BeforeEach
    void cluster() {
        cluster = Cluster.builder().services(ServiceNetwork.builder().clock(clock)).build();
        net = cluster.services();
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Pod api = net.addPod("api-1", n1, Labels.of("app", "api"), Map.of());
        api.listen("api", Protocol.TCP, Port.of(9090));
        client = net.addPod("client", n1, Labels.of("app", "client"), Map.of());
        net.addService(new ServiceSpec("api", Selector.parse("app=api"), List.of(ServicePort.tcp("", 9090))));
        cluster.internetDns().addA("www.example.com", "203.0.113.80", Duration.ofMinutes(5));
    }

    private static List<String> dnsQueries(Delivery d) {
        return d.trace().hops().stream().filter(h -> h.component().equals("dns")).map(Hop::decision).toList();
    }

    @Test
    @DisplayName("\"api\" is found at the first search domain: one query, then the packet goes to the ClusterIP")
    void shortName() {
        Delivery d = cluster.send(client, Protocol.TCP, "api:9090", "GET /");
        assertThat(d.endedBy()).as(Explain.traced("the send to api:9090", d.trace())).isEqualTo(Action.DELIVERED);
        List<String> queries = dnsQueries(d);
        assertThat(queries).as(Explain.traced("the dns hops of the trace", d.trace())).hasSize(1);
        assertThat(queries.get(0)).startsWith("query api.default.svc.cluster.local: [" + net.service("api").clusterIp());
        assertThat(d.trace().hops().get(1).action()).as("the packet leaves after the lookup").isEqualTo(Action.SENT);
    }

    @Test
    @DisplayName("\"www.example.com\" (2 dots, ndots 5) misses three search domains before the name as written")
    void outsideName() {
        Delivery d = cluster.send(client, Protocol.TCP, "www.example.com:80", "GET /");
        assertThat(dnsQueries(d)).as(Explain.traced("the queries, in the order glibc sends them", d.trace()))
                .containsExactly(
                        "query www.example.com.default.svc.cluster.local: NXDOMAIN",
                        "query www.example.com.svc.cluster.local: NXDOMAIN",
                        "query www.example.com.cluster.local: NXDOMAIN",
                        "query www.example.com: [203.0.113.80], ttl 300s");
        Hop sent = d.trace().hops().get(4);
        assertThat(sent.action()).isEqualTo(Action.SENT);
        assertThat(sent.headers().orElseThrow().destination().toString()).isEqualTo("203.0.113.80:80");
    }

    @Test
    @DisplayName("\"www.example.com.\" (a final dot) is asked once, as written")
    void absoluteName() {
        Delivery d = cluster.send(client, Protocol.TCP, "www.example.com.:80", "GET /");
        assertThat(dnsQueries(d)).containsExactly("query www.example.com: [203.0.113.80], ttl 300s");
    }

    @Test
    @DisplayName("a name nobody has ends the send at the pod as an unknown host, after every candidate was tried")
    void unknown() {
        Delivery d = cluster.send(client, Protocol.TCP, "nope:9090", "GET /");
        assertThat(d).isInstanceOf(Delivery.UnknownHost.class);
        assertThat(dnsQueries(d)).hasSize(5);
        assertThat(d.endedBy()).isEqualTo(Action.UNKNOWN_HOST);
    }

    @Test
    @DisplayName("a Service created after a miss is found once the 5 s negative cache entry has expired")
    void negativeCache() {
        Delivery before = cluster.send(client, Protocol.TCP, "db:5432", "x");
        assertThat(before).isInstanceOf(Delivery.UnknownHost.class);
        Pod db = net.addPod("db-1", net.network().node("node-1"), Labels.of("app", "db"), Map.of());
        db.listen("postgres", Protocol.TCP, Port.of(5432));
        net.addService(new ServiceSpec("db", Selector.parse("app=db"), List.of(ServicePort.tcp("", 5432))));
        assertThat(cluster.send(client, Protocol.TCP, "db:5432", "x")).as("still cached as NXDOMAIN")
                .isInstanceOf(Delivery.UnknownHost.class);
        clock.advance(Duration.ofSeconds(5));
        Delivery after = cluster.send(client, Protocol.TCP, "db:5432", "x");
        assertThat(after.endedBy()).as(Explain.traced("after the cache entry expired", after.trace()))
                .isEqualTo(Action.DELIVERED);
    }
}
