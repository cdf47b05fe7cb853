package k8snet.ipam;

import java.util.Optional;

import k8snet.ip.Ipv4Address;

/**
 * A node's allocator of pod addresses, in the manner of the CNI {@code host-local} IPAM plugin
 * (containernetworking/plugins, {@code plugins/ipam/host-local}): every pod that starts on the node gets one
 * address of the node's pod CIDR, and gives it back when it stops.
 *
 * <pre>{@code
 * PodIpAllocator ips = new PodIpAllocator(Cidr.parse("10.244.1.0/24"));
 * ips.gateway();             // 10.244.1.1: the bridge's address, never a pod's
 * ips.allocate("web-1");     // 10.244.1.2
 * ips.allocate("web-2");     // 10.244.1.3
 * ips.release(Ipv4Address.parse("10.244.1.2"));   // "web-1"
 * }</pre>
 *
 * <p><b>Exercise 2.2 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The block must be a {@code /30} or larger (a {@code /31} or {@code /32} has no room for a gateway
 *       and a pod). Its first usable address is the gateway (the CNI bridge plugin puts it on the node's
 *       bridge); pods get the usable addresses after it: in a {@code /24}, {@code .2} to {@code .254}, 253
 *       addresses. The network and broadcast addresses are never handed out.</li>
 *   <li>A node runs at most {@code maxPods} pods: the kubelet's {@code maxPods}, 110 by default (Kubernetes
 *       docs, kubelet configuration). It must be 1 to the number of pod addresses in the block, so the
 *       default fits a {@code /25} or larger; a smaller block needs an explicit, smaller {@code maxPods}.</li>
 *   <li>Like {@code host-local}, the allocator does not hand out the lowest free address: it goes on from
 *       just after the last address it handed out, wrapping from the end of the range back to its start, and
 *       skips addresses in use. A released address is therefore reused only once the allocator has gone
 *       round, which keeps a new pod from receiving traffic meant for the one that just left. The first
 *       allocation is the first pod address ({@code .2}); after the last pod address ({@code .254} in a
 *       {@code /24}) comes the first one again.</li>
 *   <li>Never two live pods on one address; a pod holds at most one address. Pod names are lower-case RFC 1123
 *       labels ({@link ObjectNames#isLabel}).</li>
 *   <li>Errors: {@link IllegalStateException} when the pod has an address already (the message names the
 *       pod), or when the node runs {@code maxPods} pods (the message gives {@code maxPods}; since
 *       {@code maxPods} never exceeds the pod addresses, a full block is reported this way too); {@link
 *       IllegalArgumentException} for a bad argument (the message quotes it), and for releasing an address
 *       that no pod holds (the message quotes the address, and says so when it is the gateway, with the word
 *       "gateway", or outside the block, with the word "outside" and the block).</li>
 * </ul>
 */
public final class PodIpAllocator {

    /** The kubelet's default {@code maxPods}. */
    public static final int DEFAULT_MAX_PODS = 110;

    /**
     * An allocator for {@code block} with the default {@value #DEFAULT_MAX_PODS} pods at most.
     *
     * @throws IllegalArgumentException if {@code block} is null or smaller than a {@code /30}, or holds fewer
     *     than {@value #DEFAULT_MAX_PODS} pod addresses (a {@code /26} or smaller)
     */
    public PodIpAllocator(Cidr block) {
        this(block, DEFAULT_MAX_PODS);
    }

    /**
     * An allocator for {@code block} that runs at most {@code maxPods} pods at once.
     *
     * @throws IllegalArgumentException if {@code block} is null or smaller than a {@code /30}, or {@code maxPods}
     *     is not between 1 and the number of pod addresses in the block
     */
    public PodIpAllocator(Cidr block, int maxPods) {
        throw new UnsupportedOperationException("Exercise 2.2: implement the PodIpAllocator constructor");
    }

    /** The node's pod CIDR. */
    public Cidr block() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.block");
    }

    /** The gateway: the block's first usable address, reserved for the node's bridge. */
    public Ipv4Address gateway() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.gateway");
    }

    /** The most pods this node runs at once. */
    public int maxPods() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.maxPods");
    }

    /** How many pods hold an address now. */
    public int allocatedCount() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.allocatedCount");
    }

    /**
     * Gives {@code pod} the next free address (see the class doc for which one).
     *
     * @throws IllegalArgumentException if the name is null or not a lower-case RFC 1123 label
     * @throws IllegalStateException if the pod has an address already, or the node runs {@code maxPods} pods
     *     (which covers a full block)
     */
    public Ipv4Address allocate(String pod) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.allocate");
    }

    /**
     * Takes back an address when its pod stops.
     *
     * @return the name of the pod that held it
     * @throws IllegalArgumentException if {@code address} is null or no pod holds it
     */
    public String release(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.release");
    }

    /**
     * The address of a pod.
     *
     * @return the address, or empty if the pod holds none
     * @throws IllegalArgumentException if {@code pod} is null
     */
    public Optional<Ipv4Address> addressOf(String pod) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.addressOf");
    }

    /**
     * The pod that holds an address.
     *
     * @return the pod's name, or empty if no pod holds it
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<String> podAt(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodIpAllocator.podAt");
    }
}
