package k8snet.balance;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 3.4 (the specification is the stub's Javadoc). */
public final class ClientIpAffinity implements Balancer {

    public static final long DEFAULT_TIMEOUT_SECONDS = 10800;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    private static final long MAX_TIMEOUT_SECONDS = 86400;

    private record Session(Endpoint endpoint, Instant last) {
    }

    private final Balancer inner;
    private final InstantSource clock;
    private final Duration timeout;
    private final Map<Ipv4Address, Session> sessions = new HashMap<>();

    public ClientIpAffinity(Balancer inner, InstantSource clock) {
        this(inner, clock, DEFAULT_TIMEOUT);
    }

    public ClientIpAffinity(Balancer inner, InstantSource clock, Duration timeout) {
        this.inner = Require.nonNull(inner, "inner");
        this.clock = Require.nonNull(clock, "clock");
        Require.nonNull(timeout, "timeout");
        Require.argument(timeout.getNano() == 0 && timeout.getSeconds() >= 1
                && timeout.getSeconds() <= MAX_TIMEOUT_SECONDS, "sessionAffinityConfig.clientIP.timeoutSeconds is "
                + "a whole number of seconds from 1 to " + MAX_TIMEOUT_SECONDS + ", got " + timeout);
        this.timeout = timeout;
    }

    @Override
    public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
        Require.nonNull(client, "client");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(!endpoints.isEmpty(), "A Service without endpoints has nothing to balance: " + endpoints);
        Instant now = clock.instant();
        Session session = sessions.get(client);
        Endpoint endpoint = session != null && now.isBefore(session.last().plus(timeout))
                && endpoints.contains(session.endpoint()) ? session.endpoint() : inner.pick(client, endpoints);
        sessions.put(client, new Session(endpoint, now));
        return endpoint;
    }
}
