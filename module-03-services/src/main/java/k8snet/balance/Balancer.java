package k8snet.balance;

import java.util.List;

import k8snet.ip.Ipv4Address;

/**
 * A load-balancing strategy: for each new connection to a Service, the rule that chooses which endpoint gets it.
 * kube-proxy decides once, on a connection's first packet; connection tracking keeps the rest of the connection
 * on the same endpoint, so a balancer is asked once per connection, never per packet (Kubernetes docs "Virtual
 * IPs and Service Proxies").
 *
 * <pre>{@code
 * Balancer balancer = new RoundRobin();
 * Endpoint e = balancer.pick(client, List.of(web1, web2));   // web-1, then web-2, then web-1 ...
 * balancer.closed(e);                                        // that connection ended
 * }</pre>
 *
 * <p>Balancers are stateful (a position, connection counts, sessions) and not thread-safe: the model runs in
 * one thread.
 */
public interface Balancer {

    /**
     * Chooses the endpoint for a new connection from {@code client}.
     *
     * @param client the connection's source address (only some strategies look at it)
     * @param endpoints the Service's endpoints, in the order the Service lists them; the same list, or a changed
     *     one, may come on the next call
     * @return one of {@code endpoints}
     * @throws IllegalArgumentException if {@code client} or {@code endpoints} is null, or {@code endpoints} is
     *     empty: a Service without endpoints rejects the connection before any balancer runs
     */
    Endpoint pick(Ipv4Address client, List<Endpoint> endpoints);

    /**
     * Tells the balancer that a connection to {@code endpoint}, which it picked earlier, has ended. Strategies
     * that do not count connections ignore it.
     */
    default void closed(Endpoint endpoint) {
    }
}
