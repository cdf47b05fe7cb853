/** Several clusters and hosts on one internet with one public DNS (exercise 4.5's world). */
package k8snet.world;
