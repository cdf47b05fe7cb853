package k8snet.clusterdns;

/** The three kinds of Service that cluster DNS answers for differently (Kubernetes docs "DNS for Services and Pods"). */
public enum ServiceKind {
    /** A Service with a ClusterIP: its name resolves to that one virtual address. */
    CLUSTER_IP,
    /** {@code clusterIP: None}: its name resolves to the addresses of its ready endpoints. */
    HEADLESS,
    /** {@code type: ExternalName}: its name is an alias (CNAME) of a name outside the cluster. */
    EXTERNAL_NAME
}
