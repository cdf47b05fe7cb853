package k8snet.balance;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import k8snet.ip.Ipv4Address;

/**
 * Session affinity by client IP: a Service with {@code sessionAffinity: ClientIP} sends every new connection
 * from one client address to the endpoint that client used before, as long as the client keeps coming back
 * within the timeout (Kubernetes docs "Service", "Session stickiness"; the timeout is
 * {@code sessionAffinityConfig.clientIP.timeoutSeconds}). It wraps another balancer, which chooses for new or
 * expired clients.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Balancer sticky = new ClientIpAffinity(new RoundRobin(), clock, Duration.ofMinutes(30));
 * sticky.pick(alice, web);   // web-1: alice is new, round robin chooses
 * sticky.pick(bob, web);     // web-2: bob is new
 * sticky.pick(alice, web);   // web-1 again: alice sticks
 * clock.advance(Duration.ofMinutes(30));
 * sticky.pick(bob, web);     // expired: round robin chooses again
 * }</pre>
 *
 * <p><b>Exercise 3.4 (part 4).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The timeout is a whole number of seconds from 1 to 86400 (one day) inclusive, as the API server accepts
 *       for {@code timeoutSeconds}; the default is {@value #DEFAULT_TIMEOUT_SECONDS} seconds (3 hours),
 *       {@link #DEFAULT_TIMEOUT}.</li>
 *   <li>The balancer remembers, per client address, the endpoint it gave the client and the time of the client's
 *       <em>last</em> pick. Every pick for the client, sticky or not, sets that time to now (read from the clock
 *       given to the constructor), so a client that keeps connecting keeps its endpoint for ever.</li>
 *   <li>An entry is alive while now is before last + timeout. Exactly at last + timeout it has expired.</li>
 *   <li>A client with a live entry whose endpoint is still in the list gets that endpoint, without asking the
 *       inner balancer. Otherwise (a new client, an expired entry, or an endpoint that is no longer listed
 *       because its pod went away) the inner balancer picks from the list, and the answer becomes the client's
 *       new entry.</li>
 *   <li>{@link #closed} is not passed on: the inner balancer only sees the picks it was asked for.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null inner balancer, clock, timeout, client or list, an
 *       empty list, or a timeout outside the rule above (the message quotes the timeout).</li>
 * </ul>
 */
public final class ClientIpAffinity implements Balancer {

    /** The default of {@code sessionAffinityConfig.clientIP.timeoutSeconds}, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 10800;

    /** The default timeout, {@value #DEFAULT_TIMEOUT_SECONDS} seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    /**
     * Affinity with the default timeout.
     *
     * @throws IllegalArgumentException if {@code inner} or {@code clock} is null
     */
    public ClientIpAffinity(Balancer inner, InstantSource clock) {
        this(inner, clock, DEFAULT_TIMEOUT);
    }

    /**
     * Affinity that forgets a client {@code timeout} after its last pick.
     *
     * @throws IllegalArgumentException if an argument is null, or {@code timeout} is not a whole number of seconds
     *     from 1 to 86400
     */
    public ClientIpAffinity(Balancer inner, InstantSource clock, Duration timeout) {
        throw new UnsupportedOperationException("Exercise 3.4: implement the ClientIpAffinity constructor");
    }

    /**
     * The client's endpoint while its entry lives and the endpoint is listed, else the inner balancer's pick
     * (see the class doc).
     *
     * @throws IllegalArgumentException if {@code client} or {@code endpoints} is null, or {@code endpoints} is
     *     empty
     */
    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        throw new UnsupportedOperationException("Exercise 3.4: implement ClientIpAffinity.pick");
    }
}
