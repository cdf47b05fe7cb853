package k8snet.balance;

import java.util.List;

import k8snet.ip.Ipv4Address;

/**
 * Round robin: the endpoints take turns, in the order the Service lists them. It is the default scheduler
 * ({@code rr}) of kube-proxy's IPVS mode (Kubernetes docs "Virtual IPs and Service Proxies"), which keeps a
 * pointer to the backend it used last and moves it one step for every new connection.
 *
 * <pre>{@code
 * Balancer rr = new RoundRobin();
 * List<Endpoint> web = List.of(web1, web2, web3);
 * rr.pick(client, web);   // web-1
 * rr.pick(client, web);   // web-2
 * rr.pick(client, web);   // web-3
 * rr.pick(client, web);   // web-1 again: after the last comes the first
 * }</pre>
 *
 * <p><b>Exercise 3.4 (part 1).</b> Implement {@link #pick}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The balancer remembers the index it picked last; the first pick is index 0. Each pick takes the index
 *       after the last one, modulo the size of the list it is given now, so after the last endpoint comes the
 *       first. The position is kept from call to call, whoever the client is.</li>
 *   <li>The list may change between calls (pods come and go). There is no reset: the next index is still
 *       (last + 1) modulo the new size. So an endpoint appended after a full turn is picked next, and a list
 *       that shrank below the remembered index wraps instead of failing.</li>
 *   <li>Over a fixed list, after any number of picks, the pick counts of any two endpoints differ by at most
 *       one.</li>
 *   <li>{@link #closed} is not needed: round robin does not count connections.</li>
 *   <li>Errors: {@link IllegalArgumentException} if the client or the list is null, or the list is empty.</li>
 * </ul>
 */
public final class RoundRobin implements Balancer {

    /** A balancer whose first pick is the first endpoint. */
    public RoundRobin() {
    }

    /**
     * The endpoint after the one picked last, wrapping (see the class doc).
     *
     * @throws IllegalArgumentException if {@code client} or {@code endpoints} is null, or {@code endpoints} is
     *     empty
     */
    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        throw new UnsupportedOperationException("Exercise 3.4: implement RoundRobin.pick");
    }
}
