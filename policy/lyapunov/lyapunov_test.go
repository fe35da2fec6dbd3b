package lyapunov_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/lyapunov"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

func TestDecide(t *testing.T) {
	small := sim.Migrate{Instance: 1, To: 1}
	tests := []struct {
		name string
		o    lyapunov.Options
		s    *sim.Snapshot
		want []sim.Migrate
	}{
		// The small AI moves off the hot node: J = −0.2 + V·0.15 < J(no-op) = 0.1 (see TestObjective).
		{"hotspot moves the small instance", lyapunov.Options{}, hotspot(), []sim.Migrate{small}},
		// The move wins iff −0.2 + 0.15·V < 0.1, i.e. V < 2.
		{"V just below the break-even", lyapunov.Options{V: 1.99}, hotspot(), []sim.Migrate{small}},
		{"V above the break-even forbids it", lyapunov.Options{V: 2.01}, hotspot(), nil},
		{"V large forbids it", lyapunov.Options{V: 1e6}, hotspot(), nil},
		// A 4 s slot leaves the small AI 3.5 s of service: μ = min(3.5/4, 1/4 + 0.1) = 0.35, d = 0.1 + 1/4
		// = 0.35 → J = 0.1 − 0.35 + 0.5·0.35 = −0.075 < 0.1: still moves.
		{"shorter slot", lyapunov.Options{Slot: 4}, hotspot(), []sim.Migrate{small}},
		// Each node serves its own small AI fully (μ = Q/T + a); a move only adds an outage and a penalty.
		{"balanced keeps the no-op", lyapunov.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.SmallAI, Backlog: 30, Rate: 30, Weights: 1, Reconfig: 0.5},
			inst{Category: sim.SmallAI, Node: 1, Backlog: 30, Rate: 30, Weights: 1, Reconfig: 0.5}), nil},
		// Node 1 has 0.5 GB of VRAM, the small AI needs 1 GB: no feasible move.
		{"no VRAM at the destination", lyapunov.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 0.5}},
			inst{Category: sim.LargeAI, Backlog: 3000, Rate: 300, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5}), nil},
		// A third node without VRAM and a fourth with: the move goes to node 3.
		{"only the node that fits", lyapunov.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 0.5}, {GPU: 300, VRAM: 2}},
			inst{Category: sim.LargeAI, Backlog: 3000, Rate: 300, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5}),
			[]sim.Migrate{{Instance: 1, To: 2}}},
		// The starved small AI is already reconfiguring: it cannot move, and moving the large one gains
		// nothing within the slot (R_s = 8 s > T).
		{"reconfiguring cannot move", lyapunov.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Backlog: 3000, Rate: 300, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5, Busy: true}), nil},
		// Two equal small AIs starved on node 0: both moves score the same; the first instance wins.
		{"ties go to the first instance", lyapunov.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Backlog: 3000, Rate: 300, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5},
			inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5}), []sim.Migrate{small}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := newPolicy(t, tc.o).Decide(context.Background(), tc.s, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, sim.PlanOf(tc.want)) {
				t.Errorf("Decide = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestObjective checks J against the hand computation of the hotspot (Ĉ = 300 TFLOP/s, T = 5 s):
//   - no-op: the large AI gets μ = 1 (cap 10/5 + 1), the small one 0: D = 10·0 + 1·(0.1 − 0) = 0.1;
//   - small → node 1: μ = min(4.5/5, 1/5 + 0.1) = 0.3, D = 1·(0.1 − 0.3) = −0.2,
//     P = R_s·d = 0.5·(0.1 + 1/5) = 0.15, J = −0.05;
//   - large → node 1: no service within the slot (R_s = 8 s), the small AI now gets μ = 0.3:
//     D = 10·1 + 1·(0.1 − 0.3) = 9.8, P = 8·(1 + 10/5) = 24, J = 33.8.
func TestObjective(t *testing.T) {
	p, s := newPolicy(t, lyapunov.Options{}), hotspot()
	for _, tc := range []struct {
		m    *sim.Migrate
		want float64
	}{{nil, 0.1}, {&sim.Migrate{Instance: 1, To: 1}, -0.05}, {&sim.Migrate{Instance: 0, To: 1}, 33.8}} {
		if got := p.Objective(s, tc.m); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Objective(%v) = %.15g, want %g", tc.m, got, tc.want)
		}
	}
}

func TestOptions(t *testing.T) {
	if got := newPolicy(t, lyapunov.Options{}).Options(); got != (lyapunov.Options{V: 1, Slot: 5, Horizon: 1}) {
		t.Errorf("defaults = %+v, want V = 1, Slot = 5, Horizon = 1", got)
	}
	for _, o := range []lyapunov.Options{{V: -1}, {Slot: -1}, {V: math.NaN()}, {Slot: math.Inf(1)}, {Horizon: -1}} {
		if p, err := lyapunov.New(o); !errors.Is(err, lyapunov.ErrOptions) || p != nil {
			t.Errorf("New(%+v) = %v, %v; want nil and an ErrOptions error", o, p, err)
		}
	}
}

func TestDecideHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newPolicy(t, lyapunov.Options{}).Decide(ctx, hotspot(), nil); err == nil {
		t.Error("Decide with a cancelled context returned no error")
	}
}

// TestPaperScenario runs the paper's scenario: every proposed migration passes the engine's check
// when proposed, at most one is proposed per epoch, and two runs are identical (determinism).
func TestPaperScenario(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 2000
	}
	for _, load := range []float64{0.75, 1.25} {
		a := policytest.PaperRun(t, load, n, newPolicy(t, lyapunov.Options{}), allocator.MaxWeight{})
		b := policytest.PaperRun(t, load, n, newPolicy(t, lyapunov.Options{}), allocator.MaxWeight{})
		if a != b {
			t.Errorf("load %g: two runs differ:\n%+v\n%+v", load, a, b)
		}
		t.Logf("load %g: migrations %v in %d epochs", load, a.Migrations, a.Epochs)
		if a.Rejected != 0 || a.MigrationsTotal() > a.Epochs {
			t.Errorf("load %g: %d rejected, %d migrations in %d epochs", load, a.Rejected, a.MigrationsTotal(), a.Epochs)
		}
	}
}

// newPolicy returns lyapunov.New(o), failing the test on an error.
func newPolicy(t testing.TB, o lyapunov.Options) *lyapunov.Policy {
	t.Helper()
	p, err := lyapunov.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
