package critic

import (
	"math"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/sim"
)

// FeatureNames names the entries of a feature vector, in order. Loads are demand/capacity on one
// resource (sim.Snapshot.Load with the backlog spread over one interval); "src"/"dst" are the moved
// instance's source and destination nodes on its dominant resource; counts are log1p-compressed.
// All action features are zero for the no-op.
var FeatureNames = [...]string{
	// State (the same for every action of an epoch).
	"large_load_max",  // max GPU load of nodes hosting a large-AI instance
	"large_load_mean", // mean GPU load over large-AI instances' nodes
	"small_load_max",  // max GPU load of nodes hosting a small-AI instance
	"gpu_load_max",    // max GPU load of any node
	"cpu_load_max",    // max CPU load of any node
	"floor_use_max",   // max share of a node's GPU or CPU held by RAN floors now
	"large_waiting",   // log1p(requests waiting at large-AI instances)
	"small_waiting",   // log1p(requests waiting at small-AI instances)
	"large_reconf",    // share of large-AI instances reconfiguring now
	"reconf_frac",     // share of all instances reconfiguring now
	"large_arrivals",  // log1p(large-AI arrivals over the last window)
	"small_arrivals",  // log1p(small-AI arrivals over the last window)
	"large_vram_free", // min VRAM free / V_n over nodes hosting large-AI instances
	// Action.
	"noop",            // 1 for the no-op
	"cat_du",          // one-hot category of the moved instance
	"cat_cuup",        //
	"cat_large",       //
	"cat_small",       //
	"reconfig_frac",   // R_s / Δ of the moved instance
	"inst_share",      // the instance's demand / its source node's capacity (dominant resource)
	"inst_waiting",    // log1p(requests waiting at the instance)
	"inst_active",     // log1p(active requests at the instance)
	"src_before",      // source load before
	"src_after",       // source load after the move
	"dst_before",      // destination load before
	"dst_after",       // destination load after the move
	"bottleneck_gain", // max(src_before, dst_before) − max(src_after, dst_after)
	"dst_vram_after",  // destination VRAM free after reserving M_s / V_dst
	"dst_floor_use",   // destination RAN-floor share (GPU or CPU, whichever is higher)
	"dst_cap_ratio",   // destination capacity / source capacity (dominant resource), log
}

// NumFeatures is the length of a feature vector.
const NumFeatures = len(FeatureNames)

// clip bounds loads so that an idle node without capacity (load 1e9) does not dominate a feature.
func clip(x float64) float64 { return math.Min(x, 10) }

// Features writes the feature vector of (s, c) with placement interval Δ into out (grown as needed)
// and returns it.
func Features(s *sim.Snapshot, c agent.Candidate, interval float64, out []float64) []float64 {
	out = append(out[:0], make([]float64, NumFeatures)...)
	state(s, interval, out)
	if c.NoOp() {
		out[13] = 1
		return out
	}
	action(s, c, interval, out)
	return out
}

func state(s *sim.Snapshot, h float64, f []float64) {
	var largeN, largeRe, reconf, largeLoadSum float64
	f[12] = 1
	for _, in := range s.Instances {
		if in.State == sim.StateRetired {
			continue
		}
		load := clip(s.Load(in.Node, 0, h))
		if in.Reconfiguring {
			reconf++
		}
		switch in.Category {
		case sim.LargeAI:
			largeN++
			largeLoadSum += load
			f[0] = math.Max(f[0], load)
			f[6] += float64(in.Waiting)
			f[10] += float64(in.LastEpoch.Arrived)
			if in.Reconfiguring {
				largeRe++
			}
			nv := s.Nodes[in.Node]
			f[12] = math.Min(f[12], nv.VRAMFree()/nv.Spec.VRAMGB)
		case sim.SmallAI:
			f[2] = math.Max(f[2], load)
			f[7] += float64(in.Waiting)
			f[11] += float64(in.LastEpoch.Arrived)
		}
	}
	for n := range s.Nodes {
		f[3] = math.Max(f[3], clip(s.Load(n, 0, h)))
		f[4] = math.Max(f[4], clip(s.Load(n, 1, h)))
		f[5] = math.Max(f[5], math.Max(s.FloorUse(n, 0), s.FloorUse(n, 1)))
	}
	if largeN > 0 {
		f[1] = largeLoadSum / largeN
		f[8] = largeRe / largeN
	}
	if len(s.Instances) > 0 {
		f[9] = reconf / float64(len(s.Instances))
	}
	f[6], f[7], f[10], f[11] = math.Log1p(f[6]), math.Log1p(f[7]), math.Log1p(f[10]), math.Log1p(f[11])
}

func action(s *sim.Snapshot, c agent.Candidate, h float64, f []float64) {
	in := s.Instances[c.Instance]
	e := agent.EffectOf(s, c, h)
	f[14+int(in.Category)] = 1
	if h > 0 {
		f[18] = s.Services[in.Service].ReconfigS / h
	}
	srcCap, dstCap := s.Capacity(c.From, e.Resource), s.Capacity(c.To, e.Resource)
	if srcCap > 0 {
		f[19] = clip(e.Demand / srcCap)
	}
	f[20], f[21] = math.Log1p(float64(in.Waiting)), math.Log1p(float64(in.Active))
	f[22], f[23], f[24], f[25] = clip(e.SrcBefore), clip(e.SrcAfter), clip(e.DstBefore), clip(e.DstAfter)
	f[26] = math.Max(f[22], f[24]) - math.Max(f[23], f[25])
	f[27] = e.DstVRAMFree / s.Nodes[c.To].Spec.VRAMGB
	f[28] = math.Max(s.FloorUse(c.To, 0), s.FloorUse(c.To, 1))
	if srcCap > 0 && dstCap > 0 {
		f[29] = math.Log(dstCap / srcCap)
	} else if dstCap == 0 {
		f[29] = -10
	}
}
