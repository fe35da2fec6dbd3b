package sim

import (
	"context"
	"fmt"
	"math"
)

// Controller is a slow-timescale decision maker (placement, scaling, partitioning, …), called every
// Period of its ControllerSpec with a read-only snapshot. It returns the plan to apply now; the
// engine validates every action when it applies it and counts the rejected ones.
type Controller interface {
	Name() string
	// Decide returns the plan for the state s. env gives exact counterfactual rollouts from this
	// instant; they never change the running simulation.
	Decide(ctx context.Context, s *Snapshot, env Env) (Plan, error)
}

// Env is what the engine offers a deciding controller besides the snapshot; *Sim implements it.
type Env interface {
	// Rollout returns the exact outcome of applying p now and holding the placement for window
	// seconds (see Sim.Rollout).
	Rollout(ctx context.Context, p Plan, window float64) (Outcome, error)
}

// DefaultPeriod is a controller's period when its ControllerSpec gives none: the paper's Δ, s.
const DefaultPeriod = 5

// ControllerSpec schedules one controller of a run. The zero Period and Phase select the defaults.
//
// A controller is first called at Phase (0: at Period) and then every Period seconds (each next call
// time is the previous one plus Period, in floating point) while that time is before the horizon.
// Controllers due at the same instant are called in their order in Config.Controllers, within one
// event: each sees the plans of those before it applied and the allocations recomputed. That event
// comes after completions, arrivals and delayed actions at the same instant (see eventKind).
type ControllerSpec struct {
	Controller Controller // Required.
	Period     float64    // Interval between calls, s (> 0); 0: DefaultPeriod.
	Phase      float64    // Time of the first call, s (≥ 0); 0: Period.
}

// ctrlState is the schedule of one controller.
type ctrlState struct {
	next  float64 // time of its next call, s
	last  float64 // time of its previous call, s (0 before the first)
	calls int     // calls so far
}

func (c *ControllerSpec) period() float64 {
	if c.Period == 0 {
		return DefaultPeriod
	}
	return c.Period
}

func validateControllers(cs []ControllerSpec) error {
	for i, c := range cs {
		if c.Controller == nil {
			return cfgErr("controller %d: Controller is nil", i)
		}
		if !finiteNonNeg(c.Period) || !finiteNonNeg(c.Phase) {
			return cfgErr("controller %d (%s): period and phase must be finite and ≥ 0", i, c.Controller.Name())
		}
	}
	return nil
}

// initControllers sets up the schedules, the per-controller counters and the router, and schedules the
// first controller event.
func (s *Sim) initControllers() {
	cs := s.cfg.Controllers
	s.ctrls = make([]ctrlState, len(cs))
	s.counts = make([][]InstanceCount, max(len(cs), 1))
	for c := range s.counts {
		s.counts[c] = make([]InstanceCount, len(s.insts))
	}
	first := math.Inf(1)
	for c := range cs {
		s.ctrls[c].next = cs[c].Phase
		if cs[c].Phase == 0 {
			s.ctrls[c].next = cs[c].period()
		}
		first = min(first, s.ctrls[c].next)
	}
	s.router = firstRouter(cs)
	if len(cs) > 0 {
		s.q.schedule(first, evEpoch, 0, 0)
	}
}

// firstRouter returns the first controller that is a Router, or nil.
func firstRouter(cs []ControllerSpec) Router {
	for _, c := range cs {
		if r, ok := c.Controller.(Router); ok {
			return r
		}
	}
	return nil
}

// onEpoch calls the controllers due now in index order. Their next calls are scheduled first; each
// plan is applied, and the touched nodes reallocated, before the next controller decides.
func (s *Sim) onEpoch(ctx context.Context) error {
	due := s.sc.due[:0]
	next := math.Inf(1)
	for c := range s.ctrls {
		st := &s.ctrls[c]
		if st.next == s.now {
			due = append(due, c)
			st.next = s.now + s.cfg.Controllers[c].period()
		}
		next = min(next, st.next)
	}
	s.sc.due = due
	if next < s.horizon {
		s.q.schedule(next, evEpoch, 0, 0)
	}
	for k, c := range due {
		if k > 0 {
			s.reallocDirty()
		}
		if err := s.callController(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// callController gives controller c a snapshot with its own counters, resets them, and applies its plan.
func (s *Sim) callController(ctx context.Context, c int) error {
	st := &s.ctrls[c]
	st.calls++
	s.stats.Epochs++
	snap := s.snapshotFor(c)
	clear(s.counts[c])
	st.last = s.now
	ctl := s.cfg.Controllers[c].Controller
	plan, err := ctl.Decide(ctx, snap, s)
	if err != nil {
		return fmt.Errorf("sim: controller %s at t=%g: %w", ctl.Name(), s.now, err)
	}
	s.applyPlan(plan)
	return nil
}

// countArrival adds a request's arrival with work w at instance inst to every controller's counters.
func (s *Sim) countArrival(inst int32, w Work) {
	for c := range s.counts {
		n := &s.counts[c][inst]
		n.Arrived++
		n.Work.GPU += w.GPU
		n.Work.CPU += w.CPU
	}
}

// countDone adds a stage completion at instance inst to every controller's counters.
func (s *Sim) countDone(inst int32) {
	for c := range s.counts {
		s.counts[c][inst].Done++
	}
}
