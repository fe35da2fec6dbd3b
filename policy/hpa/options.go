package hpa

import (
	"errors"
	"fmt"
	"math"
)

// ErrOptions is wrapped by the error New and NewController return for invalid options.
var ErrOptions = errors.New("hpa: invalid options")

// Kubernetes' defaults, used when the corresponding Options field is zero.
const (
	DefaultTarget                  = 80  // targetCPUUtilizationPercentage, % of the request
	DefaultTolerance               = 0.1 // --horizontal-pod-autoscaler-tolerance
	DefaultSyncPeriod              = 15  // --horizontal-pod-autoscaler-sync-period, s
	DefaultDownscaleStabilization  = 300 // --horizontal-pod-autoscaler-downscale-stabilization, s
	DefaultCPUInitializationPeriod = 300 // --horizontal-pod-autoscaler-cpu-initialization-period, s
	DefaultInitialReadinessDelay   = 30  // --horizontal-pod-autoscaler-initial-readiness-delay, s
	DefaultScaleUpPods             = 4   // behavior.scaleUp Pods policy: pods per ScaleUpPeriod
	DefaultScaleUpPercent          = 100 // behavior.scaleUp Percent policy: % per ScaleUpPeriod
	DefaultScaleDownPercent        = 100 // behavior.scaleDown Percent policy: % per ScaleDownPeriod
	DefaultPolicyPeriod            = 15  // periodSeconds of the default scaling policies, s
)

// Options configures one HorizontalPodAutoscaler. The zero value of every field selects Kubernetes'
// default, written in its comment (the kube-controller-manager flag or the autoscaling/v2 API
// default). All times are in seconds of simulated time.
type Options struct {
	// Target is the target utilisation, in integer percent of the pods' request (> 0); 0: 80.
	Target int
	// MinReplicas is the lower bound of the replica count (≥ 1); 0: 1.
	MinReplicas int
	// MaxReplicas is the upper bound (≥ MinReplicas); 0: unbounded (Kubernetes requires it).
	MaxReplicas int
	// Tolerance is the half-width of the no-change band around a usage ratio of 1, in (0, 1); 0: 0.1.
	Tolerance float64
	// SyncPeriod is the interval between two syncs, s (> 0); 0: 15. The Autoscaler is told the time
	// of each sync, so SyncPeriod only schedules the Controller.
	SyncPeriod float64
	// DownscaleStabilization is the scale-down stabilisation window, s (> 0); 0: 300. Set
	// NoDownscaleStabilization for none.
	DownscaleStabilization float64
	// NoDownscaleStabilization disables the scale-down stabilisation window.
	NoDownscaleStabilization bool
	// CPUInitializationPeriod is how long after its start a pod's samples are only used once it is
	// ready and a whole metric window has passed since it became ready, s (> 0); 0: 300.
	CPUInitializationPeriod float64
	// InitialReadinessDelay: after the CPU initialisation period, an unready pod whose readiness last
	// changed within this delay of its start (it has never been ready) is ignored, s (> 0); 0: 30.
	InitialReadinessDelay float64
	// ScaleUpPods and ScaleUpPercent are the default scale-up policies: at most max(+ScaleUpPods,
	// +ScaleUpPercent %) pods over any ScaleUpPeriod. 0: 4 pods, 100 %, 15 s.
	ScaleUpPods    int
	ScaleUpPercent float64
	ScaleUpPeriod  float64
	// ScaleDownPercent is the default scale-down policy: at most ScaleDownPercent % of the pods removed
	// over any ScaleDownPeriod (> 0, ≤ 100). 0: 100 %, 15 s.
	ScaleDownPercent float64
	ScaleDownPeriod  float64
}

// withDefaults returns o with its zero fields set to Kubernetes' defaults, or an error wrapping
// ErrOptions for a value out of its range.
func (o Options) withDefaults() (Options, error) {
	setI := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	setF := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	setI(&o.Target, DefaultTarget)
	setI(&o.MinReplicas, 1)
	setI(&o.MaxReplicas, math.MaxInt32)
	setF(&o.Tolerance, DefaultTolerance)
	setF(&o.SyncPeriod, DefaultSyncPeriod)
	setF(&o.DownscaleStabilization, DefaultDownscaleStabilization)
	setF(&o.CPUInitializationPeriod, DefaultCPUInitializationPeriod)
	setF(&o.InitialReadinessDelay, DefaultInitialReadinessDelay)
	setI(&o.ScaleUpPods, DefaultScaleUpPods)
	setF(&o.ScaleUpPercent, DefaultScaleUpPercent)
	setF(&o.ScaleUpPeriod, DefaultPolicyPeriod)
	setF(&o.ScaleDownPercent, DefaultScaleDownPercent)
	setF(&o.ScaleDownPeriod, DefaultPolicyPeriod)
	if o.NoDownscaleStabilization {
		o.DownscaleStabilization = 0
	}
	bad := func(format string, args ...any) (Options, error) {
		return o, fmt.Errorf("%w: "+format, append([]any{ErrOptions}, args...)...)
	}
	switch {
	case o.Target < 0:
		return bad("target %d %%: must be > 0", o.Target)
	case o.MinReplicas < 0 || o.MaxReplicas < 0:
		return bad("min replicas %d and max replicas %d must be ≥ 1", o.MinReplicas, o.MaxReplicas)
	case o.MaxReplicas < o.MinReplicas:
		return bad("max replicas %d < min replicas %d", o.MaxReplicas, o.MinReplicas)
	case !(o.Tolerance > 0 && o.Tolerance < 1):
		return bad("tolerance %g: must be in (0, 1)", o.Tolerance)
	case o.ScaleUpPods < 0 || !positive(o.ScaleUpPercent) || !(o.ScaleDownPercent > 0 && o.ScaleDownPercent <= 100):
		return bad("scale-up %d pods, %g %% and scale-down %g %% must be > 0 (scale-down ≤ 100)", o.ScaleUpPods, o.ScaleUpPercent, o.ScaleDownPercent)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"sync period", o.SyncPeriod}, {"CPU initialization period", o.CPUInitializationPeriod},
		{"initial readiness delay", o.InitialReadinessDelay}, {"scale-up period", o.ScaleUpPeriod},
		{"scale-down period", o.ScaleDownPeriod}} {
		if !positive(f.v) {
			return bad("%s %g s: must be finite and > 0", f.name, f.v)
		}
	}
	if !(o.DownscaleStabilization >= 0 && !math.IsInf(o.DownscaleStabilization, 0)) {
		return bad("downscale stabilization %g s: must be finite and > 0", o.DownscaleStabilization)
	}
	return o, nil
}

func positive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }
