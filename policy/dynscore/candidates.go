package dynscore

import (
	"fmt"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/sim"
)

// Labels and claims the method puts on candidates (besides the cluster's own labels on every node).
const (
	LabelGPU     = "gpu"     // "true" on a node with GPU capacity now
	LabelMIG     = "mig"     // "true" on a MIG partition (and a MIG GPU candidate of a deployment)
	LabelCluster = "cluster" // the node's cluster name
	// ClaimStable is "true" on a MIG partition whose GPU's layout has been compliant (serving, as
	// observed) and unchanged for StableS, "false" otherwise.
	ClaimStable = "mig.stable"
)

// nodeName returns the candidate name of node n: its spec name, or "node-N" when it has none.
func nodeName(s *sim.Snapshot, n int) string {
	if nm := s.Nodes[n].Spec.Name; nm != "" {
		return nm
	}
	return fmt.Sprintf("node-%d", n)
}

// clusterName returns the name of node n's cluster (sim.DefaultCluster in a hand-built snapshot).
func clusterName(s *sim.Snapshot, n int) string {
	k := s.Nodes[n].Cluster
	if k >= 0 && k < len(s.Clusters) {
		return s.Clusters[k].Name
	}
	return sim.DefaultCluster
}

// world is what one epoch's placement rounds read: every node's candidate and the node → cluster map.
type world struct {
	cands   []placement.Candidate // by node index
	cluster map[string]string     // node candidate name → cluster name
	gpuOf   []int                 // by node index: index into Options.GPUs of its MIG GPU, or −1
}

// newWorld builds the node candidates of snapshot s: labels (the cluster's, gpu, mig, cluster),
// claims of MIG partitions from the GPUs' watchers (the layout claim "mig-layout.GPU" and
// ClaimStable), and allocatable/capacity of CPU (cores) and memory (VRAM, GB).
func (c *Controller) newWorld(s *sim.Snapshot) *world {
	w := &world{cands: make([]placement.Candidate, len(s.Nodes)), cluster: make(map[string]string, len(s.Nodes)),
		gpuOf: make([]int, len(s.Nodes))}
	for n := range w.gpuOf {
		w.gpuOf[n] = -1
	}
	for gi, g := range c.o.GPUs {
		for k := range mig.Slots {
			if n := g.Node(k); n >= 0 && n < len(s.Nodes) {
				w.gpuOf[n] = gi
			}
		}
	}
	for n, v := range s.Nodes {
		name, cl := nodeName(s, n), clusterName(s, n)
		labels := map[string]string{LabelCluster: cl}
		if k := v.Cluster; k >= 0 && k < len(s.Clusters) {
			for key, val := range s.Clusters[k].Labels {
				labels[key] = val
			}
		}
		if v.Spec.GPU > 0 {
			labels[LabelGPU] = "true"
		}
		var claims map[string]string
		if gi := w.gpuOf[n]; gi >= 0 {
			labels[LabelMIG] = "true"
			claims = c.claims(gi)
		}
		w.cands[n] = placement.Candidate{Name: name, Cluster: cl, Labels: labels, Claims: claims,
			Allocatable: map[string]float64{placement.ResourceCPU: max(v.Spec.CPU-v.CPUAlloc, 0), placement.ResourceMemory: max(v.VRAMFree(), 0)},
			Capacity:    map[string]float64{placement.ResourceCPU: v.Spec.CPU, placement.ResourceMemory: v.Spec.VRAMGB}}
		w.cluster[name] = cl
	}
	return w
}

// claims returns the claims of GPU gi's partitions: its layout claim and ClaimStable.
func (c *Controller) claims(gi int) map[string]string {
	wt := &c.watch[gi]
	out := map[string]string{ClaimStable: "false"}
	if v, ok := wt.Claim(c.o.StableS); ok {
		out[wt.ClaimName()] = v
		out[ClaimStable] = "true"
	}
	return out
}
