/**
 * The control plane's part of the whole cluster (exercises 4.5 and 4.6): the scheduler that binds pods to nodes,
 * the node lifecycle controller that notices a dead node, and the ReplicaSet controller that keeps the wanted
 * number of replicas, tied together by {@link k8snet.workload.ControlPlane}.
 */
package k8snet.workload;
