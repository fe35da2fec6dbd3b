package gametheory

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// Default values of the Options fields; doc.go explains the choices.
const (
	DefaultMaxRounds = 10  // best-response rounds per epoch
	DefaultSlot      = 5.0 // slot T, s: the paper's placement epoch Δ

	// AmortisedSlots is the K of the variant registered as AmortisedName: a move's R_s is
	// amortised over 4 slots (20 s at T = 5 s), so an 8 s reload costs 0.4 instead of 1.6.
	AmortisedSlots = 4
)

// Names the policy reports (sim.Controller.Name): the paper's reading, the variant whose players
// also count their backlog (Options.Horizon > 0), and the one whose move cost is amortised over
// several slots (Options.MoveSlots > 1). With both options the name is BacklogName + "-amortised".
const (
	Name          = "game-theory"
	BacklogName   = "game-theory-backlog"
	AmortisedName = "game-theory-amortised"
)

// ErrOptions is wrapped by the error New returns for invalid options.
var ErrOptions = errors.New("gametheory: invalid options")

// Options configures the policy. The zero value selects every default.
type Options struct {
	MaxRounds int     // best-response rounds per epoch, ≥ 0; 0: DefaultMaxRounds (10)
	Slot      float64 // slot T over which a move's interruption R_s is amortised, s, ≥ 0; 0: DefaultSlot (5)
	// Horizon, if > 0, adds each instance's backlog spread over Horizon seconds to its demand
	// (Snapshot.Demand's horizon), making the game react to queues as well as rates; s, ≥ 0.
	// 0: demand is the arrival rate over the last window only (the expected, steady-state cost).
	Horizon float64
	// MoveSlots is the number of slots K ≥ 0 over which a move's interruption is amortised: the move
	// cost is R_s/(K·T). 0 or 1: one slot, the paper's reading (R_s/T).
	MoveSlots int
}

// Outcome is the result of one epoch's best-response dynamics.
type Outcome struct {
	Migrations []sim.Migrate // moves from the epoch's placement to the final one, in instance order
	Rounds     int           // rounds played; each lets every movable instance respond once
	Converged  bool          // the last round moved nobody: a pure Nash equilibrium of the epoch's game
}

// Policy is the best-response placement controller: every epoch it plays the placement game of the
// package documentation until no instance improves or MaxRounds rounds have been played, and returns
// the resulting moves. It holds no state between epochs, is deterministic and safe for concurrent use.
type Policy struct {
	o Options
}

var _ sim.Controller = (*Policy)(nil)

// New returns a policy with options o. It returns an error wrapping ErrOptions if MaxRounds or
// MoveSlots is negative or Slot or Horizon is negative, NaN or infinite.
func New(o Options) (*Policy, error) {
	if o.MaxRounds < 0 || o.MoveSlots < 0 || !(o.Slot >= 0 && o.Horizon >= 0) || math.IsInf(o.Slot, 0) || math.IsInf(o.Horizon, 0) {
		return nil, fmt.Errorf("%w: MaxRounds %d, MoveSlots %d, Slot %g, Horizon %g: all must be ≥ 0, Slot and Horizon finite",
			ErrOptions, o.MaxRounds, o.MoveSlots, o.Slot, o.Horizon)
	}
	if o.MaxRounds == 0 {
		o.MaxRounds = DefaultMaxRounds
	}
	if o.Slot == 0 {
		o.Slot = DefaultSlot
	}
	if o.MoveSlots == 0 {
		o.MoveSlots = 1
	}
	return &Policy{o: o}, nil
}

// Options returns the options in effect, defaults filled in.
func (p *Policy) Options() Options { return p.o }

// Name returns BacklogName when the players count their backlog (Horizon > 0), AmortisedName when
// the move cost is amortised over several slots (MoveSlots > 1), BacklogName + "-amortised" with
// both, and Name otherwise.
func (p *Policy) Name() string {
	switch backlog, amortised := p.o.Horizon > 0, p.o.MoveSlots > 1; {
	case backlog && amortised:
		return BacklogName + "-amortised"
	case backlog:
		return BacklogName
	case amortised:
		return AmortisedName
	}
	return Name
}

// Decide returns the migrations of Play. Every one is feasible on s when applied in the returned
// order: the instance is not reconfiguring and its destination's free VRAM fits the weights of all the
// instances moving there.
func (p *Policy) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	o, err := p.Play(ctx, s)
	return sim.PlanOf(o.Migrations), err
}

// Play runs best-response rounds on snapshot s: in each round every instance that is not
// reconfiguring and has demand, in instance order, moves to the node of least cost given the others'
// current positions. It stops after a round without moves or after MaxRounds rounds. It returns
// ctx's error if ctx is done between rounds.
func (p *Policy) Play(ctx context.Context, s *sim.Snapshot) (Outcome, error) {
	g := newGame(s, float64(p.o.MoveSlots)*p.o.Slot, p.o.Horizon)
	var o Outcome
	for o.Rounds < p.o.MaxRounds {
		if err := ctx.Err(); err != nil {
			return Outcome{}, err
		}
		g.round()
		o.Rounds++
		if !g.moved {
			o.Converged = true
			break
		}
	}
	o.Migrations = g.migrations()
	return o, nil
}
