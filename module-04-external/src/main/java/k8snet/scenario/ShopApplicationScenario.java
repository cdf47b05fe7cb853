package k8snet.scenario;

import java.util.ArrayList;
import java.util.List;

import k8snet.cluster.Pod;
import k8snet.net.Delivery;
import k8snet.transport.Protocol;

/**
 * Figure 9 (module 4): a service-based application spread over nodes. A user's request reaches a frontend pod
 * through public DNS and the load balancer; the frontend finds the api by its cluster DNS name, the api finds
 * the database the same way, and calls a payments api in another cluster by its public name, leaving its
 * cluster masqueraded to its node's address. Every reply comes back the way its request went.
 */
final class ShopApplicationScenario implements Scenario {

    @Override
    public String name() {
        return "application";
    }

    @Override
    public int figure() {
        return 9;
    }

    @Override
    public String title() {
        return "a service-based application over nodes and two clusters, by DNS names";
    }

    @Override
    public String narrative() {
        return "Cluster shop runs frontend, api and db workloads spread over three nodes by the scheduler; "
                + "cluster partner runs a payments api. The laptop opens shop.example.com; the frontend calls "
                + "api:80, the api calls db:5432 (cluster DNS, search list) and payments.partner.example:443 "
                + "(public DNS, masquerade, the internet, the other cluster's load balancer).";
    }

    @Override
    public List<Step> run(long seed) {
        ShopApplication app = new ShopApplication(seed);
        List<Step> steps = new ArrayList<>();
        Delivery home = app.world.send(app.laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1");
        steps.addAll(Steps.withReply(app.world::reply, new Step("request: laptop to shop.example.com:80", home),
                "reply: the frontend answers the laptop", "HTTP/1.1 200 OK"));
        Pod frontend = app.shop.pods("frontend").get(0);
        Delivery api = app.world.send(frontend, Protocol.TCP, "api:80", "GET /cart");
        steps.addAll(Steps.withReply(app.world::reply, new Step("request: " + frontend.name() + " to api:80",
                api), "reply: the api answers " + frontend.name(), "{\"items\": 2}"));
        Pod apiPod = app.shop.pods("api").get(0);
        Delivery db = app.world.send(apiPod, Protocol.TCP, "db:5432", "SELECT * FROM cart");
        steps.addAll(Steps.withReply(app.world::reply, new Step("request: " + apiPod.name() + " to db:5432", db),
                "reply: the database answers " + apiPod.name(), "2 rows"));
        Delivery pay = app.world.send(apiPod, Protocol.TCP, "payments.partner.example:443", "POST /charge");
        steps.addAll(Steps.withReply(app.world::reply, new Step("request: " + apiPod.name()
                + " to payments.partner.example:443 in cluster partner", pay),
                "reply: payments answers " + apiPod.name() + " across the internet", "charged"));
        return List.copyOf(steps);
    }
}
