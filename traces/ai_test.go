package traces

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

func rows(times ...float64) []TokenRow {
	r := make([]TokenRow, len(times))
	for i, t := range times {
		r[i] = TokenRow{Time: t, Prompt: 100 * (i + 1), Output: 10 * (i + 1), Line: i + 2}
	}
	return r
}

func TestAISourceMergeAndFields(t *testing.T) {
	cost := DefaultCostModel()
	src, err := NewAISource([]AIStream{
		{Tokens: &sliceTokens{rows: rows(0, 1, 2)}, Category: sim.LargeAI, Services: []int{4, 5}, Spread: SpreadRoundRobin},
		{Tokens: &sliceTokens{rows: rows(1, 1.5)}, Category: sim.SmallAI, Services: []int{7}},
	}, AIOptions{Cells: 3, TimeScale: 2, Start: 10, Cost: &cost})
	if err != nil {
		t.Fatal(err)
	}
	got := drain(t, src, -1)
	wantArr := []float64{10, 10.5, 10.5, 10.75, 11}
	wantSvc := []int{4, 5, 7, 7, 4} // tie at t=1: stream 0 first
	if len(got) != len(wantArr) {
		t.Fatalf("got %d requests", len(got))
	}
	for i, r := range got {
		if r.ID != int64(i) || r.Arrival != wantArr[i] || r.Service != wantSvc[i] || r.Class != sim.AI || r.Cell < 0 || r.Cell >= 3 {
			t.Errorf("request %d: %+v", i, r)
		}
		p := cost.Large
		if r.Service == 7 {
			p = cost.Small
		}
		w, kv := p.Cost(r.Prompt, r.Output)
		if r.AIWork != w || r.KVGB != kv || r.Deadline <= 0 {
			t.Errorf("request %d: work %+v kv %v deadline %v", i, r.AIWork, r.KVGB, r.Deadline)
		}
	}
}

func TestAISourceLimitAndUniformSpread(t *testing.T) {
	tr, _ := DefaultAzureModel().Trace("conv")
	s, _ := NewSampler(tr, SamplerOptions{Seed: 1})
	src, err := NewAISource([]AIStream{{Tokens: s, Category: sim.LargeAI, Services: []int{0, 1, 2, 3}}},
		AIOptions{Cells: 6, Limit: 6000, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	got := drain(t, src, -1)
	if len(got) != 6000 {
		t.Fatalf("Limit: got %d", len(got))
	}
	var svc [4]int
	var cell [6]int
	for _, r := range got {
		svc[r.Service]++
		cell[r.Cell]++
	}
	for _, c := range svc {
		if c < 1300 || c > 1700 {
			t.Errorf("services %v not uniform", svc)
		}
	}
	for _, c := range cell {
		if c < 850 || c > 1150 {
			t.Errorf("cells %v not uniform", cell)
		}
	}
}

func TestAISourceDeterminismAndFork(t *testing.T) {
	mk := func(seed uint64) sim.Source {
		m := DefaultAzureModel()
		code, _ := m.Trace("code")
		conv, _ := m.Trace("conv")
		a, _ := NewSampler(code, SamplerOptions{Seed: seed})
		b, _ := NewSampler(conv, SamplerOptions{Seed: seed, Name: "conv"})
		src, err := NewAISource([]AIStream{
			{Tokens: a, Category: sim.SmallAI, Services: []int{2, 3, 4, 5}},
			{Tokens: b, Category: sim.LargeAI, Services: []int{0, 1}},
		}, AIOptions{Cells: 6, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	a, b := mk(5), mk(5)
	if !reflect.DeepEqual(drain(t, a, 500), drain(t, b, 500)) {
		t.Fatal("same seed, different requests")
	}
	f := fork(t, a)
	ra, rf := drain(t, a, 500), drain(t, f, 500)
	if !reflect.DeepEqual(ra, rf) {
		t.Fatal("fork differs")
	}
	if reflect.DeepEqual(drain(t, mk(6), 50), drain(t, mk(5), 50)) {
		t.Error("different seeds, same requests")
	}
}

func TestAISourceErrors(t *testing.T) {
	tok := func() TokenSource { return &sliceTokens{rows: rows(0, 1)} }
	bad := []struct {
		name    string
		streams []AIStream
		opt     AIOptions
		want    string
	}{
		{"none", nil, AIOptions{}, "no streams"},
		{"nil tokens", []AIStream{{Category: sim.LargeAI, Services: []int{0}}}, AIOptions{}, "nil Tokens"},
		{"category", []AIStream{{Tokens: tok(), Category: sim.DU, Services: []int{0}}}, AIOptions{}, "not AI"},
		{"services", []AIStream{{Tokens: tok(), Category: sim.LargeAI}}, AIOptions{}, "no services"},
		{"negative service", []AIStream{{Tokens: tok(), Category: sim.LargeAI, Services: []int{-1}}}, AIOptions{}, "negative"},
		{"spread", []AIStream{{Tokens: tok(), Category: sim.LargeAI, Services: []int{0}, Spread: 9}}, AIOptions{}, "Spread"},
		{"options", []AIStream{{Tokens: tok(), Category: sim.LargeAI, Services: []int{0}}}, AIOptions{Limit: -1}, "negative"},
	}
	for _, tc := range bad {
		if _, err := NewAISource(tc.streams, tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.want)
		}
	}
	backwards := &sliceTokens{rows: []TokenRow{{Time: 2}, {Time: 1, Line: 3}}}
	src, _ := NewAISource([]AIStream{{Tokens: backwards, Category: sim.LargeAI, Services: []int{0}}}, AIOptions{})
	src.Next()
	if _, _, err := src.Next(); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("backwards: %v", err)
	}
	failing := &sliceTokens{rows: rows(0), err: errBoom}
	src, _ = NewAISource([]AIStream{{Tokens: failing, Category: sim.LargeAI, Services: []int{0}}}, AIOptions{})
	src.Next()
	if _, _, err := src.Next(); !errors.Is(err, errBoom) {
		t.Errorf("source error not wrapped: %v", err)
	}
	src, _ = NewAISource([]AIStream{{Tokens: plainTokens{&sliceTokens{}}, Category: sim.LargeAI, Services: []int{0}}}, AIOptions{})
	if _, err := src.Fork(); err == nil {
		t.Error("Fork of a non-forkable token source succeeded")
	}
}

func TestDeadlineRule(t *testing.T) {
	d := DeadlineRule{Base: 0.1, PerPromptToken: 0.001, PerOutputToken: 0.01, Min: 0.2, Max: 1}
	tests := []struct {
		p, o int
		want float64
	}{{0, 0, 0.2}, {100, 10, 0.3}, {1000, 100, 1}}
	for _, tc := range tests {
		if got := d.Deadline(tc.p, tc.o); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Deadline(%d,%d) = %v, want %v", tc.p, tc.o, got, tc.want)
		}
	}
	def := DefaultDeadlines()
	if (DeadlineRules{}).rule(sim.LargeAI) != def.Large || (DeadlineRules{}).rule(sim.SmallAI) != def.Small {
		t.Error("zero rules do not select defaults")
	}
	// Defaults stay inside Table I's "100 ms – a few seconds" for every token count.
	for _, r := range []DeadlineRule{def.Large, def.Small} {
		for _, n := range []int{1, 1000, 1e6} {
			if tau := r.Deadline(n, n); tau < 0.1 || tau > 3 {
				t.Errorf("default deadline %v s outside 0.1–3 s", tau)
			}
		}
	}
}

// TestAISourceOverAzureCSV feeds an AISource from the CSV reader of azure.go and forks it.
func TestAISourceOverAzureCSV(t *testing.T) {
	const in = "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
		"2023-11-16 18:17:03.0000000,100,10\n2023-11-16 18:17:03.5000000,200,20\n2023-11-16 18:17:05.0000000,300,30"
	path := filepath.Join(t.TempDir(), "inline.csv")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	az, err := OpenAzure(path)
	if err != nil {
		t.Fatal(err)
	}
	defer az.Close()
	src, err := NewAISource([]AIStream{{Tokens: az, Category: sim.LargeAI, Services: []int{0}}}, AIOptions{Start: 1})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, src, 1)
	f := fork(t, src)
	a, b := drain(t, src, -1), drain(t, f, -1)
	if !reflect.DeepEqual(a, b) || len(a) != 2 || a[0].Arrival != 1.5 || a[1].Arrival != 3 || a[1].Prompt != 300 {
		t.Fatalf("got %+v, fork %+v", a, b)
	}
}
