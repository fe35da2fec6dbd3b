package search_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/search"
	"github.com/airansim/airansim/sim"
)

// TestReplayAppliesPlansAtTheirEpochs: Plans[k-1] is applied at the k-th call (t = kΔ), entries past
// the last call are ignored, and a Replay run equals a run of the same controller by hand.
func TestReplayAppliesPlansAtTheirEpochs(t *testing.T) {
	move := sim.Plan{sim.Migrate{Instance: 2, To: 1}}
	plans := []sim.Plan{nil, move, nil, move, move} // the 4th and 5th are past the run's 3 epochs
	var got records
	r, err := search.ReplayRun(context.Background(), tiny(1), 5, plans, &got)
	if err != nil {
		t.Fatal(err)
	}
	if r.Stats.Epochs != 3 || r.Stats.MigrationsTotal() != 1 || r.Stats.Migrations[sim.LargeAI] != 1 {
		t.Errorf("epochs %d, migrations %v; want 3 epochs and the LLM moved once", r.Stats.Epochs, r.Stats.Migrations)
	}
	cfg := tiny(1)
	var want records
	cfg.Sink = &want
	cfg.Controllers = []sim.ControllerSpec{{Controller: search.Replay{Plans: plans[:2]}, Period: 5}}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || int64(len(got)) != r.Summary.Counts(0).Total {
		t.Error("ReplayRun differs from a run of the same Replay controller")
	}
}

// opaque hides its source's Fork.
type opaque struct{ sim.Source }

func TestErrors(t *testing.T) {
	ctx := context.Background()
	noFork := tiny(1)
	noFork.Source = opaque{noFork.Source}
	tests := []struct {
		name string
		err  func() error
	}{
		{"beam: source cannot fork", func() error { _, err := search.Beam(ctx, noFork, search.BeamOptions{}); return err }},
		{"beam: negative interval", func() error { _, err := search.Beam(ctx, tiny(1), search.BeamOptions{Interval: -1}); return err }},
		{"beam: NaN score window", func() error {
			_, err := search.Beam(ctx, tiny(1), search.BeamOptions{ScoreWindow: math.NaN()})
			return err
		}},
		{"static: source cannot fork", func() error { _, err := search.Static(ctx, noFork, search.StaticOptions{}); return err }},
		{"exhaustive: over the limit", func() error { _, err := search.Exhaustive(ctx, tiny(1), 80); return err }},
		{"run: infeasible placement", func() error {
			_, err := search.RunPlacement(ctx, tiny(1), search.Placement{2, 2, 2, 7})
			return err
		}},
		{"replay: source cannot fork", func() error { _, err := search.ReplayRun(ctx, noFork, 5, nil, nil); return err }},
	}
	for _, tt := range tests {
		if err := tt.err(); !errors.Is(err, search.ErrOptions) {
			t.Errorf("%s: error %v, want one wrapping ErrOptions", tt.name, err)
		}
	}
}

// TestBeamDeterministic: the same configuration and options give the same finalists (with a finite
// score window, the other scoring path).
func TestBeamDeterministic(t *testing.T) {
	o := search.BeamOptions{Width: 2, ScoreWindow: 5}
	a, err := search.Beam(context.Background(), tiny(3), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := search.Beam(context.Background(), tiny(3), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Finalists) != len(b.Finalists) || a.Children != b.Children {
		t.Fatalf("%d/%d finalists, %d/%d children", len(a.Finalists), len(b.Finalists), a.Children, b.Children)
	}
	for i := range a.Finalists {
		x, y := a.Finalists[i], b.Finalists[i]
		if !reflect.DeepEqual(x.Picks, y.Picks) || x.Score != y.Score || x.Run.Met() != y.Run.Met() {
			t.Errorf("finalist %d: %v %d %d vs %v %d %d", i, x.Picks, x.Score, x.Run.Met(), y.Picks, y.Score, y.Run.Met())
		}
	}
}
