// Command run simulates one scenario with one method and writes per-request records and a summary.
//
//	go run ./experiments/run --scenario FILE --out DIR [--method haf-static] [--load 1] [--seed 1]
//
// It writes DIR/requests.csv and DIR/requests.parquet (one row per request, columns in
// docs/metrics.md), DIR/summary.json, and DIR/config.json (the command line and the calibration
// profile used, also printed on standard error).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

func main() { cli.Main(run) }

type flags struct {
	agent                                 agentflag.Flags
	record, requestTrace                  string
	scenario, out, method, trace, profile string
	load, telemetryStep                   float64
	seed                                  uint64
	requests                              int
}

func parse(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.scenario, "scenario", "", "scenario file (JSON, docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&f.out, "out", "out/run", "output directory for requests.csv, requests.parquet, summary.json (and telemetry.csv)")
	fs.StringVar(&f.method, "method", policy.MethodHAFStatic, "placement method (see Methods below)")
	fs.Float64Var(&f.load, "load", 1, "target load ρ = λ·W̄/G_AI (docs/model.md)")
	fs.Uint64Var(&f.seed, "seed", 1, "workload seed; the same seed gives byte-identical outputs")
	fs.IntVar(&f.requests, "requests", 0, "total requests (AI + RAN); 0: the scenario's count at this load")
	fs.StringVar(&f.trace, "trace", "", "Azure LLM trace (CSV or parquet, TIMESTAMP,ContextTokens,GeneratedTokens) replacing the embedded workload model")
	fs.StringVar(&f.profile, "profile", "", "calibration profile (JSON, docs/profile.md) overriding the scenario's cost model")
	fs.StringVar(&f.requestTrace, "request-trace", "", "generic request trace (CSV or parquet, docs/traces.md) replacing the whole workload, AI and RAN, replayed as is (--load and --trace are then ignored; --requests caps it)")
	agentflag.Register(fs, &f.agent)
	fs.Float64Var(&f.telemetryStep, "telemetry-step", 0, "record every node's telemetry at this step, s, into telemetry.csv (docs/telemetry.md); 0: none")
	fs.StringVar(&f.record, "record", "", "record every LLM answer to this JSON Lines file, for --agent replay:FILE")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/run [flags]\n\nSimulates one scenario with one method.\n\nFlags:\n%s\nMethods:\n%s", fs.FlagUsages(), policy.Default().Help())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return f, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("run", f.scenario, f.profile, f.out, f.asMap(), nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "run: scenario %s, method %s, agent %s, load %g, seed %d, cost profile %s\n", sc.Name, f.method,
		f.agent.Spec, f.load, f.seed, sc.ProfileLabel(f.profile))
	ac := f.agent.Config()
	if f.record != "" {
		rec, err := output.CreateAtomic(f.record)
		if err != nil {
			return err
		}
		defer rec.Abort()
		ac.Record = rec
		defer func() {
			if err == nil {
				err = rec.Commit()
			}
		}()
	}
	spec := study.Spec{Scenario: sc, Load: f.load, Method: f.method, Seed: f.seed,
		Requests: f.requests, Trace: f.trace, RequestTrace: f.requestTrace, Profile: f.profile, Records: f.out, Agent: ac,
		ChargeDecisionLatency: f.agent.Charge}
	if f.telemetryStep != 0 {
		spec.Telemetry = &telemetry.Options{Step: f.telemetryStep}
	}
	res, err := study.Run(ctx, spec)
	if err != nil {
		return err
	}
	if err := output.WriteJSON(filepath.Join(f.out, "summary.json"), res); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s at ρ=%.2f: overall %.1f%%, RAN-only %.1f%%, AI %.1f%% (large %.1f%%, small %.1f%%), migrations %d/%d → %s\n",
		res.Method, float64(res.Rho), 100*res.Overall, 100*res.RAN, 100*res.AI, 100*res.LargeAI, 100*res.SmallAI,
		res.MigrationsLarge, res.MigrationsTotal, f.out)
	if res.AgentFallbacks > 0 {
		fmt.Fprintf(stdout, "agent fallbacks to the heuristic: %d of %d epochs (%s)\n", res.AgentFallbacks, res.AgentEpochs, res.FallbackReasons)
	}
	return nil
}

// asMap returns the command line for config.json (the flags struct has unexported fields).
func (f *flags) asMap() map[string]any {
	return map[string]any{"scenario": f.scenario, "out": f.out, "method": f.method, "load": f.load, "seed": f.seed,
		"requests": f.requests, "trace": f.trace, "profile": f.profile, "request_trace": f.requestTrace,
		"agent": f.agent, "record": f.record, "telemetry_step": f.telemetryStep}
}
