package k8snet.balance;

import java.util.List;
import java.util.random.RandomGenerator;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 3.4 (the specification is the stub's Javadoc). */
public final class RandomChain implements Balancer {

    private final RandomGenerator random;

    public RandomChain(RandomGenerator random) {
        this.random = Require.nonNull(random, "random");
    }

    public static double probability(int i, int n) {
        if (!(n >= 1 && i >= 0 && i < n)) {
            throw new IllegalArgumentException("A chain of n >= 1 rules has the rules 0 to n-1: rule " + i
                    + " of n = " + n + " is none of them");
        }
        return 1.0 / (n - i);
    }

    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        Require.nonNull(client, "client");
        Require.nonNull(endpoints, "endpoints");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("A Service without endpoints has nothing to balance: " + endpoints);
        }
        int n = endpoints.size();
        for (int i = 0; i < n - 1; i++) {
            if (random.nextDouble() < probability(i, n)) {
                return endpoints.get(i);
            }
        }
        return endpoints.get(n - 1);
    }
}
