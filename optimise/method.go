package optimise

import (
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Deploy asks for Replicas new replicas of the AI service named Service on MIG instances of one GPU.
type Deploy struct {
	Service  string `json:"service"`            // an AI service of the scenario
	Replicas int    `json:"replicas,omitempty"` // MIG instances needed; 0: 2 (the blog's LLM endpoint)
}

// Dynamic is the dynamic-scoring controller of a run and the run's MIG GPUs.
type Dynamic struct {
	Controller *dynscore.Controller
	GPUs       []*mig.GPU // scenario.Built.MIG's GPUs, in file order
}

// NewDynamic returns the dynamic-scoring method for a run of sc built with bo, in mode with the
// whole site's power cap capW (W; 0: none), deploying ds at the first epoch on the scenario's MIG
// GPUs, and its controller. The scenario is built here once more (one request) for its MIG GPUs,
// power models and service indices, which policy.Options does not carry; o gives the interval and
// the run's telemetry.
func NewDynamic(sc *scenario.Scenario, bo scenario.BuildOptions, mode dynscore.Mode, capW float64, ds []Deploy, o policy.Options) (policy.Method, Dynamic, error) {
	bo.Requests = 1
	b, err := sc.Build(bo)
	if err != nil {
		return policy.Method{}, Dynamic{}, err
	}
	defer b.Close()
	var deps []dynscore.Deployment
	for _, d := range ds {
		svc := -1
		for i, s := range b.Config.Services {
			if s.Name == d.Service {
				svc = i
			}
		}
		if svc < 0 {
			return policy.Method{}, Dynamic{}, fmt.Errorf("optimise: service %q is not in scenario %s", d.Service, sc.Name)
		}
		if c := b.Config.Services[svc].Category; c != sim.LargeAI && c != sim.SmallAI {
			return policy.Method{}, Dynamic{}, fmt.Errorf("optimise: service %q is a %s service, not an AI one", d.Service, c)
		}
		n := d.Replicas
		if n == 0 {
			n = 2
		}
		deps = append(deps, dynscore.Deployment{Service: svc, Replicas: n})
	}
	if len(deps) > 0 && len(b.MIG) == 0 {
		return policy.Method{}, Dynamic{}, fmt.Errorf("optimise: scenario %s has no MIG GPU to deploy on", sc.Name)
	}
	gpus := make([]*mig.GPU, len(b.MIG))
	for i := range b.MIG {
		gpus[i] = b.MIG[i].GPU
	}
	iv := o.Interval
	if iv <= 0 {
		iv = b.Epoch
	}
	c, err := dynscore.New(dynscore.Options{Interval: iv, Telemetry: o.Telemetry, GPUs: gpus, Power: b.Power,
		PowerCapW: capW, Mode: mode, Deployments: deps})
	if err != nil {
		return policy.Method{}, Dynamic{}, fmt.Errorf("optimise: %w", err)
	}
	return policy.Method{Name: policy.MethodDynamicScoring, Controllers: []sim.ControllerSpec{c.Spec()}, Allocator: allocator.HAF{}}, Dynamic{c, gpus}, nil
}
