package k8snet.proxy;

import java.util.List;
import java.util.Optional;

import k8snet.balance.Balancer;
import k8snet.balance.Endpoint;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.ip.Ipv4Address;
import k8snet.service.Service;
import k8snet.trace.Headers;

/**
 * The kube-proxy of one node: it turns a packet for a Service's virtual address into a packet for one of the
 * Service's pods, in the node's root namespace, before the node routes it (Kubernetes docs "Virtual IPs and
 * Service Proxies"). It is a {@link PacketHook}, so module 2's packet walk runs it on every packet that enters
 * the node.
 *
 * <pre>{@code
 * KubeProxy proxy = new KubeProxy(new Conntrack(clock));
 * proxy.setService(web, new RandomChain(random));                 // web: 10.96.0.10, port http 80
 * proxy.setEndpoints("web", "http", List.of(web1, web2));
 * net.addHook(proxy);                                             // (one node; ServiceNetwork wires many)
 * net.send(client, "10.96.0.10:80", "GET /");                     // DNAT to web-1 or web-2
 * }</pre>
 *
 * <p><b>Exercise 3.5 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules for {@link #inspect}, in this order</h2>
 * <ol>
 *   <li><b>A tracked flow.</b> If the conntrack table knows the packet ({@link Conntrack#lookup}), the table
 *       decides, whatever the Services and endpoints are now:
 *     <ul>
 *       <li>original direction: go on with two steps, {@code conntrack CONNTRACK} (headers unchanged; the
 *           decision says the flow is established and names its backend), then {@code conntrack DNAT} (the
 *           destination rewritten to the flow's backend);</li>
 *       <li>reply direction: go on with {@code conntrack CONNTRACK} (unchanged), then {@code conntrack SNAT}
 *           (the source rewritten back to the flow's Service address), so the client sees the address it
 *           talked to.</li>
 *     </ul></li>
 *   <li><b>A Service address.</b> Otherwise, if the destination address is the ClusterIP of a Service:
 *     <ul>
 *       <li>no Service port has the packet's protocol and destination port: stop with one
 *           {@code kube-proxy REFUSED} step (the client sees "connection refused"); the decision names the
 *           Service and the protocol and port asked for;</li>
 *       <li>that port has no endpoints: stop with one {@code kube-proxy REFUSED} step; the decision names the
 *           Service and says it has no endpoints (kube-proxy installs a reject rule for such a Service);</li>
 *       <li>else the Service's balancer picks an endpoint for the packet's source address, from the endpoints
 *           in the order they were set; the flow is tracked with that backend; go on with three steps:
 *           {@code kube-proxy BALANCED} (unchanged; names the chosen pod and, in digits, how many endpoints
 *           there were),
 *           {@code kube-proxy DNAT} (destination rewritten to the endpoint's address), {@code conntrack CONNTRACK}
 *           (the rewritten headers; says a new flow was tracked).</li>
 *     </ul></li>
 *   <li><b>Anything else</b> (a pod address, a node address, a reply of nothing tracked): go on with no steps.</li>
 * </ol>
 * The balancer is asked once per new flow, never for a tracked one, and a packet that is refused is not
 * tracked. The model never ends a connection, so {@code Balancer.closed} is not called. {@code inspect} does
 * not look at the node it is given: a {@code KubeProxy} serves one node, and whoever installs it passes only
 * that node's packets.
 *
 * <h2>Rules for the tables</h2>
 * <ul>
 *   <li>{@link #setService} adds a Service or replaces the one of the same name (with its new ClusterIP, ports
 *       and balancer); endpoints already set for a port name the new spec still has are kept, the others
 *       dropped. A new Service's ports start with no endpoints. Two Services cannot share a ClusterIP.</li>
 *   <li>{@link #setEndpoints} replaces the endpoints of one Service port (the list is copied; it may be empty).</li>
 *   <li>{@link #removeService} forgets a Service; flows already tracked to it live on in the conntrack table.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null argument or list element, an unknown Service or port
 *       name (the message quotes it), or a ClusterIP another Service has.</li>
 * </ul>
 */
public final class KubeProxy implements PacketHook {

    /**
     * A kube-proxy that tracks flows in {@code conntrack}.
     *
     * @throws IllegalArgumentException if {@code conntrack} is null
     */
    public KubeProxy(Conntrack conntrack) {
        throw new UnsupportedOperationException("Exercise 3.5: implement the KubeProxy constructor");
    }

    /** The node's connection-tracking table. */
    public Conntrack conntrack() {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.conntrack");
    }

    /**
     * Adds or replaces a Service, with the balancer that picks its endpoints.
     *
     * @throws IllegalArgumentException if an argument is null, or another Service has this ClusterIP
     */
    public void setService(Service service, Balancer balancer) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.setService");
    }

    /**
     * Forgets a Service.
     *
     * @throws IllegalArgumentException if {@code name} is null or no such Service is set
     */
    public void removeService(String name) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.removeService");
    }

    /**
     * Sets the endpoints of one Service port.
     *
     * @param portName the Service port's name, {@code ""} for a single unnamed port
     * @throws IllegalArgumentException if an argument or element is null, or the Service or port is unknown
     */
    public void setEndpoints(String service, String portName, List<Endpoint> endpoints) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.setEndpoints");
    }

    /**
     * The endpoints of one Service port, as last set; unmodifiable.
     *
     * @throws IllegalArgumentException as {@link #setEndpoints}
     */
    public List<Endpoint> endpoints(String service, String portName) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.endpoints");
    }

    /**
     * The Service whose ClusterIP this is, if one is set.
     *
     * @throws IllegalArgumentException if {@code clusterIp} is null
     */
    public Optional<Service> serviceAt(Ipv4Address clusterIp) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.serviceAt");
    }

    /**
     * What this node does with a packet entering its root namespace: the rules of the class doc, in order.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    @Override
    public Verdict inspect(Node node, Headers headers) {
        throw new UnsupportedOperationException("Exercise 3.5: implement KubeProxy.inspect");
    }
}
