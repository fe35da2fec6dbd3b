package orchestran

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/rng"
)

// TreeSpec describes a random O-RAN tree. A zero entry takes the paper's default (section VII).
type TreeSpec struct {
	// Counts is the number of nodes per tier, root first (default 1/4/10/30/90); Counts[NonRTRIC]
	// must be 1 when set.
	Counts [NumTiers]int
	// Cores is ρ_d per tier in cores (default 128/8/4/2/1).
	Cores [NumTiers]float64
	// Gbps is the rate of the link from tier t+1 up to tier t in Gb/s (default 100/50/25/20).
	Gbps [NumTiers - 1]float64
	// DelayMs is the propagation delay of the link from tier t+1 up to tier t in ms (default 10/10/5/1).
	DelayMs [NumTiers - 1]float64
}

// DefaultTreeSpec returns the paper's 135-node scenario: 1/4/10/30/90 nodes, 128/8/4/2/1 cores, links
// 100/50/25/20 Gb/s and 10/10/5/1 ms.
func DefaultTreeSpec() TreeSpec {
	return TreeSpec{
		Counts:  [NumTiers]int{1, 4, 10, 30, 90},
		Cores:   [NumTiers]float64{128, 8, 4, 2, 1},
		Gbps:    [NumTiers - 1]float64{100, 50, 25, 20},
		DelayMs: [NumTiers - 1]float64{10, 10, 5, 1},
	}
}

// ScaledTreeSpec returns the default spec resized to n ≥ 5 nodes in the paper's 1:4:10:30:90
// proportions: one root, near-RT RICs, CUs and DUs rounded from (n−1)·4/134, ·10/134, ·30/134 (at
// least one each), the rest RUs. ScaledTreeSpec(135) is DefaultTreeSpec(). It is the network-size axis
// of the paper's Fig. 5, which gives only the sizes (up to 2,000 nodes), not the tier mix.
func ScaledTreeSpec(n int) TreeSpec {
	s := DefaultTreeSpec()
	s.Counts = [NumTiers]int{1}
	left := n - 1
	for k, share := range []float64{4, 10, 30} {
		s.Counts[k+1] = max(1, int(math.Round(float64(n-1)*share/134)))
		left -= s.Counts[k+1]
	}
	s.Counts[RU] = max(1, left)
	return s
}

func (s TreeSpec) withDefaults() TreeSpec {
	def := DefaultTreeSpec()
	for t := range s.Counts {
		if s.Counts[t] == 0 {
			s.Counts[t] = def.Counts[t]
		}
		if s.Cores[t] == 0 {
			s.Cores[t] = def.Cores[t]
		}
	}
	for t := range s.Gbps {
		if s.Gbps[t] == 0 {
			s.Gbps[t] = def.Gbps[t]
		}
		if s.DelayMs[t] == 0 {
			s.DelayMs[t] = def.DelayMs[t]
		}
	}
	return s
}

// Generate draws a random tree from the stream rng.New(seed, "orchestran/tree"). Nodes are numbered
// tier by tier (the root is 0). Each node of tier t+1 gets a parent of tier t: the first Counts[t]
// children go one to each parent (so no RIC, CU or DU is left childless when there are enough
// children), the rest to uniformly drawn parents.
func (s TreeSpec) Generate(seed uint64) (*Tree, error) {
	s = s.withDefaults()
	if s.Counts[NonRTRIC] != 1 {
		return nil, fmt.Errorf("%w: tree spec: %d non-RT RICs (want 1)", ErrInvalid, s.Counts[NonRTRIC])
	}
	for t, c := range s.Counts {
		if c < 0 {
			return nil, fmt.Errorf("%w: tree spec: %d %v nodes", ErrNegative, c, Tier(t))
		}
	}
	r := rng.New(seed, "orchestran/tree")
	tr := &Tree{Nodes: []Node{{Tier: NonRTRIC, Parent: -1, Cores: s.Cores[NonRTRIC]}}}
	prev := []int{0}
	for t := 1; t < NumTiers; t++ {
		var cur []int
		for j := 0; j < s.Counts[t]; j++ {
			if len(prev) == 0 {
				return nil, fmt.Errorf("%w: tree spec: %v nodes without %v parents", ErrInvalid, Tier(t), Tier(t-1))
			}
			p := prev[r.IntN(len(prev))]
			if j < len(prev) {
				p = prev[j]
			}
			cur = append(cur, len(tr.Nodes))
			tr.Nodes = append(tr.Nodes, Node{Tier: Tier(t), Parent: p, Cores: s.Cores[t],
				UpGbps: s.Gbps[t-1], UpDelayMs: s.DelayMs[t-1]})
		}
		prev = cur
	}
	return tr, tr.Validate()
}
