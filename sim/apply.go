package sim

import (
	"fmt"
	"math"
)

// Check reports whether action a is feasible now, without applying it; a Migrate's Delay is ignored.
// A rejection is a *RejectError (wrapping ErrInfeasible) naming the kind and the reason.
func (s *Sim) Check(a Action) error {
	switch a := a.(type) {
	case Migrate:
		return s.checkMigrate(a)
	case AddReplica:
		return s.checkAdd(a)
	case RemoveReplica:
		return s.checkRemove(a)
	case SetShare:
		return s.checkShare(a)
	case Resize:
		return s.checkResize(a)
	case Reconfigure:
		return s.checkReconfigure(a)
	case Crash:
		return s.checkCrash(a)
	}
	return &RejectError{Kind: NumActionKinds, Reason: ReasonValue, Detail: fmt.Sprintf("unknown action type %T", a)}
}

// Apply applies action a now if Check accepts it, and returns Check's error otherwise; a Migrate's
// Delay is ignored (the action is applied at once). The nodes it touches are reallocated at once, as
// when the engine applies a controller's plan, so the rates from now on are those of the new state.
// Rejections returned here are not counted in Stats: the engine counts those of the plans it applies.
func (s *Sim) Apply(a Action) error {
	if err := s.apply(a); err != nil {
		return err
	}
	s.reallocDirty()
	return nil
}

// apply applies a if Check accepts it, marking the nodes it touches for reallocation.
func (s *Sim) apply(a Action) error {
	if err := s.Check(a); err != nil {
		return err
	}
	switch a := a.(type) {
	case Migrate:
		s.doMigrate(a)
	case AddReplica:
		s.doAdd(a)
	case RemoveReplica:
		s.doRemove(a)
	case SetShare:
		s.doShare(a)
	case Resize:
		s.doResize(a)
	case Reconfigure:
		s.doReconfigure(a)
	case Crash:
		s.doCrash(a)
	}
	return nil
}

// applyPlan applies a controller's plan in order: a Migrate with a Delay is scheduled (and checked
// when it lands), every other action is applied now; rejections are counted. The touched nodes are
// then reallocated at once. This is the one path of the engine's controllers and of rollouts, so a
// fork that applies a plan outside the event loop gets the rates the engine would set at that instant.
func (s *Sim) applyPlan(p Plan) {
	for _, a := range p {
		if m, ok := a.(Migrate); ok && m.Delay != 0 {
			s.scheduleDelayed(m)
			continue
		}
		s.applyCounted(a)
	}
	s.reallocDirty()
}

// scheduleDelayed queues migration m to be applied Delay seconds from now, rejecting it at once when
// its Delay is invalid, its indices are out of range or it would land at or after the horizon.
func (s *Sim) scheduleDelayed(m Migrate) {
	switch {
	case !(m.Delay > 0) || math.IsInf(m.Delay, 0):
		s.reject(KindMigrate, ReasonValue)
	case m.Instance < 0 || m.Instance >= len(s.insts) || m.To < 0 || m.To >= len(s.nodes):
		s.reject(KindMigrate, ReasonRange)
	case !(s.now+m.Delay < s.horizon):
		s.reject(KindMigrate, ReasonHorizon)
	default:
		t := s.now + m.Delay
		m.Delay = 0
		s.pending = append(s.pending, m)
		s.q.schedule(t, evApply, int32(len(s.pending)-1), 0)
	}
}

// applyDelayed applies the delayed action pending[k], checking its feasibility at this moment.
func (s *Sim) applyDelayed(k int32) {
	a := s.pending[k]
	s.pending[k] = nil
	s.applyCounted(a)
}

// applyCounted applies a, counting it in Stats.Rejections when infeasible.
func (s *Sim) applyCounted(a Action) {
	if err := s.apply(a); err != nil {
		if re, ok := err.(*RejectError); ok && re.Kind < NumActionKinds {
			s.reject(re.Kind, re.Reason)
			return
		}
		s.reject(NumActionKinds, ReasonValue)
	}
}

// reject counts one rejected action of kind k for reason r (an unknown kind only in the total).
func (s *Sim) reject(k ActionKind, r Reason) {
	s.stats.Rejected++
	if k < NumActionKinds && r < NumReasons {
		s.stats.Rejections[k][r]++
	}
}

func rejectf(k ActionKind, r Reason, format string, args ...any) error {
	return &RejectError{Kind: k, Reason: r, Detail: fmt.Sprintf(format, args...)}
}

// checkShare accepts a node in range and α ∈ [0, 1] or NaN.
func (s *Sim) checkShare(a SetShare) error {
	switch {
	case a.Node < 0 || a.Node >= len(s.nodes):
		return rejectf(KindSetShare, ReasonRange, "node %d out of range", a.Node)
	case !math.IsNaN(a.RAN) && !(a.RAN >= 0 && a.RAN <= 1):
		return rejectf(KindSetShare, ReasonValue, "RAN share %g of node %d, want a value in [0, 1] or NaN", a.RAN, a.Node)
	}
	return nil
}

// doShare installs a RAN share and marks the node for reallocation when it changed.
func (s *Sim) doShare(a SetShare) {
	old := s.nodes[a.Node].ranShare
	if a.RAN != old && !(math.IsNaN(a.RAN) && math.IsNaN(old)) {
		s.nodes[a.Node].ranShare = a.RAN
		s.markDirty(int32(a.Node))
	}
}
