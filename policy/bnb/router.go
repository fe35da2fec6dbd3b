package bnb

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/sim"
)

// ErrOptions is wrapped by the error New returns for invalid options.
var ErrOptions = errors.New("bnb: invalid options")

// Options configures a Router. The zero value of every field selects the default in its comment; the
// paper gives no scoring formula, probe period or Bear exit rule, so every default is ours
// (docs/autoscale.md).
type Options struct {
	// WCPU, WLatency and WInFlight weigh the score terms (≥ 0); all three 0: 1/3 each.
	WCPU, WLatency, WInFlight float64
	LMax                      float64 // Latency normalisation L, s (> 0); 0: 1 (the xApp window).
	Period                    float64 // Probe period (the controller's), s (> 0); 0: 5.
	ProbeTTL                  float64 // A probe older than this is stale and ignored, s (> 0); 0: 2·Period.
	NoBear                    bool    // Disable Bear: always Bull.
	// ReassocDelay is the time a moved flow's association takes to re-establish, s (≥ 0; 0: none;
	// the paper gives no value): after a flow is re-associated (its replica left or crashed), its
	// requests arriving before the re-association time + ReassocDelay wait until then.
	ReassocDelay float64
	// Admit, if set, is asked once per new flow (its first request, after Bear and Bull chose replica
	// instance among reps): false refuses the flow, and every request of it ends at once, dropped
	// (sim.Associator). nil admits every flow.
	Admit func(flow, instance int, r *Router, reps []sim.ReplicaView) bool
	// Pin, if set, returns the node a flow must be served on (ok true): its candidates are the
	// replicas on that node, or all if none is there.
	Pin func(flow int) (node int, ok bool)
}

// Router is the Bull-and-Bear balancer. As a sim.Controller it probes the replicas every Period (its
// plan is always empty); as a sim.Router it routes each AI request. A request with Flow > 0 goes to
// its flow's replica while that replica is routable; otherwise (a new flow, or its replica drained) the
// flow is associated afresh:
//
//   - Bear: if the newest routable replica the router has seen appear is available and its load is
//     below the mean load of the candidates, it gets the flow. The load is the probed CPU
//     utilisation (fresh probes only; the newest counts 0 until probed); when no other candidate has
//     a fresh probe, the number of flows associated with it;
//   - Bull: else the available candidate (all candidates if none is available) with the lowest score
//     WCPU·cpu + WLatency·min(lat/LMax, 1) + WInFlight·inflight/max inflight, where cpu is the CPU
//     utilisation of the replica's server over the last probe window (work served by the AI replicas
//     there / window / node cores) and lat the probed
//     drain time BacklogCPU/CPUAlloc (both 0 when the probe is stale or missing), inflight the live
//     count; ties: fewer flows, then the lower index.
//
// Requests without a flow are placed as a new flow would be, without an association. As a
// sim.Associator it delays a re-associated flow's requests by ReassocDelay and refuses the flows Admit
// refused. It implements sim.Forker.
type Router struct {
	o       Options
	probe   []probe   // by instance index
	flowOf  []int     // replica instance of each flow (index flow), −1: none, −2: disconnected (Disconnect)
	readyAt []float64 // time each flow's association is up, s
	refused []bool    // flows Admit refused
	flows   []int     // flows associated with each instance
	seen    int       // instances seen so far (a higher index is a scale-up)
	newest  int       // the newest replica seen appearing after the first call, −1: none
	now     float64   // time of the last probe, s
	reassoc int
}

// probe is one replica's last probed load.
type probe struct {
	at, cpu, lat float64 // probe time (s; NaN: never), utilisation, drain time (s)
	backlog      float64 // BacklogCPU at the probe, core-s
}

// New returns a Router, or an error wrapping ErrOptions.
func New(o Options) (*Router, error) {
	if o.WCPU == 0 && o.WLatency == 0 && o.WInFlight == 0 {
		o.WCPU, o.WLatency, o.WInFlight = 1.0/3, 1.0/3, 1.0/3
	}
	if o.LMax == 0 {
		o.LMax = 1
	}
	if o.Period == 0 {
		o.Period = 5
	}
	if o.ProbeTTL == 0 {
		o.ProbeTTL = 2 * o.Period
	}
	if !(o.ReassocDelay >= 0) || math.IsInf(o.ReassocDelay, 0) {
		return nil, fmt.Errorf("%w: re-association delay %g s must be finite and ≥ 0", ErrOptions, o.ReassocDelay)
	}
	for _, v := range []float64{o.WCPU, o.WLatency, o.WInFlight} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: weights %g, %g, %g must be finite and ≥ 0", ErrOptions, o.WCPU, o.WLatency, o.WInFlight)
		}
	}
	for _, v := range []float64{o.LMax, o.Period, o.ProbeTTL} {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: LMax %g s, period %g s and probe TTL %g s must be finite and > 0", ErrOptions, o.LMax, o.Period, o.ProbeTTL)
		}
	}
	return &Router{o: o, newest: -1, now: math.Inf(-1)}, nil
}

// Name is the name the router reports (sim.Controller.Name) and its registered method's name.
const Name = "bnb"

// Name returns Name.
func (*Router) Name() string { return Name }

// Spec returns the router scheduled every Period (probes).
func (r *Router) Spec() sim.ControllerSpec {
	return sim.ControllerSpec{Controller: r, Period: r.o.Period}
}

// ReAssociations returns how many flows were re-associated because their replica left or crashed.
func (r *Router) ReAssociations() int { return r.reassoc }

// Flows returns the number of flows associated with instance i.
func (r *Router) Flows(i int) int {
	if i < len(r.flows) {
		return r.flows[i]
	}
	return 0
}

// Fork returns an independent copy (Pin is shared).
func (r *Router) Fork() any {
	c := *r
	c.probe, c.flowOf, c.flows = slices.Clone(r.probe), slices.Clone(r.flowOf), slices.Clone(r.flows)
	c.readyAt, c.refused = slices.Clone(r.readyAt), slices.Clone(r.refused)
	return &c
}

// Decide probes every AI instance's CPU utilisation — that of its server, as the paper's balancer
// "selects servers based on CPU load": the CPU work the AI replicas on the node served over the probe
// window / window / node cores, so replicas sharing a server share its load — and its drain time; it
// returns no action.
func (r *Router) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	r.grow(len(s.Instances))
	served := make([]float64, len(s.Nodes)) // CPU work served by the AI replicas of each node, core-s
	for i, in := range s.Instances {
		if p := &r.probe[i]; in.Category.IsAI() && !math.IsNaN(p.at) {
			served[in.Node] += max(0, in.LastEpoch.Work.CPU+p.backlog-in.BacklogCPU)
		}
	}
	for i, in := range s.Instances {
		if !in.Category.IsAI() {
			continue
		}
		p := &r.probe[i]
		p.cpu, p.lat = 0, 0
		if c := s.Nodes[in.Node].Spec.CPU; s.Window > 0 && c > 0 {
			p.cpu = served[in.Node] / s.Window / c
		}
		if in.BacklogCPU > 0 {
			p.lat = math.Inf(1)
			if in.CPUAlloc > 0 {
				p.lat = in.BacklogCPU / in.CPUAlloc
			}
		}
		p.at, p.backlog = s.Time, in.BacklogCPU
	}
	r.now = s.Time
	return nil, nil
}

func (r *Router) grow(n int) {
	for len(r.probe) < n {
		r.probe = append(r.probe, probe{at: math.NaN()})
		r.flows = append(r.flows, 0)
	}
}

// Route returns the index into reps of the replica for q.
func (r *Router) Route(q *sim.Request, reps []sim.ReplicaView) int {
	hi := 0
	for _, v := range reps {
		hi = max(hi, v.Instance+1)
	}
	r.grow(hi)
	r.noticeNew(reps)
	f := q.Flow
	moved := false
	if f > 0 {
		for len(r.flowOf) <= f {
			r.flowOf = append(r.flowOf, -1)
			r.readyAt = append(r.readyAt, 0)
			r.refused = append(r.refused, false)
		}
		if r.refused[f] {
			return 0
		}
		switch old := r.flowOf[f]; {
		case old >= 0:
			if k := slices.IndexFunc(reps, func(v sim.ReplicaView) bool { return v.Instance == old }); k >= 0 {
				return k
			}
			r.flows[old]--
			moved = true
		case old == disconnected:
			moved = true
		}
	}
	k := r.choose(f, q.Arrival, reps)
	if f > 0 {
		if moved {
			r.reassoc++
			r.readyAt[f] = q.Arrival + r.o.ReassocDelay
		} else if r.o.Admit != nil && !r.o.Admit(f, reps[k].Instance, r, reps) {
			r.refused[f] = true
			return k
		}
		r.flowOf[f] = reps[k].Instance
		r.flows[reps[k].Instance]++
	}
	return k
}

// disconnected marks a flow whose replica crashed (Disconnect).
const disconnected = -2

// Associate implements sim.Associator: a refused flow's request is refused; a re-associated flow's
// request waits until its association is up.
func (r *Router) Associate(q *sim.Request, _ int) (float64, bool) {
	f := q.Flow
	if f <= 0 || f >= len(r.flowOf) {
		return 0, false
	}
	if r.refused[f] {
		return 0, true
	}
	return max(0, r.readyAt[f]-q.Arrival), false
}

// Disconnect drops the associations of every flow on instance i (its xApps crashed): their next
// requests re-associate, paying ReassocDelay.
func (r *Router) Disconnect(i int) {
	for f, in := range r.flowOf {
		if in == i {
			r.flowOf[f] = disconnected
		}
	}
	if i < len(r.flows) {
		r.flows[i] = 0
	}
}

// FlowsOn returns the flows associated with instance i, ascending.
func (r *Router) FlowsOn(i int) []int {
	var out []int
	for f, in := range r.flowOf {
		if in == i {
			out = append(out, f)
		}
	}
	return out
}

// Refused returns how many flows Admit refused.
func (r *Router) Refused() int {
	n := 0
	for _, b := range r.refused {
		if b {
			n++
		}
	}
	return n
}

// noticeNew records the newest replica when one appears after the routable set was first seen.
func (r *Router) noticeNew(reps []sim.ReplicaView) {
	for _, v := range reps {
		if v.Instance >= r.seen {
			if r.seen > 0 {
				r.newest = v.Instance
			}
		}
	}
	for _, v := range reps {
		r.seen = max(r.seen, v.Instance+1)
	}
}

// choose applies Bear, then Bull, over the candidates of flow f.
func (r *Router) choose(f int, now float64, reps []sim.ReplicaView) int {
	cand := r.candidates(f, reps)
	if k, ok := r.bear(cand, reps, now); ok {
		return k
	}
	avail := cand[:0:0]
	for _, k := range cand {
		if reps[k].Available {
			avail = append(avail, k)
		}
	}
	if len(avail) > 0 {
		cand = avail
	}
	maxIn := 0
	for _, k := range cand {
		maxIn = max(maxIn, reps[k].InFlight)
	}
	best, bestS := -1, math.Inf(1)
	for _, k := range cand {
		sc := r.score(reps[k], now, maxIn)
		i := reps[k].Instance
		if best < 0 || sc < bestS || (sc == bestS && r.flows[i] < r.flows[reps[best].Instance]) {
			best, bestS = k, sc
		}
	}
	return best
}

// candidates returns the indices into reps allowed for flow f (its pinned node's, or all).
func (r *Router) candidates(f int, reps []sim.ReplicaView) []int {
	all := make([]int, 0, len(reps))
	var pinned []int
	node, ok := -1, false
	if f > 0 && r.o.Pin != nil {
		node, ok = r.o.Pin(f)
	}
	for k, v := range reps {
		all = append(all, k)
		if ok && v.Node == node {
			pinned = append(pinned, k)
		}
	}
	if len(pinned) > 0 {
		return pinned
	}
	return all
}

// bear returns the newest replica if it is a candidate, available and below the mean load.
func (r *Router) bear(cand []int, reps []sim.ReplicaView, now float64) (int, bool) {
	if r.o.NoBear || r.newest < 0 {
		return 0, false
	}
	at, flows, cpu, fresh := -1, 0, 0.0, 0
	for _, k := range cand {
		i := reps[k].Instance
		flows += r.flows[i]
		if c, ok := r.fresh(i, now); ok {
			cpu += c
			fresh++
		}
		if i == r.newest {
			at = k
		}
	}
	if at < 0 || !reps[at].Available {
		return 0, false
	}
	own, probed := r.fresh(r.newest, now) // own is 0 until the newest replica is probed
	others := fresh
	if probed {
		others--
	}
	if others == 0 {
		return at, float64(r.flows[r.newest]) < float64(flows)/float64(len(cand))
	}
	if !probed {
		cpu, fresh = cpu+own, fresh+1
	}
	return at, own < cpu/float64(fresh)
}

// fresh returns instance i's probed CPU utilisation if its probe is at most ProbeTTL old at now.
func (r *Router) fresh(i int, now float64) (float64, bool) {
	p := r.probe[i]
	if math.IsNaN(p.at) || now-p.at > r.o.ProbeTTL {
		return 0, false
	}
	return p.cpu, true
}

// score is the Bull score of one replica.
func (r *Router) score(v sim.ReplicaView, now float64, maxIn int) float64 {
	s := 0.0
	if p := r.probe[v.Instance]; !math.IsNaN(p.at) && now-p.at <= r.o.ProbeTTL {
		s = r.o.WCPU*p.cpu + r.o.WLatency*math.Min(p.lat/r.o.LMax, 1)
	}
	if maxIn > 0 {
		s += r.o.WInFlight * float64(v.InFlight) / float64(maxIn)
	}
	return s
}

// IsRefused reports whether Admit refused flow f.
func (r *Router) IsRefused(f int) bool { return f > 0 && f < len(r.refused) && r.refused[f] }
