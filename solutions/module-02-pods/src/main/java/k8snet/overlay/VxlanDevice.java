package k8snet.overlay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.host.Interface;
import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.trace.Headers;

/** Reference solution of exercise 2.6, part 1 (the specification is the stub's Javadoc). */
public final class VxlanDevice {

    public static final int OVERHEAD = 50;
    public static final int IANA_PORT = 4789;
    public static final int LINUX_PORT = 8472;
    public static final int FLANNEL_VNI = 1;

    private static final int IPV4_MIN_MTU = 68;

    private final String name;
    private final int vni;
    private final int port;
    private final Ipv4Address localIp;
    private final MacAddress mac;
    private final Map<MacAddress, Ipv4Address> fdb = new HashMap<>();

    public VxlanDevice(String name, int vni, int port, Ipv4Address localIp, MacAddress mac) {
        Interface.checkName(name);
        Require.argument(vni >= 0 && vni < (1 << 24), "VNI out of range (0-16777215): " + vni);
        Require.argument(port >= 1 && port <= 65535, "VXLAN UDP port out of range (1-65535): " + port);
        this.name = name;
        this.vni = vni;
        this.port = port;
        this.localIp = Require.nonNull(localIp, "localIp");
        this.mac = Require.nonNull(mac, "mac");
    }

    public static int innerMtu(int underlayMtu) {
        Require.argument(underlayMtu <= 65535, "MTU above IPv4's 65535: " + underlayMtu);
        Require.argument(underlayMtu - OVERHEAD >= IPV4_MIN_MTU, "An underlay MTU of " + underlayMtu
                + " leaves " + (underlayMtu - OVERHEAD) + " bytes inside VXLAN, below IPv4's minimum of 68");
        return underlayMtu - OVERHEAD;
    }

    public String name() {
        return name;
    }

    public int vni() {
        return vni;
    }

    public int port() {
        return port;
    }

    public Ipv4Address localIp() {
        return localIp;
    }

    public MacAddress mac() {
        return mac;
    }

    public void addForwarding(MacAddress remoteVtep, Ipv4Address nodeIp) {
        Require.nonNull(remoteVtep, "remoteVtep");
        Require.nonNull(nodeIp, "nodeIp");
        Require.argument(!remoteVtep.isBroadcast(), "A VTEP's MAC cannot be the broadcast address");
        fdb.put(remoteVtep, nodeIp);
    }

    public boolean removeForwarding(MacAddress remoteVtep) {
        Require.nonNull(remoteVtep, "remoteVtep");
        return fdb.remove(remoteVtep) != null;
    }

    public Optional<Ipv4Address> remoteFor(MacAddress remoteVtep) {
        Require.nonNull(remoteVtep, "remoteVtep");
        return Optional.ofNullable(fdb.get(remoteVtep));
    }

    public Optional<Headers> encapsulate(Headers inner, MacAddress remoteVtep) {
        Require.nonNull(inner, "inner");
        Require.nonNull(remoteVtep, "remoteVtep");
        Require.argument(inner.tunnel().isEmpty(), "The packet is in a tunnel already: " + inner);
        return remoteFor(remoteVtep).map(node -> inner.inside(new Headers.Tunnel(localIp, node, port, vni)));
    }

    public Headers decapsulate(Headers outer) {
        Require.nonNull(outer, "outer");
        Headers.Tunnel t = outer.tunnel().orElseThrow(
                () -> new IllegalArgumentException("Not a VXLAN packet (no outer header): " + outer));
        Require.argument(t.destination().equals(localIp), "Outer destination " + t.destination() + " is not "
                + name + "'s local address " + localIp);
        Require.argument(t.port() == port, "Outer UDP port " + t.port() + " is not " + name + "'s port " + port);
        Require.argument(t.vni() == vni, "VNI " + t.vni() + " is not " + name + "'s VNI " + vni);
        return outer.outsideTunnel();
    }
}
