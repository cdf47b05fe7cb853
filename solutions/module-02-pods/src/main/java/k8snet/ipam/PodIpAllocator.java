package k8snet.ipam;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 2.2 (the specification is the stub's Javadoc). */
public final class PodIpAllocator {

    public static final int DEFAULT_MAX_PODS = 110;


    /** Pods get the offsets {@code FIRST_POD} to {@code size - 2}: after the network address and the gateway. */
    private static final long FIRST_POD = 2;

    private final Cidr block;
    private final int maxPods;
    private final Map<String, Ipv4Address> addressOfPod = new HashMap<>();
    private final Map<Ipv4Address, String> podOfAddress = new HashMap<>();

    /** The offset handed out last (host-local's lastReservedIP), or {@code FIRST_POD - 1} before the first. */
    private long last = FIRST_POD - 1;

    public PodIpAllocator(Cidr block) {
        this(block, DEFAULT_MAX_PODS);
    }

    public PodIpAllocator(Cidr block, int maxPods) {
        this.block = Require.nonNull(block, "block");
        if (block.prefixLength() > 30) {
            throw new IllegalArgumentException("A node's pod CIDR must be a /30 or larger, to hold a gateway "
                    + "and a pod: " + block);
        }
        long podAddresses = block.size() - 3;
        if (!(maxPods >= 1 && maxPods <= podAddresses)) {
            throw new IllegalArgumentException("maxPods must be 1-" + podAddresses
                    + " (the block's pod addresses, after the network address and the gateway), got " + maxPods);
        }
        this.maxPods = maxPods;
    }

    public Cidr block() {
        return block;
    }

    public Ipv4Address gateway() {
        return block.firstUsable();
    }

    public int maxPods() {
        return maxPods;
    }

    public int allocatedCount() {
        return addressOfPod.size();
    }

    public Ipv4Address allocate(String pod) {
        Require.nonNull(pod, "pod");
        if (!ObjectNames.isLabel(pod)) {
            throw new IllegalArgumentException("A pod name is a lower-case RFC 1123 label (1-63 of a-z, "
                    + "0-9 and '-', not starting or ending with '-'): '" + pod + "'");
        }
        Ipv4Address held = addressOfPod.get(pod);
        if (held != null) {
            throw new IllegalStateException("Pod '" + pod + "' holds the address " + held + " already");
        }
        if (addressOfPod.size() >= maxPods) {
            throw new IllegalStateException("No address for pod '" + pod + "': the node runs maxPods = " + maxPods
                    + " pods already");
        }
        // Fewer than maxPods live pods and maxPods <= the pod addresses, so this finds a free one.
        long lastPod = block.size() - 2;
        long offset = last;
        Ipv4Address address;
        do {
            offset = offset >= lastPod ? FIRST_POD : offset + 1;
            address = block.address(offset);
        } while (podOfAddress.containsKey(address));
        last = offset;
        addressOfPod.put(pod, address);
        podOfAddress.put(address, pod);
        return address;
    }

    public String release(Ipv4Address address) {
        Require.nonNull(address, "address");
        String pod = podOfAddress.remove(address);
        if (pod == null) {
            String why = address.equals(gateway()) ? " is the gateway of " + block + ", on the node's bridge"
                    : block.contains(address) ? " is held by no pod in " + block : " is outside the block " + block
                            + " of this node";
            throw new IllegalArgumentException("Cannot release " + address + ": it" + why);
        }
        addressOfPod.remove(pod);
        return pod;
    }

    public Optional<Ipv4Address> addressOf(String pod) {
        Require.nonNull(pod, "pod");
        return Optional.ofNullable(addressOfPod.get(pod));
    }

    public Optional<String> podAt(Ipv4Address address) {
        Require.nonNull(address, "address");
        return Optional.ofNullable(podOfAddress.get(address));
    }
}
