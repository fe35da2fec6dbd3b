package gametheory_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/sim"
)

// TestAmortisedMovesTheLLM: two LLMs of 200 TFLOP/s each share node 0 of two 300 TFLOP/s nodes,
// so each sees 400/300 ≈ 1.33 there. On node 1 an LLM would see 200/300 + 8/(K·5): K = 1 (the
// paper's reading) 2.27 and K = 2 1.47, both dearer than staying; K = 4 (AmortisedSlots) 1.07, so
// the first LLM moves in round 1, the second then sees 0.67 at home and stays, and round 2 moves
// nobody.
func TestAmortisedMovesTheLLM(t *testing.T) {
	llm := inst{Category: sim.LargeAI, Rate: 200, Weights: 28, Reconfig: 8}
	for _, tc := range []struct {
		k      int
		name   string
		want   []sim.Migrate
		rounds int
	}{
		{0, gametheory.Name, nil, 1},
		{1, gametheory.Name, nil, 1},
		{2, gametheory.AmortisedName, nil, 1},
		{gametheory.AmortisedSlots, gametheory.AmortisedName, []sim.Migrate{{Instance: 0, To: 1}}, 2},
	} {
		p := newPolicy(t, gametheory.Options{MoveSlots: tc.k})
		if p.Name() != tc.name {
			t.Errorf("K = %d: name %q, want %q", tc.k, p.Name(), tc.name)
		}
		o, err := p.Play(context.Background(), snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}}, llm, llm))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(o.Migrations, tc.want) || o.Rounds != tc.rounds || !o.Converged {
			t.Errorf("K = %d: %v in %d rounds (converged %v), want %v in %d, converged", tc.k, o.Migrations, o.Rounds,
				o.Converged, tc.want, tc.rounds)
		}
	}
}

// TestNames: the name follows the options.
func TestNames(t *testing.T) {
	for _, tc := range []struct {
		o    gametheory.Options
		want string
	}{
		{gametheory.Options{}, gametheory.Name},
		{gametheory.Options{Horizon: 5}, gametheory.BacklogName},
		{gametheory.Options{MoveSlots: 4}, gametheory.AmortisedName},
		{gametheory.Options{Horizon: 5, MoveSlots: 4}, "game-theory-backlog-amortised"},
	} {
		if got := newPolicy(t, tc.o).Name(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
}
