package gametheory

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// randomSnapshot draws 2..6 nodes (GPU 0..300 TFLOP/s, CPU 0..64 cores, VRAM 0..80 GB) and 1..20
// instances of every category with random demands (a fifth idle), backlogs, weights and R_s; a tenth
// are reconfiguring, an eighth have requests waiting. The initial placement respects VRAM.
func randomSnapshot(r *rand.Rand) *sim.Snapshot {
	s := &sim.Snapshot{Time: 50, Window: 5}
	for range 2 + r.IntN(5) {
		s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{GPU: float64(r.IntN(4)) * 100,
			CPU: float64(r.IntN(3)) * 32, VRAMGB: 80 * r.Float64()}})
	}
	for i := range 1 + r.IntN(20) {
		cat := sim.Category(r.IntN(4))
		spec := sim.ServiceSpec{Category: cat, WeightsGB: 10 * r.Float64() * r.Float64(), ReconfigS: 8 * r.Float64()}
		n := r.IntN(len(s.Nodes))
		if s.Nodes[n].VRAMFree() < spec.WeightsGB {
			spec.WeightsGB = 0
		}
		v := sim.InstanceView{Service: i, Category: cat, Node: n, Reconfiguring: r.IntN(10) == 0,
			BacklogGPU: 100 * r.Float64(), BacklogCPU: 10 * r.Float64()}
		if r.IntN(5) > 0 {
			v.LastEpoch.Work = sim.Work{GPU: 500 * r.Float64(), CPU: 100 * r.Float64()}
		}
		if r.IntN(8) == 0 {
			v.Waiting = 1 + r.IntN(3)
		}
		s.Services = append(s.Services, spec)
		s.Instances = append(s.Instances, v)
		s.Nodes[n].Inst = append(s.Nodes[n].Inst, i)
		s.Nodes[n].Weights += spec.WeightsGB
	}
	return s
}

// TestEquilibrium checks on seeded random snapshots that best response converges (the game has a
// weighted potential), that the final placement is a pure Nash equilibrium (no movable instance has a
// feasible move lowering its cost by more than improveTol), that only movable instances move, that
// every destination's free VRAM fits the weights of all the instances moving there, and that no node
// where requests wait for VRAM has moves both in and out.
func TestEquilibrium(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 37))
	for k := range 2000 {
		s := randomSnapshot(r)
		horizon := float64(r.IntN(2)) * 5
		p, err := New(Options{MaxRounds: 1000, Horizon: horizon})
		if err != nil {
			t.Fatal(err)
		}
		o, err := p.Play(context.Background(), s)
		if err != nil || !o.Converged {
			t.Fatalf("snapshot %d: %+v, %v: no convergence", k, o, err)
		}
		g := newGame(s, DefaultSlot, horizon)
		promised := make([]float64, len(s.Nodes))
		for _, m := range o.Migrations {
			if !g.movable(m.Instance) {
				t.Fatalf("snapshot %d: unmovable instance %d moved", k, m.Instance)
			}
			promised[m.To] += s.Services[s.Instances[m.Instance].Service].WeightsGB
			g.move(m.Instance, m.To)
		}
		for n, w := range promised {
			if w > s.Nodes[n].VRAMFree()+1e-9 {
				t.Fatalf("snapshot %d: %g GB moved to node %d with %g GB free", k, w, n, s.Nodes[n].VRAMFree())
			}
			if g.wait[n] && g.nIn[n] > 0 && g.nOut[n] > 0 {
				t.Fatalf("snapshot %d: node %d, where requests wait for VRAM, has moves in and out", k, n)
			}
		}
		for i := range s.Instances {
			if g.movable(i) && g.bestResponse(i) != g.pos[i] {
				t.Fatalf("snapshot %d: instance %d would still move from node %d to %d", k, i, g.pos[i], g.bestResponse(i))
			}
		}
	}
}
