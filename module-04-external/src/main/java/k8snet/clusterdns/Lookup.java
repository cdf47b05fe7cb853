package k8snet.clusterdns;

import java.util.List;

import k8snet.Require;
import k8snet.dns.DnsResult;
import k8snet.dns.Hostname;

/**
 * How a pod's resolver looked a name up: every query it sent, in order, with its answer, and the outcome.
 *
 * @param name the name the application asked for, as written
 * @param attempts the queries, in the order they were sent; never empty
 */
public record Lookup(String name, List<Attempt> attempts) {

    /** @throws IllegalArgumentException if an argument or element is null, or there is no attempt */
    public Lookup {
        Require.nonNull(name, "name");
        Require.nonNull(attempts, "attempts");
        Require.argument(attempts.stream().noneMatch(java.util.Objects::isNull), "attempts must not hold null");
        Require.argument(!attempts.isEmpty(), "A lookup sends at least one query: " + name);
        attempts = List.copyOf(attempts);
    }

    /** The outcome: the first answer, or if none answered the last attempt's result. */
    public DnsResult result() {
        for (Attempt a : attempts) {
            if (a.result() instanceof DnsResult.Answer) {
                return a.result();
            }
        }
        return attempts.get(attempts.size() - 1).result();
    }

    /** One query: the full name sent, and what came back. */
    public record Attempt(Hostname query, DnsResult result) {
        /** @throws IllegalArgumentException if an argument is null */
        public Attempt {
            Require.nonNull(query, "query");
            Require.nonNull(result, "result");
        }
    }
}
