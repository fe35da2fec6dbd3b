package lyapunov

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// Default values of the Options fields; doc.go explains the choices.
const (
	DefaultV    = 1.0 // penalty weight V, dimensionless
	DefaultSlot = 5.0 // slot T, s: the paper's placement epoch Δ
)

// Name is the name the policy reports (sim.Controller.Name) and is registered under.
const Name = "lyapunov"

// ErrOptions is wrapped by the error New returns for invalid options.
var ErrOptions = errors.New("lyapunov: invalid options")

// Options configures the policy. The zero value selects every default.
type Options struct {
	V    float64 // weight of the migration penalty against the drift, dimensionless, ≥ 0; 0: DefaultV (1) (for pure drift minimisation use a tiny V)
	Slot float64 // slot T of the drift estimate, s, > 0; should equal the engine's epoch Δ; 0: DefaultSlot (5)
}

// Policy is the drift-plus-penalty placement controller: every epoch it commits the single feasible
// migration that minimises the one-slot drift plus V times its interruption penalty, if that is
// strictly below the no-op's drift. It holds no state between epochs, is deterministic, and is safe
// for concurrent use.
type Policy struct {
	o Options
}

var _ sim.Controller = (*Policy)(nil)

// New returns a policy with options o. It returns an error wrapping ErrOptions if V or Slot is
// negative, NaN or infinite.
func New(o Options) (*Policy, error) {
	if !(o.V >= 0 && o.Slot >= 0) || math.IsInf(o.V, 0) || math.IsInf(o.Slot, 0) {
		return nil, fmt.Errorf("%w: V %g and Slot %g must be finite and ≥ 0", ErrOptions, o.V, o.Slot)
	}
	if o.V == 0 {
		o.V = DefaultV
	}
	if o.Slot == 0 {
		o.Slot = DefaultSlot
	}
	return &Policy{o: o}, nil
}

// Options returns the options in effect, defaults filled in.
func (p *Policy) Options() Options { return p.o }

// Name returns Name.
func (*Policy) Name() string { return Name }

// Decide returns at most one migration: the candidate with the lowest drift-plus-penalty J (ties: the
// first in instance, then destination order), if J is strictly below the no-op's. Candidates are every
// move of an instance that is not reconfiguring to another node whose free VRAM fits its weights M_s.
func (p *Policy) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	m := newModel(s, p.o.Slot)
	best, bestJ := sim.Migrate{Instance: -1}, m.drift(-1, -1)
	for i, in := range s.Instances {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if in.Reconfiguring {
			continue
		}
		for n := range s.Nodes {
			if !Feasible(s, i, n) {
				continue
			}
			if j := p.objective(m, i, n); j < bestJ {
				best, bestJ = sim.Migrate{Instance: i, To: n}, j
			}
		}
	}
	if best.Instance < 0 {
		return nil, nil
	}
	return sim.Plan{best}, nil
}

// Objective returns the drift-plus-penalty J = D + V·P of migration mig on snapshot s, or of the no-op
// when mig is nil (P = 0). D is in seconds (normalised backlog × rate) and so is P; see the package
// documentation. It does not check feasibility.
func (p *Policy) Objective(s *sim.Snapshot, mig *sim.Migrate) float64 {
	m := newModel(s, p.o.Slot)
	if mig == nil {
		return m.drift(-1, -1)
	}
	return p.objective(m, mig.Instance, mig.To)
}

func (p *Policy) objective(m *model, i, n int) float64 {
	pen := m.s.Services[m.s.Instances[i].Service].ReconfigS * m.d[i]
	return m.drift(i, n) + p.o.V*pen
}

// Feasible reports whether moving instance i to node n is a candidate: n is another node, i is not
// reconfiguring, and n's free VRAM fits i's weights M_s (the engine's own check, eq. 4).
func Feasible(s *sim.Snapshot, i, n int) bool {
	in := s.Instances[i]
	w := s.Services[in.Service].WeightsGB
	return n != in.Node && in.Movable() && !s.Nodes[n].Down && s.Nodes[n].Fits(w)
}
