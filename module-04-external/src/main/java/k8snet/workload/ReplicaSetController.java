package k8snet.workload;

import java.util.List;
import java.util.Random;

/**
 * Exercise 4.5: the ReplicaSet controller, which keeps a wanted number of pods running (Kubernetes docs
 * "ReplicaSet"; kubernetes/kubernetes {@code pkg/controller/replicaset/replica_set.go} and the pod ranking in
 * {@code pkg/controller/controller_utils.go}).
 *
 * <p>One sync, {@link #reconcile}, compares the <b>active</b> pods (those not terminating: a pod being deleted
 * neither counts nor is deleted again) with the wanted number of replicas:
 * <ul>
 *   <li><b>too few</b>: create the difference, at most {@value #BURST_REPLICAS} per sync (the controller's
 *       {@code burstReplicas}). Each new pod is named like the API server's {@code generateName}: the
 *       ReplicaSet's name, a {@code -}, then 5 characters, each {@code ALPHABET.charAt(random.nextInt(27))} (27
 *       is the alphabet's length; no vowels, so no words). A name already taken, by a given pod or by one made
 *       earlier in this sync, is drawn again in full;</li>
 *   <li><b>too many</b>: delete the difference (at most {@value #BURST_REPLICAS}), choosing first the pods that
 *       matter least, compared rule by rule:
 *       <ol>
 *         <li>a pod not bound to a node before a bound one;</li>
 *         <li>a pod that is not ready before a ready one;</li>
 *         <li>a pod sharing its node with more active pods of this ReplicaSet before one with fewer (doubled-up
 *             pods go first, which keeps replicas spread);</li>
 *         <li>the newer pod (later {@code created}) before the older;</li>
 *         <li>then by name, so the order is total.</li>
 *       </ol></li>
 *   <li><b>as many</b>: nothing.</li>
 * </ul>
 * (The real ranking has more rules, on pod phase, readiness time and restarts; the model's pods have none of
 * those.)
 *
 * <pre>{@code
 * ReplicaSetController api = new ReplicaSetController("api-7d9f", 3, new Random(1));
 * api.reconcile(List.of());           // creates 3 pods named api-7d9f-xxxxx
 * }</pre>
 */
public final class ReplicaSetController {

    /** The characters of a generated name suffix (k8s.io/apimachinery {@code pkg/util/rand}). */
    public static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** How many pods one sync creates or deletes at most. */
    public static final int BURST_REPLICAS = 500;
    /** How long a ReplicaSet name may be: a generated name (name, dash, 5 characters) fits in 63. */
    public static final int MAX_NAME_LENGTH = 57;

    /**
     * @param name the ReplicaSet's name: a lower-case RFC 1123 label of at most {@value #MAX_NAME_LENGTH} characters
     * @param replicas how many pods it wants; zero or more
     * @param random draws the name suffixes
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public ReplicaSetController(String name, int replicas, Random random) {
        // Exercise 4.5: store what ReplicaSetController needs.
    }

    /** The ReplicaSet's name. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 4.5: implement ReplicaSetController.name");
    }

    /** How many pods it wants. */
    public int replicas() {
        throw new UnsupportedOperationException("Exercise 4.5: implement ReplicaSetController.replicas");
    }

    /** Changes how many pods it wants. @throws IllegalArgumentException if {@code replicas} is negative */
    public void scale(int replicas) {
        throw new UnsupportedOperationException("Exercise 4.5: implement ReplicaSetController.scale");
    }

    /**
     * One sync: what to create or delete so that the active pods number {@link #replicas()}.
     *
     * @param pods every pod of this ReplicaSet now, terminating ones included, in any order
     * @throws IllegalArgumentException if the list or a pod is null, or two pods have the same name
     */
    public ReplicaPlan reconcile(List<ReplicaPod> pods) {
        throw new UnsupportedOperationException("Exercise 4.5: implement ReplicaSetController.reconcile");
    }
}
