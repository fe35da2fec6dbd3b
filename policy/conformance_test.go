package policy_test

import (
	"context"
	"strings"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// registered adapts a registered method to the conformance suite.
func registered(name string) policytest.Method {
	return func(interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error) {
		m, err := policy.Default().New(name, policy.Options{Seed: seed, Interval: interval})
		return m.Controllers, m.Allocator, err
	}
}

// TestConformance runs every registered method through the standard scenarios: no panic, capacities
// and VRAM respected after every event, every request ended exactly once, identical runs for a seed.
func TestConformance(t *testing.T) {
	for _, name := range policy.Default().Names() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			policytest.Check(t, registered(name), 7)
		})
	}
}

// TestConformanceHAFScoresTelemetry runs haf+scores through the suite with telemetry recorded, so
// that its scoring hub, prompt notes and scores critic (critic.WithScores) are exercised, not haf's
// fallback without telemetry.
func TestConformanceHAFScoresTelemetry(t *testing.T) {
	policytest.CheckConfig(t, func(cfg *sim.Config, interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error) {
		rec, err := telemetry.New(cfg, telemetry.Options{})
		if err != nil {
			return nil, nil, err
		}
		rec.Install(cfg)
		m, err := policy.Default().New(policy.MethodHAFScores, policy.Options{Seed: seed, Interval: interval, Telemetry: rec})
		return m.Controllers, m.Allocator, err
	}, 7)
}

// TestConformanceScenariosExercise checks that the scenarios are what they claim on a reference
// method: the overload leaves requests missing their deadline, the mid-migration scenario starts with
// the large model reconfiguring, and the node-failure scenario holds the large model's requests
// through the failure.
func TestConformanceScenariosExercise(t *testing.T) {
	for _, sc := range policytest.Scenarios(7) {
		out, err := policytest.Run(context.Background(), sc, registered(policy.MethodHAFStatic), 7)
		if err != nil {
			t.Fatal(err)
		}
		missed := 0
		for _, r := range out.Records {
			if !r.Met() {
				missed++
			}
		}
		switch sc.Name {
		case "overload":
			if missed < len(out.Records)/10 {
				t.Errorf("overload: only %d of %d requests missed", missed, len(out.Records))
			}
		case "node-failure":
			// The large model's node is down in [2, 5) s and reloads for 2 s: its requests of that
			// time wait and end at 7 s or later.
			waited := 0
			for _, r := range out.Records {
				if r.Category == sim.LargeAI && r.Arrival >= 2 && r.Arrival < 5 {
					waited++
					if r.Finished && r.Finish < 7 {
						t.Errorf("node-failure: large-AI request %d arriving at %g ended at %g, during the failure", r.ID, r.Arrival, r.Finish)
					}
				}
			}
			if out.Stats.NodeChanges != 2 || waited == 0 {
				t.Errorf("node-failure: %d node changes, %d large-AI requests during the failure", out.Stats.NodeChanges, waited)
			}
		case "mid-migration":
			if out.Stats.Migrations[sim.LargeAI] != 1 {
				t.Errorf("mid-migration: %d large-AI migrations, want the set-up one", out.Stats.Migrations[sim.LargeAI])
			}
		}
	}
}

// TestPaperMethodsRegistered: the sweep's default names only registered methods, each once.
func TestPaperMethodsRegistered(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range policy.PaperMethods() {
		if seen[name] {
			t.Errorf("%q listed twice", name)
		}
		seen[name] = true
		m, err := policy.Default().New(name, policy.Options{})
		if err != nil || m.Name != name || m.Allocator == nil {
			t.Errorf("%q: method %q, allocator %v, error %v", name, m.Name, m.Allocator, err)
		}
	}
	if len(seen) != 7 {
		t.Errorf("%d paper methods, want the paper's seven", len(seen))
	}
}

// TestHelpNamesEveryMethod: the command-line help lists every registered method with a summary.
func TestHelpNamesEveryMethod(t *testing.T) {
	reg := policy.Default()
	help := reg.Help()
	for _, n := range reg.Names() {
		if reg[n].Summary == "" || !strings.Contains(help, n+" ") {
			t.Errorf("method %q has no summary line in help:\n%s", n, help)
		}
	}
}

// TestConformanceHAutoscaleScales: the suite exercises hautoscale's scale-up (not only a controller
// that never acts): in "overload" and "mid-migration" the GPU utilisation of a service passes 80 % of
// its node at the first tick (15 s), and a replica is added and started with every invariant checked
// by policytest.Run. The scenarios end within 45 s, before the 180 s idle hold can remove one; drains
// are covered by policy/hautoscale's TestEngineRamp.
func TestConformanceHAutoscaleScales(t *testing.T) {
	for _, sc := range policytest.Scenarios(7) {
		if sc.Name != "overload" && sc.Name != "mid-migration" {
			continue
		}
		out, err := policytest.Run(context.Background(), sc, registered(policy.MethodHAutoscale), 7)
		if err != nil {
			t.Fatal(err)
		}
		if out.Stats.Added != 1 || out.Stats.Rejected != 0 {
			t.Errorf("%s: %d replicas added, %d actions rejected; want 1, 0", sc.Name, out.Stats.Added, out.Stats.Rejected)
		}
	}
}
