package k8snet.balance;

import java.util.List;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 3.4 (the specification is the stub's Javadoc). */
public final class RoundRobin implements Balancer {

    /** The index picked last; -1 before the first pick, so that the first one is index 0. */
    private int last = -1;

    public RoundRobin() {
    }

    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        Require.nonNull(client, "client");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(!endpoints.isEmpty(), "A Service without endpoints has nothing to balance: " + endpoints);
        last = (last + 1) % endpoints.size();
        return endpoints.get(last);
    }
}
