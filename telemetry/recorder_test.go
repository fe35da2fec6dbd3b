package telemetry_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
	"github.com/airansim/airansim/telemetry"
)

// twoNodes has nodes a (100 TFLOP/s, 4 cores) and b (50, 8), each with one small-AI service (services
// 2 and 3), a's cell, and the clusters given.
func twoNodes(rs []sim.Request, clusters []sim.ClusterSpec) sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "a", GPU: 100, CPU: 4, VRAMGB: 10}, {Name: "b", GPU: 50, CPU: 8, VRAMGB: 10}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "ai-a", Category: sim.SmallAI, WeightsGB: 1}, {Name: "ai-b", Category: sim.SmallAI, WeightsGB: 2}},
		Instances: []sim.InstanceSpec{{Service: 0}, {Service: 1}, {Service: 2}, {Service: 3, Node: 1}},
		Cells:     []sim.CellSpec{{Name: "c", DU: 0, CU: 1}},
		Clusters:  clusters,
		HopDelay:  1e-300, Allocator: simtest.ByWork{}, Source: simtest.NewRequests(rs),
	}
}

var models = []power.Model{{GPUTFLOPS: 100, GPUIdleW: 10, GPUMaxW: 110, CPUCores: 4, CPUIdleW: 5, CPUMaxW: 25},
	{GPUTFLOPS: 50, GPUIdleW: 1, GPUMaxW: 2, CPUCores: 8, CPUIdleW: 3, CPUMaxW: 4}}

// record runs cfg to its end under a recorder with options o.
func record(t testing.TB, cfg sim.Config, o telemetry.Options) (*telemetry.Recorder, *sim.Sim, sim.Stats) {
	t.Helper()
	r, err := telemetry.New(&cfg, o)
	if err != nil {
		t.Fatal(err)
	}
	r.Install(&cfg)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r, s, st
}

func values(t *testing.T, r *telemetry.Recorder, metric, node string, start, end, step float64) []telemetry.Sample {
	t.Helper()
	m, err := r.Query(metric, map[string]string{telemetry.LabelNode: node}, start, end, step)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 {
		t.Fatalf("%s{node=%q}: %d series, want 1", metric, node, len(m))
	}
	return m[0].Values
}

// TestSingleRequestSeriesByHand: one request of 50 TFLOP and 2 core-s on node a: GPU busy [0, 0.5] s,
// CPU busy [0.5, 1] s, met at 1 s; node b idle. Samples every 0.25 s.
func TestSingleRequestSeriesByHand(t *testing.T) {
	cfg := twoNodes([]sim.Request{{Class: sim.AI, Service: 2, Deadline: 10, AIWork: sim.Work{GPU: 50, CPU: 2}}}, nil)
	r, _, _ := record(t, cfg, telemetry.Options{Step: 0.25, Power: models})
	for _, tc := range []struct {
		metric, node string
		want         []float64 // at 0.25, 0.5, 0.75, 1
	}{
		{telemetry.GPUUtilisation, "a", []float64{1, 1, 0, 0}},
		{telemetry.CPUUtilisation, "a", []float64{0, 0, 1, 1}},
		{telemetry.VRAMUsedGB, "a", []float64{1, 1, 1, 1}},
		{telemetry.VRAMUsedGB, "b", []float64{2, 2, 2, 2}},
		{telemetry.Throughput, "a", []float64{0, 0, 0, 4}},
		{telemetry.RequestsMet, "a", []float64{0, 0, 0, 1}},
		{telemetry.RequestsMissed, "a", []float64{0, 0, 0, 0}},
		{telemetry.PowerW, "a", []float64{115, 115, 35, 35}}, // 15 W idle + 100 W GPU, then + 20 W CPU
		{telemetry.EnergyJ, "a", []float64{28.75, 57.5, 66.25, 75}},
		{telemetry.PowerW, "b", []float64{4, 4, 4, 4}},
	} {
		got := values(t, r, tc.metric, tc.node, 0.25, 1, 0.25)
		if len(got) != len(tc.want) {
			t.Errorf("%s{node=%s}: %v, want %v", tc.metric, tc.node, got, tc.want)
			continue
		}
		for k, w := range tc.want {
			if math.Abs(got[k].V-w) > 1e-12 || got[k].T != 0.25*float64(k+1) {
				t.Errorf("%s{node=%s}: %v, want values %v", tc.metric, tc.node, got, tc.want)
				break
			}
		}
	}
}

// TestPowerSamplesIntegrateToEnergy: on a random two-node workload whose run ends between sample
// times, Σ power_w·Δt over the samples equals the run's exact energy (power.RunEnergy), the last
// energy_j sample is that energy, and requests_met and requests_missed add up to the records.
func TestPowerSamplesIntegrateToEnergy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var rs []sim.Request
	at := 0.0
	for i := range 400 {
		rs = append(rs, sim.Request{ID: int64(i), Class: sim.AI, Service: 2 + i%2, Arrival: at, Deadline: 0.5,
			KVGB: 0.5, AIWork: sim.Work{GPU: 10 * rng.ExpFloat64(), CPU: 0.1 * rng.Float64()}})
		at += rng.ExpFloat64() * 0.12
	}
	cfg := twoNodes(rs, nil)
	cfg.Horizon = 40.3 // some requests are cut at the horizon
	sink := &tally{}
	cfg.Sink = sink
	r, s, st := record(t, cfg, telemetry.Options{Step: 0.7, Power: models})
	per, total, err := power.RunEnergy(s, models, st.End)
	if err != nil {
		t.Fatal(err)
	}
	for n, node := range []string{"a", "b"} {
		pw, err := r.Range(telemetry.PowerW, map[string]string{telemetry.LabelNode: node}, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		integral, prev := 0.0, 0.0
		for _, x := range pw[0].Values {
			integral += x.V * (x.T - prev)
			prev = x.T
		}
		if prev != st.End || math.Abs(integral-per[n]) > 1e-9*per[n] {
			t.Errorf("node %s: ∫ power_w = %.12g J up to %g s; energy %.12g J over %g s", node, integral, prev, per[n], st.End)
		}
		e := values(t, r, telemetry.EnergyJ, node, st.End, st.End, 1)
		if math.Abs(e[0].V-per[n]) > 1e-9*per[n] {
			t.Errorf("node %s: energy_j at the end %.12g, energy %.12g", node, e[0].V, per[n])
		}
	}
	if total <= 0 {
		t.Fatalf("energy %g", total)
	}
	met, missed := 0.0, 0.0
	for _, m := range []string{telemetry.RequestsMet, telemetry.RequestsMissed} {
		mx, err := r.Range(m, nil, 0, st.End)
		if err != nil {
			t.Fatal(err)
		}
		for _, sr := range mx {
			for _, x := range sr.Values {
				if m == telemetry.RequestsMet {
					met += x.V
				} else {
					missed += x.V
				}
			}
		}
	}
	if met != float64(sink.met) || missed != float64(sink.missed) || sink.met == 0 || sink.missed == 0 {
		t.Errorf("telemetry: %g met, %g missed; records on a node: %d met, %d missed", met, missed, sink.met, sink.missed)
	}
}

// tally counts the records that name a node.
type tally struct{ met, missed int }

func (c *tally) Record(r sim.Record) {
	switch {
	case r.Node < 0:
	case r.Met():
		c.met++
	default:
		c.missed++
	}
}

func TestOptionsErrors(t *testing.T) {
	cfg := twoNodes(nil, nil)
	for _, o := range []telemetry.Options{
		{Step: -1}, {Step: math.Inf(1)}, {Step: 2, Retention: 1}, {Lookback: -1}, {Retention: math.NaN()},
		{Power: models[:1]}, {Power: []power.Model{{GPUIdleW: 2, GPUMaxW: 1}, {}}},
	} {
		if _, err := telemetry.New(&cfg, o); err == nil {
			t.Errorf("%+v: accepted", o)
		} else if o.Power == nil && !errors.Is(err, telemetry.ErrOptions) {
			t.Errorf("%+v: error %v does not wrap ErrOptions", o, err)
		}
	}
}
