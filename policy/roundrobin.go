package policy

import (
	"context"

	"github.com/airansim/airansim/sim"
)

// RoundRobin keeps the initial placement and dispatches each service's AI requests to its replicas
// in turn. Its zero value is ready to use; it is not safe for concurrent use.
type RoundRobin struct {
	next map[int]int // per service, the replica to use next
}

var (
	_ sim.Controller = (*RoundRobin)(nil)
	_ sim.Router     = (*RoundRobin)(nil)
)

// Name returns MethodRoundRobin.
func (*RoundRobin) Name() string { return MethodRoundRobin }

// Decide never migrates.
func (*RoundRobin) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) { return nil, nil }

// Route returns the service's replicas in turn, whatever their backlog.
func (p *RoundRobin) Route(r *sim.Request, replicas []sim.ReplicaView) int {
	if p.next == nil {
		p.next = map[int]int{}
	}
	k := p.next[r.Service] % len(replicas)
	p.next[r.Service] = k + 1
	return k
}

// Fork returns an independent copy with the same dispatch positions.
func (p *RoundRobin) Fork() any {
	c := &RoundRobin{next: make(map[int]int, len(p.next))}
	for k, v := range p.next {
		c.next[k] = v
	}
	return c
}
