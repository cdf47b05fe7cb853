package k8snet.host;

/** What kind of network interface a device is. */
public enum InterfaceKind {
    /** {@code lo}: a software interface that hands packets straight back to the same host. */
    LOOPBACK,
    /** A real network card: Ethernet {@code eth0}, Wi-Fi {@code wlan0}. */
    PHYSICAL,
    /** Made in software: a bridge, one end of a veth pair, a VPN tunnel, a VXLAN device. */
    VIRTUAL
}
