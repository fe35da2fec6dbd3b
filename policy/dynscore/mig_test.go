package dynscore_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// migSetup returns a host n0 (100 TFLOP/s, 32 cores, 80 GB: the cell's DU and CU-UP and an LLM
// replica, service 2, 30 GB) and an H100 gpu0 of 70 TFLOP/s and 14 cores as nodes 1–7 in layout
// 3g.40gb@0 holding a small model (service 3, 1 GB); every node's power model (power.Default; the
// partitions carry the whole GPU's); and the GPU.
func migSetup(t testing.TB, delay float64) (sim.Config, []power.Model, *mig.GPU) {
	h100, _ := mig.Lookup("H100-80GB")
	g := &mig.GPU{Name: "gpu0", Model: h100, TFLOPS: 70, Cores: 14, First: 1, DelayS: delay}
	specs, err := g.Specs(mustLayout(t, "3g.40gb@0"))
	if err != nil {
		t.Fatal(err)
	}
	host := sim.NodeSpec{Name: "n0", GPU: 100, CPU: 32, VRAMGB: 80}
	cfg := sim.Config{
		Nodes: append([]sim.NodeSpec{host}, specs...),
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "llm", Category: sim.LargeAI, WeightsGB: 30, ReconfigS: 1},
			{Name: "small", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.2},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}, {Service: 3, Node: g.Node(0)}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Horizon:   60, NoEarlyStop: true,
	}
	models := []power.Model{power.Default.For(host)}
	for range mig.Slots {
		models = append(models, power.Default.For(sim.NodeSpec{GPU: g.TFLOPS, CPU: g.Cores}))
	}
	return cfg, models, g
}

// llmLoad returns AI requests every gap s over [0.1, 50): alternately to the LLM (work TFLOP, 0.5 GB
// KV) and the small model (1 TFLOP).
func llmLoad(gap, work float64) []sim.Request {
	var rs []sim.Request
	for i := 0; 0.1+gap*float64(i) < 50; i++ {
		r := sim.Request{Class: sim.AI, Arrival: 0.1 + gap*float64(i), Deadline: 5, Service: 2, AIWork: sim.Work{GPU: work}, KVGB: 0.5}
		if i%2 == 1 {
			r.Service, r.AIWork, r.KVGB = 3, sim.Work{GPU: 1}, 0.01
		}
		rs = append(rs, r)
	}
	return rs
}

// Peak powers of the setup (docs/power.md §3: 700 W per 445 TFLOP/s, 4.375 W per core): the host
// 700·100/445 + 4.375·32 W, a seventh of the GPU (700·70/445 + 4.375·14)/7 W.
var (
	hostPeak    = 700*100.0/445 + 4.375*32
	seventhPeak = (700*70.0/445 + 4.375*14) / 7
)

// TestDeployAfterStable deploys two LLM replicas on the GPU (the blog's endpoint needing two MIG
// instances) for reconfiguration delays 0–7 s. After every event it checks the engine's invariants
// and, from the engine's own state, that no LLM replica appears on a partition before the GPU's
// layout has been observed serving, unchanged, for StableS (an oracle independent of the method's
// watcher: it looks at every event, the watcher only at epochs).
func TestDeployAfterStable(t *testing.T) {
	for _, delay := range []float64{0, 0.3, 2, 7} {
		cfg, models, g := migSetup(t, delay)
		const stable = 6
		since, last, llmOnGPU, deployedAt := math.Inf(1), "", 0, math.NaN()
		var failure string
		each := func(s *sim.Sim) {
			snap := s.Snapshot()
			l, ok := g.Observed(snap)
			switch key := l.String(); {
			case !ok:
				since, last = math.Inf(1), "down"
			case key != last || math.IsInf(since, 1):
				since, last = snap.Time, key
			}
			n := 0
			for _, v := range snap.Instances {
				if _, on := g.Slot(v.Node); on && v.Service == 2 && v.State != sim.StateRetired {
					n++
				}
			}
			if n > llmOnGPU && failure == "" {
				deployedAt = snap.Time
				if !ok || snap.Time-since < stable {
					failure = "replica deployed while the layout " + last + " was not stable"
				}
			}
			llmOnGPU = n
		}
		o := dynscore.Options{GPUs: []*mig.GPU{g}, Power: models, StableS: stable, Mode: dynscore.ModePerformance,
			Deployments: []dynscore.Deployment{{Service: 2, Replicas: 2}}}
		l, _, st, _ := run(t, cfg, llmLoad(0.5, 5), o, each)
		if failure != "" {
			t.Fatalf("delay %g: %s (at %g s)", delay, failure, deployedAt)
		}
		if llmOnGPU != 2 || st.Reconfigurations != 1 || st.Rejected != 0 {
			t.Fatalf("delay %g: %d LLM replicas on the GPU, %d reconfigurations, rejections %s; epochs %+v", delay, llmOnGPU, st.Reconfigurations, st.RejectionSummary(), l.Epochs())
		}
		t.Logf("delay %g: replicas at %g s, layout stable since %g s", delay, deployedAt, since)
		snap := lastLayout(t, l)
		if snap != "4g.40gb@0,3g.40gb@4" {
			t.Errorf("delay %g: performance mode chose %s, want the 7-slice 4g.40gb@0,3g.40gb@4", delay, snap)
		}
	}
}

// lastLayout returns the target of the last sequence the controller ran (read from its epochs' plans).
func lastLayout(t testing.TB, l *logged) string {
	for i := len(l.plans) - 1; i >= 0; i-- {
		for _, a := range l.plans[i].plan {
			if r, ok := a.(sim.Reconfigure); ok {
				var lay mig.Layout
				for k, sp := range r.Specs {
					if sp.GPU > 0 {
						lay = append(lay, mig.Placement{Profile: profileOf(sp), Start: k})
					}
				}
				return lay.String()
			}
		}
	}
	return ""
}

// profileOf names an H100 partition's profile from its VRAM and compute (enough for these tests).
func profileOf(sp sim.NodeSpec) string {
	slices := int(math.Round(sp.GPU / 10))
	switch {
	case slices == 7:
		return "7g.80gb"
	case slices == 4:
		return "4g.40gb"
	case slices == 3:
		return "3g.40gb"
	case slices == 2:
		return "2g.20gb"
	}
	return "1g"
}

// TestPowerCap: with the cap between the peak power of the 6- and the 7-slice configurations,
// power-cap mode deploys on 3g.40gb@0 + 3g.40gb@4 and keeps the configuration's peak power, and the
// power measured by the telemetry at every sample, under the cap in every epoch; performance mode
// takes 4g.40gb@0 + 3g.40gb@4 and goes over it; under a cap below the 6-slice peak power-cap mode
// refuses the deployment in every epoch and deploys nothing. Under a cap both fit, CapMinPower still
// takes the 6 slices and CapMaxCompute the 7; under the tighter cap both take the 6.
func TestPowerCap(t *testing.T) {
	six, seven := hostPeak+6*seventhPeak, hostPeak+7*seventhPeak
	cases := []struct {
		name     string
		mode     dynscore.Mode
		capW     float64
		layout   string
		deployed bool
	}{
		{"power-cap", dynscore.ModePowerCap, (six + seven) / 2, "3g.40gb@0,3g.40gb@4", true},
		{"performance", dynscore.ModePerformance, (six + seven) / 2, "4g.40gb@0,3g.40gb@4", true},
		{"power-cap-refuses", dynscore.ModePowerCap, six - 1, "", false},
		{"power-cap-loose", dynscore.ModePowerCap, seven + 1, "3g.40gb@0,3g.40gb@4", true},
		{"max-compute-loose", dynscore.ModePowerCap, seven + 1, "4g.40gb@0,3g.40gb@4", true},
		{"max-compute-tight", dynscore.ModePowerCap, (six + seven) / 2, "3g.40gb@0,3g.40gb@4", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, models, g := migSetup(t, 2)
			o := dynscore.Options{GPUs: []*mig.GPU{g}, Power: models, StableS: 5, Mode: tc.mode, PowerCapW: tc.capW,
				Deployments: []dynscore.Deployment{{Service: 2, Replicas: 2}}}
			if strings.HasPrefix(tc.name, "max-compute") {
				o.CapPolicy = dynscore.CapMaxCompute
			}
			l, _, st, rec := run(t, cfg, llmLoad(0.25, 5), o, nil)
			if got := lastLayout(t, l); got != tc.layout {
				t.Errorf("layout %q, want %q", got, tc.layout)
			}
			if (st.Added == 2) != tc.deployed || st.Rejected != 0 {
				t.Errorf("%d replicas added, rejections %s; deployed %v wanted", st.Added, st.RejectionSummary(), tc.deployed)
			}
			eps := l.Epochs()
			maxPeak, refused := 0.0, 0
			for _, e := range eps {
				maxPeak = max(maxPeak, e.PeakW)
				refused += e.Refused
				if tc.mode == dynscore.ModePowerCap && e.PeakW > tc.capW {
					t.Errorf("t=%g: peak %g W over the cap %g W", e.Time, e.PeakW, tc.capW)
				}
			}
			if tc.mode == dynscore.ModePerformance && maxPeak <= tc.capW {
				t.Errorf("performance mode stayed under the cap (peak %g W ≤ %g W)", maxPeak, tc.capW)
			}
			if !tc.deployed && refused != len(eps)-1 { // every epoch but the first (layout not yet stable)
				t.Errorf("%d refusals in %d epochs", refused, len(eps))
			}
			measured := totalPower(t, rec, cfg.Horizon)
			for i, p := range measured {
				if tc.mode == dynscore.ModePowerCap && p > tc.capW {
					t.Errorf("sample %d: measured %g W over the cap %g W", i+1, p, tc.capW)
				}
			}
			t.Logf("cap %.1f W: max peak %.1f W, max measured %.1f W, %d refusals", tc.capW, maxPeak, maxOf(measured), refused)
		})
	}
}

// totalPower returns the cluster's power at every sample time 1, 2, … ≤ end, W: Σ over nodes of
// power_w.
func totalPower(t testing.TB, rec *telemetry.Recorder, end float64) []float64 {
	m, err := rec.Query(telemetry.PowerW, nil, 1, end, 1)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, int(end))
	for _, s := range m {
		for _, x := range s.Values {
			out[int(math.Round(x.T))-1] += x.V
		}
	}
	return out
}

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// TestPowerCapProperty: for 16 seeded caps between the starting configuration's peak and the
// 7-slice one, over every H100 layout, power-cap mode keeps the peak ≤ cap in every epoch, and it
// deploys exactly when the cheapest layout holding two 30 GB replicas (two 3g.40gb: 6 slices) fits.
func TestPowerCapProperty(t *testing.T) {
	start, six, seven := hostPeak+3*seventhPeak, hostPeak+6*seventhPeak, hostPeak+7*seventhPeak
	draw := rand.New(rand.NewPCG(13, 0))
	outcomes := map[bool]int{}
	for k := range 16 {
		capW := start + draw.Float64()*(seven+10-start)
		cfg, models, g := migSetup(t, 1)
		o := dynscore.Options{GPUs: []*mig.GPU{g}, Power: models, StableS: 3, Mode: dynscore.ModePowerCap, PowerCapW: capW,
			Deployments: []dynscore.Deployment{{Service: 2, Replicas: 2}}}
		l, _, st, _ := run(t, cfg, llmLoad(1, 2), o, nil)
		for _, e := range l.Epochs() {
			if e.PeakW > capW {
				t.Errorf("trial %d, cap %.1f W: t=%g peak %.1f W", k, capW, e.Time, e.PeakW)
			}
		}
		if want := capW >= six; (st.Added == 2) != want || st.Rejected != 0 {
			t.Errorf("trial %d, cap %.1f W (6-slice peak %.1f W): %d added, rejections %s", k, capW, six, st.Added, st.RejectionSummary())
		}
		outcomes[st.Added == 2]++
	}
	if outcomes[true] == 0 || outcomes[false] == 0 {
		t.Errorf("outcomes %v: want caps on both sides", outcomes)
	}
}

// TestTwoSequences: two deployments (the LLM on two instances, the small model on one) on two GPUs,
// one sequence per GPU at a time, with a reconfiguration and its evacuation, every invariant checked
// after every event and no action rejected.
func TestTwoSequences(t *testing.T) {
	cfg, models, g0 := migSetup(t, 2)
	h100, _ := mig.Lookup("H100-80GB")
	g1 := &mig.GPU{Name: "gpu1", Model: h100, TFLOPS: 70, Cores: 14, First: len(cfg.Nodes), DelayS: 3}
	specs, err := g1.Specs(mustLayout(t, "7g.80gb@0"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Nodes = append(cfg.Nodes, specs...)
	for range mig.Slots {
		models = append(models, models[1])
	}
	o := dynscore.Options{GPUs: []*mig.GPU{g0, g1}, Power: models, StableS: 4, Mode: dynscore.ModePerformance,
		Deployments: []dynscore.Deployment{{Service: 2, Replicas: 2}, {Service: 3, Replicas: 1}}}
	l, _, st, _ := run(t, cfg, llmLoad(0.5, 3), o, nil)
	started := 0
	for _, e := range l.Epochs() {
		started += e.Started
	}
	if started != 2 || st.Added != 3 || st.Reconfigurations < 1 || st.Rejected != 0 {
		t.Errorf("%d started, %d added, %d reconfigurations, rejections %s", started, st.Added, st.Reconfigurations, st.RejectionSummary())
	}
}
