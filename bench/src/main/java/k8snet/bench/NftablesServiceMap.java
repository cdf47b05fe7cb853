package k8snet.bench;

import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.transport.Protocol;

/**
 * A model of how kube-proxy's nftables mode finds a packet's Service: one verdict map, {@code service-ips},
 * keyed by destination address, protocol and port, looked up once per packet with
 * {@code ip daddr . meta l4proto . th dport vmap @service-ips} (kubernetes/kubernetes
 * {@code pkg/proxy/nftables/proxier.go}). The kernel keeps such a map in a hash table, so the lookup costs
 * the same with 100 Services as with 10,000.
 *
 * <p>Benchmark-only: open addressing over the concatenated key (32 bits of address, 8 of protocol, 16 of port),
 * as a small stand-in for the kernel's set.
 */
final class NftablesServiceMap {

    private long[] keys = new long[16];
    private String[] verdicts = new String[16];
    private int size;

    /** Adds the element {@code clusterIp . protocol . port : goto target}. */
    void put(Ipv4Address clusterIp, Protocol protocol, int port, String target) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        insert(key(clusterIp.toInt(), protocol, port), target);
    }

    /** The verdict for this destination, if the map has one: one hash lookup. */
    Optional<String> lookup(Ipv4Address destination, Protocol protocol, int port) {
        long key = key(destination.toInt(), protocol, port);
        int m = keys.length - 1;
        for (int i = slot(key) & m; verdicts[i] != null; i = (i + 1) & m) {
            if (keys[i] == key) {
                return Optional.of(verdicts[i]);
            }
        }
        return Optional.empty();
    }

    /** How many elements the map has. */
    int size() {
        return size;
    }

    private void insert(long key, String target) {
        int m = keys.length - 1;
        int i = slot(key) & m;
        while (verdicts[i] != null && keys[i] != key) {
            i = (i + 1) & m;
        }
        if (verdicts[i] == null) {
            size++;
        }
        keys[i] = key;
        verdicts[i] = target;
    }

    private void grow() {
        long[] oldKeys = keys;
        String[] oldVerdicts = verdicts;
        keys = new long[oldKeys.length * 2];
        verdicts = new String[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldVerdicts[i] != null) {
                insert(oldKeys[i], oldVerdicts[i]);
            }
        }
    }

    private static long key(int address, Protocol protocol, int port) {
        return ((address & 0xFFFF_FFFFL) << 24) | ((long) protocol.ordinal() << 16) | port;
    }

    private static int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 32);
    }
}
