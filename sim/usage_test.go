package sim_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// samples is a Sampler that keeps every node's usage at every sample time.
type samples struct {
	t []float64
	u [][]sim.NodeUsage
}

func (p *samples) Sample(s *sim.Sim, t float64) {
	p.t = append(p.t, t)
	row := make([]sim.NodeUsage, len(s.Clusters()[0].Nodes))
	for n := range row {
		row[n] = s.Usage(n, t)
	}
	p.u = append(p.u, row)
}

// single is one AI request of 50 TFLOP and 2 core-s on a 100 TFLOP/s, 4-core node: by hand, its GPU
// phase takes [0, 0.5] s at the whole GPU and its CPU phase [0.5, 1] s at the whole CPU.
func single(step float64) (sim.Config, *samples) {
	cfg := oneNode(100, 4, 10)
	cfg.HopDelay = 1e-300
	cfg.Source = newGen(1, 1, func(int, float64, *rand.Rand) (sim.Request, float64) {
		return sim.Request{Class: sim.AI, Service: 2, Deadline: 10, AIWork: sim.Work{GPU: 50, CPU: 2}}, 1
	})
	p := &samples{}
	cfg.Sampler, cfg.SampleStep = p, step
	return cfg, p
}

func TestUsageSingleRequestByHand(t *testing.T) {
	cfg, p := single(0.25)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// GPU work, CPU work, GPU and CPU utilisation at 0.25, 0.5, 0.75 and 1 s; busy rates just after.
	want := []struct {
		t, gw, cw, gu, cu, gb, cb float64
	}{
		{0.25, 25, 0, 1, 0, 100, 0},
		{0.5, 50, 0, 0, 1, 0, 4}, // the GPU phase ends at 0.5: the sample sees the CPU phase begun
		{0.75, 50, 1, 0, 1, 0, 4},
		{1, 50, 2, 0, 0, 0, 0},
	}
	if len(p.t) != len(want) {
		t.Fatalf("sample times %v, want %d of them (the run ends at 1 s)", p.t, len(want))
	}
	for k, w := range want {
		u := p.u[k][0]
		got := []float64{p.t[k], u.GPUWork, u.CPUWork, u.GPUUtil, u.CPUUtil, u.GPUBusy, u.CPUBusy}
		for j, v := range []float64{w.t, w.gw, w.cw, w.gu, w.cu, w.gb, w.cb} {
			if math.Abs(got[j]-v) > 1e-12 {
				t.Errorf("sample %d: got %v, want %+v", k, got, w)
				break
			}
		}
		if u.GPUOffered != 100*w.t || u.CPUOffered != 4*w.t {
			t.Errorf("sample %d: offered %g TFLOP and %g core-s, want capacity × %g s", k, u.GPUOffered, u.CPUOffered, w.t)
		}
		if u.VRAMUsedGB != 2 { // DU and AI weights, 1 GB each; no KV
			t.Errorf("sample %d: VRAM used %g GB, want 2", k, u.VRAMUsedGB)
		}
	}
}

func TestSamplerPartialLastStepAndFork(t *testing.T) {
	cfg, p := single(0.3)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 0.4); err != nil {
		t.Fatal(err)
	}
	f, err := s.Fork(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(p.t) != 1 {
		t.Fatalf("after the fork ran: sample times %v, want only 0.3 (a fork has no Sampler)", p.t)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	step, k := 0.3, []float64{1, 2, 3}
	want := []float64{k[0] * step, k[1] * step, k[2] * step, 1} // float64(k)·step, then the end of the run
	if len(p.t) != len(want) {
		t.Fatalf("sample times %v, want %v", p.t, want)
	}
	for k := range want {
		if p.t[k] != want[k] {
			t.Fatalf("sample times %v, want %v", p.t, want)
		}
	}
	if u := s.Usage(0, 5); u.GPUWork != 50 || u.CPUWork != 2 || u.GPUOffered != 100 {
		t.Errorf("after the end: %+v, want the totals at the end", u)
	}
}

// TestUsageWorkConservation checks the integrals against an independent oracle: the GPU and CPU work
// each node served is the work of the stages placed on it, when every request finishes.
func TestUsageWorkConservation(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		cfg := sim.Config{
			Nodes: []sim.NodeSpec{{Name: "n0", GPU: 50, CPU: 8, VRAMGB: 40}, {Name: "n1", GPU: 20, CPU: 16, VRAMGB: 40}},
			Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU, WeightsGB: 1}, {Name: "cu", Category: sim.CUUP},
				{Name: "a0", Category: sim.SmallAI, WeightsGB: 1}, {Name: "a1", Category: sim.SmallAI, WeightsGB: 1}},
			Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 1}, {Service: 2, Node: 0}, {Service: 3, Node: 1}},
			Cells:     []sim.CellSpec{{Name: "c", DU: 0, CU: 1}},
			Allocator: share{},
		}
		var gpu, cpu [2]float64 // oracle: work placed per node
		cfg.Source = newGen(3000, seed, func(i int, _ float64, r *rand.Rand) (sim.Request, float64) {
			var q sim.Request
			switch i % 3 {
			case 0:
				q = sim.Request{Class: sim.URLLC, Deadline: 10, DU: sim.Work{GPU: 0.05 * r.Float64(), CPU: 0.01 * r.Float64()}, CU: sim.Work{CPU: 0.02 * r.Float64()}}
				gpu[0] += q.DU.GPU
				cpu[0] += q.DU.CPU
				cpu[1] += q.CU.CPU
			default:
				svc := 2 + i%3 - 1
				q = sim.Request{Class: sim.AI, Service: svc, Deadline: 10, KVGB: 0.1, AIWork: sim.Work{GPU: 2 * r.ExpFloat64(), CPU: 0.05 * r.Float64()}}
				gpu[svc-2] += q.AIWork.GPU
				cpu[svc-2] += q.AIWork.CPU
			}
			return q, r.ExpFloat64() * 0.1
		})
		sink := &collect{}
		cfg.Sink = sink
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sink.recs {
			if !r.Finished {
				t.Fatalf("seed %d: request %d did not finish: the oracle needs every request done", seed, r.ID)
			}
		}
		for n := range 2 {
			u := s.Usage(n, st.End)
			spec := cfg.Nodes[n]
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"GPU work", u.GPUWork, gpu[n]}, {"CPU work", u.CPUWork, cpu[n]},
				{"GPU offered", u.GPUOffered, spec.GPU * st.End}, {"CPU offered", u.CPUOffered, spec.CPU * st.End},
			} {
				if math.Abs(c.got-c.want) > 1e-9*c.want {
					t.Errorf("seed %d node %d: %s %.12g, work placed %.12g", seed, n, c.name, c.got, c.want)
				}
			}
			if u.GPUWork > u.GPUOffered || u.CPUWork > u.CPUOffered || u.OffS != 0 {
				t.Errorf("seed %d node %d: %+v over a run of %g s", seed, n, u, st.End)
			}
		}
	}
}

func TestUsageOffWhileFailed(t *testing.T) {
	cfg := oneNode(100, 4, 10)
	cfg.Horizon, cfg.NoEarlyStop = 10, true
	cfg.Source = newGen(0, 1, nil)
	// Up at 100 TFLOP/s and 4 cores for [0, 2], failed (2, 5], up [5, 8], then at 50 and 2 until 10.
	cfg.Changes = []sim.Change{{Time: 2, Kind: sim.NodeFail}, {Time: 5, Kind: sim.NodeRecover},
		{Time: 8, Kind: sim.SetCapacity, GPU: 50, CPU: 2, VRAMGB: 10}}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	u := s.Usage(0, 10)
	if u.OffS != 3 || u.Failed || u.GPUOffered != 100*5+50*2 || u.CPUOffered != 4*5+2*2 {
		t.Errorf("off %g s (failed now: %v), offered %g TFLOP and %g core-s; want 3 s, 600 and 24", u.OffS, u.Failed, u.GPUOffered, u.CPUOffered)
	}
}
