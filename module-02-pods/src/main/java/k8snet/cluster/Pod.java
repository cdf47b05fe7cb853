package k8snet.cluster;

import k8snet.Require;
import k8snet.host.Application;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A pod: the smallest thing Kubernetes gives an IP address to. Its containers share one
 * {@link NetworkNamespace}, whose {@code eth0} is one end of a veth pair; the other end ({@link #hostPort()})
 * is a port of its node's bridge. Pods are made by {@link PodNetwork#addPod}.
 *
 * <pre>{@code
 * Pod web = net.addPod("web-1", node1);
 * web.listen("nginx", Protocol.TCP, Port.of(80));     // a container listening on 0.0.0.0:80
 * web.listen("sidecar", Protocol.TCP, Port.of(80));   // IllegalStateException: address already in use
 * }</pre>
 */
public final class Pod {

    private final String name;
    private final Node node;
    private final NetworkNamespace namespace;
    private final Ipv4Address ip;
    private final String hostPort;
    private final int mtu;
    /** The network the pod runs in, until it is removed (or its node is): a send checks it without a lookup. */
    private PodNetwork network;

    Pod(PodNetwork network, String name, Node node, NetworkNamespace namespace, Ipv4Address ip, String hostPort,
        int mtu) {
        this.network = network;
        this.name = name;
        this.node = node;
        this.namespace = namespace;
        this.ip = ip;
        this.hostPort = hostPort;
        this.mtu = mtu;
    }

    /** The pod's name, unique in the cluster. */
    public String name() {
        return name;
    }

    /** The node it runs on. */
    public Node node() {
        return node;
    }

    /** Its network namespace, shared by all its containers. */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** Its address, from its node's pod CIDR. */
    public Ipv4Address ip() {
        return ip;
    }

    /** The host end of its veth pair: a port of the node's bridge, such as {@code veth1}. */
    public String hostPort() {
        return hostPort;
    }

    /** The MTU of its {@code eth0}: the node network's, less the overlay's overhead where there is one. */
    public int mtu() {
        return mtu;
    }

    /**
     * A container of this pod listens on every address of the pod ({@code 0.0.0.0}) at {@code port}.
     *
     * @param container the container's name, which names the listening application in traces
     * @throws IllegalArgumentException if an argument is null or the name is blank
     * @throws IllegalStateException if another container of the pod holds the port ("address already in use")
     */
    public void listen(String container, Protocol protocol, Port port) {
        Require.nonNull(container, "container");
        namespace.bind(new Application(container), protocol, Ipv4Address.ANY, port);
    }

    /** Whether the pod runs in {@code net} now. */
    boolean runsIn(PodNetwork net) {
        return network == net;
    }

    /** The pod was removed from its network. */
    void stopped() {
        network = null;
    }

    @Override
    public String toString() {
        return "pod " + name + " (" + ip + ") on " + node.name();
    }
}
