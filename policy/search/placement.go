package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/airansim/airansim/sim"
)

// Placement is a static initial placement: the node index of each instance of a configuration's
// Instances, by instance index.
type Placement []int

// PlacementOf returns cfg's own placement.
func PlacementOf(cfg sim.Config) Placement {
	p := make(Placement, len(cfg.Instances))
	for i, in := range cfg.Instances {
		p[i] = in.Node
	}
	return p
}

// Feasible reports whether p places every instance of cfg on a node in range and the resident
// weights of every node fit its VRAM (sim.FitsVRAM, summed in instance order as the engine does).
func Feasible(cfg sim.Config, p Placement) bool {
	if len(p) != len(cfg.Instances) {
		return false
	}
	w := make([]float64, len(cfg.Nodes))
	for i, n := range p {
		if n < 0 || n >= len(cfg.Nodes) {
			return false
		}
		w[n] += cfg.Services[cfg.Instances[i].Service].WeightsGB
	}
	for n := range w {
		if !sim.FitsVRAM(w[n], cfg.Nodes[n].VRAMGB) {
			return false
		}
	}
	return true
}

// RunPlacement runs cfg from time 0 to its end with its instances placed by p and no controllers
// (the placement is static), and returns the outcome. cfg's Source must be a sim.ForkableSource not
// yet read from (it is only forked); its Allocator is used, its Controllers and Sink are ignored.
func RunPlacement(ctx context.Context, cfg sim.Config, p Placement) (Run, error) {
	if !Feasible(cfg, p) {
		return Run{}, fmt.Errorf("%w: placement %v is not feasible", ErrOptions, p)
	}
	c, err := fresh(cfg)
	if err != nil {
		return Run{}, err
	}
	for i := range c.Instances {
		c.Instances[i].Node = p[i]
	}
	return run(ctx, c, nil)
}

// key returns a map key of p.
func (p Placement) key() string {
	var b strings.Builder
	for _, n := range p {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(',')
	}
	return b.String()
}

// randomFeasible draws placements with every instance on a uniformly random node until one is
// feasible (at most tries draws).
func randomFeasible(cfg sim.Config, r *rand.Rand, tries int) (Placement, error) {
	p := make(Placement, len(cfg.Instances))
	for k := 0; k < tries; k++ {
		for i := range p {
			p[i] = r.IntN(len(cfg.Nodes))
		}
		if Feasible(cfg, p) {
			return p, nil
		}
	}
	return nil, fmt.Errorf("search: no feasible random placement in %d draws", tries)
}

// neighbours calls f on every feasible placement one move or one swap from p, in a fixed order:
// first every instance i to every other node n (i, then n ascending), then every pair i < j on
// different nodes exchanged. It stops when f returns false.
func neighbours(cfg sim.Config, p Placement, f func(Placement) bool) {
	q := append(Placement(nil), p...)
	try := func() bool { return !Feasible(cfg, q) || f(append(Placement(nil), q...)) }
	for i := range p {
		for n := range cfg.Nodes {
			if n == p[i] {
				continue
			}
			q[i] = n
			ok := try()
			q[i] = p[i]
			if !ok {
				return
			}
		}
	}
	for i := range p {
		for j := i + 1; j < len(p); j++ {
			if p[i] == p[j] {
				continue
			}
			q[i], q[j] = p[j], p[i]
			ok := try()
			q[i], q[j] = p[i], p[j]
			if !ok {
				return
			}
		}
	}
}
