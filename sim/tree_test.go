package sim_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// oranTree is a 7-node O-RAN hierarchy: ric (0) is the root; cu-0 (1) and cu-1 (2) hang below it;
// du-0 (3) and du-1 (4) below cu-0, du-2 (5) below cu-1; ru-0 (6) below du-0. Rate 0: not given.
func oranTree(t *testing.T) *sim.Tree {
	t.Helper()
	tr, err := sim.NewTree([]int{-1, 0, 0, 1, 1, 2, 3},
		[]float64{0, 0.005, 0.004, 0.001, 0.002, 0.0015, 0.0001},
		[]float64{0, 100, 40, 25, 0, 10, 0})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestTreePaths checks path delays (sum of the links through the lowest common ancestor) and rates
// (the smallest link rate) against hand-computed values, in both directions.
func TestTreePaths(t *testing.T) {
	tr := oranTree(t)
	inf := math.Inf(1)
	for _, tc := range []struct {
		a, b  int
		delay float64 // s
		rate  float64 // Gb/s
	}{
		{0, 0, 0, inf},
		{6, 6, 0, inf},
		{1, 0, 0.005, 100},
		{4, 1, 0.002, inf},                                  // a link without a rate
		{3, 4, 0.001 + 0.002, 25},                           // siblings
		{6, 4, 0.0001 + 0.001 + 0.002, 25},                  // cousin through cu-0
		{4, 0, 0.002 + 0.005, 100},                          // up to the root
		{1, 2, 0.005 + 0.004, 40},                           // through the root
		{6, 5, 0.0001 + 0.001 + 0.005 + 0.004 + 0.0015, 10}, // the longest path
		{6, 0, 0.0001 + 0.001 + 0.005, 25},
	} {
		for _, p := range [][2]int{{tc.a, tc.b}, {tc.b, tc.a}} {
			if d := tr.Delay(p[0], p[1]); math.Abs(d-tc.delay) > 1e-15 {
				t.Errorf("Delay(%d, %d) = %g, want %g", p[0], p[1], d, tc.delay)
			}
			if r := tr.Rate(p[0], p[1]); r != tc.rate {
				t.Errorf("Rate(%d, %d) = %g, want %g", p[0], p[1], r, tc.rate)
			}
		}
	}
	if tr.Len() != 7 {
		t.Errorf("Len = %d, want 7", tr.Len())
	}
}

// TestNewTreeErrors checks that invalid trees are rejected with ErrConfig and a message naming the
// rule.
func TestNewTreeErrors(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name    string
		parents []int
		delays  []float64
		rates   []float64
		want    string
	}{
		{"lengths", []int{-1, 0}, []float64{0}, nil, "one of each per node"},
		{"rates length", []int{-1, 0}, []float64{0, 1}, []float64{0}, "one of each per node"},
		{"parent too large", []int{-1, 2}, []float64{0, 1}, nil, "node 1: parent 2 out of range"},
		{"parent below -1", []int{-1, -2}, []float64{0, 1}, nil, "node 1: parent -2 out of range"},
		{"own parent", []int{-1, 1}, []float64{0, 1}, nil, "node 1 is its own parent"},
		{"two roots", []int{-1, -1}, []float64{0, 0}, nil, "nodes 0 and 1 both have no parent"},
		{"no root", []int{1, 0}, []float64{1, 1}, nil, "every node has a parent"},
		{"cycle", []int{-1, 2, 3, 1}, []float64{0, 1, 1, 1}, nil, "node 1: its parents form a cycle"},
		{"negative delay", []int{-1, 0}, []float64{0, -1}, nil, "node 1: link delay -1 s must be finite and ≥ 0"},
		{"NaN delay", []int{-1, 0}, []float64{0, nan}, nil, "node 1: link delay NaN s"},
		{"infinite delay", []int{-1, 0}, []float64{0, math.Inf(1)}, nil, "node 1: link delay +Inf s"},
		{"negative rate", []int{-1, 0}, []float64{0, 1}, []float64{0, -5}, "node 1: link rate -5 Gb/s must be ≥ 0"},
		{"NaN rate", []int{-1, 0}, []float64{0, 1}, []float64{0, nan}, "node 1: link rate NaN"},
		{"root delay", []int{1, -1}, []float64{1, 1}, nil, "node 1 is the root: it has no link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sim.NewTree(tc.parents, tc.delays, tc.rates)
			if !errors.Is(err, sim.ErrConfig) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrConfig containing %q", err, tc.want)
			}
		})
	}
}

// treeConfig places a cell's DU on du-0 (3) and its CU-UP on cu-0 (1) of oranTree, and one small-AI
// service on node ai; every node has 100 TFLOP/s, 8 cores and 80 GB, and RANDelay is 1 ms.
func treeConfig(t *testing.T, ai int) sim.Config {
	cfg := oneNode(100, 8, 80)
	cfg.Nodes = nil
	for _, name := range []string{"ric", "cu-0", "cu-1", "du-0", "du-1", "du-2", "ru-0"} {
		cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: name, GPU: 100, CPU: 8, VRAMGB: 80})
	}
	cfg.Instances = []sim.InstanceSpec{{Service: 0, Node: 3}, {Service: 1, Node: 1}, {Service: 2, Node: ai}}
	cfg.Topology = oranTree(t)
	cfg.RANDelay = 1e-3
	return cfg
}

// TestTreeLatency runs requests through a tree topology and checks their latencies against hand-
// computed values: an AI request's δ_q is RANDelay + Delay(DU, CU-UP) + Delay(CU-UP, AI node), then
// 10 TFLOP alone at 100 TFLOP/s take 0.1 s; a RAN-only request takes its DU work (1 TFLOP at 100
// TFLOP/s), the DU → CU-UP path (1 ms) and its CU-UP work (0.8 core-s on 8 cores).
func TestTreeLatency(t *testing.T) {
	for _, tc := range []struct {
		name  string
		class sim.Class
		ai    int     // node of the AI service
		want  float64 // latency, s
	}{
		{"AI at the RIC", sim.AI, 0, 0.001 + 0.001 + 0.005 + 0.1},
		{"AI at the CU-UP's site", sim.AI, 1, 0.001 + 0.001 + 0 + 0.1},
		{"AI at another CU's DU", sim.AI, 5, 0.001 + 0.001 + (0.005 + 0.004 + 0.0015) + 0.1},
		{"AI at the radio unit", sim.AI, 6, 0.001 + 0.001 + (0.001 + 0.0001) + 0.1},
		{"RAN-only", sim.URLLC, 0, 0.01 + 0.001 + 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := treeConfig(t, tc.ai)
			cfg.Source = newGen(1, 1, func(int, float64, *rand.Rand) (sim.Request, float64) {
				if tc.class == sim.AI {
					return sim.Request{Class: sim.AI, Service: 2, Deadline: 1, AIWork: sim.Work{GPU: 10}, KVGB: 1}, 0
				}
				return sim.Request{Class: tc.class, Deadline: 1, DU: sim.Work{GPU: 1}, CU: sim.Work{CPU: 0.8}}, 0
			})
			sink := &collect{}
			cfg.Sink = sink
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(sink.recs) != 1 || !sink.recs[0].Finished {
				t.Fatalf("records %+v, want one finished", sink.recs)
			}
			if got := sink.recs[0].Latency(); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("latency %.15g s, want %.15g", got, tc.want)
			}
		})
	}
}

// TestSnapshotPaths checks that snapshots and forks read the engine's path matrix (one shared,
// immutable Paths), and that a hand-built snapshot without Paths has no delays.
func TestSnapshotPaths(t *testing.T) {
	cfg := treeConfig(t, 0)
	cfg.Source = aiLoad(0)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Snapshot(), s.Snapshot()
	f, err := s.Fork(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Paths == nil || a.Paths != b.Paths || f.Snapshot().Paths != a.Paths {
		t.Fatal("snapshots and forks do not share one Paths")
	}
	tr := oranTree(t)
	for x := range 7 {
		for y := range 7 {
			if a.Delay(x, y) != tr.Delay(x, y) || a.Rate(x, y) != tr.Rate(x, y) {
				t.Errorf("snapshot (%d, %d): %g s, %g Gb/s; tree %g s, %g Gb/s", x, y, a.Delay(x, y), a.Rate(x, y), tr.Delay(x, y), tr.Rate(x, y))
			}
		}
	}
	var hand sim.Snapshot
	if hand.Delay(0, 1) != 0 || !math.IsInf(hand.Rate(0, 1), 1) {
		t.Errorf("hand-built snapshot: %g s, %g Gb/s; want 0, +Inf", hand.Delay(0, 1), hand.Rate(0, 1))
	}
}

// TestTreeSize checks that New rejects a tree with fewer nodes than the configuration.
func TestTreeSize(t *testing.T) {
	small, err := sim.NewTree([]int{-1}, []float64{0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := twoNodes()
	cfg.Source = aiLoad(1)
	cfg.Topology = small
	_, err = sim.New(cfg)
	if want := "*sim.Tree has 1 nodes, the configuration 2"; !errors.Is(err, sim.ErrConfig) || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want ErrConfig containing %q", err, want)
	}
}
