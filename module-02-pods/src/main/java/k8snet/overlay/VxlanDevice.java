package k8snet.overlay;

import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.trace.Headers;

/**
 * A VXLAN device, such as flannel's {@code flannel.1}: a virtual interface in a node's root namespace that
 * wraps each frame it sends in a UDP datagram addressed to another node (RFC 7348). The node network only ever
 * sees node-to-node UDP, so pods can reach each other even when the nodes are on different subnets with
 * routers between them that know nothing of pod addresses.
 *
 * <pre>{@code
 * VxlanDevice vxlan = new VxlanDevice("flannel.1", VxlanDevice.FLANNEL_VNI, VxlanDevice.LINUX_PORT,
 *         Ipv4Address.parse("192.168.1.11"), MacAddress.forAddress(Ipv4Address.parse("10.244.1.0")));
 * vxlan.addForwarding(vtepOfNode2, Ipv4Address.parse("192.168.2.12"));   // bridge fdb append ... dst 192.168.2.12
 * vxlan.encapsulate(inner, vtepOfNode2);   // UDP 192.168.1.11 -> 192.168.2.12:8472 VNI 1 [TCP 10.244.1.2:... -> ...]
 * VxlanDevice.innerMtu(1500);              // 1450
 * }</pre>
 *
 * <p><b>Exercise 2.6 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The outer headers of VXLAN over IPv4 take {@value #OVERHEAD} bytes: outer Ethernet 14, IPv4 20, UDP 8
 *       and the VXLAN header 8 (RFC 7348 section 5). A pod whose packets cross the tunnel must therefore use an
 *       MTU {@value #OVERHEAD} below the node network's: 1450 on a 1500-byte network. {@link #innerMtu}
 *       rejects an underlay MTU that would leave less than 68 bytes, IPv4's minimum (RFC 791), or that is above
 *       65535.</li>
 *   <li>The VNI is 24 bits (0 to 16,777,215); flannel uses {@value #FLANNEL_VNI}. The UDP port is IANA's
 *       {@value #IANA_PORT} by the RFC, but the Linux kernel's default and flannel's is {@value #LINUX_PORT}.</li>
 *   <li>The forwarding database (FDB) maps the MAC of a remote tunnel endpoint (VTEP) to the node address
 *       behind it; one entry per MAC, a new one replacing the old. {@link #encapsulate} finds the remote node
 *       there: no entry, no tunnel (empty). The outer header goes from this device's local address to that
 *       node, on this device's port and VNI ({@link Headers.Tunnel}); the inner headers are kept as they were.
 *       A packet already in a tunnel cannot be encapsulated again here.</li>
 *   <li>{@link #decapsulate} accepts only a packet whose outer header is addressed to this device's local
 *       address, port and VNI, and gives back the inner headers.</li>
 * </ul>
 */
public final class VxlanDevice {

    /** Bytes VXLAN adds over IPv4: Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8. */
    public static final int OVERHEAD = 50;
    /** The UDP port IANA assigned to VXLAN (RFC 7348). */
    public static final int IANA_PORT = 4789;
    /** The UDP port the Linux kernel and flannel use by default. */
    public static final int LINUX_PORT = 8472;
    /** flannel's default VXLAN network identifier. */
    public static final int FLANNEL_VNI = 1;

    /**
     * A VXLAN device with an empty forwarding database.
     *
     * @param name the device name, such as {@code flannel.1} ({@link k8snet.host.Interface#checkName} checks it)
     * @param vni the VXLAN network identifier, 0 to 16,777,215
     * @param port the UDP port, 1 to 65535
     * @param localIp this node's address on the node network: the outer source
     * @param mac this device's MAC, the VTEP address other nodes' FDBs point at this node with
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public VxlanDevice(String name, int vni, int port, Ipv4Address localIp, MacAddress mac) {
        throw new UnsupportedOperationException("Exercise 2.6: implement the VxlanDevice constructor");
    }

    /**
     * The MTU a pod must use so that its packets fit the node network once wrapped.
     *
     * @throws IllegalArgumentException if {@code underlayMtu} is above 65535 or leaves less than 68 bytes
     */
    public static int innerMtu(int underlayMtu) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.innerMtu");
    }

    /** The device name. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.name");
    }

    /** The VXLAN network identifier. */
    public int vni() {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.vni");
    }

    /** The UDP port. */
    public int port() {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.port");
    }

    /** This node's address: the outer source of every packet it wraps. */
    public Ipv4Address localIp() {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.localIp");
    }

    /** This device's MAC (its VTEP address). */
    public MacAddress mac() {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.mac");
    }

    /**
     * Adds or replaces the FDB entry for a remote VTEP.
     *
     * @throws IllegalArgumentException if an argument is null, or {@code remoteVtep} is the broadcast address
     */
    public void addForwarding(MacAddress remoteVtep, Ipv4Address nodeIp) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.addForwarding");
    }

    /**
     * Removes the FDB entry for a remote VTEP.
     *
     * @return true if there was one
     * @throws IllegalArgumentException if {@code remoteVtep} is null
     */
    public boolean removeForwarding(MacAddress remoteVtep) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.removeForwarding");
    }

    /**
     * The node address behind a remote VTEP.
     *
     * @throws IllegalArgumentException if {@code remoteVtep} is null
     */
    public Optional<Ipv4Address> remoteFor(MacAddress remoteVtep) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.remoteFor");
    }

    /**
     * Wraps {@code inner} for the node behind {@code remoteVtep}.
     *
     * @return the headers with the outer tunnel header, or empty if the FDB has no entry for the VTEP
     * @throws IllegalArgumentException if an argument is null, or {@code inner} is already in a tunnel
     */
    public Optional<Headers> encapsulate(Headers inner, MacAddress remoteVtep) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.encapsulate");
    }

    /**
     * Unwraps a packet that arrived for this device.
     *
     * @return the inner headers
     * @throws IllegalArgumentException if {@code outer} is null, not in a tunnel, or its tunnel is not addressed
     *     to this device's local address, port and VNI (the message says which)
     */
    public Headers decapsulate(Headers outer) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanDevice.decapsulate");
    }
}
