package hpa

import (
	"errors"
	"math"
)

// ErrNoMetrics is returned by Recommend when no pod is both ready and has a metric: Kubernetes then
// leaves the replica count unchanged.
var ErrNoMetrics = errors.New("hpa: no metrics for ready pods")

// Pod is what the autoscaler observes of one pod of its target at a sync. Times are in seconds of
// simulated time; Usage and Request share one unit (cores in Kubernetes; TFLOP/s for the Controller).
type Pod struct {
	Deleting   bool    // being deleted (a draining replica) or failed: ignored altogether
	Pending    bool    // not yet running (phase Pending): unready
	Ready      bool    // the pod's Ready condition
	ReadySince float64 // time of the Ready condition's last transition, s
	Start      float64 // the pod's start time, s
	Usage      float64 // mean usage over the metric window; NaN: no metric for this pod
	MetricTime float64 // end of the metric's window, s (the sample's timestamp)
	Window     float64 // length of the metric's window, s
	Request    float64 // the pod's request (> 0), same unit as Usage
}

// Missing reports whether the pod has no metric.
func (p Pod) Missing() bool { return math.IsNaN(p.Usage) }

// podClass is the replica calculator's grouping of a pod.
type podClass uint8

const (
	podReady podClass = iota
	podUnready
	podMissing
	podIgnored
)

// classify groups a pod as Kubernetes' groupPods does for a CPU metric at time now.
func classify(p Pod, now float64, o *Options) podClass {
	switch {
	case p.Deleting:
		return podIgnored
	case p.Pending:
		return podUnready
	case p.Missing():
		return podMissing
	}
	var unready bool
	if p.Start+o.CPUInitializationPeriod > now {
		// Within the initialisation period: use the sample only if the pod is ready and a whole
		// metric window has passed since it became ready.
		unready = !p.Ready || p.MetricTime < p.ReadySince+p.Window
	} else {
		// Afterwards: ignore it only if it is unready and has never been ready.
		unready = !p.Ready && p.Start+o.InitialReadinessDelay > p.ReadySince
	}
	if unready {
		return podUnready
	}
	return podReady
}

// utilisation returns floor(100 · Σ usage / Σ request) over the pods selected by use, in integer
// percent as Kubernetes computes it from milli-unit integers (a relative 1e-9 guards the floor against
// rounding), with the usage of pods of class c replaced by fill when fill is not NaN.
func utilisation(pods []Pod, cls []podClass, use func(podClass) bool, fill [4]float64) (pct int, n int) {
	var u, r float64
	for i, p := range pods {
		if !use(cls[i]) {
			continue
		}
		v := p.Usage
		if f := fill[cls[i]]; !math.IsNaN(f) {
			v = f * p.Request
		}
		u += v
		r += p.Request
		n++
	}
	if r <= 0 {
		return 0, 0
	}
	return int(math.Floor(100*u/r*(1+1e-9) + 1e-9)), n
}

// Recommend returns the replica count the Kubernetes replica calculator proposes for a CPU-utilisation
// target (GetResourceReplicas), before stabilisation, rate limits and the min/max clamp:
//
//   - pods being deleted are ignored; pending pods and pods not ready by the CPU initialisation rules
//     are unready and left out; pods without a metric are missing and left out;
//   - r = U/Target, with U the utilisation of the ready pods (integer percent);
//   - with no unready pod to consider (or r ≤ 1) and no missing pod: current if r is within the
//     tolerance, else ⌈r · ready⌉;
//   - otherwise missing pods count as using 0 % (r > 1) or max(100 %, Target) (r < 1), and on a scale-up
//     (r > 1) unready pods as using 0 %; r' is recomputed over all these pods, and the result is current
//     if r' is within the tolerance or on the other side of 1 from r, else ⌈r' · pods⌉, unless that
//     moves against r'.
//
// It also returns r. It returns ErrNoMetrics when no pod is ready with a metric. o must have been
// completed by New (Options' zero fields are not defaults here).
func Recommend(now float64, current int, pods []Pod, o Options) (int, float64, error) {
	cls := make([]podClass, len(pods))
	var unready, missing int
	for i, p := range pods {
		cls[i] = classify(p, now, &o)
		switch cls[i] {
		case podUnready:
			unready++
		case podMissing:
			missing++
		}
	}
	none := [4]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}
	pct, ready := utilisation(pods, cls, func(c podClass) bool { return c == podReady }, none)
	if ready == 0 {
		return current, 0, ErrNoMetrics
	}
	ratio := float64(pct) / float64(o.Target)
	within := func(r float64) bool { return 1-o.Tolerance <= r && r <= 1+o.Tolerance }
	upWithUnready := unready > 0 && ratio > 1
	if !upWithUnready && missing == 0 {
		if within(ratio) {
			return current, ratio, nil
		}
		return ceil(ratio * float64(ready)), ratio, nil
	}
	fill := none
	switch {
	case missing > 0 && ratio < 1:
		fill[podMissing] = float64(max(100, o.Target)) / 100
	case missing > 0 && ratio > 1:
		fill[podMissing] = 0
	}
	if upWithUnready {
		fill[podUnready] = 0
	}
	use := func(c podClass) bool { return c == podReady || !math.IsNaN(fill[c]) }
	pct2, n := utilisation(pods, cls, use, fill)
	r2 := float64(pct2) / float64(o.Target)
	if within(r2) || (ratio < 1 && r2 > 1) || (ratio > 1 && r2 < 1) {
		return current, ratio, nil
	}
	next := ceil(r2 * float64(n))
	if (r2 < 1 && next > current) || (r2 > 1 && next < current) {
		return current, ratio, nil
	}
	return next, ratio, nil
}

// ceil returns ⌈x⌉ as an int, with a relative 1e-12 guard so that a product that should be an
// integer is not pushed up by rounding.
func ceil(x float64) int { return int(math.Ceil(x * (1 - 1e-12))) }
