package hautoscale

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/internal/names"
	"github.com/airansim/airansim/policy/hautoscale/predict"
	"github.com/airansim/airansim/sim"
)

// Predictor names the latency predictor an Admission uses.
type Predictor uint8

// Predictors.
const (
	PredictNone    Predictor = iota // admit every xApp
	PredictErlangC                  // the exact M/M/c queue wait (Erlang-C) over the routable replicas ≤ LMax
	PredictPaper                    // the paper's M/M/c wait λ/(μ(cμ − λ)) (§7.1) ≤ LMax
	PredictPWL                      // the two-segment model t_inf(Y_p + 1) of the chosen replica ≤ its tightest deadline
)

var predictorNames = [...]string{"none", "erlang-c", "paper-mmc", "pwl"}

// String returns "none", "erlang-c", "paper-mmc" or "pwl".
func (p Predictor) String() string { return names.Of(predictorNames[:], p) }

// ParsePredictor returns the predictor named s.
func ParsePredictor(s string) (Predictor, bool) { return names.Parse[Predictor](predictorNames[:], s) }

// Flow is what admission knows of one xApp from its descriptor (the paper's catalogue profile).
type Flow struct {
	Load     float64 // Mean CPU demand, cores (> 0).
	Work     float64 // CPU work of one request, core-s (> 0).
	Deadline float64 // Deadline of its requests, s (> 0).
}

// AdmissionOptions configures an Admission. The zero value of every optional field selects the
// default in its comment.
type AdmissionOptions struct {
	Predictor Predictor
	Flow      func(flow int) Flow // The descriptor of each flow (required unless PredictNone).
	Cores     float64             // CPU of each replica, cores (> 0); 0: 2 (the paper's host).
	LMax      float64             // Bound on the queue wait W_q of the queueing predictors, s (> 0); 0: 1.
	// Model is the PWL predictor's t_inf(y) (e.g. predict.ProfileFit with Conservative), y counted in
	// xApps of UnitLoad cores: a replica's y is Σ load / UnitLoad of its flows.
	Model    predict.Model
	UnitLoad float64 // Cores of one profiled xApp (> 0 for PredictPWL).
	// MaxY is the largest y the model may be trusted at (the profiled range; ≥ 0): beyond it the PWL
	// predictor refuses, since its last segment extrapolates linearly a latency that grows without
	// bound near saturation. 0: no bound.
	MaxY float64
}

// Admission is SFORAN's admission step [P §4, step 3] with the paper's predictors: it accepts a new
// xApp on the replica the balancer chose only if the predicted latency with it stays within bounds:
//
//   - PredictErlangC, PredictPaper: the service as an M/M/c queue, c = the routable replicas (also
//     those starting), λ = Σ load/work of the flows on them and the new one, μ = Cores / mean work
//     (a replica serves one request at its whole CPU); admit iff λ < cμ and W_q ≤ LMax;
//   - PredictPWL: y = Σ load / UnitLoad of the chosen replica's flows and the new one; admit iff
//     y ≤ MaxY (when set) and Model.Predict(y) ≤ the tightest deadline among them.
//
// A refused xApp is not deployed (its requests are refused). It holds no state between calls.
type Admission struct{ o AdmissionOptions }

// NewAdmission returns an Admission, or an error wrapping ErrOptions.
func NewAdmission(o AdmissionOptions) (*Admission, error) {
	if o.Cores == 0 {
		o.Cores = 2
	}
	if o.LMax == 0 {
		o.LMax = DefaultLMax
	}
	switch {
	case int(o.Predictor) >= len(predictorNames):
		return nil, fmt.Errorf("%w: admission: predictor %d", ErrOptions, o.Predictor)
	case o.Predictor != PredictNone && o.Flow == nil:
		return nil, fmt.Errorf("%w: admission: predictor %v needs the flows' descriptors", ErrOptions, o.Predictor)
	case !pos(o.Cores) || !pos(o.LMax):
		return nil, fmt.Errorf("%w: admission: cores %g and LMax %g s must be finite and > 0", ErrOptions, o.Cores, o.LMax)
	case !nonNeg(o.MaxY):
		return nil, fmt.Errorf("%w: admission: MaxY %g must be finite and ≥ 0", ErrOptions, o.MaxY)
	case o.Predictor == PredictPWL && !pos(o.UnitLoad):
		return nil, fmt.Errorf("%w: admission: the PWL predictor needs a unit load > 0, got %g", ErrOptions, o.UnitLoad)
	}
	return &Admission{o: o}, nil
}

// Admit reports whether flow may join replica instance; flowsOn returns the flows on a replica and
// reps are the service's routable replicas (bnb.Options.Admit's arguments).
func (a *Admission) Admit(flow, instance int, flowsOn func(instance int) []int, reps []sim.ReplicaView) bool {
	o := &a.o
	switch o.Predictor {
	case PredictErlangC, PredictPaper:
		f := o.Flow(flow)
		lambda, load := f.Load/f.Work, f.Load
		for _, v := range reps {
			for _, g := range flowsOn(v.Instance) {
				d := o.Flow(g)
				lambda += d.Load / d.Work
				load += d.Load
			}
		}
		mu := o.Cores * lambda / load
		var wq float64
		var err error
		if o.Predictor == PredictErlangC {
			_, wq, err = predict.ErlangC(max(len(reps), 1), lambda, mu)
		} else {
			wq, err = predict.PaperWait(max(len(reps), 1), lambda, mu)
		}
		return err == nil && wq <= o.LMax
	case PredictPWL:
		f := o.Flow(flow)
		load, dl := f.Load, f.Deadline
		for _, g := range flowsOn(instance) {
			d := o.Flow(g)
			load += d.Load
			dl = math.Min(dl, d.Deadline)
		}
		y := load / o.UnitLoad
		return (o.MaxY == 0 || y <= o.MaxY) && o.Model.Predict(y) <= dl
	}
	return true
}
