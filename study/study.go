package study

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Spec is one run: a scenario at a load with a method and a seed.
type Spec struct {
	Scenario              *scenario.Scenario
	Load                  float64      // ρ
	Method                string       // registered method name
	Agent                 agent.Config // placement agent of haf and haf-nocritic (its Spec is the "agent" column)
	ChargeDecisionLatency bool         // haf: apply a placement only after the agent's measured latency
	Seed                  uint64
	Requests              int      // 0: the scenario's count at this load
	Trace                 string   // Azure trace file; "": the embedded model
	RequestTrace          string   // generic request trace replacing the whole workload (docs/traces.md); "": none
	Profile               string   // calibration profile; "": the scenario's
	Sink                  sim.Sink // optional extra sink
	Records               string   // directory for requests.csv and requests.parquet; "": not written
}

// Run executes spec and returns its summary.
func Run(ctx context.Context, spec Spec) (Result, error) {
	b, err := spec.Scenario.Build(scenario.BuildOptions{Load: spec.Load, Requests: spec.Requests, Seed: spec.Seed,
		Trace: spec.Trace, Profile: spec.Profile, RequestTrace: spec.RequestTrace})
	if err != nil {
		return Result{}, err
	}
	defer b.Close()
	ac := spec.Agent
	ac.Seed = spec.Seed
	ag, err := ac.Build(ctx)
	if err != nil {
		return Result{}, err
	}
	m, err := policy.Default().New(spec.Method, policy.Options{Seed: spec.Seed, Interval: b.Epoch,
		Agent: ag, ChargeDecisionLatency: spec.ChargeDecisionLatency})
	if err != nil {
		return Result{}, err
	}
	sum := &metrics.Summary{}
	sinks := tee{sum, spec.Sink, nil}
	if spec.Records != "" {
		w, err := output.CreateRequestWriter(spec.Records)
		if err != nil {
			return Result{}, err
		}
		defer w.Abort()
		sinks.rec = &recordWriter{w: w, b: b}
	}
	b.Config.Controllers, b.Config.Allocator, b.Config.Sink = m.Controllers, m.Allocator, sinks
	s, err := sim.New(b.Config)
	if err != nil {
		return Result{}, err
	}
	t0 := time.Now()
	st, err := s.Run(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("study: %s at load %g seed %d: %w", spec.Method, spec.Load, spec.Seed, err)
	}
	if sinks.rec != nil {
		if sinks.rec.err != nil {
			return Result{}, sinks.rec.err
		}
		if err := sinks.rec.w.Close(); err != nil {
			return Result{}, err
		}
	}
	r := summarize(spec, b, st, sum)
	addReport(&r, m.Controllers)
	r.WallS = time.Since(t0).Seconds()
	return r, nil
}

func summarize(spec Spec, b *scenario.Built, st sim.Stats, sum *metrics.Summary) Result {
	f := func(g metrics.Group) Frac { return Frac(sum.Fulfillment(g)) }
	return Result{
		Load: spec.Load, Rho: Frac(b.Rho), Method: spec.Method, Agent: agentLabel(spec), Seed: spec.Seed,
		Requests: sum.Counts(metrics.Overall).Total,
		Overall:  f(metrics.Overall), RAN: f(metrics.RAN), AI: f(metrics.AI),
		LargeAI: f(metrics.LargeAI), SmallAI: f(metrics.SmallAI), URLLC: f(metrics.URLLC), EMBB: f(metrics.EMBB),
		Unfinished: sum.Counts(metrics.Overall).Unfinished, Dropped: sum.Counts(metrics.Overall).Dropped,
		MigrationsLarge: st.Migrations[sim.LargeAI], MigrationsTotal: st.MigrationsTotal(), Rejected: st.Rejected,
		RANInfeasible: st.RANInfeasible,
		AIP50:         Frac(sum.LatencyQuantile(metrics.AI, 0.5)), AIP99: Frac(sum.LatencyQuantile(metrics.AI, 0.99)),
		RANP99: Frac(sum.LatencyQuantile(metrics.RAN, 0.99)), Events: st.Events, SimEndS: st.End,
		DecisionMS: Frac(math.NaN()), PromptTokens: Frac(math.NaN()),
	}
}

// tee forwards records to the summary and an optional second sink.
type tee struct {
	a   *metrics.Summary
	b   sim.Sink
	rec *recordWriter
}

func (t tee) Record(r sim.Record) {
	t.a.Record(r)
	if t.b != nil {
		t.b.Record(r)
	}
	if t.rec != nil {
		t.rec.Record(r)
	}
}
