package orchestran

import (
	"fmt"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
)

// Case is a row of the paper's Table I: the tiers requests may name as target nodes.
type Case int

// Table I: all nodes; edge and RAN (no non-RT RIC); RAN only (CU, DU, RU).
const (
	CaseALL Case = iota
	CaseER
	CaseRO
)

// Tiers returns the tiers a request may target in case c.
func (c Case) Tiers() []Tier {
	switch c {
	case CaseER:
		return []Tier{NearRTRIC, CU, DU, RU}
	case CaseRO:
		return []Tier{CU, DU, RU}
	}
	return []Tier{NonRTRIC, NearRTRIC, CU, DU, RU}
}

// Mix is a row of the paper's Table II: the probability of each timescale for a tuple's δ.
type Mix int

// Table II: delay-tolerant, low latency, ultra-low latency.
const (
	MixDT Mix = iota
	MixLL
	MixULL
)

// Probs returns the probabilities of the TTI-level, sub-second and long timescales (Table II).
func (m Mix) Probs() [3]float64 {
	switch m {
	case MixLL:
		return [3]float64{0.2, 0.6, 0.2}
	case MixULL:
		return [3]float64{0.6, 0.4, 0}
	}
	return [3]float64{0.2, 0.2, 0.6}
}

// IntentSpec describes random intents; its zero value is the evaluation's default (section VII and
// the choices of docs/orchestran.md).
type IntentSpec struct {
	Requests   int        // R, the number of intents (default 20)
	Case       Case       // Table I row (default ALL)
	Mix        Mix        // Table II row (default DT)
	MaxFuncs   int        // functions per intent drawn uniformly in 1..MaxFuncs (default 3)
	MaxNodes   int        // target nodes per function drawn uniformly in 1..MaxNodes (default 3)
	MaxSources int        // data sources per tuple drawn uniformly in 1..MaxSources (default 3)
	DeltaMs    [3]float64 // δ of the TTI, sub-second and long timescales in ms (default 10, 1000, 10000)
}

func (s IntentSpec) withDefaults() IntentSpec {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&s.Requests, 20)
	def(&s.MaxFuncs, 3)
	def(&s.MaxNodes, 3)
	def(&s.MaxSources, 3)
	for k, d := range [3]float64{10, 1000, 10000} {
		if s.DeltaMs[k] == 0 {
			s.DeltaMs[k] = d
		}
	}
	return s
}

// Generate draws intents on tree t for catalogue c from rng.New(seed, "orchestran/intents"). Every
// intent has value 1, π = 1 and χ = +1 (the paper's π = τ). A target node is drawn by first drawing a
// tier of the case uniformly, then a node of that tier; its δ by the mix; its sources uniformly from
// its subtree (RUs only when every model offering the function takes IQ samples).
func (s IntentSpec) Generate(seed uint64, t *Tree, c *Catalog) ([]Intent, error) {
	s = s.withDefaults()
	if s.Requests < 0 || s.MaxFuncs < 0 || s.MaxNodes < 0 || s.MaxSources < 0 {
		return nil, fmt.Errorf("%w: intent spec: negative count", ErrNegative)
	}
	byTier := make([][]int, NumTiers)
	for d, n := range t.Nodes {
		byTier[n.Tier] = append(byTier[n.Tier], d)
	}
	var tiers []Tier
	for _, tr := range s.Case.Tiers() {
		if len(byTier[tr]) > 0 {
			tiers = append(tiers, tr)
		}
	}
	if len(tiers) == 0 {
		return nil, fmt.Errorf("%w: intent spec: the tree has no node of case %d", ErrInvalid, s.Case)
	}
	r := rng.New(seed, "orchestran/intents")
	out := make([]Intent, s.Requests)
	for i := range out {
		out[i] = s.draw(r, t, c, byTier, tiers)
	}
	return out, nil
}

func (s IntentSpec) draw(r *rand.Rand, t *Tree, c *Catalog, byTier [][]int, tiers []Tier) Intent {
	in := Intent{Value: 1}
	funcs := r.Perm(len(c.Functions))[:1+r.IntN(min(s.MaxFuncs, len(c.Functions)))]
	for _, f := range funcs {
		used := map[int]bool{}
		for k := 1 + r.IntN(s.MaxNodes); k > 0; k-- {
			tier := tiers[r.IntN(len(tiers))]
			d := byTier[tier][r.IntN(len(byTier[tier]))]
			if used[d] {
				continue
			}
			used[d] = true
			in.Items = append(in.Items, Item{Func: f, Node: d, Pi: 1, Chi: 1,
				DeltaMs: s.DeltaMs[drawClass(r, s.Mix.Probs())], Sources: s.sources(r, t, c, f, d)})
		}
	}
	return in
}

func drawClass(r *rand.Rand, p [3]float64) int {
	u := r.Float64()
	for k := 0; k < 2; k++ {
		if u < p[k] {
			return k
		}
		u -= p[k]
	}
	return 2
}

// sources draws 1..MaxSources distinct nodes of d's subtree (its RUs for IQ-only functions; d itself
// when there are none).
func (s IntentSpec) sources(r *rand.Rand, t *Tree, c *Catalog, f, d int) []int {
	pool := t.Subtree(d)
	if iqOnly(c, f) {
		var rus []int
		for _, v := range pool {
			if t.Nodes[v].Tier == RU {
				rus = append(rus, v)
			}
		}
		pool = rus
	}
	if len(pool) == 0 {
		return []int{d}
	}
	k := 1 + r.IntN(min(s.MaxSources, len(pool)))
	out := make([]int, 0, k)
	for _, j := range r.Perm(len(pool))[:k] {
		out = append(out, pool[j])
	}
	return out
}

func iqOnly(c *Catalog, f int) bool {
	any := false
	for m, mod := range c.Models {
		if c.Sigma(m, f) {
			any = true
			if mod.Input != IQ {
				return false
			}
		}
	}
	return any
}
