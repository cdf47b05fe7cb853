package k8snet.transport;

/**
 * The transport protocol of a message. TCP and UDP have separate port spaces: a DNS server can listen
 * on UDP 53 and TCP 53 at once (RFC 1035 4.2).
 */
public enum Protocol {
    /** Connection-oriented; a closed port answers with a TCP reset ("connection refused"). */
    TCP,
    /** Datagrams; a closed port answers with ICMP port unreachable. */
    UDP
}
