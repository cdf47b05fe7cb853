package k8snet.nodeport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import k8snet.Require;

/**
 * The API server's allocator of NodePorts: every Service of type NodePort or LoadBalancer gets, for each of its
 * ports, one port of the range that kube-apiserver's {@code --service-node-port-range} sets (30000-32767 by
 * default), which every node then opens (Kubernetes docs "Service", "Type NodePort" and "Avoid NodePort
 * collisions").
 *
 * <pre>{@code
 * NodePortAllocator ports = NodePortAllocator.defaults();   // 30000-32767
 * ports.staticBandSize();                                    // 86: the static band is 30000-30085
 * ports.allocate("web");                                     // 30086, the dynamic band's lowest free port
 * ports.allocate("admin", 30080);                            // a requested port, in the static band
 * ports.release(30080);
 * }</pre>
 *
 * <p><b>Exercise 4.1 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The range is {@code first} to {@code last}, both included, within 1 to 65535; its size is
 *       {@code last - first + 1}.</li>
 *   <li>Two bands (KEP-3668, "Reserved NodePort range for dynamic and static allocation"): the <em>static
 *       band</em> is the first {@code offset} ports, where {@code offset = min(max(16, size / 32), 128)}, and the
 *       rest is the <em>dynamic band</em>. A range of 16 ports or fewer has no static band ({@code offset} 0), as
 *       kube-apiserver's {@code calculateRangeOffset} decides (kubernetes/kubernetes
 *       {@code pkg/registry/core/service/portallocator}). For the default range {@code size} is 2768 and
 *       {@code offset} 86.</li>
 *   <li>{@link #allocate(String)} takes the lowest free port of the dynamic band, and only when that band is full
 *       the lowest free port of the static band. (The API server picks at random inside a band; the model takes
 *       the lowest free port, so runs repeat.)</li>
 *   <li>A requested port ({@code spec.ports[].nodePort}) may be in either band; it is honoured if it is in the
 *       range and free.</li>
 *   <li>Several ports may belong to one Service (one per Service port); {@link #ports} lists them.</li>
 *   <li>Service names are RFC 1035 labels (1 to 63 of {@code a-z}, {@code 0-9}, {@code -}; a letter first; not
 *       ending with {@code -}).</li>
 *   <li>Errors: {@link IllegalArgumentException}, its message quoting the bad value, for a null or bad name, a
 *       range outside 1-65535 or with {@code first > last}, a requested port outside the range (the message
 *       names the range), and releasing a port no Service holds. {@link IllegalStateException} when a
 *       requested port is taken (the message names the Service holding it) and when the range is full (the
 *       message names the range).</li>
 * </ul>
 */
public final class NodePortAllocator {

    /** The first port of the default range. */
    public static final int DEFAULT_FIRST = 30000;

    /** The last port of the default range. */
    public static final int DEFAULT_LAST = 32767;

    private static final Pattern RFC_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private final int first;
    private final int last;
    private final int offset;
    private final TreeMap<Integer, String> taken = new TreeMap<>();

    /**
     * An allocator for the ports {@code first} to {@code last}, both included.
     *
     * @throws IllegalArgumentException if a bound is outside 1-65535 or {@code first > last}
     */
    public NodePortAllocator(int first, int last) {
        Require.argument(first >= 1 && last <= 65535 && first <= last,
                "A NodePort range is FIRST-LAST within 1-65535, FIRST <= LAST: " + first + "-" + last);
        this.first = first;
        this.last = last;
        int size = last - first + 1;
        this.offset = size <= 16 ? 0 : Math.min(Math.max(16, size / 32), 128);
    }

    /** The default range, 30000-32767. */
    public static NodePortAllocator defaults() {
        return new NodePortAllocator(DEFAULT_FIRST, DEFAULT_LAST);
    }

    /** The first port of the range. */
    public int first() {
        return first;
    }

    /** The last port of the range. */
    public int last() {
        return last;
    }

    /** How many ports the static band has (see the class doc). */
    public int staticBandSize() {
        return offset;
    }

    /** How many ports are allocated. */
    public int allocatedCount() {
        return taken.size();
    }

    /**
     * Gives {@code service} the lowest free port of the dynamic band, or of the static band when the dynamic
     * band is full.
     *
     * @throws IllegalArgumentException if the name is null or not an RFC 1035 label
     * @throws IllegalStateException if every port of the range is taken
     */
    public int allocate(String service) {
        checkName(service);
        Optional<Integer> port = lowestFree(first + offset, last);
        if (port.isEmpty()) {
            port = lowestFree(first, first + offset - 1);
        }
        int chosen = port.orElseThrow(() -> new IllegalStateException("The NodePort range " + first + "-" + last
                + " is full"));
        taken.put(chosen, service);
        return chosen;
    }

    /**
     * Gives {@code service} the port it asks for.
     *
     * @return {@code requested}
     * @throws IllegalArgumentException if the name is bad or {@code requested} is outside the range
     * @throws IllegalStateException if a Service holds {@code requested}
     */
    public int allocate(String service, int requested) {
        checkName(service);
        Require.argument(requested >= first && requested <= last, "NodePort " + requested + " is outside the range "
                + first + "-" + last);
        String holder = taken.get(requested);
        if (holder != null) {
            throw new IllegalStateException("NodePort " + requested + " is allocated to Service " + holder);
        }
        taken.put(requested, service);
        return requested;
    }

    /**
     * Takes a port back.
     *
     * @throws IllegalArgumentException if no Service holds it
     */
    public void release(int port) {
        Require.argument(taken.remove(port) != null, "No Service holds NodePort " + port);
    }

    /** The Service holding a port, if any. */
    public Optional<String> serviceAt(int port) {
        return Optional.ofNullable(taken.get(port));
    }

    /**
     * The ports a Service holds, lowest first.
     *
     * @throws IllegalArgumentException if {@code service} is null
     */
    public List<Integer> ports(String service) {
        Require.nonNull(service, "service");
        return taken.entrySet().stream().filter(e -> e.getValue().equals(service)).map(Map.Entry::getKey).toList();
    }

    private Optional<Integer> lowestFree(int from, int to) {
        for (int p = from; p <= to; p++) {
            if (!taken.containsKey(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void checkName(String service) {
        Require.nonNull(service, "service");
        Require.argument(RFC_1035_LABEL.matcher(service).matches(), "A Service name is an RFC 1035 label: \""
                + service + "\"");
    }
}
