package power_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// oneNode is one node of gpu TFLOP/s and cpu cores with a cell and one small-AI service, fed rs.
func oneNode(gpu, cpu float64, rs []sim.Request) sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "n0", GPU: gpu, CPU: cpu, VRAMGB: 10}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "ai", Category: sim.SmallAI}},
		Instances: []sim.InstanceSpec{{Service: 0}, {Service: 1}, {Service: 2}},
		Cells:     []sim.CellSpec{{Name: "c", DU: 0, CU: 1}},
		HopDelay:  1e-300, Allocator: simtest.ByWork{}, Source: simtest.NewRequests(rs),
	}
}

func run(t *testing.T, cfg sim.Config) (*sim.Sim, sim.Stats) {
	t.Helper()
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// model has the figures 10–110 W (GPU) and 5–25 W (CPU) for a node of gpu TFLOP/s and cpu cores.
func model(gpu, cpu float64) power.Model {
	return power.Model{GPUTFLOPS: gpu, GPUIdleW: 10, GPUMaxW: 110, CPUCores: cpu, CPUIdleW: 5, CPUMaxW: 25}
}

// TestEnergySingleRequestByHand: 50 TFLOP at 100 TFLOP/s then 2 core-s on 4 cores: the GPU is busy
// [0, 0.5] s and the CPU [0.5, 1] s, and the run ends at 1 s, so E = 15 W·1 s + 100 W·0.5 s + 20 W·0.5 s.
func TestEnergySingleRequestByHand(t *testing.T) {
	cfg := oneNode(100, 4, []sim.Request{{Class: sim.AI, Service: 2, Deadline: 10, AIWork: sim.Work{GPU: 50, CPU: 2}}})
	s, st := run(t, cfg)
	per, total, err := power.RunEnergy(s, []power.Model{model(100, 4)}, st.End)
	if err != nil {
		t.Fatal(err)
	}
	if want := 15*1 + 100*0.5 + 20*0.5; st.End != 1 || math.Abs(total-want) > 1e-12 || per[0] != total {
		t.Errorf("energy %v J over %g s (per node %v), want %v J over 1 s", total, st.End, per, want)
	}
}

// TestEnergyMM1 checks E = P_idle·T + (P_max − P_idle)·busy time on an M/M/1 queue (one AI service,
// Poisson arrivals, exponential GPU work), the busy time computed independently as Σ work / G (work
// conservation), and that the busy fraction is near ρ.
func TestEnergyMM1(t *testing.T) {
	const lambda, mean, g, n = 0.6, 1.0, 1.0, 20000
	rng := rand.New(rand.NewPCG(3, 4))
	rs := make([]sim.Request, n)
	at, work := 0.0, 0.0
	for i := range rs {
		w := rng.ExpFloat64() * mean
		rs[i] = sim.Request{ID: int64(i), Class: sim.AI, Service: 2, Arrival: at, Deadline: 1e9, AIWork: sim.Work{GPU: w}}
		work += w
		at += rng.ExpFloat64() / lambda
	}
	s, st := run(t, oneNode(g, 1, rs))
	m := model(g, 1)
	_, total, err := power.RunEnergy(s, []power.Model{m}, st.End)
	if err != nil {
		t.Fatal(err)
	}
	busy := work / g
	want := m.IdleW()*st.End + (m.GPUMaxW-m.GPUIdleW)*busy
	if math.Abs(total-want) > 1e-9*want {
		t.Errorf("energy %.9g J, hand %.9g J", total, want)
	}
	if rho := busy / st.End; math.Abs(rho-lambda*mean/g) > 0.02 {
		t.Errorf("busy fraction %.4f, ρ = %.2f", rho, lambda*mean/g)
	}
}

func TestEnergyOffWhileFailed(t *testing.T) {
	cfg := oneNode(100, 4, nil)
	cfg.Horizon, cfg.NoEarlyStop = 10, true
	cfg.Changes = []sim.Change{{Time: 2, Kind: sim.NodeFail}, {Time: 5, Kind: sim.NodeRecover}}
	s, st := run(t, cfg)
	_, total, err := power.RunEnergy(s, []power.Model{model(100, 4)}, st.End)
	if err != nil {
		t.Fatal(err)
	}
	if want := model(100, 4).IdleW() * 7; total != want {
		t.Errorf("energy %v J, want idle power × 7 s up = %v J", total, want)
	}
	if _, _, err := power.RunEnergy(s, nil, st.End); err == nil {
		t.Error("no models for one node: accepted")
	}
}

// TestEnergyFollowsCapacity: an idle node of 100 TFLOP/s and 4 cores loses half its GPU at 4 s; by
// hand, over 10 s, E = 10 W·4 s + 5 W·6 s (GPU) + 5 W·10 s (CPU) = 120 J. And a busy node that is half of
// a GPU's slices uses the same energy with the whole GPU's model as with its Partition(1/2).
func TestEnergyFollowsCapacity(t *testing.T) {
	cfg := oneNode(100, 4, nil)
	cfg.Horizon, cfg.NoEarlyStop = 10, true
	cfg.Changes = []sim.Change{{Time: 4, Kind: sim.SetCapacity, GPU: 50, CPU: 4, VRAMGB: 10}}
	s, st := run(t, cfg)
	if _, e, err := power.RunEnergy(s, []power.Model{model(100, 4)}, st.End); err != nil || math.Abs(e-120) > 1e-12 {
		t.Errorf("energy %v J (%v), want 120 J", e, err)
	}

	rng := rand.New(rand.NewPCG(7, 8))
	var rs []sim.Request
	for i := range 300 {
		rs = append(rs, sim.Request{ID: int64(i), Class: sim.AI, Service: 2, Arrival: float64(i) * 0.1, Deadline: 1,
			AIWork: sim.Work{GPU: 5 * rng.ExpFloat64(), CPU: 0.1 * rng.Float64()}})
	}
	cfg = oneNode(100, 4, rs)
	cfg.Changes = []sim.Change{{Time: 12, Kind: sim.SetCapacity, GPU: 200, CPU: 8, VRAMGB: 10}} // a reconfiguration: the whole GPU
	s, st = run(t, cfg)
	gpu := model(200, 8)
	_, whole, err := power.RunEnergy(s, []power.Model{gpu}, st.End)
	if err != nil {
		t.Fatal(err)
	}
	_, half, err := power.RunEnergy(s, []power.Model{gpu.Partition(0.5)}, st.End)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(whole-half) > 1e-9*whole || whole <= 0 {
		t.Errorf("the GPU's model %v J, Partition(1/2) %v J", whole, half)
	}
}

func TestPartitionsAddUpToTheGPU(t *testing.T) {
	gpu := power.Default.For(sim.NodeSpec{GPU: 445})
	fs := []float64{3.0 / 7, 2.0 / 7, 1.0 / 7, 1.0 / 7} // A100 3g + 2g + 1g + 1g: all seven slices
	us := []float64{0.9, 0.2, 0, 1}
	idle, p, gu := 0.0, 0.0, 0.0
	for i, f := range fs {
		m := gpu.Partition(f)
		idle += m.IdleW()
		p += m.Power(us[i], 0)
		gu += f * us[i]
		if got, want := m, power.Default.For(sim.NodeSpec{GPU: f * 445}); math.Abs(got.GPUMaxW-want.GPUMaxW) > 1e-9 || math.Abs(got.GPUIdleW-want.GPUIdleW) > 1e-9 {
			t.Errorf("partition %g: %+v, a node of %g × the capacity by default: %+v", f, got, f, want)
		}
	}
	if math.Abs(idle-gpu.IdleW()) > 1e-9 || math.Abs(p-gpu.Power(gu, 0)) > 1e-9 {
		t.Errorf("partitions: idle %g W, power %g W; whole GPU %g W, %g W at the slice-weighted utilisation", idle, p, gpu.IdleW(), gpu.Power(gu, 0))
	}
	if gpu.GPUIdleW != 75 || gpu.GPUMaxW != 700 {
		t.Errorf("one reference GPU: %+v, want 75 W idle and 700 W at full load", gpu)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		m  power.Model
		ok bool
	}{
		{power.Model{}, true},
		{model(100, 4), true},
		{power.Model{GPUTFLOPS: -1}, false},
		{power.Model{CPUCores: math.NaN()}, false},
		{power.Default.For(sim.NodeSpec{GPU: 300, CPU: 32}), true},
		{power.Model{GPUIdleW: -1}, false},
		{power.Model{GPUIdleW: 10, GPUMaxW: 5}, false},
		{power.Model{CPUIdleW: 10, CPUMaxW: 5}, false},
		{power.Model{CPUMaxW: math.Inf(1)}, false},
		{power.Model{GPUMaxW: math.NaN()}, false},
	} {
		if err := tc.m.Validate(); (err == nil) != tc.ok || (err != nil && !errors.Is(err, power.ErrModel)) {
			t.Errorf("%+v: error %v, want ok = %v", tc.m, err, tc.ok)
		}
	}
}
