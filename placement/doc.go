// Package placement selects clusters (or nodes) for a workload by the rules of Open Cluster
// Management's Placement: predicates and taints filter, weighted prioritizers score, the top
// numberOfClusters are chosen with ties broken by name.
package placement
