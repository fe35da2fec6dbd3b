package main

import (
	"github.com/airansim/airansim/optimise"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
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

// newDynamic builds the dynamic-scoring controller of a variant for a run of sc at load and seed
// (optimise.NewDynamic): it deploys the LLM endpoint on two MIG instances at the first epoch.
func newDynamic(v variant, sc *scenario.Scenario, load float64, seed uint64, capW float64, o policy.Options) (policy.Method, *dynscore.Controller, error) {
	m, d, err := optimise.NewDynamic(sc, scenario.BuildOptions{Load: load, Seed: seed}, v.dyn, capW,
		[]optimise.Deploy{{Service: deployService, Replicas: 2}}, o)
	return m, d.Controller, err
}
