// Command scoring runs the AITRAS dynamic-scoring experiment (issue 13 item 7, docs/scoring.md): the
// blog's scenario — an LLM endpoint on two MIG instances of a multi-GPU cluster whose MIG layouts
// trade throughput against power — under HAF-Static, HAF, HAF with scores and the dynamic-scoring
// method's performance and power-cap modes, on the same workload, seeds and loads, for every MIG
// reconfiguration delay. It writes summary.csv, table.md, scoring.png/.svg and config.json to --out;
// --plan/--shard/--merge split it over machines (docs/cluster.md).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := loadScenario(f)
	if err != nil {
		return err
	}
	specs := makeSpecs(f, sc)
	fmt.Fprintf(stderr, "scoring: %d runs (%d loads × %d delays × %d methods × %d seeds) on %s, output %s\n",
		len(specs), len(f.Loads), len(f.Delays), len(f.Methods), f.Seeds, sc.Name, f.Out)
	t0 := time.Now()
	o := f.Sweep("scoring", stderr)
	o.Key = key
	rs, err := study.Sweep(ctx, specs, o)
	if err != nil {
		return err
	}
	if err := study.WriteSummary(filepath.Join(f.Out, "summary.csv"), rs); err != nil {
		return err
	}
	md := table(f, rs)
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "table.md"), []byte(md)); err != nil {
		return err
	}
	if err := figure(filepath.Join(f.Out, "scoring"), f, rs); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n%s\nscoring: %d runs in %.1f s; results in %s\n", md, overhead(rs), len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// loadScenario returns --scenario through scenario.Load, or the embedded AITRAS scenario, and writes
// config.json.
func loadScenario(f *config) (*scenario.Scenario, error) {
	if f.Scenario != "" {
		return study.Prepare("scoring", f.Scenario, f.Profile, f.Out, f, nil)
	}
	sc := scenario.AITRAS()
	return sc, study.WriteConfig("scoring", f.Out, f, map[string]any{"scenario": sc, "scenario_file": "scenario/aitras.json (embedded)"})
}

// params are the experiment's inputs of a run besides the study's (part of its fingerprint).
type params struct {
	Variant string  `json:"variant"`
	DelayS  float64 `json:"reconfigure_delay_s"`
	CapW    float64 `json:"cap_w"`
	Horizon float64 `json:"forecast_horizon_s"`
}

// makeSpecs returns one run per load × delay × method × seed, in that order.
func makeSpecs(f *config, sc *scenario.Scenario) []study.Spec {
	vs := variants()
	var specs []study.Spec
	for _, load := range f.Loads {
		for _, d := range f.Delays {
			scd := withDelay(sc, d)
			for _, m := range f.Methods {
				for k := range f.Seeds {
					p := &probe{}
					specs = append(specs, study.Spec{Scenario: scd, Load: load, Method: m, Seed: f.Seed + uint64(k),
						Profile: f.Profile, Requests: scaled(f.Requests, load), Agent: f.Agent.Config(),
						ChargeDecisionLatency: f.Agent.Charge, Telemetry: &telemetry.Options{Step: f.Telem},
						Registry: registry(m, vs[m], scd, load, f.Seed+uint64(k), f.CapW, f.Horizon, p), Measures: measures(p, d, f.CapW),
						Params: params{Variant: m, DelayS: d, CapW: f.CapW, Horizon: f.Horizon}})
				}
			}
		}
	}
	return specs
}

// withDelay returns a copy of sc whose MIG GPUs all reconfigure in d s.
func withDelay(sc *scenario.Scenario, d float64) *scenario.Scenario {
	c := *sc
	c.Nodes = append([]scenario.Node(nil), sc.Nodes...)
	for i, n := range c.Nodes {
		if n.MIG != nil {
			m := *n.MIG
			m.ReconfigureDelayS = d
			c.Nodes[i].MIG = &m
		}
	}
	return &c
}

func scaled(requests int, load float64) int {
	if requests == 0 {
		return 0
	}
	return int(float64(requests)*load + 0.5)
}

// key is a run's stored file name.
func key(s study.Spec) string {
	return fmt.Sprintf("load%g_delay%g_%s_seed%d", s.Load, s.Params.(params).DelayS, s.Method, s.Seed)
}
