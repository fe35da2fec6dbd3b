package sim_test

import (
	"math/rand/v2"
	"sync"

	"github.com/airansim/airansim/sim"
)

// genSource generates requests from a function of its index; it forks by copying its state.
type genSource struct {
	n, i int
	rng  *rand.Rand
	pcg  *rand.PCG
	t    float64
	make func(i int, t float64, rng *rand.Rand) (sim.Request, float64) // request and next gap
}

func newGen(n int, seed uint64, f func(i int, t float64, rng *rand.Rand) (sim.Request, float64)) *genSource {
	pcg := rand.NewPCG(seed, 1)
	return &genSource{n: n, pcg: pcg, rng: rand.New(pcg), make: f}
}

func (g *genSource) Next() (sim.Request, bool, error) {
	if g.i >= g.n {
		return sim.Request{}, false, nil
	}
	r, gap := g.make(g.i, g.t, g.rng)
	r.ID, r.Arrival = int64(g.i), g.t
	g.t += gap
	g.i++
	return r, true, nil
}

func (g *genSource) Fork() (sim.Source, error) {
	pcg := *g.pcg
	c := *g
	c.pcg = &pcg
	c.rng = rand.New(&pcg)
	return &c, nil
}

// share is a test allocator: floors first, then the residual in proportion to work.
type share struct{}

func (share) Allocate(capacity float64, d []sim.Demand, out []float64) bool {
	floors, work := 0.0, 0.0
	for _, x := range d {
		floors += x.Floor
		work += x.Work
	}
	if floors > capacity {
		for i, x := range d {
			out[i] = x.Floor * capacity / floors
		}
		return false
	}
	for i, x := range d {
		out[i] = x.Floor
		if work > 0 {
			out[i] += (capacity - floors) * x.Work / work
		}
	}
	return true
}

// every schedules controllers on one period (s; 0: the default), in the order given.
func every(period float64, cs ...sim.Controller) []sim.ControllerSpec {
	out := make([]sim.ControllerSpec, len(cs))
	for i, c := range cs {
		out[i] = sim.ControllerSpec{Controller: c, Period: period}
	}
	return out
}

// collect is a Sink that keeps every record.
type collect struct {
	mu   sync.Mutex
	recs []sim.Record
}

func (c *collect) Record(r sim.Record) {
	c.mu.Lock()
	c.recs = append(c.recs, r)
	c.mu.Unlock()
}

// oneNode is a configuration with one node hosting a cell (DU, CU-UP) and one small-AI instance.
func oneNode(gpu, cpu, vram float64) sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "n0", GPU: gpu, CPU: cpu, VRAMGB: vram}},
		Services: []sim.ServiceSpec{
			{Name: "du0", Category: sim.DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu0", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "ai", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: share{},
	}
}
