package k8snet.scenario;

import java.time.Duration;
import java.util.List;

import k8snet.dns.DnsZone;
import k8snet.dns.ZoneResolver;
import k8snet.host.Application;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.net.Delivery;
import k8snet.net.Network;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * Figure 1 (module 1): a laptop resolves {@code web.example.com} and sends to the web server on the server;
 * then a send to a port nobody listens on, which the server refuses. Module 1's network has no routers and
 * no randomness, so the seed plays no part.
 */
final class TwoComputers implements Scenario {

    @Override
    public String name() {
        return "two-computers";
    }

    @Override
    public int figure() {
        return 1;
    }

    @Override
    public String title() {
        return "a laptop resolves a name and sends to a server's web server";
    }

    @Override
    public String narrative() {
        return "The laptop asks DNS for web.example.com, gets 203.0.113.10 and sends an HTTP request to port 80, "
                + "where nginx listens; a second request to port 5432, where nothing listens, is refused.";
    }

    @Override
    public List<Step> run(long seed) {
        DnsZone zone = new DnsZone();
        zone.addA("web.example.com", "203.0.113.10", Duration.ofMinutes(5));
        Network net = new Network(new ZoneResolver(zone));
        Host laptop = new Host("laptop")
                .addInterface(new Interface("wlan0", Ipv4Address.parse("198.51.100.7"), InterfaceKind.PHYSICAL));
        Host server = new Host("server")
                .addInterface(new Interface("eth0", Ipv4Address.parse("203.0.113.10"), InterfaceKind.PHYSICAL));
        server.bind(new Application("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
        net.attach(laptop);
        net.attach(server);
        Delivery web = net.send(laptop, "http://web.example.com/", "GET / HTTP/1.1");
        Delivery closed = net.send(laptop, "web.example.com:5432", "SELECT 1");
        return List.of(
                new Step("request: laptop to http://web.example.com/", web),
                new Step("request: laptop to web.example.com:5432, a port nobody listens on", closed));
    }
}
