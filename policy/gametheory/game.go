package gametheory

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// improveTol is the least decrease of an instance's cost (dimensionless) that counts as an improvement,
// so that rounding never makes two equal options alternate.
const improveTol = 1e-9

// game is one epoch's placement game: the players are the instances, a strategy is a node.
type game struct {
	s     *sim.Snapshot
	amort float64         // K·T, the time over which a move's R_s is amortised, s
	res   []int           // dominant resource r_i of each instance
	d     []float64       // demand d_i on r_i: Snapshot.Demand(i, r_i, H), TFLOP/s or cores
	home  []int           // node at the start of the epoch
	pos   []int           // node under the moves chosen so far
	ai    []int           // class of each instance: 0 RAN function, 1 AI service
	load  [][2][2]float64 // Σ d_i of the instances at each node, per resource and class
	free  []float64       // VRAM of each node not yet promised to moves into it, GB
	wait  []bool          // requests wait for VRAM at the node (at an instance not reconfiguring)
	nIn   []int           // instances moving into each node under pos
	nOut  []int           // instances moving out of each node under pos
	moved bool            // some instance moved in the current round
}

func newGame(s *sim.Snapshot, amort, horizon float64) *game {
	n := len(s.Instances)
	g := &game{s: s, amort: amort, res: make([]int, n), d: make([]float64, n), home: make([]int, n),
		pos: make([]int, n), ai: make([]int, n), load: make([][2][2]float64, len(s.Nodes)),
		free: make([]float64, len(s.Nodes)), wait: make([]bool, len(s.Nodes)), nIn: make([]int, len(s.Nodes)),
		nOut: make([]int, len(s.Nodes))}
	for k := range s.Nodes {
		g.free[k] = s.Nodes[k].VRAMFree()
	}
	for i, in := range s.Instances {
		r := sim.Dominant(in.Category)
		g.res[i], g.home[i], g.pos[i] = r, in.Node, in.Node
		if in.State == sim.StateRetired {
			continue // no demand, no VRAM, never moves
		}
		g.d[i] = s.Demand(i, r, horizon)
		if in.Category.IsAI() {
			g.ai[i] = 1
		}
		g.load[in.Node][r][g.ai[i]] += g.d[i]
		if in.Waiting > 0 && !in.Reconfiguring {
			g.wait[in.Node] = true
		}
	}
	return g
}

// movable reports whether instance i plays: it is not reconfiguring and has demand.
func (g *game) movable(i int) bool { return g.s.Instances[i].Movable() && g.d[i] > 0 }

// cost returns instance i's cost at node n given the others' current positions, d_i/x_i with x_i its
// proportional share of what its class may use of its dominant resource r: a RAN function shares
// C_{n,r} with the RAN functions there (their floors are served first), an AI service shares the
// residual C_{n,r} − L^RAN_{n,r}. So the cost is L^class_{n,r}/(available capacity) with i counted at n,
// plus R_s/(K·T) when n is not its home node (K = 1 in the paper's reading). Where nothing is available the cost is +Inf (0 without load).
func (g *game) cost(i, n int) float64 {
	r, k := g.res[i], g.ai[i]
	l := g.load[n][r][k]
	if g.pos[i] != n {
		l += g.d[i]
	}
	avail := g.s.Capacity(n, r)
	if k == 1 {
		avail -= g.load[n][r][0]
	}
	c := 0.0
	switch {
	case avail > 0:
		c = l / avail
	case l > 0:
		c = math.Inf(1)
	}
	if n != g.home[i] {
		c += g.s.Services[g.s.Instances[i].Service].ReconfigS / g.amort
	}
	return c
}

// fits reports whether i may move to n: n is its home (its weights are still resident there) or n's
// VRAM not yet promised to other moves fits its weights M_s. VRAM that moves free at their source is
// not reused, because the engine may admit waiting requests into it as soon as a move is applied.
// Those admissions may also take the VRAM that was free before, so on a node where requests wait
// for VRAM the moves of one epoch either only arrive or only leave.
func (g *game) fits(i, n int) bool {
	h := g.home[i]
	switch {
	case n == h:
		return true
	case g.s.Nodes[n].Down: // failed or resizing: the engine rejects moves there
		return false
	case g.wait[n] && g.nOut[n] > 0: // n's free VRAM may go to its waiting requests
		return false
	case g.pos[i] == h && g.wait[h] && g.nIn[h] > 0: // leaving h would do that to an arrival
		return false
	}
	return sim.FitsVRAM(g.s.Services[g.s.Instances[i].Service].WeightsGB, g.free[n])
}

// bestResponse returns the node minimising i's cost (its current node unless another is better by
// more than improveTol; ties: the lowest node index).
func (g *game) bestResponse(i int) int {
	best := g.pos[i]
	bestC := g.cost(i, best)
	for n := range g.s.Nodes {
		if n == g.pos[i] || !g.fits(i, n) {
			continue
		}
		if c := g.cost(i, n); c < bestC-improveTol {
			best, bestC = n, c
		}
	}
	return best
}

// move places i at n, updating loads and promised VRAM.
func (g *game) move(i, n int) {
	w, r, from := g.s.Services[g.s.Instances[i].Service].WeightsGB, g.res[i], g.pos[i]
	if from != g.home[i] {
		g.free[from] += w
		g.nIn[from]--
	} else {
		g.nOut[from]++
	}
	if n != g.home[i] {
		g.free[n] -= w
		g.nIn[n]++
	} else {
		g.nOut[n]--
	}
	g.load[from][r][g.ai[i]] -= g.d[i]
	g.load[n][r][g.ai[i]] += g.d[i]
	g.pos[i] = n
	g.moved = true
}

// round lets every movable instance best-respond once, in instance order.
func (g *game) round() {
	g.moved = false
	for i := range g.s.Instances {
		if !g.movable(i) {
			continue
		}
		if n := g.bestResponse(i); n != g.pos[i] {
			g.move(i, n)
		}
	}
}

// migrations returns the moves from home to final position, in instance order.
func (g *game) migrations() []sim.Migrate {
	var ms []sim.Migrate
	for i, n := range g.pos {
		if n != g.home[i] {
			ms = append(ms, sim.Migrate{Instance: i, To: n})
		}
	}
	return ms
}
