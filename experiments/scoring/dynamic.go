package main

import (
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Names of the dynamic-scoring variants.
const (
	methodDSPerformance = "dynamic-scoring-performance"
	methodDSPowerCap    = "dynamic-scoring-power-cap"
	methodDSAuto        = "dynamic-scoring-auto"
)

// deployService is the service the dynamic-scoring variants deploy on two MIG instances of a GPU (the
// blog's LLM endpoint "requires two GPUs … at least two MIG instances").
const deployService = "llm"

// variantsDynamic returns the dynamic-scoring method's modes: each deploys the LLM endpoint on two MIG
// instances at the first epoch (layout by mode) and places AI instances by OCM Placement rounds.
func variantsDynamic() map[string]variant {
	return map[string]variant{
		methodDSPerformance: {Method: policy.MethodDynamicScoring, Summary: "dynamic-scoring, performance mode: the LLM on the two MIG instances of most compute",
			dyn: dynscore.ModePerformance},
		methodDSPowerCap: {Method: policy.MethodDynamicScoring, Summary: "dynamic-scoring, power-cap mode: the lowest-peak layout that serves the LLM under --cap-w",
			dyn: dynscore.ModePowerCap},
		methodDSAuto: {Method: policy.MethodDynamicScoring, Summary: "dynamic-scoring, switching between the two modes by forecast power headroom (10 % of --cap-w)",
			dyn: dynscore.ModeAuto},
	}
}

// newDynamic builds the dynamic-scoring controller of a variant for a run of sc at load and seed: the
// scenario is built once more (cheaply, one request) for its MIG GPUs, power models and service
// indices, which the registry's options do not carry.
func newDynamic(v variant, sc *scenario.Scenario, load float64, seed uint64, capW float64, o policy.Options) (policy.Method, *dynscore.Controller, error) {
	b, err := sc.Build(scenario.BuildOptions{Load: load, Requests: 1, Seed: seed})
	if err != nil {
		return policy.Method{}, nil, err
	}
	defer b.Close()
	svc := -1
	for i, s := range b.Config.Services {
		if s.Name == deployService {
			svc = i
		}
	}
	if svc < 0 || len(b.MIG) == 0 {
		return policy.Method{}, nil, fmt.Errorf("scoring: %s needs a service %q and a MIG GPU in the scenario", v.Method, deployService)
	}
	gpus := make([]*mig.GPU, len(b.MIG))
	for i := range b.MIG {
		gpus[i] = b.MIG[i].GPU
	}
	c, err := dynscore.New(dynscore.Options{Interval: intervalOf(o), Telemetry: o.Telemetry, GPUs: gpus, Power: b.Power,
		PowerCapW: capW, Mode: v.dyn, Deployments: []dynscore.Deployment{{Service: svc, Replicas: 2}}})
	if err != nil {
		return policy.Method{}, nil, err
	}
	return policy.Method{Name: policy.MethodDynamicScoring, Controllers: []sim.ControllerSpec{c.Spec()}, Allocator: allocator.HAF{}}, c, nil
}
