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

	// HorizonSlots is the horizon H, in slots, of the variant registered as HorizonName: 4 slots
	// (20 s at T = 5 s) let an 8 s model reload pay off within the estimate.
	HorizonSlots = 4
)

// Names the policy reports (sim.Controller.Name): the paper's one-slot reading, and the variant
// whose drift is estimated over a horizon of several slots (Options.Horizon > 1).
const (
	Name        = "lyapunov"
	HorizonName = "lyapunov-horizon"
)

// ErrOptions is wrapped by the error New returns for invalid options.
var ErrOptions = errors.New("lyapunov: invalid options")

// Options configures the policy. The zero value selects every default.
type Options struct {
	V    float64 // weight of the migration penalty against the drift, dimensionless, ≥ 0; 0: DefaultV (1) (for pure drift minimisation use a tiny V)
	Slot float64 // slot T of the drift estimate, s, > 0; should equal the engine's epoch Δ; 0: DefaultSlot (5)
	// Horizon is the number of slots H ≥ 0 the drift is estimated over (package documentation,
	// "Horizon variant"): the mean drift over H·T, counted H times, against one penalty. 0 or 1: one
	// slot, the paper's reading.
	Horizon int
}

// Policy is the drift-plus-penalty placement controller: every epoch it commits the single feasible
// migration that minimises the drift over Horizon slots plus V times its interruption penalty, if
// that is strictly below the no-op's drift. It holds no state between epochs, is deterministic, and is safe
// for concurrent use.
type Policy struct {
	o Options
}

var _ sim.Controller = (*Policy)(nil)

// New returns a policy with options o. It returns an error wrapping ErrOptions if V or Slot is
// negative, NaN or infinite, or Horizon is negative.
func New(o Options) (*Policy, error) {
	if !(o.V >= 0 && o.Slot >= 0) || math.IsInf(o.V, 0) || math.IsInf(o.Slot, 0) || o.Horizon < 0 {
		return nil, fmt.Errorf("%w: V %g, Slot %g and Horizon %d must be finite and ≥ 0", ErrOptions, o.V, o.Slot, o.Horizon)
	}
	if o.V == 0 {
		o.V = DefaultV
	}
	if o.Slot == 0 {
		o.Slot = DefaultSlot
	}
	if o.Horizon == 0 {
		o.Horizon = 1
	}
	return &Policy{o: o}, nil
}

// Options returns the options in effect, defaults filled in.
func (p *Policy) Options() Options { return p.o }

// Name returns HorizonName when the drift looks more than one slot ahead (Horizon > 1), Name
// otherwise.
func (p *Policy) Name() string {
	if p.o.Horizon > 1 {
		return HorizonName
	}
	return Name
}

// Decide returns at most one migration: the candidate with the lowest drift-plus-penalty J (ties: the
// first in instance, then destination order), if J is strictly below the no-op's. Candidates are every
// move of an instance that is not reconfiguring to another node whose free VRAM fits its weights M_s.
func (p *Policy) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	m := p.model(s)
	best, bestJ := sim.Migrate{Instance: -1}, p.noop(m)
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

// Objective returns the drift-plus-penalty J = H·D + V·P of migration mig on snapshot s, or of the
// no-op when mig is nil (P = 0); H = 1 in the paper's reading. D is in seconds (normalised backlog ×
// rate) and so is P; see the package documentation. It does not check feasibility.
func (p *Policy) Objective(s *sim.Snapshot, mig *sim.Migrate) float64 {
	m := p.model(s)
	if mig == nil {
		return p.noop(m)
	}
	return p.objective(m, mig.Instance, mig.To)
}

// model returns the drift model of s over the policy's window H·T.
func (p *Policy) model(s *sim.Snapshot) *model {
	return newModel(s, p.o.Slot, float64(p.o.Horizon)*p.o.Slot)
}

// noop returns J of the no-op: H times the mean drift over the window.
func (p *Policy) noop(m *model) float64 { return float64(p.o.Horizon) * m.drift(-1, -1) }

// objective returns J = H·D_W + V·P of moving instance i to node n.
func (p *Policy) objective(m *model, i, n int) float64 {
	pen := m.s.Services[m.s.Instances[i].Service].ReconfigS * m.d[i]
	return float64(p.o.Horizon)*m.drift(i, n) + p.o.V*pen
}

// Feasible reports whether moving instance i to node n is a candidate: n is another node, i is not
// reconfiguring, and n's free VRAM fits i's weights M_s (the engine's own check, eq. 4).
func Feasible(s *sim.Snapshot, i, n int) bool {
	in := s.Instances[i]
	w := s.Services[in.Service].WeightsGB
	return n != in.Node && in.Movable() && !s.Nodes[n].Down && s.Nodes[n].Fits(w)
}
