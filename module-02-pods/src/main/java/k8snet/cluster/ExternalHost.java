package k8snet.cluster;

import k8snet.Require;
import k8snet.host.Application;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.ObjectNames;
import k8snet.trace.Place;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A machine outside the cluster, on the internet beyond the node network's router: module 1's laptop, a
 * user's browser, a public API a pod calls. Packets reach it, and come from it, through the router
 * ({@link PodNetwork#addExternalHost}).
 *
 * <pre>{@code
 * ExternalHost laptop = net.addExternalHost("laptop", "198.51.100.7");
 * net.send(laptop, Protocol.TCP, "192.168.1.11:30080", "GET /");   // to a node's address and port
 * }</pre>
 */
public final class ExternalHost {

    private final String name;
    private final Ipv4Address ip;
    private final Host host;

    ExternalHost(String name, Ipv4Address ip) {
        Require.argument(ObjectNames.isLabel(name), "An external host's name is a lower-case RFC 1123 label: \""
                + name + "\"");
        this.name = name;
        this.ip = ip;
        this.host = new Host(name);
        host.addInterface(new Interface("eth0", ip, InterfaceKind.PHYSICAL));
    }

    /** Its name, as traces show it. */
    public String name() {
        return name;
    }

    /** Its address. */
    public Ipv4Address ip() {
        return ip;
    }

    /** Its sockets, as module 1's hosts have them. */
    public Host host() {
        return host;
    }

    /** Where it is in a trace. */
    public Place place() {
        return Place.host(name);
    }

    /** Starts an application listening on {@code 0.0.0.0:port}. */
    public void listen(String application, Protocol protocol, Port port) {
        host.bind(new Application(application), protocol, Ipv4Address.ANY, port);
    }

    @Override
    public String toString() {
        return name + " (" + ip + ")";
    }
}
