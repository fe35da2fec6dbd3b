package caora

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// FeatureNames names the entries of a node's state vector, in order. "RAN" are the node's DU and
// CU-UP instances, "AI" its large- and small-AI instances. Loads are the demand that arrived over
// the last window (sim.Snapshot.Demand without backlog) divided by the node's capacity, clipped to
// 10; backlogs are residual work divided by the node's capacity, i.e. seconds of work at full
// capacity, log1p-compressed; counts are log1p-compressed.
var FeatureNames = [...]string{
	"ran_gpu_load",      // Σ RAN GPU demand / G_n
	"ai_gpu_load",       // Σ AI GPU demand / G_n
	"ran_cpu_load",      // Σ RAN CPU demand / C_n
	"ai_cpu_load",       // Σ AI CPU demand / C_n
	"gpu_floor_use",     // Σ DU GPU floors / G_n now (eq. 15), clipped to 10
	"cpu_floor_use",     // Σ CU-UP CPU floors / C_n now, clipped to 10
	"ran_gpu_backlog_s", // log1p(Σ RAN residual GPU work / G_n)
	"ai_gpu_backlog_s",  // log1p(Σ AI residual GPU work / G_n)
	"ran_cpu_backlog_s", // log1p(Σ RAN residual CPU work / C_n)
	"ai_cpu_backlog_s",  // log1p(Σ AI residual CPU work / C_n)
	"ran_requests",      // log1p(RAN requests active or waiting)
	"ai_active",         // log1p(AI requests in the active set)
	"ai_waiting",        // log1p(AI requests waiting for VRAM or a reconfiguration)
	"vram_use",          // (resident weights + held KV) / V_n
}

// NumFeatures is the length of a node's state vector.
const NumFeatures = len(FeatureNames)

// Mixed reports whether node n hosts both a RAN instance (DU or CU-UP) and an AI instance: the
// nodes where α splits the capacity.
func Mixed(s *sim.Snapshot, n int) bool {
	var ran, ai bool
	for _, i := range s.Nodes[n].Inst {
		c := s.Instances[i].Category
		ran, ai = ran || !c.IsAI(), ai || c.IsAI()
	}
	return ran && ai
}

// Features writes node n's state vector (FeatureNames) into out, grown as needed, and returns it.
// Every entry is finite, also for nodes without capacity.
func Features(s *sim.Snapshot, n int, out []float64) []float64 {
	out = append(out[:0], make([]float64, NumFeatures)...)
	nv := s.Nodes[n]
	var dem, backlog [2][2]float64 // [class: 0 RAN, 1 AI][resource]
	var ranReq, aiActive, aiWaiting int
	for _, i := range nv.Inst {
		in := &s.Instances[i]
		c := 0
		if in.Category.IsAI() {
			c = 1
			aiActive += in.Active
			aiWaiting += in.Waiting
		} else {
			ranReq += in.Active + in.Waiting
		}
		for r := range 2 {
			dem[c][r] += s.Demand(i, r, 0)
		}
		backlog[c][0] += in.BacklogGPU
		backlog[c][1] += in.BacklogCPU
	}
	for r := range 2 {
		cp := s.Capacity(n, r)
		for c := range 2 {
			out[2*r+c] = clip(per(dem[c][r], cp))
			out[6+2*r+c] = math.Log1p(per(backlog[c][r], cp))
		}
		out[4+r] = clip(s.FloorUse(n, r))
	}
	out[10], out[11], out[12] = log1pInt(ranReq), log1pInt(aiActive), log1pInt(aiWaiting)
	if nv.Spec.VRAMGB > 0 {
		out[13] = (nv.Weights + nv.KV) / nv.Spec.VRAMGB
	}
	return out
}

// per returns a/b for b > 0, and 0 or (for a > 0) 1e9 without capacity.
func per(a, b float64) float64 {
	switch {
	case b > 0:
		return a / b
	case a > 0:
		return 1e9
	}
	return 0
}

// clip bounds a load so that a node without capacity does not dominate a feature.
func clip(x float64) float64 { return math.Min(x, 10) }

func log1pInt(k int) float64 { return math.Log1p(float64(k)) }
