package hpa

import "math"

// Autoscaler is the HorizontalPodAutoscaler of one scale target: the replica calculator followed by
// the stabilisation window, the scaling policies and the min/max clamp of the autoscaling/v2 behaviour
// path. It holds the recommendation history and the scale events, so one Autoscaler serves one target;
// it is not safe for concurrent use.
type Autoscaler struct {
	o    Options
	recs []stamped // recommendations, in time order
	ups  []stamped // scale-up events (pods added)
	down []stamped // scale-down events (pods removed)
}

// stamped is a count at a time, s.
type stamped struct {
	t float64
	n int
}

// New returns an Autoscaler with options o (zero fields: Kubernetes' defaults). It returns an error
// wrapping ErrOptions for an option out of range.
func New(o Options) (*Autoscaler, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Autoscaler{o: o}, nil
}

// Options returns the autoscaler's options with the defaults filled in.
func (a *Autoscaler) Options() Options { return a.o }

// Decision is the outcome of one sync.
type Decision struct {
	Desired  int     // replica count to scale to (equal to the current one: no change)
	Proposed int     // the replica calculator's proposal (current when it had no metrics)
	Ratio    float64 // usage ratio U/Target of the ready pods (0 without metrics)
	Err      error   // ErrNoMetrics when no ready pod had a metric (then Desired is the current count)
}

// Sync runs one reconciliation at time now (s, non-decreasing across calls) for a target with current
// replicas (its spec count: the pods being deleted excluded) and the observed pods. It assumes the
// caller scales the target to Desired, and records the scale event for the rate limits.
//
// As in Kubernetes' reconcileAutoscaler: a current count above MaxReplicas or below MinReplicas is
// brought to the bound at once; otherwise the replica calculator proposes a count (Recommend; on
// ErrNoMetrics nothing changes), which is stabilised (on a scale-down, the largest recommendation of
// the last DownscaleStabilization seconds, the current count at the first sync included, and never above
// the current count) and limited: at most max(p + ScaleUpPods, ⌈p · (1 + ScaleUpPercent/100)⌉) and at
// least ⌊p · (1 − ScaleDownPercent/100)⌋ replicas, p being the count at the start of the policy period
// (the current count less the net scale events of the last period), then clamped to [MinReplicas,
// MaxReplicas].
func (a *Autoscaler) Sync(now float64, current int, pods []Pod) Decision {
	o := &a.o
	if len(a.recs) == 0 {
		a.recs = append(a.recs, stamped{now, current}) // recordInitialRecommendation
	}
	var d Decision
	switch {
	case current > o.MaxReplicas:
		d = Decision{Desired: o.MaxReplicas, Proposed: current}
	case current < o.MinReplicas:
		d = Decision{Desired: o.MinReplicas, Proposed: current}
	default:
		p, ratio, err := Recommend(now, current, pods, *o)
		d = Decision{Desired: current, Proposed: p, Ratio: ratio, Err: err}
		if err == nil {
			d.Desired = a.limit(now, current, a.stabilise(now, current, p))
		}
	}
	keep := max(o.ScaleUpPeriod, o.ScaleDownPeriod)
	a.ups, a.down = prune(a.ups, now-keep), prune(a.down, now-keep)
	if d.Desired > current {
		a.ups = append(a.ups, stamped{now, d.Desired - current})
	} else if d.Desired < current {
		a.down = append(a.down, stamped{now, current - d.Desired})
	}
	return d
}

// stabilise applies the scale-down stabilisation window to the proposal p and records p.
func (a *Autoscaler) stabilise(now float64, current, p int) int {
	cut := now - a.o.DownscaleStabilization
	hi := p
	keep := a.recs[:0]
	for _, r := range a.recs {
		if r.t > cut {
			hi = max(hi, r.n)
			keep = append(keep, r)
		}
	}
	a.recs = append(keep, stamped{now, p})
	if p >= current {
		return p // the scale-up window is 0 s
	}
	return min(current, hi)
}

// limit applies the scaling policies and the min/max clamp to the stabilised recommendation p.
func (a *Autoscaler) limit(now float64, current, p int) int {
	o := &a.o
	switch {
	case p > current:
		start := current - sumSince(a.ups, now-o.ScaleUpPeriod) + sumSince(a.down, now-o.ScaleUpPeriod)
		up := max(start+o.ScaleUpPods, int(math.Ceil(float64(start)*(1+o.ScaleUpPercent/100))))
		return min(p, max(up, current), o.MaxReplicas)
	case p < current:
		start := current + sumSince(a.down, now-o.ScaleDownPeriod) - sumSince(a.ups, now-o.ScaleDownPeriod)
		down := int(float64(start) * (1 - o.ScaleDownPercent/100))
		return max(p, min(down, current), o.MinReplicas)
	}
	return p
}

// sumSince returns the sum of the events strictly after cut.
func sumSince(ev []stamped, cut float64) int {
	n := 0
	for _, e := range ev {
		if e.t > cut {
			n += e.n
		}
	}
	return n
}

// prune drops the events at or before cut (they no longer count in any policy period).
func prune(ev []stamped, cut float64) []stamped {
	k := 0
	for k < len(ev) && ev[k].t <= cut {
		k++
	}
	return append(ev[:0], ev[k:]...)
}
