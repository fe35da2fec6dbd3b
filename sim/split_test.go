package sim_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// splitter is a test controller that sets fixed RAN shares, one per node, at every call.
type splitter struct{ shares []float64 }

func (*splitter) Name() string { return "splitter" }
func (p *splitter) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	var plan sim.Plan
	for n, a := range p.shares {
		plan = append(plan, sim.SetShare{Node: n, RAN: a})
	}
	return plan, nil
}

// mixedLoad alternates RAN-only and AI requests on the one-node configuration so that both classes
// are busy most of the time.
func mixedLoad(n int) *genSource {
	return newGen(n, 3, func(i int, _ float64, rng *rand.Rand) (sim.Request, float64) {
		if i%2 == 0 {
			return sim.Request{Class: sim.URLLC, Deadline: 0.05, DU: sim.Work{GPU: 0.5}, CU: sim.Work{CPU: 0.01}}, 0.01
		}
		return sim.Request{Class: sim.AI, Service: 2, Deadline: 5, AIWork: sim.Work{GPU: 2 + rng.Float64()}}, 0.01
	})
}

// TestPartitionSplitsCapacity checks the α-split at every event: with both classes busy the DU gets
// max(α·C, its floor) of the GPU and the AI instance the rest; with the share allocator the totals
// never exceed the capacity.
func TestPartitionSplitsCapacity(t *testing.T) {
	cfg := oneNode(100, 8, 80)
	cfg.Source = mixedLoad(4000)
	cfg.Controllers = every(1, &splitter{shares: []float64{0.3}})
	checked := 0
	cfg.AfterEvent = func(s *sim.Sim) {
		if err := s.CheckInvariants(); err != nil {
			t.Fatal(err)
		}
		snap := s.Snapshot()
		du, ai := snap.Instances[0], snap.Instances[2]
		if !snap.Nodes[0].Partitioned || du.BacklogGPU == 0 || ai.BacklogGPU == 0 {
			return
		}
		checked++
		want := math.Max(0.3*100, du.Floor[0])
		if math.Abs(du.GPUAlloc-want) > 1e-9 || math.Abs(ai.GPUAlloc-(100-want)) > 1e-9 {
			t.Fatalf("t=%g: DU %g (floor %g), AI %g; want %g and %g", snap.Time, du.GPUAlloc, du.Floor[0], ai.GPUAlloc, want, 100-want)
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d events had both classes busy on a partitioned node", checked)
	}
}

// TestPartitionRejectsBadShares checks that invalid shares are rejected, counted by reason, and leave
// the node's share unchanged, call after call.
func TestPartitionRejectsBadShares(t *testing.T) {
	for _, tc := range []struct {
		shares []float64
		reason sim.Reason
	}{
		{[]float64{1.5}, sim.ReasonValue},
		{[]float64{-0.1}, sim.ReasonValue},
		{[]float64{math.Inf(1)}, sim.ReasonValue},
		{[]float64{0.5, 0.5}, sim.ReasonRange}, // node 1 does not exist
	} {
		cfg := oneNode(100, 8, 80)
		cfg.Source = mixedLoad(100)
		cfg.Controllers = every(0.1, &splitter{shares: tc.shares})
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got := st.Rejections[sim.KindSetShare][tc.reason]
		if got != st.Epochs || st.Rejected != st.Epochs || st.Epochs < 5 {
			t.Errorf("shares %v: %d %v rejections, %d in all, in %d calls; want one per call", tc.shares, got, tc.reason, st.Rejected, st.Epochs)
		}
		if p := s.Snapshot().Nodes[0].Partitioned; p != (len(tc.shares) == 2) {
			t.Errorf("shares %v: node 0 partitioned %v", tc.shares, p)
		}
	}
}

// TestPartitionAloneTakesAll checks that a class alone on its node takes the whole capacity.
func TestPartitionAloneTakesAll(t *testing.T) {
	cfg := oneNode(100, 8, 80)
	cfg.Source = newGen(200, 1, func(int, float64, *rand.Rand) (sim.Request, float64) {
		return sim.Request{Class: sim.AI, Service: 2, Deadline: 5, AIWork: sim.Work{GPU: 3}}, 0.02
	})
	// Move the cell away so that the AI instance is alone: a second node hosts DU and CU-UP.
	cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: "n1", GPU: 100, CPU: 8, VRAMGB: 80})
	cfg.Instances[0].Node, cfg.Instances[1].Node = 1, 1
	cfg.Controllers = every(0.5, &splitter{shares: []float64{0.9, 0.9}})
	checked := 0
	cfg.AfterEvent = func(s *sim.Sim) {
		snap := s.Snapshot()
		if snap.Nodes[0].Partitioned && snap.Instances[2].BacklogGPU > 0 {
			checked++
		}
		if ai := snap.Instances[2]; ai.BacklogGPU > 0 && math.Abs(ai.GPUAlloc-100) > 1e-9 {
			t.Fatalf("t=%g: AI alone gets %g of 100", snap.Time, ai.GPUAlloc)
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d events with a busy AI instance on a partitioned node", checked)
	}
}
