package agent

import (
	"context"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
)

// Random shortlists up to K candidates uniformly at random (the no-op included), a lower bound for
// agents. It is deterministic for its seed.
type Random struct{ rng *rand.Rand }

// NewRandom returns a Random agent seeded with seed.
func NewRandom(seed uint64) *Random {
	return &Random{rng: rng.New(seed, "agent/random")}
}

// Name returns "random".
func (*Random) Name() string { return "random" }

// Shortlist returns min(K, |M_k|) distinct candidates in random order.
func (a *Random) Shortlist(_ context.Context, q *Query) (Reply, error) {
	perm := a.rng.Perm(len(q.Candidates))
	k := min(q.K, len(perm))
	out := make([]string, k)
	for i := range out {
		out[i] = q.Candidates[perm[i]].ID
	}
	return Reply{Shortlist: out}, nil
}
