package sim

import "math"

// InstanceState is what an instance is doing, as a Snapshot shows it.
type InstanceState uint8

// Instance states.
const (
	StateActive        InstanceState = iota // serving (or idle) and routable
	StateStarting                           // added by AddReplica, not serving yet; routable
	StateReconfiguring                      // migrating: unavailable for R_s; routable
	StateDraining                           // RemoveReplica: serves what it holds, receives nothing new
	StateRetired                            // drained and removed: no VRAM, no requests
	StateDown                               // its node is down (failed or resizing); routable
)

var instanceStateNames = [...]string{"active", "starting", "reconfiguring", "draining", "retired", "down"}

// String returns the state's name ("active", "starting", …).
func (st InstanceState) String() string {
	if int(st) < len(instanceStateNames) {
		return instanceStateNames[st]
	}
	return "unknown"
}

// state returns instance i's InstanceState.
func (s *Sim) state(i int32) InstanceState {
	in := &s.insts[i]
	switch {
	case in.retired:
		return StateRetired
	case in.draining:
		return StateDraining
	case s.nodes[in.node].down():
		return StateDown
	case in.starting:
		return StateStarting
	case in.reconfiguring:
		return StateReconfiguring
	}
	return StateActive
}

// checkAdd accepts a replica of an AI service on an existing node that is up and whose VRAM fits the
// service's weights next to what is resident and held there.
func (s *Sim) checkAdd(a AddReplica) error {
	switch {
	case a.Service < 0 || a.Service >= len(s.cfg.Services) || a.Node < 0 || a.Node >= len(s.nodes):
		return rejectf(KindAddReplica, ReasonRange, "service %d or node %d out of range", a.Service, a.Node)
	case !s.cfg.Services[a.Service].Category.IsAI():
		return rejectf(KindAddReplica, ReasonValue, "service %d is not an AI service", a.Service)
	case !finiteNonNeg(a.Startup):
		return rejectf(KindAddReplica, ReasonValue, "start-up time %g s", a.Startup)
	case s.nodes[a.Node].down():
		return rejectf(KindAddReplica, ReasonUnavailable, "node %d is down", a.Node)
	case hasNoCompute(s.nodes[a.Node].spec):
		return rejectf(KindAddReplica, ReasonUnavailable, "node %d has no capacity (an unused partition)", a.Node)
	}
	if w := s.cfg.Services[a.Service].WeightsGB; !s.fits(int32(a.Node), w) {
		return rejectf(KindAddReplica, ReasonVRAM, "service %d needs %.3g GB on node %d, %.3g GB free", a.Service, w, a.Node,
			s.vramFree(int32(a.Node)))
	}
	return nil
}

// doAdd appends a new instance, reserves its weights and makes it available after its start-up time.
func (s *Sim) doAdd(a AddReplica) {
	i := int32(len(s.insts))
	svc := s.cfg.Services[a.Service]
	startup := a.Startup
	if startup == 0 {
		startup = svc.ReconfigS
	}
	st := instState{svc: int32(a.Service), node: int32(a.Node), cat: svc.Category, reconfiguring: true, starting: true,
		availableAt: s.now + startup}
	s.insts = append(s.insts, st)
	for c := range s.counts {
		s.counts[c] = append(s.counts[c], InstanceCount{})
	}
	nd := &s.nodes[a.Node]
	nd.add(i)
	nd.weights += svc.WeightsGB
	s.replicas[a.Service] = append(s.replicas[a.Service], i)
	s.q.schedule(st.availableAt, evReconfigDone, i, 0)
	s.stats.Added++
	s.markDirty(int32(a.Node))
}

// checkRemove accepts an AI instance that is neither draining nor retired and is not its service's
// last routable replica.
func (s *Sim) checkRemove(a RemoveReplica) error {
	if a.Instance < 0 || a.Instance >= len(s.insts) {
		return rejectf(KindRemoveReplica, ReasonRange, "instance %d out of range", a.Instance)
	}
	in := &s.insts[a.Instance]
	switch {
	case in.draining || in.retired:
		return rejectf(KindRemoveReplica, ReasonRetired, "instance %d is draining or retired", a.Instance)
	case !in.cat.IsAI():
		return rejectf(KindRemoveReplica, ReasonLastReplica, "instance %d is a cell's %v", a.Instance, in.cat)
	case len(s.replicas[in.svc]) <= 1:
		return rejectf(KindRemoveReplica, ReasonLastReplica, "instance %d is the last routable replica of service %d", a.Instance, in.svc)
	}
	return nil
}

// doRemove starts draining an instance: it leaves its service's routable replicas at once and is
// retired when it holds no request.
func (s *Sim) doRemove(a RemoveReplica) {
	i := int32(a.Instance)
	in := &s.insts[i]
	in.draining = true
	reps := s.replicas[in.svc]
	for k, v := range reps {
		if v == i {
			s.replicas[in.svc] = append(reps[:k:k], reps[k+1:]...)
			break
		}
	}
	s.stats.Removed++
	s.retireIfEmpty(i)
}

// retireIfEmpty retires a draining instance that holds no request and has none on its way: its
// weights are freed and it leaves its node. (Small enough to inline at every completion.)
func (s *Sim) retireIfEmpty(i int32) {
	if s.insts[i].draining {
		s.retireIfDrained(i)
	}
}

// retireIfDrained is retireIfEmpty for a draining instance.
func (s *Sim) retireIfDrained(i int32) {
	in := &s.insts[i]
	if in.retired || in.inbound > 0 || len(in.wait) > 0 || in.q[0].len()+in.q[1].len() > 0 {
		return
	}
	in.retired = true
	n := in.node
	s.nodes[n].removeInst(i)
	s.nodes[n].weights -= s.cfg.Services[in.svc].WeightsGB
	if s.nodes[n].weights < 1e-12 {
		s.nodes[n].weights = 0
	}
	s.setRate(in, phaseGPU, 0)
	s.setRate(in, phaseCPU, 0)
	in.floor = [2]float64{}
	in.availableAt = math.Inf(1)
	s.markDirty(n)
	s.admitWaiting(n)
}
