package mig

import (
	"fmt"

	"github.com/airansim/airansim/internal/names"
	"github.com/airansim/airansim/sim"
)

// Phase is the step an ordered MIG plan (Sequence) is at.
type Phase uint8

// Phases of a Sequence, in order.
const (
	// Evacuating: moving the instances off the partitions the new layout changes; the reconfiguration
	// is emitted with the last of them.
	Evacuating Phase = iota
	// Reconfiguring: the Reconfigure was emitted; waiting for the partitions to serve again.
	Reconfiguring
	// Settling: the layout is compliant; waiting until it has been stable for the plan's StableS.
	Settling
	// Deployed: the deployment actions were emitted (once).
	Deployed
)

var phaseNames = [...]string{"evacuating", "reconfiguring", "settling", "deployed"}

// String returns the phase's name ("evacuating", "reconfiguring", "settling", "deployed").
func (p Phase) String() string { return names.Of(phaseNames[:], p) }

// Destination chooses the node to move instance inst to while the GPU reconfigures, in snapshot s;
// free[n] is node n's free VRAM, GB, after the moves already planned, and avoid reports the nodes that
// must not be used (the GPU's partitions the layout changes). ok false: none now (the plan waits).
type Destination func(s *sim.Snapshot, inst int, free []float64, avoid func(n int) bool) (node int, ok bool)

// Sequence is an ordered action plan for one MIG GPU, as the AITRAS orchestrator orders it with OCM
// policies and a PolicyWatcher (blog section 4): move the instances off the partitions the target
// layout changes → reconfigure the GPU to the target → wait until the layout is compliant and stable
// for StableS seconds → deploy. Call Step with every snapshot of the controller that drives it
// (Controller does); each call returns the actions due then. Deploy is never returned before the
// watcher has seen the target layout serving, unchanged, for StableS seconds. The engine checks the
// deployment's actions when it applies them, like any plan's (a rejected one is counted, not retried).
type Sequence struct {
	GPU     *GPU
	Target  Layout
	StableS float64  // T: how long the layout must be compliant and unchanged before deploying, s (≥ 0)
	Deploy  sim.Plan // applied once compliant and stable (e.g. AddReplica or Migrate onto the new partitions)
	// Dest chooses where evacuated instances go; nil: MostFreeVRAM.
	Dest Destination

	watch      Watcher
	phase      Phase
	retries    int     // reconfigurations re-emitted after the engine refused or lost one
	deployedAt float64 // s
}

// NewSequence returns the plan of moving GPU g to layout target and then applying deploy, after
// validating target against g's model.
func NewSequence(g *GPU, target Layout, stableS float64, deploy sim.Plan) (*Sequence, error) {
	if _, err := g.Specs(target); err != nil {
		return nil, err
	}
	if !(stableS >= 0) {
		return nil, fmt.Errorf("mig: GPU %s: stable time %g s, want ≥ 0", g.Name, stableS)
	}
	return &Sequence{GPU: g, Target: target, StableS: stableS, Deploy: deploy}, nil
}

// Phase returns the plan's current phase.
func (q *Sequence) Phase() Phase { return q.phase }

// Retries returns how many times the reconfiguration was emitted again because the GPU showed neither
// the target layout nor a reconfiguration under way (the engine refused the previous one).
func (q *Sequence) Retries() int { return q.retries }

// DeployedAt returns the time the deployment was emitted, s (meaningful in phase Deployed).
func (q *Sequence) DeployedAt() float64 { return q.deployedAt }

// Watcher returns the plan's watcher of the GPU (its Compliant, StableFor and Claim queries).
func (q *Sequence) Watcher() *Watcher { return &q.watch }

// Step observes snapshot s and returns the actions due now (nil: none).
func (q *Sequence) Step(s *sim.Snapshot) sim.Plan {
	q.watch.GPU = q.GPU
	q.watch.Observe(s)
	switch q.phase {
	case Reconfiguring:
		if q.watch.Compliant(q.Target) {
			q.phase = Settling
			break
		}
		if q.anyDown(s) {
			return nil // under way
		}
		q.retries++
		q.phase = Evacuating
	case Settling:
		if !q.watch.Compliant(q.Target) {
			q.phase = Evacuating // changed under us: start over
		}
	case Deployed:
		return nil
	}
	switch q.phase {
	case Evacuating:
		if q.watch.Compliant(q.Target) {
			q.phase = Settling
			return q.settle()
		}
		return q.evacuate(s)
	case Settling:
		return q.settle()
	}
	return nil
}

// settle returns the deployment once the layout has been stable for StableS.
func (q *Sequence) settle() sim.Plan {
	if !q.watch.StableFor(q.StableS) {
		return nil
	}
	q.phase, q.deployedAt = Deployed, q.watch.last
	return q.Deploy
}

// anyDown reports whether a partition of the GPU is down in s.
func (q *Sequence) anyDown(s *sim.Snapshot) bool {
	for k := range Slots {
		if n := q.GPU.Node(k); n < len(s.Nodes) && s.Nodes[n].Down {
			return true
		}
	}
	return false
}

// evacuate returns the migrations of the instances on the partitions the target changes followed by
// the Reconfigure; only the migrations possible now when some instance cannot move yet.
func (q *Sequence) evacuate(s *sim.Snapshot) sim.Plan {
	act, err := q.GPU.Reconfigure(q.Target)
	if err != nil {
		return nil // Target was validated by NewSequence; a hand-built Sequence with a bad target does nothing
	}
	affected := make([]bool, len(s.Nodes))
	for k, n := range act.Nodes {
		if n < len(s.Nodes) {
			v := s.Nodes[n].Spec
			want := act.Specs[k]
			affected[n] = v.GPU != want.GPU || v.CPU != want.CPU || v.VRAMGB != want.VRAMGB
		}
	}
	avoid := func(n int) bool { return n < 0 || n >= len(affected) || affected[n] }
	free := make([]float64, len(s.Nodes))
	for n, v := range s.Nodes {
		free[n] = v.VRAMFree()
	}
	dest := q.Dest
	if dest == nil {
		dest = MostFreeVRAM
	}
	var plan sim.Plan
	stuck := false
	for n, hit := range affected {
		if !hit {
			continue
		}
		for _, i := range s.Nodes[n].Inst {
			v := s.Instances[i]
			if v.State == sim.StateRetired {
				continue
			}
			to, ok := -1, false
			if v.Movable() {
				to, ok = dest(s, i, free, avoid)
			}
			if !ok || avoid(to) {
				stuck = true
				continue
			}
			w := s.Services[v.Service].WeightsGB
			free[to] -= w
			free[n] += w
			plan = append(plan, sim.Migrate{Instance: i, To: to})
		}
	}
	if stuck {
		return plan
	}
	q.phase = Reconfiguring
	return append(plan, act)
}

// MostFreeVRAM is the default Destination: the node with the most free VRAM that holds the
// instance's weights, is up, has GPU or CPU capacity and is not avoided; ties to the lowest index.
func MostFreeVRAM(s *sim.Snapshot, inst int, free []float64, avoid func(n int) bool) (int, bool) {
	v := s.Instances[inst]
	w := s.Services[v.Service].WeightsGB
	best := -1
	for n, nv := range s.Nodes {
		switch {
		case n == v.Node || avoid(n) || nv.Down || (nv.Spec.GPU == 0 && nv.Spec.CPU == 0) || !sim.FitsVRAM(w, free[n]):
			continue
		case best < 0 || free[n] > free[best]:
			best = n
		}
	}
	return best, best >= 0
}
