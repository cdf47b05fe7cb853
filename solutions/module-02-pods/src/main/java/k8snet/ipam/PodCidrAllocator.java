package k8snet.ipam;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 2.2 (the specification is the stub's Javadoc). */
public final class PodCidrAllocator {


    private final Cidr clusterCidr;
    private final int nodeMaskSize;
    private final long capacity;

    /** Block index by node, and node by block index: the index is the block's place in the cluster CIDR. */
    private final Map<String, Long> indexOfNode = new HashMap<>();
    private final Map<Long, String> nodeOfIndex = new HashMap<>();

    /** Released indexes below {@link #fresh}; every index from {@code fresh} up has never been handed out. */
    private final TreeSet<Long> released = new TreeSet<>();
    private long fresh;

    public PodCidrAllocator(Cidr clusterCidr, int nodeMaskSize) {
        this.clusterCidr = Require.nonNull(clusterCidr, "clusterCidr");
        if (!(nodeMaskSize >= clusterCidr.prefixLength() && nodeMaskSize <= 30)) {
            throw new IllegalArgumentException("Node mask size must be " + clusterCidr.prefixLength()
                    + "-30 to split the cluster CIDR "
                    + clusterCidr + " (at least its prefix, at most 30), got /" + nodeMaskSize);
        }
        this.nodeMaskSize = nodeMaskSize;
        this.capacity = clusterCidr.subnetCount(nodeMaskSize);
    }

    public static PodCidrAllocator defaults() {
        return new PodCidrAllocator(Cidr.parse("10.244.0.0/16"), 24);
    }

    public Cidr clusterCidr() {
        return clusterCidr;
    }

    public int nodeMaskSize() {
        return nodeMaskSize;
    }

    public long capacity() {
        return capacity;
    }

    public int allocatedCount() {
        return indexOfNode.size();
    }

    public Cidr allocate(String node) {
        checkName(node);
        Long held = indexOfNode.get(node);
        if (held != null) {
            throw new IllegalStateException("Node '" + node + "' holds the pod CIDR " + block(held) + " already");
        }
        long index;
        if (!released.isEmpty()) {
            index = released.pollFirst();
        } else if (fresh < capacity) {
            index = fresh++;
        } else {
            throw new IllegalStateException("No free pod CIDR for node '" + node + "': the cluster CIDR "
                    + clusterCidr + " holds " + capacity + " node blocks of /" + nodeMaskSize
                    + " and every one is taken");
        }
        indexOfNode.put(node, index);
        nodeOfIndex.put(index, node);
        return block(index);
    }

    public Cidr release(String node) {
        Require.nonNull(node, "node");
        Long index = indexOfNode.remove(node);
        if (index == null) {
            throw new IllegalArgumentException("Node '" + node + "' holds no pod CIDR");
        }
        nodeOfIndex.remove(index);
        released.add(index);
        return block(index);
    }

    public Optional<Cidr> cidrOf(String node) {
        Require.nonNull(node, "node");
        return Optional.ofNullable(indexOfNode.get(node)).map(this::block);
    }

    public Optional<String> nodeOf(Ipv4Address address) {
        Require.nonNull(address, "address");
        if (!clusterCidr.contains(address)) {
            return Optional.empty();
        }
        long offset = address.toLong() - clusterCidr.network().toLong();
        return Optional.ofNullable(nodeOfIndex.get(offset >>> (32 - nodeMaskSize)));
    }

    private Cidr block(long index) {
        return clusterCidr.subnet(nodeMaskSize, index);
    }

    private static void checkName(String node) {
        Require.nonNull(node, "node");
        if (!ObjectNames.isLabel(node)) {
            throw new IllegalArgumentException("A node name is a lower-case RFC 1123 label (1-63 of a-z, "
                    + "0-9 and '-', not starting or ending with '-'): '" + node + "'");
        }
    }
}
