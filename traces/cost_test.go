package traces

import (
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
)

func TestDefaultCostModel(t *testing.T) {
	m := DefaultCostModel()
	tests := []struct {
		name      string
		got, want float64
	}{
		{"large prefill", m.Large.PrefillTFLOPPerToken, 0.028},
		{"large decode", m.Large.DecodeTFLOPPerToken, 0.042},
		{"small prefill", m.Small.PrefillTFLOPPerToken, 0.000988},
		{"small decode", m.Small.DecodeTFLOPPerToken, 0.001482},
		{"large weights", m.Large.WeightsGB, 28},
		{"large reload", m.ReloadS(sim.LargeAI), 8},
		{"small reload", m.ReloadS(sim.SmallAI), 0.5},
		{"du reload", m.ReloadS(sim.DU), 0.05},
		{"cu reload", m.ReloadS(sim.CUUP), 0.05},
	}
	for _, tc := range tests {
		if math.Abs(tc.got-tc.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if m.Small.WeightsGB >= 1 {
		t.Errorf("small weights %v GB, Table I says < 1 GB", m.Small.WeightsGB)
	}
	// Table I: a typical large-AI request holds 0.4–0.6 GB of KV: the conv trace's mean request does.
	_, kv := m.Large.Cost(1155, 211)
	if kv < 0.4 || kv > 0.6 {
		t.Errorf("KV of a mean conv request = %v GB, want 0.4–0.6", kv)
	}
}

func TestCostParamsCost(t *testing.T) {
	c := CostParams{PrefillTFLOPPerToken: 1, DecodeTFLOPPerToken: 2, CPUPerRequest: 0.5,
		CPUPerPromptToken: 0.01, CPUPerOutputToken: 0.1, KVGBPerToken: 0.001, KVGBPerRequest: 0.25}
	tests := []struct {
		p, o int
		w    sim.Work
		kv   float64
	}{
		{0, 0, sim.Work{GPU: 0, CPU: 0.5}, 0.25},
		{10, 5, sim.Work{GPU: 20, CPU: 0.5 + 0.1 + 0.5}, 0.25 + 0.015},
		{-3, 1, sim.Work{GPU: 2, CPU: 0.6}, 0.251},
	}
	for _, tc := range tests {
		w, kv := c.Cost(tc.p, tc.o)
		if math.Abs(w.GPU-tc.w.GPU) > 1e-12 || math.Abs(w.CPU-tc.w.CPU) > 1e-12 || math.Abs(kv-tc.kv) > 1e-12 {
			t.Errorf("Cost(%d,%d) = %+v %v, want %+v %v", tc.p, tc.o, w, kv, tc.w, tc.kv)
		}
	}
	// The paper's output-range KV model: 0.4 GB without output, 0.6 GB from 1,000 output tokens on,
	// linear in between, whatever the prompt; work is unchanged.
	c.KVMinGB, c.KVMaxGB, c.KVOutputTokens = 0.4, 0.6, 1000
	for _, tc := range []struct {
		p, o int
		kv   float64
	}{{0, 0, 0.4}, {5000, 0, 0.4}, {0, 500, 0.5}, {9, 250, 0.45}, {0, 1000, 0.6}, {0, 4000, 0.6}, {3, -2, 0.4}} {
		w, kv := c.Cost(tc.p, tc.o)
		w0, _ := CostParams{PrefillTFLOPPerToken: 1, DecodeTFLOPPerToken: 2, CPUPerRequest: 0.5,
			CPUPerPromptToken: 0.01, CPUPerOutputToken: 0.1}.Cost(tc.p, tc.o)
		if math.Abs(kv-tc.kv) > 1e-12 || w != w0 {
			t.Errorf("output-range Cost(%d,%d) = %+v %v, want %+v %v", tc.p, tc.o, w, kv, w0, tc.kv)
		}
	}
	if c.MeanGPUWork(10, 5) != 20 {
		t.Error("MeanGPUWork")
	}
	if _, err := DefaultCostModel().Params(sim.DU); err == nil {
		t.Error("Params(DU) succeeded")
	}
}
