package k8snet.policy;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.endpoints.TargetPort;
import k8snet.ipam.Cidr;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.net.Delivery;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.testkit.Explain;
import k8snet.testkit.ReferenceTraces;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Policies in the packet path, through {@link ServiceNetwork}. The cluster of every test:
 *
 * <pre>
 * node-1 (192.168.1.11/24)            node-2 (192.168.1.12/24)
 *   default/web-1   app=web             db/pg-1    app=postgres, postgres on 5432
 *   default/other   app=other           default/db-1 app=postgres (port pg=5432), postgres on 5432
 *   db/pg-2         app=postgres, postgres on 5432
 * web-1 and other listen on 8080; namespace db has team=data.
 * </pre>
 */
@DisplayName("Exercise 3.6: NetworkPolicies on real traffic, enforced on each node after kube-proxy")
@ExtendWith(ReferenceTraces.class)
class NetworkPolicyTrafficTest {

    private ServiceNetwork net;
    private Pod web;
    private Pod other;
    private Pod pg1;
    private Pod pg2;
    private Pod db1;

    private static Selector sel(String text) {
        return Selector.parse(text);
    }

    /** Default deny ingress for every pod of a namespace. */
    private static NetworkPolicy denyAll(String namespace) {
        return NetworkPolicy.of(namespace, "deny-all", Selector.everything(), List.of(), List.of());
    }

    /** Ingress to app=postgres of namespace db from app=web pods of default, on TCP 5432. */
    private static NetworkPolicy allowWeb() {
        return NetworkPolicy.of("db", "allow-web", sel("app=postgres"),
                List.of(new PolicyRule(List.of(Peer.podsIn(sel(PolicyEngine.NAME_LABEL + "=default"), sel("app=web"))),
                        List.of(PolicyPort.tcp(5432)))),
                List.of());
    }

    /** Egress of app=web in default to these peers only, any port. */
    private static NetworkPolicy webEgress(Peer... peers) {
        return new NetworkPolicy("default", "web-egress", sel("app=web"), List.of(),
                List.of(new PolicyRule(List.of(peers), List.of())), EnumSet.of(PolicyType.EGRESS));
    }

    private static Peer block(String cidr) {
        return Peer.block(Cidr.parse(cidr), List.of());
    }

    private static String denial(String direction, String pod, String policies, Pod from, Pod to, int port) {
        return direction + " " + pod + " denied: selected by " + policies + ", none allows " + from.ip() + " to "
                + to.ip() + ":tcp/" + port;
    }

    private static String lastDecision(Delivery d) {
        return d.trace().last().decision();
    }

    private static Supplier<String> why(String remark, Delivery d) {
        return Explain.traced(remark, d.trace());
    }

    /** The hops made by the policy enforcer. */
    private static List<Hop> policyHops(Delivery d) {
        return d.trace().hops().stream().filter(h -> h.component().equals("policy")).toList();
    }

    @BeforeEach
    void setUp() {
        net = ServiceNetwork.builder().build();
        buildCluster();
    }

    private void buildCluster() {
        Node n1 = net.addNode("node-1", "192.168.1.11/24");
        Node n2 = net.addNode("node-2", "192.168.1.12/24");
        net.addNamespace("db", Labels.of("team", "data"));
        web = net.addPod("web-1", n1, Labels.of("app", "web"), Map.of());
        other = net.addPod("other", n1, Labels.of("app", "other"), Map.of());
        pg1 = net.addPod("db", "pg-1", n2, Labels.of("app", "postgres"), Map.of());
        pg2 = net.addPod("db", "pg-2", n1, Labels.of("app", "postgres"), Map.of());
        db1 = net.addPod("db-1", n2, Labels.of("app", "postgres"), Map.of("pg", Port.of(5432)));
        for (Pod p : List.of(pg1, pg2, db1)) {
            p.listen("postgres", Protocol.TCP, Port.of(5432));
        }
        web.listen("app", Protocol.TCP, Port.of(8080));
        other.listen("app", Protocol.TCP, Port.of(8080));
    }

    @Nested
    @DisplayName("a denied packet stops where its end is judged")
    class Denied {

        @Test
        @DisplayName("an egress denial stops the packet on the sender's node, before it leaves")
        void egressOnSendersNode() {
            net.addPolicy(webEgress(block("203.0.113.0/24")));
            Delivery d = net.send(web, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(d).isDroppedBy(Action.DENIED).startsAt("node-1").endsAt("node-1")
                    .neverVisits("node-2");
            assertThat(lastDecision(d)).as(why("the denying hop names the pod, the policy and the connection", d))
                    .isEqualTo(denial("egress from", "default/web-1", "1 policy (web-egress)", web, pg1, 5432));
            assertThat(d.trace().last().component()).as(why("the enforcer's hop is a [policy] hop", d))
                    .isEqualTo("policy");
        }

        @Test
        @DisplayName("an ingress denial stops the packet on the receiver's node, after it crossed the wire")
        void ingressOnReceiversNode() {
            net.addPolicy(denyAll("db"));
            Delivery d = net.send(web, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(d).isDroppedBy(Action.DENIED).visitsInOrder("node-1", "node-2").endsAt("node-2");
            assertThat(lastDecision(d)).as(why("pg-1's ingress is judged on node-2", d))
                    .isEqualTo(denial("ingress to", "db/pg-1", "1 policy (deny-all)", web, pg1, 5432));
            assertThat(policyHops(d)).as(why("web-1 is not isolated: its node adds no [policy] hop; one on node-2", d))
                    .hasSize(1).allSatisfy(h -> assertThat(h.place().host()).isEqualTo("node-2"));
        }

        @Test
        @DisplayName("between two pods of one node, either end's denial stops the packet on that node")
        void sameNode() {
            net.addPolicy(denyAll("db"));
            Delivery in = net.send(web, pg2.ip() + ":5432", "SELECT 1");
            assertThatDelivery(in).isDroppedBy(Action.DENIED).endsAt("node-1").neverVisits("node-2");
            assertThat(lastDecision(in)).as(why("pg-2 runs on node-1 too", in))
                    .isEqualTo(denial("ingress to", "db/pg-2", "1 policy (deny-all)", web, pg2, 5432));
            assertThat(in.trace().hops()).as(why("the packet never enters pg-2", in))
                    .noneMatch(h -> h.place().namespace().equals("pg-2"));

            net.removePolicy("db", "deny-all");
            net.addPolicy(webEgress(block("203.0.113.0/24")));
            Delivery out = net.send(web, pg2.ip() + ":5432", "SELECT 1");
            assertThatDelivery(out).isDroppedBy(Action.DENIED).endsAt("node-1");
            assertThat(lastDecision(out)).as(why("web-1's egress denies pg-2", out))
                    .isEqualTo(denial("egress from", "default/web-1", "1 policy (web-egress)", web, pg2, 5432));
        }

        @Test
        @DisplayName("an allowed connection passes both ends and says which policy allowed it")
        void allowed() {
            net.addPolicy(denyAll("db"));
            net.addPolicy(allowWeb());
            Delivery d = net.send(web, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "pg-1")
                    .hasHop("policy", "ingress to db/pg-1 allowed by allow-web");
            assertThat(policyHops(d)).as(why("one [policy] hop, ALLOWED, on node-2", d)).singleElement()
                    .satisfies(h -> {
                        assertThat(h.action()).isEqualTo(Action.ALLOWED);
                        assertThat(h.place().host()).isEqualTo("node-2");
                    });
            Delivery denied = net.send(other, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(denied).isDroppedBy(Action.DENIED).endsAt("node-2");
            assertThat(lastDecision(denied)).as(why("other is app=other: allow-web does not allow it", denied))
                    .isEqualTo(denial("ingress to", "db/pg-1", "2 policies (allow-web, deny-all)", other, pg1, 5432));
        }
    }

    @Nested
    @DisplayName("enforcement is stateful")
    class Stateful {

        @Test
        @DisplayName("the reply of an allowed connection reaches a client that is isolated for ingress")
        void replyPasses() {
            net.addPolicy(NetworkPolicy.of("default", "web-lockdown", sel("app=web"), List.of(), List.of()));
            Delivery request = net.send(web, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(request).isDeliveredTo("postgres", "pg-1");
            Delivery reply = net.reply(assertThatDelivery(request).delivered(), "1 row");
            assertThatDelivery(reply).isDeliveredTo("client", "web-1");

            Delivery opened = net.send(pg1, web.ip() + ":8080", "GET /");
            assertThatDelivery(opened).isDroppedBy(Action.DENIED).endsAt("node-1");
            assertThat(lastDecision(opened)).as(why("a new connection to web-1 is judged, and denied", opened))
                    .isEqualTo(denial("ingress to", "default/web-1", "1 policy (web-lockdown)", pg1, web, 8080));
        }

        @Test
        @DisplayName("removing a policy keeps the connections it allowed open, but new ones are judged afresh")
        void removalKeepsOpenConnections() {
            net.addPolicy(denyAll("db"));
            net.addPolicy(allowWeb());
            Delivery first = net.send(web, pg1.ip() + ":5432", "BEGIN");
            assertThatDelivery(first).isDeliveredTo("postgres", "pg-1");
            net.removePolicy("db", "allow-web");

            Delivery again = net.sendAgain(first, "SELECT 1");
            assertThatDelivery(again).isDeliveredTo("postgres", "pg-1").hasHop("policy", "tracked");
            assertThatDelivery(net.reply(assertThatDelivery(again).delivered(), "1 row"))
                    .isDeliveredTo("client", "web-1");

            Delivery fresh = net.send(web, pg1.ip() + ":5432", "BEGIN");
            assertThatDelivery(fresh).isDroppedBy(Action.DENIED).endsAt("node-2");
            assertThat(lastDecision(fresh)).as(why("a new connection after allow-web was removed", fresh))
                    .isEqualTo(denial("ingress to", "db/pg-1", "1 policy (deny-all)", web, pg1, 5432));
        }
    }

    @Nested
    @DisplayName("through a Service, policies see the pod address kube-proxy chose")
    class ThroughAService {

        private Service svc;

        /** Service pg: ClusterIP port 6432 to the pods' container port named pg (5432). */
        @BeforeEach
        void addService() {
            svc = net.addService(new ServiceSpec("pg", sel("app=postgres"),
                    List.of(ServicePort.tcp("sql", 6432, TargetPort.named("pg")))));
        }

        private NetworkPolicy pgIngress(int port) {
            return NetworkPolicy.of("default", "pg-in", sel("app=postgres"),
                    List.of(new PolicyRule(List.of(Peer.pods(sel("app=web"))), List.of(PolicyPort.tcp(port)))),
                    List.of());
        }

        @Test
        @DisplayName("a policy on the backend pod's port allows ClusterIP traffic, judged after the DNAT")
        void backendPortAllows() {
            net.addPolicy(pgIngress(5432));
            Delivery d = net.send(web, svc.clusterIp() + ":6432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "db-1").hasActionsInOrder(Action.DNAT, Action.ALLOWED)
                    .hasHop("policy", "ingress to default/db-1 allowed by pg-in");
            Delivery denied = net.send(other, svc.clusterIp() + ":6432", "SELECT 1");
            assertThatDelivery(denied).isDroppedBy(Action.DENIED).endsAt("node-2");
            assertThat(lastDecision(denied)).as(why("the judged connection is to db-1's address and port 5432", denied))
                    .isEqualTo(denial("ingress to", "default/db-1", "1 policy (pg-in)", other, db1, 5432));
        }

        @Test
        @DisplayName("a policy on the Service port does not allow it: the pod is reached on its own port")
        void servicePortDoesNotAllow() {
            net.addPolicy(pgIngress(6432));
            Delivery d = net.send(web, svc.clusterIp() + ":6432", "SELECT 1");
            assertThatDelivery(d).isDroppedBy(Action.DENIED).endsAt("node-2");
            assertThat(lastDecision(d)).as(why("after DNAT the port is 5432, which pg-in does not open", d))
                    .isEqualTo(denial("ingress to", "default/db-1", "1 policy (pg-in)", web, db1, 5432));
        }

        @Test
        @DisplayName("an egress ipBlock on the ClusterIP does not match: the destination is the pod by then")
        void clusterIpBlockDoesNotMatch() {
            net.addPolicy(webEgress(block(svc.clusterIp() + "/32")));
            Delivery d = net.send(web, svc.clusterIp() + ":6432", "SELECT 1");
            assertThatDelivery(d).isDroppedBy(Action.DENIED).endsAt("node-1").neverVisits("node-2")
                    .hasActionsInOrder(Action.DNAT, Action.DENIED);
            assertThat(lastDecision(d)).as(why("web-1's egress is judged on db-1's address, not the ClusterIP", d))
                    .isEqualTo(denial("egress from", "default/web-1", "1 policy (web-egress)", web, db1, 5432));

            net.addPolicy(webEgress(block(db1.ip() + "/32")));
            assertThatDelivery(net.send(web, svc.clusterIp() + ":6432", "SELECT 1"))
                    .isDeliveredTo("postgres", "db-1")
                    .hasHop("policy", "egress from default/web-1 allowed by web-egress");
        }
    }

    @Nested
    @DisplayName("a network plugin that ignores policies")
    class NotEnforced {

        @Test
        @DisplayName("lets everything pass, though the policies exist and would deny")
        void ignored() {
            net = ServiceNetwork.builder().enforcePolicies(false).build();
            buildCluster();
            net.addPolicy(denyAll("db"));
            net.addPolicy(denyAll("default"));
            net.addPolicy(webEgress(block("203.0.113.0/24")));
            Delivery d = net.send(web, pg1.ip() + ":5432", "SELECT 1");
            assertThatDelivery(d).isDeliveredTo("postgres", "pg-1");
            assertThat(policyHops(d)).as(why("nothing enforces policies, so there is no [policy] hop", d)).isEmpty();
            assertThatDelivery(net.send(pg2, other.ip() + ":8080", "GET /")).isDeliveredTo("app", "other");
            PolicyEngine engine = net.policies().orElseThrow();
            assertThat(engine.allows(new Connection(Protocol.TCP, web.ip(), pg1.ip(), Port.of(5432))))
                    .as("the stored policies do deny web-1 to pg-1; the plugin just does not enforce them").isFalse();
        }
    }
}
