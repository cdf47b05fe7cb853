package k8snet.balance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 3.4 (the specification is the stub's Javadoc). */
public final class LeastConnections implements Balancer {

    /** Open connections per endpoint; an endpoint without an entry has none. */
    private final Map<Endpoint, Integer> open = new HashMap<>();

    public LeastConnections() {
    }

    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        Require.nonNull(client, "client");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(!endpoints.isEmpty(), "A Service without endpoints has nothing to balance: " + endpoints);
        Endpoint best = endpoints.get(0);
        int fewest = openTo(best);
        for (Endpoint candidate : endpoints) {
            int count = openTo(candidate);
            if (count < fewest) { // strictly fewer: a tie keeps the one listed first
                best = candidate;
                fewest = count;
            }
        }
        open.put(best, fewest + 1);
        return best;
    }

    @Override
    public void closed(Endpoint endpoint) {
        Require.nonNull(endpoint, "endpoint");
        int count = openTo(endpoint);
        if (count == 0) {
            throw new IllegalStateException("No open connection to " + endpoint + " to close");
        }
        open.put(endpoint, count - 1);
    }

    private int openTo(Endpoint endpoint) {
        return open.getOrDefault(endpoint, 0);
    }
}
