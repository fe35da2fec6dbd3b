package sac

import "fmt"

// Transition is one step of experience: observation, action in (−1, 1)^d, reward, next observation
// and whether the episode terminated there (no bootstrapping from Next; a time-limit truncation is
// not a termination).
type Transition struct {
	Obs    []float64
	Action []float64
	Reward float64
	Next   []float64
	Done   bool
}

// Replay is a fixed-capacity ring buffer of transitions: once full, each Add overwrites the oldest.
// It copies what it stores.
type Replay struct {
	obsDim, actDim int
	cap, n, head   int // capacity, stored transitions, slot of the next Add
	obs, act, next []float64
	rew            []float64
	done           []bool
}

// NewReplay returns an empty buffer for capacity transitions with the given dimensions. It panics
// unless all three are ≥ 1 (programmer misuse).
func NewReplay(capacity, obsDim, actDim int) *Replay {
	if capacity < 1 || obsDim < 1 || actDim < 1 {
		panic(fmt.Sprintf("sac: NewReplay(%d, %d, %d): every argument must be ≥ 1", capacity, obsDim, actDim))
	}
	return &Replay{obsDim: obsDim, actDim: actDim, cap: capacity,
		obs: make([]float64, capacity*obsDim), act: make([]float64, capacity*actDim),
		next: make([]float64, capacity*obsDim), rew: make([]float64, capacity), done: make([]bool, capacity)}
}

// Add stores a copy of t, overwriting the oldest transition when the buffer is full. It panics if a
// slice of t does not have the buffer's dimension.
func (r *Replay) Add(t Transition) {
	if len(t.Obs) != r.obsDim || len(t.Next) != r.obsDim || len(t.Action) != r.actDim {
		panic(fmt.Sprintf("sac: transition dimensions %d/%d/%d, want %d/%d/%d",
			len(t.Obs), len(t.Action), len(t.Next), r.obsDim, r.actDim, r.obsDim))
	}
	i := r.head
	copy(r.obs[i*r.obsDim:], t.Obs)
	copy(r.next[i*r.obsDim:], t.Next)
	copy(r.act[i*r.actDim:], t.Action)
	r.rew[i], r.done[i] = t.Reward, t.Done
	r.head = (r.head + 1) % r.cap
	r.n = min(r.n+1, r.cap)
}

// Len returns the number of stored transitions, at most the capacity.
func (r *Replay) Len() int { return r.n }

// Cap returns the capacity.
func (r *Replay) Cap() int { return r.cap }

// At returns stored transition i, 0 the oldest, as views into the buffer valid until the next Add.
// It panics if i is outside [0, Len()).
func (r *Replay) At(i int) Transition {
	if i < 0 || i >= r.n {
		panic(fmt.Sprintf("sac: replay index %d outside [0, %d)", i, r.n))
	}
	k := (r.head - r.n + i + r.cap) % r.cap
	o, a := k*r.obsDim, k*r.actDim
	return Transition{Obs: r.obs[o : o+r.obsDim], Action: r.act[a : a+r.actDim], Reward: r.rew[k],
		Next: r.next[o : o+r.obsDim], Done: r.done[k]}
}
