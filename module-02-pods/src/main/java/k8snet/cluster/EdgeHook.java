package k8snet.cluster;

import k8snet.trace.Headers;

/**
 * A step the node network's router takes on every packet it forwards, before it decides where the packet goes:
 * where an external load balancer with a public address sits in front of the nodes (module 4). Its steps become
 * hops at the router; a rewritten destination is forwarded as rewritten.
 */
@FunctionalInterface
public interface EdgeHook {

    /**
     * Looks at a packet the router is about to forward.
     *
     * @param headers the packet as it reached the router (never in a tunnel: tunnelled packets pass untouched)
     * @return go on (with the last step's headers) or stop
     */
    PacketHook.Verdict inspect(Headers headers);
}
