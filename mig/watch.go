package mig

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// Watcher follows one MIG GPU's observed state across snapshots and answers the claims an OCM
// PolicyWatcher publishes (the AITRAS blog, section 4.3): is the GPU's layout a given one (compliant),
// and has it been so, unchanged, for T seconds (stable). Feed it every snapshot a controller sees;
// the zero value needs GPU set.
//
// It only knows what it observes: the state's "since" time is the first observation showing it, so
// between observations it errs late, never early (StableFor is conservative), except that a change and
// its undoing both between two observations (a failure and recovery, say) go unseen.
type Watcher struct {
	GPU *GPU

	seen  bool
	last  float64         // time of the last observation, s
	since float64         // time of the first observation of the current state, s
	state [Slots]slotView // the current state
}

// slotView is what a watcher compares of one partition node.
type slotView struct {
	spec sim.NodeSpec
	down bool
}

// Observe records the GPU's state in snapshot s. A state that differs from the previous observation
// restarts the stability clock at s.Time.
func (w *Watcher) Observe(s *sim.Snapshot) {
	st, _ := w.GPU.view(s)
	if !w.seen || st != w.state {
		w.since = s.Time
	}
	w.seen, w.state, w.last = true, st, s.Time
}

// Compliant reports whether, at the last observation, the GPU was in layout target and serving (see
// GPU.Compliant); false before any observation.
func (w *Watcher) Compliant(target Layout) bool { return w.seen && w.GPU.matches(w.state, target) }

// StableFor reports whether, at the last observation, the GPU's partitions were all serving and their
// state had not changed for at least t seconds (by the watcher's observations).
func (w *Watcher) StableFor(t float64) bool {
	if !w.seen {
		return false
	}
	for _, v := range w.state {
		if v.down {
			return false
		}
	}
	return w.last-w.since >= t
}

// Since returns the time of the first observation of the current state, s (+Inf before any).
func (w *Watcher) Since() float64 {
	if !w.seen {
		return math.Inf(1)
	}
	return w.since
}

// ClaimName returns the name of the GPU's layout claim: "mig-layout.NAME".
func (w *Watcher) ClaimName() string { return "mig-layout." + w.GPU.Name }

// Claim returns the GPU's layout claim as an OCM ClusterClaim would carry it: the observed layout's
// text (Layout.String, "" for the empty layout) when, at the last observation, the layout was
// compliant with itself and stable for t seconds, and ok false otherwise. A placement predicate "MIG
// layout X compliant and stable for T" is Claim(T) == X.String() with ok.
func (w *Watcher) Claim(t float64) (value string, ok bool) {
	if !w.StableFor(t) {
		return "", false
	}
	l, ok := w.GPU.layoutOf(w.state)
	if !ok {
		return "", false
	}
	return l.String(), true
}
