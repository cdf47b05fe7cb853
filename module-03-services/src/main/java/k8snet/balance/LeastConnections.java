package k8snet.balance;

import java.util.List;

import k8snet.ip.Ipv4Address;

/**
 * Least connections: a new connection goes to the endpoint that serves the fewest open connections now. It is
 * IPVS's {@code lc} scheduler, one of those kube-proxy's IPVS mode offers (Kubernetes docs "Virtual IPs and
 * Service Proxies"); unlike round robin it notices that some connections last longer than others.
 *
 * <pre>{@code
 * Balancer lc = new LeastConnections();
 * List<Endpoint> web = List.of(web1, web2);
 * lc.pick(client, web);   // web-1 (both have 0 open; the first in the list wins)
 * lc.pick(client, web);   // web-2 (web-1 has 1 open)
 * lc.closed(web1);        // web-1 is back to 0
 * lc.pick(client, web);   // web-1
 * }</pre>
 *
 * <p><b>Exercise 3.4 (part 3).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Each endpoint has a count of open connections, 0 until it is first picked. {@link #pick} returns the
 *       listed endpoint with the lowest count and adds one to that count: the pick opens a connection.
 *       {@link #closed} takes one away.</li>
 *   <li>Ties go to the endpoint listed first, so the result never depends on hashing or chance.</li>
 *   <li>Counts belong to the endpoint, not to its place in the list: an endpoint that leaves the list and comes
 *       back keeps its count, and a reordered list does not move counts around.</li>
 *   <li>A count never goes below zero: closing a connection to an endpoint that has none open is an
 *       {@link IllegalStateException} whose message names the endpoint (its {@code toString}), and changes
 *       nothing.</li>
 *   <li>Errors: {@link IllegalArgumentException} if the client, the list or the closed endpoint is null, or the
 *       list is empty.</li>
 * </ul>
 */
public final class LeastConnections implements Balancer {

    /** A balancer with no connection open. */
    public LeastConnections() {
    }

    /**
     * The listed endpoint with the fewest open connections, the first of them on a tie; opens a connection to it.
     *
     * @throws IllegalArgumentException if {@code client} or {@code endpoints} is null, or {@code endpoints} is
     *     empty
     */
    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        throw new UnsupportedOperationException("Exercise 3.4: implement LeastConnections.pick");
    }

    /**
     * Closes one connection to {@code endpoint}.
     *
     * @throws IllegalArgumentException if {@code endpoint} is null
     * @throws IllegalStateException if {@code endpoint} has no open connection
     */
    @Override
    public void closed(Endpoint endpoint) {
        throw new UnsupportedOperationException("Exercise 3.4: implement LeastConnections.closed");
    }
}
