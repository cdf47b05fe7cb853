package k8snet.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import k8snet.cluster.Pod;
import k8snet.net.Delivery;
import k8snet.transport.Protocol;

/**
 * Figure 10 (module 4): the application of figure 9 survives a node crash. The node that served the laptop's
 * first request crashes: that connection is lost at once (frames to a dead node go nowhere); for the grace
 * period the endpoints still list the dead node's pods; once the node lifecycle controller (4.6) marks it
 * NotReady they leave the endpoints; after the toleration its pods are evicted and replaced on live nodes, and
 * the application answers by the same names throughout.
 */
final class NodeCrash implements Scenario {

    @Override
    public String name() {
        return "node-crash";
    }

    @Override
    public int figure() {
        return 10;
    }

    @Override
    public String title() {
        return "the application survives a node crash: NotReady, eviction, replacement";
    }

    @Override
    public String narrative() {
        return "The node that served the laptop crashes. The open connection is lost; new connections may still "
                + "be sent to the dead pods until the node is NotReady (grace period 50 s, judged every 5 s); "
                + "after the 300 s toleration its pods are evicted and replaced on live nodes with new names and "
                + "addresses, while shop.example.com and api:80 keep answering.";
    }

    @Override
    public List<Step> run(long seed) {
        ShopApplication app = new ShopApplication(seed);
        List<Step> steps = new ArrayList<>();
        Delivery first = app.world.send(app.laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1");
        steps.add(new Step("request: laptop to shop.example.com:80", first));
        String victim = first instanceof Delivery.Delivered d ? d.trace().last().place().host() : "shop-1";
        app.shop.crash(victim);
        steps.add(new Step("+0 s, " + victim + " crashed: the same connection sends again",
                app.world.sendAgain(first, "GET /cart HTTP/1.1")));
        app.world.advance(Duration.ofSeconds(20));
        steps.add(new Step("+20 s, " + victim + " is still Ready to the control plane: a new connection",
                app.world.send(app.laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1")));
        app.world.advance(Duration.ofSeconds(40));
        steps.add(new Step("+60 s, " + victim + " is NotReady and its pods left the endpoints: a new connection",
                app.world.send(app.laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1")));
        app.world.advance(Duration.ofSeconds(300));
        Pod replacement = app.shop.pods("frontend").get(app.shop.pods("frontend").size() - 1);
        steps.add(new Step("+360 s, evicted and replaced (" + replacement.name() + " on "
                + replacement.node().name() + "): the newest frontend calls api:80 by name",
                app.world.send(replacement, Protocol.TCP, "api:80", "GET /cart")));
        Delivery last = app.world.send(app.laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1");
        steps.addAll(Steps.withReply(app.world::reply, new Step("+360 s: the laptop again", last),
                "reply: a live frontend answers the laptop", "HTTP/1.1 200 OK"));
        return List.copyOf(steps);
    }
}
