package mig_test

import (
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// fair is an allocator that splits a capacity equally among the demands with work.
type fair struct{}

func (fair) Allocate(capacity float64, d []sim.Demand, out []float64) bool {
	n := 0
	for _, x := range d {
		if x.Work > 0 {
			n++
		}
	}
	for i, x := range d {
		out[i] = 0
		if x.Work > 0 {
			out[i] = capacity / float64(n)
		}
	}
	return true
}

// mustLayout parses a layout or fails the test.
func mustLayout(t testing.TB, ss ...string) mig.Layout {
	t.Helper()
	l, err := mig.ParseLayout(ss)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// migCluster returns a configuration with a host node n0 (100 TFLOP/s, 32 cores, hostGB of VRAM,
// the cell's DU and CU-UP) and an H100 of 70 TFLOP/s and 14 cores in layout 4g.40gb@0 + 3g.40gb@4 as
// nodes 1–7, with an LLM (30 GB) on slot 0 and a small model (1 GB) on slot 4; and the GPU.
func migCluster(t testing.TB, hostGB, delay float64) (sim.Config, *mig.GPU) {
	h100, _ := mig.Lookup("H100-80GB")
	g := &mig.GPU{Name: "gpu0", Model: h100, TFLOPS: 70, Cores: 14, First: 1, DelayS: delay}
	specs, err := g.Specs(mustLayout(t, "4g.40gb@0", "3g.40gb@4"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sim.Config{
		Nodes: append([]sim.NodeSpec{{Name: "n0", GPU: 100, CPU: 32, VRAMGB: hostGB}}, specs...),
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "llm", Category: sim.LargeAI, WeightsGB: 30, ReconfigS: 1},
			{Name: "small", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.2},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: g.Node(0)}, {Service: 3, Node: g.Node(4)}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: fair{},
		Horizon:   40, NoEarlyStop: true,
	}
	return cfg, g
}

// load returns AI requests every 0.25 s over [0, 30): alternately to the LLM (20 TFLOP, 0.5 GB KV)
// and the small model (1 TFLOP).
func load() []sim.Request {
	var rs []sim.Request
	for i := range 120 {
		r := sim.Request{Class: sim.AI, Arrival: 0.25 * float64(i), Deadline: 5, Service: 2, AIWork: sim.Work{GPU: 20}, KVGB: 0.5}
		if i%2 == 1 {
			r.Service, r.AIWork, r.KVGB = 3, sim.Work{GPU: 1}, 0.01
		}
		rs = append(rs, r)
	}
	return rs
}

// TestSequence drives GPU gpu0 from 4g.40gb@0 + 3g.40gb@4 to two 3g.40gb instances and then deploys
// two LLM replicas on them, for several reconfiguration delays. After every event it checks the
// engine's invariants (simtest) and that no replica is added before the target layout has been
// compliant, continuously, for StableS seconds, as the true state shows it.
func TestSequence(t *testing.T) {
	const stable, period = 3.0, 1.0
	target := []string{"3g.40gb@0", "3g.40gb@4"}
	for _, tc := range []struct {
		name   string
		delay  float64
		dest   mig.Destination // nil: the default
		deploy bool
	}{
		{"no delay", 0, nil, true},
		{"delay shorter than the period", 0.3, nil, true},
		{"delay of 2 s", 2, nil, true},
		{"delay of 7 s", 7, nil, true},
		{"nowhere to evacuate", 2, func(*sim.Snapshot, int, []float64, func(int) bool) (int, bool) { return 0, false }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, g := migCluster(t, 200, tc.delay)
			deploy := sim.Plan{sim.AddReplica{Service: 2, Node: g.Node(0)}, sim.AddReplica{Service: 2, Node: g.Node(4)}}
			seq, err := mig.NewSequence(g, mustLayout(t, target...), stable, deploy)
			if err != nil {
				t.Fatal(err)
			}
			seq.Dest = tc.dest
			cfg.Controllers = []sim.ControllerSpec{{Controller: &mig.Controller{Sequences: []*mig.Sequence{seq}}, Period: period}}
			since, deployedAt := math.Inf(1), math.Inf(1)
			var fail error
			cfg.AfterEvent = func(s *sim.Sim) {
				snap := s.Snapshot()
				switch ok := g.Compliant(snap, seq.Target); {
				case !ok:
					since = math.Inf(1)
				case math.IsInf(since, 1):
					since = snap.Time
				}
				if len(snap.Instances) > 4 && math.IsInf(deployedAt, 1) {
					deployedAt = snap.Time
					if !(snap.Time-since >= stable-1e-9) && fail == nil {
						fail = errors.New("deployed before the layout was compliant and stable")
					}
				}
			}
			_, st := simtest.Run(t, cfg, load())
			if fail != nil {
				t.Fatalf("%v: at %g s, compliant since %g s", fail, deployedAt, since)
			}
			if !tc.deploy {
				if seq.Phase() != mig.Evacuating || !math.IsInf(deployedAt, 1) || st.Reconfigurations != 0 {
					t.Fatalf("phase %v, deployed at %g, %d reconfigurations: want no progress", seq.Phase(), deployedAt, st.Reconfigurations)
				}
				return
			}
			if seq.Phase() != mig.Deployed || deployedAt != seq.DeployedAt() || st.Added != 2 || st.Rejected != 0 {
				t.Fatalf("phase %v, deployed at %g (sequence: %g), %d added, rejections %s", seq.Phase(), deployedAt, seq.DeployedAt(), st.Added, st.RejectionSummary())
			}
			// Only slot 0 changes (4g → 3g); its LLM moved to n0 at the first call (1 s).
			if st.Reconfigurations != 1 || st.ReconfigureNodeS != tc.delay || st.Migrations[sim.LargeAI] != 1 {
				t.Fatalf("%d reconfigurations, %g node·s, %d LLM migrations", st.Reconfigurations, st.ReconfigureNodeS, st.Migrations[sim.LargeAI])
			}
			// The first call at which the watcher has seen the layout for 3 s: the first observation
			// after the delay, plus the stability time, on the 1 s grid.
			want := period + math.Ceil(tc.delay/period)*period + stable
			if tc.delay == 0 {
				want = 2*period + stable // seen at the next call, 2 s
			}
			if seq.DeployedAt() != want {
				t.Fatalf("deployed at %g s, want %g", seq.DeployedAt(), want)
			}
		})
	}
}

// TestShrinkRejected shows the engine refusing a reconfiguration that shrinks a partition below the
// VRAM of the instance on it: slot 0 of gpu0 holds the 30 GB LLM, and seven 1g.10gb instances would
// give it 10 GB. Nothing changes; after moving the LLM away it is accepted.
func TestShrinkRejected(t *testing.T) {
	cfg, g := migCluster(t, 200, 1)
	cfg.Source = simtest.NewRequests(nil)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	act, err := g.Reconfigure(mustLayout(t, "1g.10gb@0", "1g.10gb@1", "1g.10gb@2", "1g.10gb@3", "1g.10gb@4", "1g.10gb@5", "1g.10gb@6"))
	if err != nil {
		t.Fatal(err)
	}
	var re *sim.RejectError
	if err := s.Apply(act); !errors.As(err, &re) || re.Reason != sim.ReasonVRAM || re.Kind != sim.KindReconfigure {
		t.Fatalf("got %v, want a VRAM rejection", err)
	}
	if l, ok := g.Observed(s.Snapshot()); !ok || l.String() != "4g.40gb@0,3g.40gb@4" {
		t.Fatalf("layout after the rejection: %v %v", l, ok)
	}
	// The small model (1 GB) on slot 4 fits a 1g.10gb; the LLM must go.
	if err := s.Apply(sim.Migrate{Instance: 2, To: 0}); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(act); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Observed(s.Snapshot()); ok {
		t.Fatal("layout observed while reconfiguring")
	}
}

// TestWatcherClaim checks the watcher's claims on hand-built snapshots.
func TestWatcherClaim(t *testing.T) {
	h100, _ := mig.Lookup("H100-80GB")
	g := &mig.GPU{Name: "gpu0", Model: h100, TFLOPS: 70, Cores: 14}
	l := mustLayout(t, "4g.40gb@0", "2g.20gb@4", "1g.10gb+me@6")
	specs, err := g.Specs(l)
	if err != nil {
		t.Fatal(err)
	}
	snap := func(at float64, down int) *sim.Snapshot {
		s := &sim.Snapshot{Time: at}
		for k, sp := range specs {
			s.Nodes = append(s.Nodes, sim.NodeView{Spec: sp, Down: k == down})
		}
		return s
	}
	w := &mig.Watcher{GPU: g}
	if w.Compliant(l) || w.StableFor(0) {
		t.Fatal("claims before any observation")
	}
	steps := []struct {
		at        float64
		down      int // slot down, -1: none
		compliant bool
		stable2   bool // StableFor(2)
	}{
		{0, -1, true, false},
		{1, -1, true, false},
		{2, -1, true, true},
		{3, 4, false, false}, // slot 4 down: restarts the clock
		{4, -1, true, false},
		{6, -1, true, true},
	}
	for _, st := range steps {
		w.Observe(snap(st.at, st.down))
		if w.Compliant(l) != st.compliant || w.StableFor(2) != st.stable2 {
			t.Fatalf("t=%g: compliant %v stable %v, want %v %v", st.at, w.Compliant(l), w.StableFor(2), st.compliant, st.stable2)
		}
	}
	// +me reads as its base profile: the claim names 1g.10gb.
	if v, ok := w.Claim(2); !ok || v != "4g.40gb@0,2g.20gb@4,1g.10gb@6" || w.ClaimName() != "mig-layout.gpu0" {
		t.Fatalf("claim %q %v %q", v, ok, w.ClaimName())
	}
	if _, ok := w.Claim(3); ok {
		t.Fatal("claim stable for 3 s after 2 s")
	}
	if f, ok := g.ComputeFraction(snap(6, -1), 4); !ok || math.Abs(f-2.0/7) > 1e-12 {
		t.Fatalf("compute fraction of the 2g partition: %g %v", f, ok)
	}
}
