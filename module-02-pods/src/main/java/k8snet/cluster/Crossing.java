package k8snet.cluster;

import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.trace.Headers;
import k8snet.trace.Hop;

/**
 * A packet on its way across the internet from one network's router to another's: its headers, its payload
 * and size, the hops it may still take, and its trace so far. {@link PodNetwork#arrive} goes on with it.
 *
 * @param headers the packet as it left the router (never in a tunnel)
 * @param size its size in bytes
 * @param ttl the hops it may still take (each router's forward takes one)
 * @param replyTo for a reply, the connection it must match at the client (the client's first packet reversed);
 *     empty for a request
 * @param hops every hop so far, in order
 */
public record Crossing(Headers headers, String payload, int size, int ttl, Optional<Headers> replyTo,
        List<Hop> hops) {

    public Crossing {
        Require.nonNull(headers, "headers");
        Require.nonNull(payload, "payload");
        Require.argument(headers.tunnel().isEmpty(), "A packet crosses the internet outside any tunnel: " + headers);
        Require.argument(size > 0, "A packet has a positive size: " + size);
        Require.nonNull(replyTo, "replyTo");
        hops = List.copyOf(Require.nonNull(hops, "hops"));
        Require.argument(!hops.isEmpty(), "A crossing packet has left somewhere: its trace is not empty");
    }
}
