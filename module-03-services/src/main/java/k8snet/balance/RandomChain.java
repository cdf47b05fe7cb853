package k8snet.balance;

import java.util.List;
import java.util.random.RandomGenerator;

import k8snet.ip.Ipv4Address;

/**
 * The random choice of kube-proxy's iptables mode. iptables has no "pick one of n" rule, so kube-proxy writes a
 * chain of rules, one per endpoint, each jumping to its endpoint with some probability ({@code -m statistic
 * --mode random --probability p}); a packet that no rule takes falls through to the next one, and the last rule
 * takes whatever is left (kubernetes/kubernetes, {@code pkg/proxy/iptables/proxier.go}).
 *
 * <pre>{@code
 * // the chain for three endpoints, as iptables-save prints it
 * -A KUBE-SVC-... -m statistic --mode random --probability 0.33333 -j KUBE-SEP-web-1
 * -A KUBE-SVC-... -m statistic --mode random --probability 0.50000 -j KUBE-SEP-web-2
 * -A KUBE-SVC-... -j KUBE-SEP-web-3
 *
 * Balancer random = new RandomChain(new SplittableRandom(42));
 * random.pick(client, List.of(web1, web2, web3));   // each with chance 1/3
 * }</pre>
 *
 * <p><b>Exercise 3.4 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>For {@code n} endpoints, rule {@code i} (counting from 0) is taken with probability {@code 1/(n-i)} when a
 *       connection reaches it: the first rule with {@code 1/n}, the next with {@code 1/(n-1)}, ..., the last
 *       with 1. Why not {@code 1/n} everywhere? A rule only sees the connections that all rules before it let
 *       through, so its chance must grow as fewer endpoints remain; with {@code 1/(n-i)} every endpoint gets
 *       exactly {@code 1/n} of the connections. A chain of {@code 1/n} rules favours the last endpoint.</li>
 *   <li>{@link #pick} walks the rules in list order. For each rule before the last it draws one number with
 *       {@code random.nextDouble()} and takes the rule if the number is below (strictly) the rule's
 *       probability; the last rule is taken without a draw. So a pick draws once per rule it reaches, and a
 *       single endpoint is picked without drawing at all.</li>
 *   <li>All randomness comes from the generator given to the constructor, owned by the model and seeded, so a
 *       seed replays a run exactly. Never create a generator of your own.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null generator, client or list, an empty list, or a rule
 *       outside the chain (the message quotes the bad value).</li>
 * </ul>
 */
public final class RandomChain implements Balancer {

    /**
     * A chain that draws from {@code random}.
     *
     * @param random the model's seeded generator, for instance {@code new SplittableRandom(seed)}
     * @throws IllegalArgumentException if {@code random} is null
     */
    public RandomChain(RandomGenerator random) {
        throw new UnsupportedOperationException("Exercise 3.4: implement the RandomChain constructor");
    }

    /**
     * The probability of rule {@code i} in a chain of {@code n} rules: the chance that a connection which reached
     * the rule is taken by it.
     *
     * @throws IllegalArgumentException unless {@code n >= 1} and {@code 0 <= i < n}
     */
    public static double probability(int i, int n) {
        throw new UnsupportedOperationException("Exercise 3.4: implement RandomChain.probability");
    }

    /**
     * Walks the chain for one new connection (see the class doc).
     *
     * @throws IllegalArgumentException if {@code client} or {@code endpoints} is null, or {@code endpoints} is
     *     empty
     */
    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        throw new UnsupportedOperationException("Exercise 3.4: implement RandomChain.pick");
    }
}
