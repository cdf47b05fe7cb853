package k8snet.link;

import java.util.List;
import java.util.Optional;

/**
 * A Linux bridge: a software switch inside a node's root namespace. The CNI bridge plugin creates one per
 * node (named {@code cni0}; flannel names its network {@code cbr0}) and plugs the host end of every pod's veth
 * pair into it, so the node's pods share one layer-2 segment (cni.dev, "bridge plugin"). The bridge also
 * has an interface of its own in the root namespace, with the pods' gateway address, so frames can go up to
 * the node's IP layer and from there to the rest of the cluster.
 *
 * <pre>{@code
 * Bridge cni0 = new Bridge("cni0", MacAddress.forAddress(gateway));
 * cni0.attach("veth1");
 * cni0.attach("veth2");
 * cni0.receive("veth1", macOfWeb1, MacAddress.BROADCAST);   // Flood[veth2]; and the bridge learned web-1
 * cni0.receive("veth2", macOfWeb2, macOfWeb1);              // ToPort[veth1]
 * cni0.receive("veth1", macOfWeb1, cni0.mac());             // Up: for the gateway itself
 * }</pre>
 *
 * <p><b>Exercise 2.4 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Forwarding (IEEE 802.1D transparent bridging, as bridge(8) describes it)</h2>
 * A frame arrives on a port, or from the bridge's own interface (the root namespace sending; pass the
 * bridge's {@link #name()} as the port). Then, in this order:
 * <ol>
 *   <li><b>Learn</b>: a frame that came in on a port teaches the bridge that its source MAC is behind that
 *       port (a MAC seen on another port later moves there). Frames from the bridge's own interface teach
 *       nothing. A broadcast source address is invalid: reject it.</li>
 *   <li><b>Up</b>: a frame for the bridge's own MAC goes up to its namespace ({@link Forwarding.Up}).</li>
 *   <li><b>Known unicast</b>: a destination learned behind a port goes out that port only
 *       ({@link Forwarding.ToPort}); if that is the port it came in on, the frame is dropped
 *       ({@link Forwarding.Filtered}).</li>
 *   <li><b>Flood</b>: a broadcast, or a destination not learned yet, goes out every port except the one it
 *       came in on, in attach order ({@link Forwarding.Flood}).</li>
 * </ol>
 * Detaching a port forgets every MAC learned behind it. The model leaves out ageing (Linux forgets a
 * learned MAC after 300 s).
 */
public final class Bridge {

    /**
     * A bridge with no ports.
     *
     * @param name the bridge's device name, such as {@code cni0} (the rules of {@link k8snet.host.Interface}; {@code Interface.checkName} checks them)
     * @param mac the MAC address of the bridge's own interface
     * @throws IllegalArgumentException if an argument is null or the name is not a valid device name
     */
    public Bridge(String name, MacAddress mac) {
        throw new UnsupportedOperationException("Exercise 2.4: implement the Bridge constructor");
    }

    /** The device name. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.name");
    }

    /** The MAC address of the bridge's own interface. */
    public MacAddress mac() {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.mac");
    }

    /**
     * Plugs a device into the bridge ({@code ip link set veth1 master cni0}).
     *
     * @throws IllegalArgumentException if the name is null, not a valid device name, the bridge's own name, or
     *     already a port
     */
    public void attach(String port) {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.attach");
    }

    /**
     * Unplugs a port and forgets the MACs learned behind it.
     *
     * @throws IllegalArgumentException if {@code port} is null or not a port of this bridge
     */
    public void detach(String port) {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.detach");
    }

    /** The ports, in attach order; unmodifiable. */
    public List<String> ports() {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.ports");
    }

    /**
     * The port a MAC was learned behind ({@code bridge fdb show}).
     *
     * @throws IllegalArgumentException if {@code mac} is null
     */
    public Optional<String> portOf(MacAddress mac) {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.portOf");
    }

    /**
     * Takes one frame and says where it goes (see the class doc for the order of the rules).
     *
     * @param inPort the port it arrived on, or {@link #name()} for a frame the root namespace sends
     * @throws IllegalArgumentException if an argument is null, {@code inPort} is neither a port nor the bridge's
     *     name, or {@code source} is the broadcast address
     */
    public Forwarding receive(String inPort, MacAddress source, MacAddress destination) {
        throw new UnsupportedOperationException("Exercise 2.4: implement Bridge.receive");
    }
}
