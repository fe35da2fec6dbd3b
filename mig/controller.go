package mig

import (
	"context"

	"github.com/airansim/airansim/sim"
)

// Controller drives ordered MIG plans as a sim.Controller: at every call it steps each of its
// Sequences in order and returns their actions concatenated. Run it with a period shorter than the
// stability time so that the watchers see the layouts often.
type Controller struct {
	Sequences []*Sequence
}

// Name returns "mig".
func (*Controller) Name() string { return "mig" }

// Decide steps every sequence on snapshot s.
func (c *Controller) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	var p sim.Plan
	for _, q := range c.Sequences {
		p = append(p, q.Step(s)...)
	}
	return p, nil
}
