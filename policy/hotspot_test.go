package policy_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

// hotspot returns the conformance suite's hotspot scenario.
func hotspot(t *testing.T, seed uint64) policytest.Scenario {
	t.Helper()
	for _, sc := range policytest.Scenarios(seed) {
		if sc.Name == "hotspot" {
			return sc
		}
	}
	t.Fatal("no hotspot scenario in the conformance suite")
	return policytest.Scenario{}
}

// TestHotspotIsAHotspot checks the scenario itself, from its configuration and requests alone:
// every instance starts on node 0 of three nodes of equal capacities; the GPU work offered over the arrival
// span is more than 1.3 × node 0's capacity but each AI service's share is below 0.9 × a node, and
// what stays on node 0 when either AI service leaves is below 0.9 × its capacity (one migration
// relieves it).
func TestHotspotIsAHotspot(t *testing.T) {
	sc := hotspot(t, 7)
	nodes := sc.Config.Nodes
	if len(nodes) != 3 {
		t.Fatalf("%d nodes, want 3", len(nodes))
	}
	for i, in := range sc.Config.Instances {
		if in.Node != 0 {
			t.Errorf("instance %d starts on node %d, want every instance on node 0", i, in.Node)
		}
	}
	for _, n := range nodes[1:] {
		if n.GPU != nodes[0].GPU || n.CPU != nodes[0].CPU || n.VRAMGB != nodes[0].VRAMGB {
			t.Errorf("node %+v differs from node 0 %+v", n, nodes[0])
		}
	}
	span := sc.Requests[len(sc.Requests)-1].Arrival
	total, perService := 0.0, map[int]float64{}
	for _, r := range sc.Requests {
		total += r.DU.GPU + r.CU.GPU + r.AIWork.GPU
		if r.Class == sim.AI {
			perService[r.Service] += r.AIWork.GPU
		}
	}
	g := nodes[0].GPU
	if load := total / span; load < 1.3*g {
		t.Errorf("offered GPU load %.1f TFLOP/s on node 0 of %g: not a hotspot", load, g)
	}
	if len(perService) != 2 {
		t.Fatalf("%d AI services with requests, want the small and the large one", len(perService))
	}
	for s, w := range perService {
		if w/span > 0.9*g || (total-w)/span > 0.9*g {
			t.Errorf("service %d offers %.1f TFLOP/s, %.1f stay on node 0: moving it does not relieve node 0 of %g",
				s, w/span, (total-w)/span, g)
		}
	}
}

// TestConformanceHotspot runs every registered method on the hotspot scenario (invariants after every
// event and every request ending exactly once are checked by policytest.Run) and checks what the
// hotspot must show:
//   - methods that keep the placement (haf-static, round-robin, caora, caora-completions) migrate
//     nothing, serve every AI request on node 0, and haf-static meets at most half of the AI
//     deadlines;
//   - methods that migrate and react within an epoch or two (haf, haf-nocritic, game-theory,
//     game-theory-backlog, game-theory-amortised, lyapunov-horizon, lookahead, haf+hpa) move some AI service off node 0 — every request of it arriving
//     after 5 s is served on another node — and meet at least 90 % of the AI deadlines and 0.4 more
//     than haf-static.
//
// haf+hpa relieves because its HAF controller migrates as haf does (at 5 s, before the HPA's first
// sync at 15 s); haf-static+hpa is in neither set: it migrates nothing but may add replicas off node 0
// (it adds none here: no replica's GPU use reaches the 80 % target of a whole node's G_n).
// Lyapunov gets the generic checks only: its one-slot drift-plus-penalty rule moves a model late in
// this scenario (≈ 24 s), so it does not relieve the hotspot in time; its horizon variant does. A method not listed here gets the
// generic checks.
func TestConformanceHotspot(t *testing.T) {
	const static = policy.MethodHAFStatic
	keeps := map[string]bool{static: true, policy.MethodRoundRobin: true, policy.MethodCAORA: true, policy.MethodCAORACompletions: true}
	relieves := map[string]bool{policy.MethodHAF: true, policy.MethodHAFNoCritic: true, policy.MethodGameTheory: true,
		policy.MethodGameTheoryBacklog: true, policy.MethodGameTheoryAmortised: true, policy.MethodLyapunovHorizon: true, policy.MethodLookahead: true, policy.MethodHAFHPA: true}
	sc := hotspot(t, 7)
	run := func(name string) (policytest.Outcome, float64) {
		out, err := policytest.Run(context.Background(), sc, registered(name), 7)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ai, met := 0, 0
		for _, r := range out.Records {
			if r.Class == sim.AI {
				ai++
				if r.Met() {
					met++
				}
			}
		}
		return out, float64(met) / float64(ai)
	}
	_, base := run(static)
	if base > 0.5 {
		t.Errorf("%s meets %.3f of the AI deadlines on the hotspot, want ≤ 0.5", static, base)
	}
	reg := policy.Default()
	for k := range keeps {
		if _, ok := reg[k]; !ok {
			t.Errorf("%q is not registered", k)
		}
	}
	for k := range relieves {
		if _, ok := reg[k]; !ok {
			t.Errorf("%q is not registered", k)
		}
	}
	for _, name := range reg.Names() {
		t.Run(name, func(t *testing.T) {
			out, ai := run(name)
			switch {
			case keeps[name]:
				if m := out.Stats.MigrationsTotal(); m != 0 {
					t.Errorf("%d migrations, want none", m)
				}
				for _, r := range out.Records {
					if r.Class == sim.AI && r.Node > 0 {
						t.Fatalf("AI request %d served on node %d, want node 0", r.ID, r.Node)
					}
				}
			case relieves[name]:
				if moved := movedOff(out.Records, 5); len(moved) == 0 {
					t.Errorf("no AI service moved off node 0 (migrations %v)", out.Stats.Migrations)
				}
				if ai < 0.9 || ai < base+0.4 {
					t.Errorf("AI fulfillment %.3f, want ≥ 0.9 and ≥ %s's %.3f + 0.4", ai, static, base)
				}
			}
		})
	}
}

// movedOff returns the AI services whose requests arriving after t0 (s) were all served, and served
// on a node other than 0.
func movedOff(recs []sim.Record, t0 float64) []int {
	seen, onHot := map[int]bool{}, map[int]bool{}
	for _, r := range recs {
		if r.Class != sim.AI || r.Arrival < t0 {
			continue
		}
		seen[r.Service] = true
		if r.Node <= 0 {
			onHot[r.Service] = true
		}
	}
	var out []int
	for s := range seen {
		if !onHot[s] {
			out = append(out, s)
		}
	}
	return out
}
