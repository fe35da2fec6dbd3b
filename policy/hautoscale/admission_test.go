package hautoscale_test

import (
	"errors"
	"testing"

	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/policy/hautoscale/predict"
	"github.com/airansim/airansim/sim"
)

// TestAdmissionQueue: flows of 0.5 cores with 0.5 core-s requests (λ = 1/s each) on 2-core replicas
// (μ = 4/s). One replica with 2 flows + the new one: λ = 3, M/M/1 W_q = 0.75/(4 − 3) = 0.75 s ≤ 1:
// both predictors admit (they agree at c = 1); with 3 flows, λ = 4 = cμ: unstable, both refuse. Two
// replicas with 6 flows + the new one: λ = 7, a = 1.75, Erlang-B 0.35766, P_W = 0.81667, W_q =
// 0.817 s: Erlang-C admits; the paper's 7/(4·(8 − 7)) = 1.75 s > 1: the paper's form refuses.
func TestAdmissionQueue(t *testing.T) {
	desc := func(int) hautoscale.Flow { return hautoscale.Flow{Load: 0.5, Work: 0.5, Deadline: 1} }
	on := func(per int) func(int) []int {
		return func(int) []int { return make([]int, per) }
	}
	one := []sim.ReplicaView{{Instance: 0}}
	two := []sim.ReplicaView{{Instance: 0}, {Instance: 1}}
	for _, c := range []struct {
		p     hautoscale.Predictor
		per   int
		reps  []sim.ReplicaView
		admit bool
	}{
		{hautoscale.PredictErlangC, 2, one, true}, {hautoscale.PredictPaper, 2, one, true},
		{hautoscale.PredictErlangC, 3, one, false}, {hautoscale.PredictPaper, 3, one, false},
		{hautoscale.PredictErlangC, 3, two, true}, {hautoscale.PredictPaper, 3, two, false},
		{hautoscale.PredictNone, 30, one, true},
	} {
		a, err := hautoscale.NewAdmission(hautoscale.AdmissionOptions{Predictor: c.p, Flow: desc})
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Admit(99, 0, on(c.per), c.reps); got != c.admit {
			t.Errorf("%v, %d flows on each of %d replicas: admit %v, want %v", c.p, c.per, len(c.reps), got, c.admit)
		}
	}
}

// TestAdmissionPWL: t_inf(y) = 0.01·y + 0.1 up to y = 10, 0.1·y − 0.8 beyond, y in xApps of 0.5
// cores. Flow 0 has a 0.4 s deadline, the others 1 s. On a replica holding flow 0 and 8 others, the
// new flow makes y = 10: 0.2 s ≤ 0.4, admitted; with 11 others, y = 13: 0.5 s > 0.4, refused; without
// flow 0 there (12 others, tightest 1 s), y = 13 is admitted, unless MaxY = 12.5 (beyond the
// profiled range).
func TestAdmissionPWL(t *testing.T) {
	desc := func(f int) hautoscale.Flow {
		if f == 0 {
			return hautoscale.Flow{Load: 0.5, Work: 0.5, Deadline: 0.4}
		}
		return hautoscale.Flow{Load: 0.5, Work: 0.5, Deadline: 1}
	}
	m := predict.Model{Breakpoint: 10, Slope: [2]float64{0.01, 0.1}, Intercept: [2]float64{0.1, -0.8}}
	a, err := hautoscale.NewAdmission(hautoscale.AdmissionOptions{Predictor: hautoscale.PredictPWL, Flow: desc, Model: m, UnitLoad: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	flows := func(tight bool, others int) func(int) []int {
		return func(int) []int {
			out := make([]int, 0, others+1)
			if tight {
				out = append(out, 0)
			}
			for k := range others {
				out = append(out, k+1)
			}
			return out
		}
	}
	for _, c := range []struct {
		tight  bool
		others int
		admit  bool
	}{{true, 8, true}, {true, 11, false}, {false, 12, true}} {
		if got := a.Admit(99, 0, flows(c.tight, c.others), nil); got != c.admit {
			t.Errorf("%+v: admit %v", c, got)
		}
	}
	b, err := hautoscale.NewAdmission(hautoscale.AdmissionOptions{Predictor: hautoscale.PredictPWL, Flow: desc, Model: m, UnitLoad: 0.5, MaxY: 12.5})
	if err != nil {
		t.Fatal(err)
	}
	if b.Admit(99, 0, flows(false, 12), nil) || !b.Admit(99, 0, flows(false, 11), nil) {
		t.Error("MaxY 12.5: y = 13 admitted or y = 12 refused")
	}
	for name, o := range map[string]hautoscale.AdmissionOptions{
		"no descriptors": {Predictor: hautoscale.PredictErlangC},
		"no unit load":   {Predictor: hautoscale.PredictPWL, Flow: desc},
		"cores":          {Predictor: hautoscale.PredictPaper, Flow: desc, Cores: -2},
	} {
		if _, err := hautoscale.NewAdmission(o); !errors.Is(err, hautoscale.ErrOptions) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if p, ok := hautoscale.ParsePredictor("paper-mmc"); !ok || p != hautoscale.PredictPaper || p.String() != "paper-mmc" {
		t.Errorf("ParsePredictor(paper-mmc) = %v, %v", p, ok)
	}
}
