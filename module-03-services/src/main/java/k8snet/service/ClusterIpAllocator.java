package k8snet.service;

import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/**
 * The API server's allocator of Service virtual IPs (ClusterIPs): every Service of type ClusterIP gets one
 * address of the range that kube-apiserver's {@code --service-cluster-ip-range} flag sets, either one the
 * Service asks for in {@code spec.clusterIP} or one picked for it, and gives it back when it is deleted
 * (Kubernetes docs, "Service ClusterIP allocation").
 *
 * <pre>{@code
 * ClusterIpAllocator ips = ClusterIpAllocator.defaults();          // 10.96.0.0/12, kubeadm's default
 * ips.kubernetesServiceIp();                                         // 10.96.0.1
 * ips.allocate("kubernetes", ips.kubernetesServiceIp());             // the API server's own Service
 * ips.allocate("kube-dns", Ipv4Address.parse("10.96.0.10"));         // a requested address, static band
 * ips.allocate("web");                                               // picked: the dynamic band's lowest free
 * ips.release(Ipv4Address.parse("10.96.0.10"));
 * }</pre>
 *
 * <p><b>Exercise 3.3.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The range must hold at least 8 addresses (a {@code /29} or larger) and, as kube-apiserver demands of its
 *       {@code --service-cluster-ip-range}, at most 2^20 (a {@code /12} or smaller: "the mask must be >= 12" for
 *       IPv4, cmd/kube-apiserver's options validation). Its usable addresses are all of it
 *       but the network and broadcast addresses, which no Service ever gets: in kubeadm's default
 *       {@code 10.96.0.0/12}, {@code 10.96.0.1} to {@code 10.111.255.254}.</li>
 *   <li>The first usable address is the address of the {@code kubernetes} Service in the {@code default}
 *       namespace, through which pods reach the API server. The API server allocates it for that Service, as a
 *       requested address; the allocator reserves nothing by itself.</li>
 *   <li>Two bands (Kubernetes blog, "Kubernetes 1.24: Avoid Collisions Assigning IP Addresses to Services",
 *       2022-05-23): the <em>static band</em> is the first {@code offset} usable addresses, where
 *       {@code offset = min(max(16, size / 16), 256)} and {@code size} is the number of addresses of the
 *       <em>whole</em> range ({@code 2^(32 - prefix length)}, network and broadcast included); the rest of the
 *       usable addresses are the <em>dynamic band</em>. A {@code /24} has a static band of 16 addresses
 *       ({@code .1} to {@code .16}); a {@code /20} and every larger range 256. A range of 16 addresses or fewer
 *       (a {@code /28} or {@code /29}) has no static band at all: {@link #staticBandSize()} is 0 and every usable
 *       address is in the dynamic band, as kube-apiserver's {@code calculateRangeOffset} decides
 *       (kubernetes/kubernetes, {@code pkg/registry/core/service/ipallocator}).</li>
 *   <li>Dynamic allocation ({@link #allocate(String)}) takes the dynamic band first, so that addresses which
 *       administrators pick by hand, like the cluster DNS Service's, rarely collide with picked ones; only when
 *       the dynamic band is full does it take a static-band address. The API server picks at random inside a
 *       band; this model takes the <em>lowest free</em> address of the band, so that a run repeats exactly. A
 *       released address is free again, and is handed out again once it is the lowest free one.</li>
 *   <li>A requested address ({@link #allocate(String, Ipv4Address)}, the Service's {@code spec.clusterIP}) may
 *       lie in either band. It is honoured if it is in the range, is neither the network nor the broadcast
 *       address, and no Service holds it.</li>
 *   <li>A Service holds at most one address. Service names are RFC 1035 labels (Kubernetes docs, "Object Names
 *       and IDs"): 1 to 63 characters of lower-case letters, digits and {@code '-'}, starting with a letter and
 *       ending with a letter or digit. Upper case is rejected, not folded to lower case. {@code kubernetes} is a
 *       name like any other.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a bad argument (the message quotes it): a null, a bad
 *       name, a range smaller than a {@code /29} (the message names the range), a requested address outside
 *       the range (the message says "outside" and names the range) or equal to the network or broadcast
 *       address (the message says "network" or "broadcast" and names the range), and releasing an address no
 *       Service holds. {@link IllegalStateException} when the Service holds an address already (the message
 *       names the Service), when a requested address is taken (the message names the Service holding it), and
 *       when every usable address is allocated (the message names the range and gives its number of usable
 *       addresses).</li>
 * </ul>
 */
public final class ClusterIpAllocator {

    /**
     * An allocator for the Service range {@code serviceRange}, as {@code --service-cluster-ip-range} sets it.
     *
     * @throws IllegalArgumentException if {@code serviceRange} is null or smaller than a {@code /29}
     */
    public ClusterIpAllocator(Cidr serviceRange) {
        throw new UnsupportedOperationException("Exercise 3.3: implement the ClusterIpAllocator constructor");
    }

    /** An allocator for kubeadm's default Service range, {@code 10.96.0.0/12}. */
    public static ClusterIpAllocator defaults() {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.defaults");
    }

    /** The Service range. */
    public Cidr range() {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.range");
    }

    /** How many of the first usable addresses form the static band (see the class doc). */
    public int staticBandSize() {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.staticBandSize");
    }

    /** The address of the {@code kubernetes} Service: the range's first usable address. */
    public Ipv4Address kubernetesServiceIp() {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.kubernetesServiceIp");
    }

    /** How many Services hold an address now. */
    public int allocatedCount() {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.allocatedCount");
    }

    /**
     * Gives {@code service} the lowest free address of the dynamic band, or of the static band when the dynamic
     * band is full.
     *
     * @throws IllegalArgumentException if the name is null or not an RFC 1035 label
     * @throws IllegalStateException if the Service holds an address already, or every usable address is taken
     */
    public Ipv4Address allocate(String service) {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.allocate");
    }

    /**
     * Gives {@code service} the address it asks for in {@code spec.clusterIP}.
     *
     * @return {@code requested}
     * @throws IllegalArgumentException if the name is null or not an RFC 1035 label, or {@code requested} is
     *     null, outside the range, or the range's network or broadcast address
     * @throws IllegalStateException if the Service holds an address already, or another Service holds
     *     {@code requested}
     */
    public Ipv4Address allocate(String service, Ipv4Address requested) {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.allocate");
    }

    /**
     * Takes back an address when its Service is deleted.
     *
     * @throws IllegalArgumentException if {@code address} is null or no Service holds it
     */
    public void release(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.release");
    }

    /**
     * The Service that holds an address.
     *
     * @return the Service's name, or empty if no Service holds it
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<String> serviceAt(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.serviceAt");
    }

    /**
     * The address of a Service.
     *
     * @return the address, or empty if the Service holds none
     * @throws IllegalArgumentException if {@code service} is null
     */
    public Optional<Ipv4Address> addressOf(String service) {
        throw new UnsupportedOperationException("Exercise 3.3: implement ClusterIpAllocator.addressOf");
    }
}
