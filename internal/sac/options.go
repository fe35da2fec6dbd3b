package sac

import "fmt"

// Options configures an Agent. The zero value selects every default, written in each field's comment:
// those of Haarnoja et al. 2018 (table 1) except the smaller networks (64×64 instead of 256×256) and
// the smooth log-std bounds [−5, 2] of CleanRL's implementation.
type Options struct {
	Hidden        []int   // hidden layer widths of the actor and of each critic (ReLU); nil: 64, 64
	Gamma         float64 // discount γ ∈ [0, 1); 0: 0.99 (mark transitions Done for a bandit)
	Tau           float64 // Polyak target smoothing τ ∈ (0, 1]; 0: 0.005
	ActorLR       float64 // Adam learning rate of the actor; 0: 3e-4
	CriticLR      float64 // Adam learning rate of the critics; 0: 3e-4
	AlphaLR       float64 // Adam learning rate of log α; 0: 3e-4
	Batch         int     // transitions per gradient step; 0: 256
	InitAlpha     float64 // initial temperature α > 0; 0: 1
	FixedAlpha    bool    // keep α at InitAlpha instead of tuning it
	TargetEntropy float64 // H̄ in nats; 0: −(action dimension)
	LogStdMin     float64 // lower bound of log σ; 0: −5
	LogStdMax     float64 // upper bound of log σ; 0: 2
	ClipNorm      float64 // if > 0, per-network gradient norms are clipped to it; 0: off
	Seed          uint64  // seeds initialisation, minibatches and action noise
}

// withDefaults fills the zero fields and validates the rest.
func (o Options) withDefaults(actDim int) (Options, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Hidden == nil {
		o.Hidden = []int{64, 64}
	}
	def(&o.Gamma, 0.99)
	def(&o.Tau, 0.005)
	def(&o.ActorLR, 3e-4)
	def(&o.CriticLR, 3e-4)
	def(&o.AlphaLR, 3e-4)
	def(&o.InitAlpha, 1)
	def(&o.TargetEntropy, -float64(actDim))
	def(&o.LogStdMin, -5)
	def(&o.LogStdMax, 2)
	if o.Batch == 0 {
		o.Batch = 256
	}
	switch {
	case !(o.Gamma >= 0 && o.Gamma < 1):
		return o, fmt.Errorf("sac: Gamma %v outside [0, 1)", o.Gamma)
	case !(o.Tau > 0 && o.Tau <= 1):
		return o, fmt.Errorf("sac: Tau %v outside (0, 1]", o.Tau)
	case !(o.ActorLR > 0 && o.CriticLR > 0 && o.AlphaLR > 0 && o.InitAlpha > 0):
		return o, fmt.Errorf("sac: learning rates and InitAlpha must be > 0")
	case o.Batch < 1:
		return o, fmt.Errorf("sac: Batch %d must be ≥ 1", o.Batch)
	case !(o.LogStdMin < o.LogStdMax):
		return o, fmt.Errorf("sac: LogStdMin %v must be below LogStdMax %v", o.LogStdMin, o.LogStdMax)
	case o.ClipNorm < 0:
		return o, fmt.Errorf("sac: ClipNorm %v must be ≥ 0", o.ClipNorm)
	}
	return o, nil
}
