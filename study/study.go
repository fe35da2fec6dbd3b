package study

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Run executes spec and returns its summary. It fails if the spec is invalid, the scenario, the
// agent, the method or the workload cannot be built for it, or the simulation fails (or ctx is
// cancelled).
func Run(ctx context.Context, spec Spec) (Result, error) {
	if err := checkMeasures(spec.Measures); err != nil {
		return Result{}, err
	}
	b, m, err := build(ctx, spec)
	if err != nil {
		return Result{}, err
	}
	defer b.Close()
	out, err := newSinks(spec, b)
	if err != nil {
		return Result{}, err
	}
	defer out.abort()
	b.Config.Controllers, b.Config.Allocator, b.Config.Sink = m.Controllers, m.Allocator, out.tee
	s, err := sim.New(b.Config)
	if err != nil {
		return Result{}, err
	}
	t0 := time.Now()
	st, err := s.Run(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("study: %s at load %g seed %d: %w", spec.Method, spec.Load, spec.Seed, err)
	}
	if err := out.close(); err != nil {
		return Result{}, err
	}
	r := summarize(spec, b, st, out.sum)
	addReport(&r, m.Controllers)
	out.measure(&r, spec.Measures, st)
	r.WallS = time.Since(t0).Seconds()
	return r, nil
}

// build makes the scenario, the agent, the method and the workload of spec.
func build(ctx context.Context, spec Spec) (*scenario.Built, policy.Method, error) {
	if spec.Scenario == nil {
		return nil, policy.Method{}, fmt.Errorf("study: %s seed %d: no scenario", spec.Method, spec.Seed)
	}
	b, err := spec.Scenario.Build(scenario.BuildOptions{Load: spec.Load, Requests: spec.Requests, Seed: spec.Seed,
		Trace: spec.Trace, Profile: spec.Profile, RequestTrace: spec.RequestTrace})
	if err != nil {
		return nil, policy.Method{}, err
	}
	fail := func(err error) (*scenario.Built, policy.Method, error) {
		b.Close()
		return nil, policy.Method{}, err
	}
	ac := spec.Agent
	ac.Seed = spec.Seed
	ag, err := ac.Build(ctx)
	if err != nil {
		return fail(err)
	}
	m, err := spec.registry().New(spec.Method, policy.Options{Seed: spec.Seed, Interval: b.Epoch,
		Agent: ag, ChargeDecisionLatency: spec.ChargeDecisionLatency})
	if err != nil {
		return fail(err)
	}
	if err := spec.workload(b); err != nil {
		return fail(err)
	}
	return b, m, nil
}

func summarize(spec Spec, b *scenario.Built, st sim.Stats, sum *metrics.Summary) Result {
	f := func(g metrics.Group) Frac { return Frac(sum.Fulfillment(g)) }
	return Result{
		Load: spec.Load, Rho: Frac(b.Rho), Method: spec.Method, Agent: agentLabel(spec), Seed: spec.Seed,
		Requests: sum.Counts(metrics.Overall).Total,
		Overall:  f(metrics.Overall), RAN: f(metrics.RAN), AI: f(metrics.AI),
		LargeAI: f(metrics.LargeAI), SmallAI: f(metrics.SmallAI), URLLC: f(metrics.URLLC), EMBB: f(metrics.EMBB),
		Unfinished: sum.Counts(metrics.Overall).Unfinished, Dropped: sum.Counts(metrics.Overall).Dropped,
		MigrationsLarge: st.Migrations[sim.LargeAI], MigrationsTotal: st.MigrationsTotal(), Rejected: st.Rejected, ReplicasAdded: st.Added,
		RANInfeasible: st.RANInfeasible,
		AIP50:         Frac(sum.LatencyQuantile(metrics.AI, 0.5)), AIP99: Frac(sum.LatencyQuantile(metrics.AI, 0.99)),
		RANP99: Frac(sum.LatencyQuantile(metrics.RAN, 0.99)), Events: st.Events, SimEndS: st.End,
		DecisionMS: Frac(math.NaN()), PromptTokens: Frac(math.NaN()),
		Completed: sum.Counts(metrics.Overall).Finished(), LargeAICompleted: sum.Counts(metrics.LargeAI).Finished(),
		SmallAICompleted: sum.Counts(metrics.SmallAI).Finished(),
		AIMean:           Frac(sum.LatencyMean(metrics.AI)), LargeAIMean: Frac(sum.LatencyMean(metrics.LargeAI)),
		RANRounding:  st.RANRounding,
		RANTolerated: sum.Counts(metrics.RAN).Tolerated, RANDeadlineUsed: Frac(sum.DeadlineUsedMax(metrics.RAN)),
	}
}

// registry returns the registry of spec, policy.Default() if none.
func (spec Spec) registry() policy.Registry {
	if spec.Registry == nil {
		return policy.Default()
	}
	return spec.Registry
}

// workload applies spec.Workload to b.
func (spec Spec) workload(b *scenario.Built) error {
	if spec.Workload == nil {
		return nil
	}
	if spec.Workload.Source == nil || spec.Workload.Name == "" {
		return fmt.Errorf("study: Workload needs a Name and a Source")
	}
	src, err := spec.Workload.Source(b, spec.Seed)
	if err != nil {
		return fmt.Errorf("study: workload %s: %w", spec.Workload.Name, err)
	}
	b.Config.Source = src
	return nil
}

// tee forwards every record to each of its sinks, in order.
type tee []sim.Sink

func (t tee) Record(r sim.Record) {
	for _, s := range t {
		s.Record(r)
	}
}

// sinks are the consumers of a run's records: the summary, Spec.Sink, the meters, the record files.
type sinks struct {
	tee    tee
	sum    *metrics.Summary
	meters []Meter
	rec    *recordWriter
}

func newSinks(spec Spec, b *scenario.Built) (*sinks, error) {
	out := &sinks{sum: &metrics.Summary{}}
	out.tee = tee{out.sum}
	if spec.Sink != nil {
		out.tee = append(out.tee, spec.Sink)
	}
	for _, ms := range spec.Measures {
		m := ms.New()
		out.meters = append(out.meters, m)
		out.tee = append(out.tee, m)
	}
	if spec.Records == "" && spec.dataset.file == "" {
		return out, nil
	}
	out.rec = &recordWriter{b: b, run: spec.dataset.run, agent: agentLabel(spec)}
	out.tee = append(out.tee, out.rec)
	if spec.Records != "" {
		w, err := output.CreateRequestWriter(spec.Records)
		if err != nil {
			return nil, err
		}
		out.rec.w = w
	}
	if spec.dataset.file != "" {
		if err := os.MkdirAll(filepath.Dir(spec.dataset.file), 0o755); err != nil {
			out.rec.abort()
			return nil, err
		}
		ds, err := output.CreateParquet[datasetRequest](spec.dataset.file)
		if err != nil {
			out.rec.abort()
			return nil, err
		}
		out.rec.ds = ds
	}
	return out, nil
}

// close commits the record files.
func (s *sinks) close() error {
	if s.rec == nil {
		return nil
	}
	return s.rec.close()
}

// abort discards uncommitted record files.
func (s *sinks) abort() {
	if s.rec != nil {
		s.rec.abort()
	}
}

// measure stores each meter's value in r.Extra.
func (s *sinks) measure(r *Result, ms []Measure, st sim.Stats) {
	for i, m := range ms {
		if r.Extra == nil {
			r.Extra = map[string]float64{}
		}
		r.Extra[m.Name] = s.meters[i].Value(st)
	}
}
