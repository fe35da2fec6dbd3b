package gametheory_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

// chain is nodes A, B (100 TFLOP/s) and C (30) with x (20 TFLOP/s) on B and y, z (60 each) on A; a
// move costs 0.1. Round 1: x stays (0.2), y moves A → B (cost 1.2 → 0.8 + 0.1), z stays (0.6).
// Round 2: x now sees 0.8 on B and leaves for C (20/30 + 0.1 ≈ 0.77). Round 3: nobody moves.
func chain() *sim.Snapshot {
	return snapshot([]node{{GPU: 100, VRAM: 80}, {GPU: 100, VRAM: 80}, {GPU: 30, VRAM: 80}}, small(1, 20), small(0, 60), small(0, 60))
}

func TestPlay(t *testing.T) {
	yB, xC := sim.Migrate{Instance: 1, To: 1}, sim.Migrate{Instance: 0, To: 2}
	tests := []struct {
		name      string
		o         gametheory.Options
		s         *sim.Snapshot
		want      []sim.Migrate
		rounds    int
		converged bool
	}{
		// Round 1 moves the small AI (1.17 → 0.43); the large AI stays (2.43 > 1.17, then 0.83).
		{"hotspot moves the small instance", gametheory.Options{}, hotspot(), []sim.Migrate{{Instance: 1, To: 1}}, 2, true},
		{"best response converges", gametheory.Options{}, chain(), []sim.Migrate{xC, yB}, 3, true},
		{"one round only", gametheory.Options{MaxRounds: 1}, chain(), []sim.Migrate{yB}, 1, false},
		{"two rounds only", gametheory.Options{MaxRounds: 2}, chain(), []sim.Migrate{xC, yB}, 2, false},
		// Each small AI has a node to itself: costs 0.2 vs 0.4 + 0.1 elsewhere.
		{"balanced keeps the placement", gametheory.Options{}, snapshot([]node{{GPU: 100, VRAM: 80}, {GPU: 100, VRAM: 80}},
			small(0, 20), small(1, 20)), nil, 1, true},
		// Four small AIs cost 400/300 on node 0. The first moves to node 1 (0.43), using its 1.5 GB; the
		// second would also gain there (200/300 + 0.1 < 1) but only 0.5 GB are left; node 2 has none.
		{"VRAM promised to earlier moves", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 1.5}, {GPU: 300, VRAM: 0}},
			small(0, 100), small(0, 100), small(0, 100), small(0, 100)), []sim.Migrate{{Instance: 0, To: 1}}, 2, true},
		// The starved small AI is reconfiguring and may not move; the large AI still prefers to stay.
		{"reconfiguring cannot move", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Rate: 250, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Rate: 100, Weights: 1, Reconfig: 0.5, Busy: true}), nil, 1, true},
		// An instance without demand does not play, even on the hot node.
		{"idle instance stays", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Rate: 400, Weights: 28, Reconfig: 8}, small(0, 0)), nil, 1, true},
		// RAN functions share the GPU only with RAN functions (their floors go first): the DU sees 8/300
		// on the hot node and 8/10 + 0.01 on the small idle node, so it stays.
		{"RAN functions ignore AI load", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 10, VRAM: 80}},
			inst{Category: sim.DU, Rate: 8, Weights: 2, Reconfig: 0.05},
			inst{Category: sim.LargeAI, Rate: 400, Weights: 28, Reconfig: 8}), nil, 1, true},
		// AI services share what the RAN leaves: on node 0 the small AI has 300 − 210 = 90 TFLOP/s for
		// 90, cost 1; on node 1 it would see (150 + 90)/300 + 0.1 = 0.9, so it moves.
		{"AI shares the residual", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.DU, Rate: 210, Weights: 2, Reconfig: 0.05}, small(0, 90), small(1, 150)),
			[]sim.Migrate{{Instance: 1, To: 1}}, 2, true},
		// Demand from backlog only: without a horizon the small AI has no demand and stays; with a 5 s
		// horizon its 500 TFLOP backlog is 100 TFLOP/s and it leaves the hot node as in the hotspot.
		{"backlog ignored by default", gametheory.Options{}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Rate: 250, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 500, Weights: 1, Reconfig: 0.5}), nil, 1, true},
		{"backlog with a horizon", gametheory.Options{Horizon: 5}, snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
			inst{Category: sim.LargeAI, Rate: 250, Weights: 28, Reconfig: 8},
			inst{Category: sim.SmallAI, Backlog: 500, Weights: 1, Reconfig: 0.5}), []sim.Migrate{{Instance: 1, To: 1}}, 2, true},
		// A 0.5 s slot makes the small AI's move cost R_s/T = 1: 100/300 + 1 > 350/300, so it stays.
		{"short slot makes moves dear", gametheory.Options{Slot: 0.5}, hotspot(), nil, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := newPolicy(t, tc.o).Play(context.Background(), tc.s)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o.Migrations, tc.want) || o.Rounds != tc.rounds || o.Converged != tc.converged {
				t.Errorf("Play = %+v, want %v in %d rounds, converged %v", o, tc.want, tc.rounds, tc.converged)
			}
			ms, _ := newPolicy(t, tc.o).Decide(context.Background(), tc.s, nil)
			if !reflect.DeepEqual(ms, sim.PlanOf(o.Migrations)) {
				t.Errorf("Decide = %v, Play = %v", ms, o.Migrations)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	if got := newPolicy(t, gametheory.Options{}).Options(); got != (gametheory.Options{MaxRounds: 10, Slot: 5, MoveSlots: 1}) {
		t.Errorf("defaults = %+v, want MaxRounds = 10, Slot = 5, Horizon = 0, MoveSlots = 1", got)
	}
	for _, o := range []gametheory.Options{{MaxRounds: -1}, {Slot: -1}, {Slot: math.NaN()}, {Horizon: math.Inf(1)}, {MoveSlots: -1}} {
		if p, err := gametheory.New(o); !errors.Is(err, gametheory.ErrOptions) || p != nil {
			t.Errorf("New(%+v) = %v, %v; want nil and an ErrOptions error", o, p, err)
		}
	}
}

func TestPlayHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newPolicy(t, gametheory.Options{}).Decide(ctx, hotspot(), nil); err == nil {
		t.Error("Decide with a cancelled context returned no error")
	}
}

// TestPaperScenario runs the paper's scenario: every proposed migration, applied in the returned order
// to a fork of the engine at that moment, is accepted, and two runs are identical (determinism).
func TestPaperScenario(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 2000
	}
	for _, o := range []gametheory.Options{{}, {Horizon: 5}} {
		for _, load := range []float64{0.75, 1.25} {
			a := policytest.PaperRun(t, load, n, newPolicy(t, o), allocator.Proportional{})
			b := policytest.PaperRun(t, load, n, newPolicy(t, o), allocator.Proportional{})
			if a != b {
				t.Errorf("%+v load %g: two runs differ:\n%+v\n%+v", o, load, a, b)
			}
			t.Logf("%+v load %g: migrations %v in %d epochs", o, load, a.Migrations, a.Epochs)
			if a.Rejected != 0 {
				t.Errorf("%+v load %g: %d rejected migrations", o, load, a.Rejected)
			}
		}
	}
}

// newPolicy returns gametheory.New(o), failing the test on an error.
func newPolicy(t testing.TB, o gametheory.Options) *gametheory.Policy {
	t.Helper()
	p, err := gametheory.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
