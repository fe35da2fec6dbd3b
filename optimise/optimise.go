package optimise

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// Objectives of an intent.
const (
	Performance = "performance" // maximise what the deployment gets; the cap is reported, not enforced
	Power       = "power"       // keep the configuration's peak power under the cap; the cheapest layout that serves
	Auto        = "auto"        // switch between the two by forecast power headroom (10 % of the cap)
)

// ErrIntent is wrapped by the errors of an invalid intent.
var ErrIntent = errors.New("optimise: invalid intent")

// Intent is what an operator or an LLM agent asks for (the tool's input, docs/scoring.md §optimise).
// The zero value of every field but Objective selects the default in its comment.
type Intent struct {
	Objective string   `json:"objective"`          // Performance, Power or Auto
	CapW      float64  `json:"cap_w,omitempty"`    // power cap of the whole site, W; required (> 0) for Power and Auto
	Services  []string `json:"services,omitempty"` // AI services to deploy on MIG instances; nil: none (placement only)
	Replicas  int      `json:"replicas,omitempty"` // MIG instances per service; 0: 2
	Load      float64  `json:"load,omitempty"`     // load ρ of the what-if run; 0: 0.35
	Seed      uint64   `json:"seed,omitempty"`     // seed of the what-if run's workload; 0: 1
	Requests  int      `json:"requests,omitempty"` // requests of the what-if run at load 1; 0: the scenario's count scaled by ρ
}

// Step is one change the plan makes, in time order: a GPU's MIG layout becoming compliant, or a
// service's set of replicas (its nodes) changing.
type Step struct {
	TimeS   float64  `json:"t_s"`               // epoch at which the change was first observed, s
	Kind    string   `json:"kind"`              // "layout" or "replicas"
	GPU     string   `json:"gpu,omitempty"`     // kind layout: the MIG GPU (scenario node)
	Layout  string   `json:"layout,omitempty"`  // kind layout: the compliant layout, PROFILE@START,…
	Service string   `json:"service,omitempty"` // kind replicas: the service
	Nodes   []string `json:"nodes,omitempty"`   // kind replicas: the nodes of its replicas after the change
}

// Predicted is the what-if run's outcome under the plan.
type Predicted struct {
	Overall       float64 `json:"overall"`          // fulfillment of every request, fraction
	RAN           float64 `json:"ran"`              // RAN-only requests
	AI            float64 `json:"ai"`               // AI requests
	LargeAI       float64 `json:"large_ai"`         // large-AI requests
	SmallAI       float64 `json:"small_ai"`         // small-AI requests
	EnergyJ       float64 `json:"energy_j"`         // energy of every node, J
	EnergyPerMetJ float64 `json:"energy_per_met_j"` // J per met request (0 when none met)
	PeakWMax      float64 `json:"peak_w_max"`       // largest configuration peak power after an epoch's plan, W
	ForecastWMax  float64 `json:"forecast_w_max"`   // largest power forecast read by the mode switch, W (0: none)
	EpochsPeakCap int     `json:"epochs_peak_over_cap"`
	Epochs        int     `json:"epochs"`
	DurationS     float64 `json:"duration_s"` // simulated time of the what-if run, s
}

// Decision is Optimise's answer (the tool's output).
type Decision struct {
	Objective string              `json:"objective"`
	Mode      string              `json:"mode"`     // the dynamic-scoring mode the objective maps to ("" for auto)
	CapW      float64             `json:"cap_w"`    // W; 0: none
	Feasible  bool                `json:"feasible"` // every requested deployment was deployed
	Reason    string              `json:"reason"`   // why not, when not feasible
	Plan      []Step              `json:"plan"`     // ordered changes
	Layouts   map[string]string   `json:"layouts"`  // every MIG GPU's layout at the end
	Replicas  map[string][]string `json:"replicas"` // every requested service's replica nodes at the end
	Predicted Predicted           `json:"predicted"`
}

// check validates in and fills its defaults.
func (in Intent) check() (Intent, dynscore.Mode, error) {
	fin := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	var mode dynscore.Mode
	switch in.Objective {
	case Performance:
		mode = dynscore.ModePerformance
	case Power:
		mode = dynscore.ModePowerCap
	case Auto:
		mode = dynscore.ModeAuto
	default:
		return in, mode, fmt.Errorf("%w: objective %q: want %q, %q or %q", ErrIntent, in.Objective, Performance, Power, Auto)
	}
	switch {
	case !fin(in.CapW) || in.CapW < 0:
		return in, mode, fmt.Errorf("%w: cap_w %g: must be finite and ≥ 0", ErrIntent, in.CapW)
	case in.CapW == 0 && in.Objective != Performance:
		return in, mode, fmt.Errorf("%w: objective %q needs cap_w > 0", ErrIntent, in.Objective)
	case in.Replicas < 0 || in.Requests < 0:
		return in, mode, fmt.Errorf("%w: replicas and requests must be ≥ 0", ErrIntent)
	case !fin(in.Load) || in.Load < 0:
		return in, mode, fmt.Errorf("%w: load %g: must be finite and ≥ 0", ErrIntent, in.Load)
	}
	if in.Load == 0 {
		in.Load = 0.35
	}
	if in.Seed == 0 {
		in.Seed = 1
	}
	if in.Replicas == 0 {
		in.Replicas = 2
	}
	return in, mode, nil
}

// Optimise decides the intent on scenario sc: it runs the dynamic-scoring method in the intent's mode
// on a what-if simulation of sc (its workload at the intent's load and seed, with telemetry and the
// scorers on it) and returns the changes it made in order — MIG layouts made compliant, replicas
// deployed or moved — with the run's outcome. The same intent and scenario give the same decision.
func Optimise(ctx context.Context, sc *scenario.Scenario, in Intent) (Decision, error) {
	in, mode, err := in.check()
	if err != nil {
		return Decision{}, err
	}
	var deps []Deploy
	for _, s := range in.Services {
		deps = append(deps, Deploy{Service: s, Replicas: in.Replicas})
	}
	tl := &timeline{services: in.Services}
	var ctl *dynscore.Controller
	reg := policy.Registry{"optimise": {Summary: "dynamic-scoring for an intent", New: func(o policy.Options) (policy.Method, error) {
		m, c, err := NewDynamic(sc, scenario.BuildOptions{Load: in.Load, Seed: in.Seed}, mode, in.CapW, deps, o)
		if err != nil {
			return m, err
		}
		ctl, tl.gpus = c.Controller, c.GPUs
		m.Controllers = append(m.Controllers, sim.ControllerSpec{Controller: tl, Period: m.Controllers[0].Period})
		return m, nil
	}}}
	req := 0
	if in.Requests > 0 {
		req = int(float64(in.Requests)*in.Load + 0.5)
	}
	r, err := study.Run(ctx, study.Spec{Scenario: sc, Load: in.Load, Method: "optimise", Registry: reg, Seed: in.Seed,
		Requests: req, Telemetry: &telemetry.Options{Step: 1}})
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Objective: in.Objective, Mode: string(mode), CapW: in.CapW, Plan: tl.steps, Layouts: tl.layouts, Replicas: tl.nodes,
		Predicted: Predicted{Overall: float64(r.Overall), RAN: float64(r.RAN), AI: float64(r.AI), LargeAI: float64(r.LargeAI),
			SmallAI: float64(r.SmallAI), EnergyJ: r.EnergyJ, DurationS: r.SimEndS}}
	if v := float64(r.EnergyPerMetJ); !math.IsNaN(v) {
		d.Predicted.EnergyPerMetJ = v
	}
	deployed, refused := 0, 0
	for _, e := range ctl.Epochs() {
		d.Predicted.Epochs++
		d.Predicted.PeakWMax = math.Max(d.Predicted.PeakWMax, e.PeakW)
		if !math.IsNaN(e.ForecastW) {
			d.Predicted.ForecastWMax = math.Max(d.Predicted.ForecastWMax, e.ForecastW)
		}
		if in.CapW > 0 && e.PeakW > in.CapW {
			d.Predicted.EpochsPeakCap++
		}
		deployed += e.Deployed
		refused += e.Refused
	}
	d.Feasible = deployed == len(deps)
	switch {
	case d.Feasible:
	case refused > 0:
		d.Reason = fmt.Sprintf("no MIG layout keeps the configuration's peak power under %g W", in.CapW)
	default:
		d.Reason = "the deployment did not complete within the what-if run"
	}
	return d, nil
}

// timeline is a controller called after the method's: it records the MIG layouts as they become
// compliant and the replica nodes of the intent's services as they change.
type timeline struct {
	services []string
	gpus     []*mig.GPU
	watch    []mig.Watcher
	steps    []Step
	layouts  map[string]string
	nodes    map[string][]string
}

func (t *timeline) Name() string { return "optimise-timeline" }

func (t *timeline) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if t.watch == nil {
		t.watch = make([]mig.Watcher, len(t.gpus))
		t.layouts, t.nodes = map[string]string{}, map[string][]string{}
		for i, g := range t.gpus {
			t.watch[i].GPU = g
		}
	}
	for i := range t.watch {
		w := &t.watch[i]
		w.Observe(s)
		if l, ok := w.Claim(0); ok {
			if old, seen := t.layouts[w.GPU.Name]; !seen || old != l {
				if seen {
					t.steps = append(t.steps, Step{TimeS: s.Time, Kind: "layout", GPU: w.GPU.Name, Layout: l})
				}
				t.layouts[w.GPU.Name] = l
			}
		}
	}
	for _, name := range t.services {
		var nodes []string
		for _, in := range s.Instances {
			if in.State != sim.StateRetired && s.Services[in.Service].Name == name {
				nodes = append(nodes, s.Nodes[in.Node].Spec.Name)
			}
		}
		slices.Sort(nodes)
		old, seen := t.nodes[name]
		if seen && !slices.Equal(old, nodes) {
			t.steps = append(t.steps, Step{TimeS: s.Time, Kind: "replicas", Service: name, Nodes: nodes})
		}
		t.nodes[name] = nodes
	}
	return nil, nil
}
