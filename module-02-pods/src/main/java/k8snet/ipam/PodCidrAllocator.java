package k8snet.ipam;

import java.util.Optional;

import k8snet.ip.Ipv4Address;

/**
 * The control plane's allocation of pod CIDRs: it splits the cluster CIDR into equal node blocks and gives
 * each node one, so that every node can hand out pod addresses on its own without ever clashing with another
 * node. This is what kube-controller-manager does with {@code --allocate-node-cidrs}, {@code --cluster-cidr}
 * and {@code --node-cidr-mask-size} (Kubernetes docs, "kube-controller-manager"; the result is each Node's
 * {@code spec.podCIDR}).
 *
 * <pre>{@code
 * PodCidrAllocator cidrs = PodCidrAllocator.defaults();   // 10.244.0.0/16 split into /24 blocks
 * cidrs.allocate("node-1");                             // 10.244.0.0/24
 * cidrs.allocate("node-2");                             // 10.244.1.0/24
 * cidrs.nodeOf(Ipv4Address.parse("10.244.1.9"));        // Optional[node-2]
 * }</pre>
 *
 * <p><b>Exercise 2.2 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The node mask must be at least as long as the cluster CIDR's prefix (a node block cannot be larger
 *       than the cluster) and at most 30 (a node block needs room for a gateway and a pod). The cluster CIDR
 *       {@code /p} with node mask {@code /m} holds 2<sup>m-p</sup> node blocks: the default
 *       {@code 10.244.0.0/16} with {@code /24} holds 256.</li>
 *   <li>Node names are lower-case RFC 1123 labels (1-63 of {@code a-z}, {@code 0-9} and {@code '-'}, not
 *       starting or ending with {@code '-'}): Kubernetes rejects upper case in object names rather than
 *       folding it (Kubernetes docs, "Object Names and IDs"). {@link ObjectNames#isLabel} checks the rule.</li>
 *   <li>{@link #allocate} gives the lowest free block, in address order, so a run is reproducible; a block
 *       that was released is free again. A node holds at most one block at a time.</li>
 *   <li>When every block is taken, allocation fails with an {@link IllegalStateException} that names the
 *       cluster CIDR and how many node blocks it holds: the cluster cannot take another node.</li>
 *   <li>{@link #nodeOf} answers which node owns the block an address falls in. It is the cluster-wide table
 *       every node's routing is built from, so it must not slow down as nodes are added: compute the block's
 *       index from the address instead of scanning the nodes.</li>
 * </ul>
 */
public final class PodCidrAllocator {

    /**
     * Splits {@code clusterCidr} into blocks of {@code nodeMaskSize}.
     *
     * @throws IllegalArgumentException if {@code clusterCidr} is null or the node mask breaks the rules above
     *     (the message quotes the mask size and the cluster CIDR)
     */
    public PodCidrAllocator(Cidr clusterCidr, int nodeMaskSize) {
        throw new UnsupportedOperationException("Exercise 2.2: implement the PodCidrAllocator constructor");
    }

    /** The flannel and kubeadm convention: cluster CIDR {@code 10.244.0.0/16}, one {@code /24} per node. */
    public static PodCidrAllocator defaults() {
        return new PodCidrAllocator(Cidr.parse("10.244.0.0/16"), 24);
    }

    /** The cluster CIDR being split. */
    public Cidr clusterCidr() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.clusterCidr");
    }

    /** The prefix length of every node block. */
    public int nodeMaskSize() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.nodeMaskSize");
    }

    /** How many node blocks the cluster CIDR holds in all. */
    public long capacity() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.capacity");
    }

    /** How many blocks are allocated now. */
    public int allocatedCount() {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.allocatedCount");
    }

    /**
     * Gives {@code node} the lowest free block.
     *
     * @return the node's pod CIDR
     * @throws IllegalArgumentException if the name is null or not a lower-case RFC 1123 label (the message
     *     quotes it)
     * @throws IllegalStateException if the node has a block already (the message names the node), or no block
     *     is free (the class doc says what that message names)
     */
    public Cidr allocate(String node) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.allocate");
    }

    /**
     * Frees the block of a node that left the cluster; the block can be allocated again.
     *
     * @return the block that was freed
     * @throws IllegalArgumentException if {@code node} is null or holds no block (the message names the node)
     */
    public Cidr release(String node) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.release");
    }

    /**
     * The block of a node.
     *
     * @return the block, or empty if the node holds none
     * @throws IllegalArgumentException if {@code node} is null
     */
    public Optional<Cidr> cidrOf(String node) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.cidrOf");
    }

    /**
     * The node whose block contains {@code address}, without scanning the nodes (see the class doc).
     *
     * @return the node, or empty if the address is outside the cluster CIDR or in a block nobody holds
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<String> nodeOf(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.2: implement PodCidrAllocator.nodeOf");
    }
}
