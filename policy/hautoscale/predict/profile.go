package predict

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// Defaults of ProfileOptions.
const (
	DefaultProfilePeriod  = 1   // mean gap between two requests of one xApp, s
	DefaultProfileWarmup  = 60  // s discarded at the start of each run
	DefaultProfileHorizon = 600 // s measured after the warm-up
)

// DefaultProfileLoads are the xApp counts profiled when ProfileOptions.Loads is nil: 4, 8, …, 44
// CPU-intensive xApps on 2 cores (up to 92 % of the CPU).
var DefaultProfileLoads = []int{4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44}

// ProfileOptions configures Profile. The zero value of every field selects the default in its comment.
type ProfileOptions struct {
	Loads    []int     // xApp counts y, each ≥ 1; nil: DefaultProfileLoads.
	Type     xapp.Type // Application type; zero: xapp.DefaultTypes' "cpu-intensive" (0.0417 cores).
	Cores    float64   // CPU of the single replica's node, cores (> 0); 0: xapp.HostCores (2).
	Period   float64   // Mean gap between two Poisson requests of one xApp, s (> 0); 0: 1.
	Warmup   float64   // Requests arriving before Warmup are not measured, s (≥ 0); 0: 60.
	Horizon  float64   // Requests arrive in [0, Warmup+Horizon), s (> 0); 0: 600.
	Quantile float64   // The sample time is this latency quantile, in (0, 1]; 0: the mean latency.
	Seed     uint64    // Run seed (run k uses Seed+k).
}

func (o ProfileOptions) withDefaults() (ProfileOptions, error) {
	if o.Loads == nil {
		o.Loads = DefaultProfileLoads
	}
	if o.Type == (xapp.Type{}) {
		o.Type = xapp.DefaultTypes()[2]
	}
	if o.Cores == 0 {
		o.Cores = xapp.HostCores
	}
	if o.Period == 0 {
		o.Period = DefaultProfilePeriod
	}
	if o.Warmup == 0 {
		o.Warmup = DefaultProfileWarmup
	}
	if o.Horizon == 0 {
		o.Horizon = DefaultProfileHorizon
	}
	fin := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case len(o.Loads) == 0 || slices.ContainsFunc(o.Loads, func(y int) bool { return y < 1 }):
		return o, fmt.Errorf("predict: loads %v: need at least one, each ≥ 1", o.Loads)
	case !(o.Cores > 0) || !fin(o.Cores) || !(o.Period > 0) || !fin(o.Period) || !(o.Horizon > 0) || !fin(o.Horizon):
		return o, fmt.Errorf("predict: cores %g, period %g s and horizon %g s must be finite and > 0", o.Cores, o.Period, o.Horizon)
	case !(o.Warmup >= 0) || !fin(o.Warmup):
		return o, fmt.Errorf("predict: warm-up %g s must be finite and ≥ 0", o.Warmup)
	case !(o.Quantile >= 0 && o.Quantile <= 1):
		return o, fmt.Errorf("predict: quantile %g: need 0 ≤ q ≤ 1", o.Quantile)
	}
	return o, nil
}

type latencies struct {
	from float64
	l    []float64
	lost int
}

func (k *latencies) Record(r sim.Record) {
	if r.Arrival < k.from {
		return
	}
	if !r.Finished {
		k.lost++
		return
	}
	k.l = append(k.l, r.Latency())
}

// Profile runs the simulator once per load y: one replica of a CPU service on a node of Cores cores
// (allocator.EqualShare), y xApps of Type deployed at time 0 each sending Poisson requests of mean gap
// Period, and returns one Sample per load: y and the mean (or Quantile) latency, s, of the requests
// arriving in [Warmup, Warmup+Horizon). It returns an error for invalid options, a failed run, or a
// load where a measured request is unfinished 30 s after the last arrival (an overloaded replica).
func Profile(o ProfileOptions) ([]Sample, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	out := make([]Sample, 0, len(o.Loads))
	for k, y := range o.Loads {
		src, err := xapp.New(xapp.Options{Service: 2, Types: []xapp.Type{o.Type}, Period: o.Period, Poisson: true, Interval: 1e-6,
			Horizon: o.Warmup + o.Horizon, Seed: o.Seed + uint64(k), Name: "predict/profile",
			Deployments: []xapp.Deployment{{Tenant: "profile", Type: o.Type.Name, N: y}}})
		if err != nil {
			return nil, fmt.Errorf("predict: load %d: %w", y, err)
		}
		lat := &latencies{from: o.Warmup}
		s, err := sim.New(sim.Config{
			Nodes:     []sim.NodeSpec{{Name: "ran", CPU: 1}, {Name: "ric", CPU: o.Cores}},
			Services:  []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP}, {Name: "ric", Category: sim.SmallAI}},
			Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 1}},
			Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
			Source:    src, Allocator: allocator.EqualShare{}, Sink: lat,
		})
		if err != nil {
			return nil, fmt.Errorf("predict: load %d: %w", y, err)
		}
		if _, err := s.Run(context.Background()); err != nil {
			return nil, fmt.Errorf("predict: load %d: %w", y, err)
		}
		if lat.lost > 0 || len(lat.l) == 0 {
			return nil, fmt.Errorf("predict: load %d: %d measured requests unfinished, %d finished (overloaded replica)", y, lat.lost, len(lat.l))
		}
		t := 0.0
		if o.Quantile == 0 {
			for _, v := range lat.l {
				t += v
			}
			t /= float64(len(lat.l))
		} else {
			slices.Sort(lat.l)
			t = lat.l[max(0, int(math.Ceil(o.Quantile*float64(len(lat.l))))-1)]
		}
		out = append(out, Sample{Load: float64(y), Time: t})
	}
	return out, nil
}

// ProfileFit profiles the simulator (Profile) and fits the model to the samples (Fit).
func ProfileFit(p ProfileOptions, o Options) (Model, []Sample, error) {
	s, err := Profile(p)
	if err != nil {
		return Model{}, nil, err
	}
	m, err := Fit(s, o)
	return m, s, err
}
