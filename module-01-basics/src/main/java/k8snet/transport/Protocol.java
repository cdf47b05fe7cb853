package k8snet.transport;

/**
 * The transport protocol of a message. TCP and UDP have separate port spaces: a DNS server can listen
 * on UDP 53 and TCP 53 at once (RFC 1035 4.2).
 */
public enum Protocol {
    /** TCP (RFC 9293): connection-oriented; a closed port answers with a reset, "connection refused" (3.10.7.1). */
    TCP,
    /** UDP (RFC 768): datagrams; a closed port answers with ICMP port unreachable (RFC 792, RFC 1122 4.1.3.1). */
    UDP
}
