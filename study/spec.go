package study

import (
	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Spec is one run: a scenario at a load with a method and a seed. Every field but Sink and
// Records determines the result and is part of the run's fingerprint (see Inputs). The zero value
// of every field but Scenario and Method selects the default in its comment.
type Spec struct {
	Scenario              *scenario.Scenario // required
	Load                  float64            // ρ; 0: 1
	Method                string             // method name in Registry
	Registry              policy.Registry    // the methods a study can run; nil: policy.Default()
	Agent                 agent.Config       // placement agent of haf and haf-nocritic (its Spec is the "agent" column); zero: the heuristic
	ChargeDecisionLatency bool               // haf: apply a placement only after the agent's measured latency
	Seed                  uint64             // seed of the workload and of every random component
	Requests              int                // total requests (AI + RAN); 0: the scenario's count at this load
	Trace                 string             // Azure trace file; "": the embedded model
	RequestTrace          string             // generic request trace replacing the whole workload (docs/traces.md); "": none
	Profile               string             // calibration profile file; "": the scenario's
	Workload              *Workload          // replaces or extends the scenario's request source; nil: the scenario's
	Measures              []Measure          // extra columns measured in the run, stored in Result.Extra
	Params                any                // your own inputs that determine the run (e.g. your method's parameters), JSON-encodable; nil: none
	Sink                  sim.Sink           // optional extra sink of every request record; not part of the fingerprint
	Records               string             // directory for requests.csv and requests.parquet; "": not written; not part of the fingerprint

	dataset datasetPart // the run's file in a Dataset's requests table, set by SweepOptions.Jobs; not part of the fingerprint
}

// datasetPart is where a run writes its records in a Dataset.
type datasetPart struct {
	file string // requests table file; "": none
	run  string // the run's key
}

// Workload replaces or extends the request source of a run (an outside workload generator).
type Workload struct {
	// Name identifies the workload in the run's inputs, and so in its fingerprint: change it (or
	// Spec.Params) whenever what Source returns changes. Required.
	Name string

	// Source returns the run's request source. b is the scenario built for the run:
	// b.Config.Source is the scenario's own workload, already capped to the run's request count,
	// which Source may return merged with its own (traces.Merge), wrapped, or ignore. seed is the
	// run's seed. Methods that fork the simulation (haf's critic rollouts, oracle) need a
	// sim.ForkableSource.
	Source func(b *scenario.Built, seed uint64) (sim.Source, error)
}

// Measure adds a column to a study: a Meter of each run, whose value is stored in
// Result.Extra[Name] and written after the built-in columns of summary.csv and the run's JSON.
type Measure struct {
	Name string       // column name: snake_case, ending in its unit (idle_gpu_s); not a built-in column's
	Unit string       // unit of the value, for documentation
	Doc  string       // one-line meaning, for documentation
	New  func() Meter // returns a fresh meter for one run
}

// Meter measures one extra column of one run.
type Meter interface {
	sim.Sink                    // Record sees every request record of the run
	Value(st sim.Stats) float64 // the column's value once the run has ended (NaN allowed)
}
