package orchestran

import (
	"fmt"
	"math"
)

// DefaultMaxInstances is the paper's C_{m,d} = 3 (section VII).
const DefaultMaxInstances = 3

// Options selects the variant of problem (10). The zero value is the paper's default.
type Options struct {
	// NoSharing adds constraint (14): an instance serves at most one tuple (default false: sharing on).
	NoSharing bool
	// MaxInstances is C_{m,d}, the instances of a model a node may hold (default 3, the paper's value).
	// The exact filters further cap it at floor(ρ_d/ρ_m), which constraint (6) implies.
	MaxInstances int
}

// Problem is one validated instance of problem (10) with its exact candidate lists.
type Problem struct {
	Tree    *Tree
	Catalog *Catalog
	Intents []Intent
	Options Options
	cands   [][][]Candidate // [intent][item], after every exact filter
	// instCap overrides C_{m,d} for node d (every model); graph-tree branching uses it to split the
	// root's instances between clusters when sharing is off.
	instCap map[int]int
}

// Candidate is a model and host that may serve a tuple: σ = 1, c_{d,d'} = 1, the host reaches every
// source, has room for one instance, and meets the tuple's quality (2) and deadline (5).
type Candidate struct {
	Model, Host int
	LatencyMs   float64 // Δ + Δ^EXEC of eqs. (3)–(4) in ms
}

// NewProblem validates the tree, the catalogue, the intents and the options, and computes each
// tuple's candidates.
func NewProblem(t *Tree, c *Catalog, intents []Intent, opt Options) (*Problem, error) {
	return newProblem(t, c, intents, opt, nil)
}

func newProblem(t *Tree, c *Catalog, intents []Intent, opt Options, instCap map[int]int) (*Problem, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if opt.MaxInstances < 0 {
		return nil, fmt.Errorf("%w: options: MaxInstances %d", ErrNegative, opt.MaxInstances)
	}
	if opt.MaxInstances == 0 {
		opt.MaxInstances = DefaultMaxInstances
	}
	for i, in := range intents {
		if err := validateIntent(i, in, t, c); err != nil {
			return nil, err
		}
	}
	p := &Problem{Tree: t, Catalog: c, Intents: intents, Options: opt, instCap: instCap}
	p.cands = make([][][]Candidate, len(intents))
	for i, in := range intents {
		p.cands[i] = make([][]Candidate, len(in.Items))
		for j := range in.Items {
			p.cands[i][j] = p.filter(i, j)
		}
	}
	return p, nil
}

// Candidates returns the candidates of item j of intent i, by model then host index.
func (p *Problem) Candidates(i, j int) []Candidate { return p.cands[i][j] }

func (p *Problem) filter(i, j int) []Candidate {
	it := p.Intents[i].Items[j]
	var out []Candidate
	for m := range p.Catalog.Models {
		if !p.Catalog.Sigma(m, it.Func) || !p.qualityOK(it, m) {
			continue
		}
		for h := range p.Tree.Nodes {
			if !p.Tree.Reachable(it.Node, h) || p.Usable(m, h) == 0 {
				continue
			}
			lat, ok := p.Latency(it, m, h)
			if ok && lat <= it.DeltaMs {
				out = append(out, Candidate{Model: m, Host: h, LatencyMs: lat})
			}
		}
	}
	return out
}

// Usable is min(C_{m,d}, floor(ρ_d/ρ_m)): the instances of m that node d can actually hold.
func (p *Problem) Usable(m, d int) int {
	return min(p.maxInstances(d), int(math.Floor(p.Tree.Nodes[d].Cores/p.Catalog.Models[m].Cores+1e-9)))
}

// maxInstances is C_{m,d} for node d.
func (p *Problem) maxInstances(d int) int {
	if c, ok := p.instCap[d]; ok {
		return c
	}
	return p.Options.MaxInstances
}

func (p *Problem) qualityOK(it Item, m int) bool {
	a := p.Catalog.Score(m, it.Func, p.Tree.Nodes[it.Node].Tier)
	if it.Chi < 0 {
		return a <= it.Pi
	}
	return a >= it.Pi
}

// Latency is Δ_{i,f,d} + Δ^EXEC_{i,f,d} (eqs. 3–4) in ms for model m on host h: the sum over the
// sources of s/(b·|𝒟^IN|) + T over the tree path, plus T^exec. ok is false when h does not reach
// every source (the data would never arrive; the paper's c factor would count it as free).
func (p *Problem) Latency(it Item, m, h int) (ms float64, ok bool) {
	mod := p.Catalog.Models[m]
	n := float64(len(it.Sources))
	for _, s := range it.Sources {
		gbps, delay, ok := p.Tree.Path(h, s)
		if !ok {
			return 0, false
		}
		ms += mod.InputBytes*8/(gbps*1e6*n) + delay
	}
	return ms + mod.ExecMs, true
}
