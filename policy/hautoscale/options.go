package hautoscale

import (
	"errors"
	"fmt"
	"math"
)

// ErrOptions is wrapped by every error New and NewController return for invalid options.
var ErrOptions = errors.New("hautoscale: invalid options")

// The paper's constants ([P]: ORAN-HAutoscaling, Information 16(4) 259, 2025, §7.3–7.4 and Table 1)
// and our assumptions where it gives none ([INF], docs/autoscale.md).
const (
	DefaultMinReplicas = 1    // [P] minReplicas
	DefaultMaxReplicas = 3    // [P] maxReplicas
	DefaultUpCPU       = 0.8  // [P] scale up at CPU ≥ 80 % of CPU_max
	DefaultDownCPU     = 0.1  // [P] scale down after CPU ≤ 10 % …
	DefaultDownHold    = 180  // [P] … for 180 s
	DefaultCUp         = 0.8  // [P] scale up when C > 0.8
	DefaultCDown       = 0.1  // [INF] lower bound of C for a scale-down ("a certain lower bound")
	DefaultAlpha       = 0.5  // [INF] weight of CPU in C
	DefaultBeta        = 0.3  // [INF] weight of L/L_max in C
	DefaultGamma       = 0.2  // [INF] weight of T_inf/T_max in C
	DefaultLMax        = 1    // [P] xApp window L_APP, s
	DefaultKp          = 1    // [INF] PID proportional gain, 1 per s of error
	DefaultKi          = 0.1  // [INF] PID integral gain, 1/s
	DefaultIntegralMax = 10   // [INF] anti-windup clamp of ∫e dt, s²
	DefaultUStep       = 0.1  // [INF] |u| beyond which the PID asks for a replica, s
	DefaultPeriod      = 15   // [INF] control tick, s (Kubernetes' HPA sync period)
	DefaultQuantile    = 0.95 // [INF] latency quantile observed as L
)

// Options configures the rules. The zero value of every field selects the default in its comment
// (the paper's value where it gives one). Utilisations are fractions of the CPU denominator.
type Options struct {
	MinReplicas int     // Lower bound c_min (≥ 1); 0: 1.
	MaxReplicas int     // Upper bound c_max (≥ MinReplicas); 0: 3.
	UpCPU       float64 // Scale up when CPU ≥ UpCPU, in (0, 1]; 0: 0.8.
	DownCPU     float64 // Scale down after CPU ≤ DownCPU for DownHold, in [0, UpCPU); 0: 0.1.
	DownHold    float64 // s (≥ 0); 0: 180. Set NoDownHold for none.
	NoDownHold  bool    // Scale down at the first low tick.

	// Combined enables C = α·CPU + β·L/LMax + γ·T_inf/TMax: up when C > CUp, down only if also C < CDown.
	Combined           bool
	Alpha, Beta, Gamma float64 // Weights (≥ 0); all three 0: 0.5, 0.3, 0.2.
	CUp                float64 // In (0, ∞); 0: 0.8.
	CDown              float64 // In [0, CUp); 0: 0.1.
	LMax               float64 // Latency target L_max, s (> 0); 0: 1.
	TMax               float64 // Inference-time bound T_max, s (> 0); 0: LMax.

	// PID enables u = Kp·e + Ki·∫e dt + Kd·de/dt on e = LMax − L: up when u < −UStep. The integral is
	// clamped to ±IntegralMax and frozen while the count is at a bound the error pushes against.
	PID         bool
	Kp, Ki, Kd  float64 // Gains (≥ 0); all three 0: 1, 0.1, 0.
	IntegralMax float64 // s² (> 0); 0: 10.
	UStep       float64 // s (> 0); 0: 0.1.

	Period   float64 // Control tick, s (> 0); 0: 15.
	Quantile float64 // Latency quantile observed as L, in (0, 1]; 0: 0.95.
}

// withDefaults fills the zero fields and validates the rest.
func (o Options) withDefaults() (Options, error) {
	set := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.MinReplicas == 0 {
		o.MinReplicas = DefaultMinReplicas
	}
	if o.MaxReplicas == 0 {
		o.MaxReplicas = max(DefaultMaxReplicas, o.MinReplicas)
	}
	set(&o.UpCPU, DefaultUpCPU)
	set(&o.DownCPU, DefaultDownCPU)
	set(&o.DownHold, DefaultDownHold)
	if o.NoDownHold {
		o.DownHold = 0
	}
	if o.Alpha == 0 && o.Beta == 0 && o.Gamma == 0 {
		o.Alpha, o.Beta, o.Gamma = DefaultAlpha, DefaultBeta, DefaultGamma
	}
	set(&o.CUp, DefaultCUp)
	set(&o.CDown, DefaultCDown)
	set(&o.LMax, DefaultLMax)
	set(&o.TMax, o.LMax)
	if o.Kp == 0 && o.Ki == 0 && o.Kd == 0 {
		o.Kp, o.Ki = DefaultKp, DefaultKi
	}
	set(&o.IntegralMax, DefaultIntegralMax)
	set(&o.UStep, DefaultUStep)
	set(&o.Period, DefaultPeriod)
	set(&o.Quantile, DefaultQuantile)
	return o, o.check()
}

func (o Options) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrOptions}, args...)...)
	}
	switch {
	case o.MinReplicas < 1 || o.MaxReplicas < o.MinReplicas:
		return bad("replicas min %d, max %d: need 1 ≤ min ≤ max", o.MinReplicas, o.MaxReplicas)
	case !(o.UpCPU > 0 && o.UpCPU <= 1) || !(o.DownCPU >= 0 && o.DownCPU < o.UpCPU):
		return bad("thresholds up %g, down %g: need 0 ≤ down < up ≤ 1", o.UpCPU, o.DownCPU)
	case !(o.CUp > 0) || !(o.CDown >= 0 && o.CDown < o.CUp) || math.IsInf(o.CUp, 0):
		return bad("combined thresholds up %g, down %g: need 0 ≤ down < up < ∞", o.CUp, o.CDown)
	case !nonNeg(o.Alpha) || !nonNeg(o.Beta) || !nonNeg(o.Gamma) || !nonNeg(o.Kp) || !nonNeg(o.Ki) || !nonNeg(o.Kd):
		return bad("weights %g, %g, %g and gains %g, %g, %g must be finite and ≥ 0", o.Alpha, o.Beta, o.Gamma, o.Kp, o.Ki, o.Kd)
	case !nonNeg(o.DownHold):
		return bad("down hold %g s must be finite and ≥ 0", o.DownHold)
	case !pos(o.LMax) || !pos(o.TMax) || !pos(o.IntegralMax) || !pos(o.UStep) || !pos(o.Period):
		return bad("LMax %g s, TMax %g s, integral max %g, u step %g, period %g s must be finite and > 0",
			o.LMax, o.TMax, o.IntegralMax, o.UStep, o.Period)
	case !(o.Quantile > 0 && o.Quantile <= 1):
		return bad("quantile %g: need 0 < q ≤ 1", o.Quantile)
	}
	return nil
}

func pos(v float64) bool    { return v > 0 && !math.IsInf(v, 0) }
func nonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }
