// Command ablation runs the paper's critic ablation (Table II): for each placement agent, HAF with the
// critic (haf) and without it (haf-nocritic) at one load and several seeds, plus the agent-independent
// reference rows lookahead (greedy one-interval lookahead over exact rollouts; not a bound) and
// haf-static (no placement).
// It writes ablation.csv, ablation.md (Table II layout, with the paper's published rows) and
// config.json to --out. Finished runs are stored under --out/runs as they finish, each with the
// fingerprint of its inputs, so --resume continues an interrupted ablation and refuses a stored run
// whose inputs changed (--rerun-stale runs it again).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

// agentMethods are run once per agent; refMethods once per seed, whatever the agents.
var (
	agentMethods = []string{policy.MethodHAF, policy.MethodHAFNoCritic}
	refMethods   = []string{policy.MethodLookahead, policy.MethodHAFStatic}
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("ablation", f.Scenario, f.Profile, f.Out, f, map[string]any{"agent_methods": agentMethods})
	if err != nil {
		return err
	}
	opt := f.Sweep("ablation", stderr)
	jobs, pending, err := makeJobs(f, makeSpecs(f, sc), opt.Dir, opt.Resume)
	if err != nil {
		return err
	}
	if f.Plan != "" || f.Merge {
		pending = nil // nothing runs: no agent to check
	}
	if err := preflight(ctx, f, pending); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "ablation: %d runs (%d agents × %d methods + %d references, × %d seeds) at ρ = %g, output %s\n",
		len(jobs), len(f.Agents), len(agentMethods), len(refMethods), f.Seeds, f.Load, f.Out)
	t0 := time.Now()
	rs, err := runner.Run(ctx, jobs, opt.Runner())
	if err != nil {
		return err
	}
	rs = sortResults(rs, f.Agents)
	if err := writeCSV(filepath.Join(f.Out, "ablation.csv"), rs); err != nil {
		return err
	}
	md := table(rs, f)
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "ablation.md"), []byte(md)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nablation: %d runs in %.1fs; results in %s\n", md, len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// makeSpecs returns the runs, the slowest first: the lookahead, then in-process agents, then Ollama
// agents.
func makeSpecs(f *config, sc *scenario.Scenario) []study.Spec {
	base := func(method string, seed uint64) study.Spec {
		return study.Spec{Scenario: sc, Load: f.Load, Method: method, Seed: seed, Trace: f.Trace, Profile: f.Profile,
			Requests: f.Requests, ChargeDecisionLatency: f.Charge}
	}
	var specs []study.Spec
	for _, m := range refMethods {
		for k := 0; k < f.Seeds; k++ {
			specs = append(specs, base(m, f.Seed+uint64(k)))
		}
	}
	for _, llm := range []bool{false, true} {
		for _, a := range f.Agents {
			if isOllama(a) != llm {
				continue
			}
			for _, m := range agentMethods {
				for k := 0; k < f.Seeds; k++ {
					spec := base(m, f.Seed+uint64(k))
					spec.Agent = f.agentConfig(a)
					specs = append(specs, spec)
				}
			}
		}
	}
	return specs
}

// runKey is a run's stored file name: <method>_load<ρ>_seed<n> for the references,
// <agent>_<method>_load<ρ>_seed<n> for the agents' methods.
func runKey(s study.Spec) string {
	if slices.Contains(agentMethods, s.Method) {
		return fmt.Sprintf("%s_%s_load%g_seed%d", safeName(s.Agent.Spec), s.Method, s.Load, s.Seed)
	}
	return fmt.Sprintf("%s_load%g_seed%d", s.Method, s.Load, s.Seed)
}

// makeJobs returns the jobs of specs, Ollama runs limited to --ollama-parallel at once, and the
// agents that have a job to run (all of them unless resume finds their results stored in dir with
// unchanged inputs).
func makeJobs(f *config, specs []study.Spec, dir string, resume bool) (jobs []runner.Job[study.Result], pending []string, err error) {
	jobs, err = study.Jobs(specs, runKey)
	if err != nil {
		return nil, nil, err
	}
	sem := make(chan struct{}, f.OllamaParallel)
	seen := map[string]bool{}
	for i, s := range specs {
		if isOllama(s.Agent.Spec) {
			jobs[i].Run = limited(sem, jobs[i].Run)
		}
		a := s.Agent.Spec
		if slices.Contains(agentMethods, s.Method) && !seen[a] && !(resume && runner.Fresh(dir, jobs[i])) {
			seen[a] = true
			pending = append(pending, a)
		}
	}
	return jobs, pending, nil
}

// limited runs run once it holds one of sem's slots.
func limited(sem chan struct{}, run func(context.Context) (study.Result, error)) func(context.Context) (study.Result, error) {
	return func(ctx context.Context) (study.Result, error) {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return study.Result{}, ctx.Err()
		}
		defer func() { <-sem }()
		return run(ctx)
	}
}

// preflight builds each agent that has runs to do once, so that an unreachable Ollama server, a
// model that is not pulled or a missing replay file is reported before any run starts.
func preflight(ctx context.Context, f *config, agents []string) error {
	for _, a := range agents {
		if _, err := f.agentConfig(a).Build(ctx); err != nil {
			return fmt.Errorf("--agents %s: %w", a, err)
		}
	}
	return nil
}
