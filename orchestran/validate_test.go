package orchestran

import (
	"errors"
	"testing"
)

func TestCountPaperExample(t *testing.T) {
	// Section VI: D = 20, M = 13, I = 10, F = 7, C_max = 3 gives "≈ 10^6" variables.
	n := PaperCount(10, 7, 20, 13, 3)
	if n != 1_092_000+10+780 || n < 1e6 || n > 1.1e6 {
		t.Errorf("PaperCount = %d", n)
	}
	// The same count from a concrete 20-node problem: Full = I·F·D²·M·C exactly.
	tr, err := TreeSpec{Counts: [NumTiers]int{1, 2, 3, 5, 9}}.Generate(1)
	if err != nil {
		t.Fatal(err)
	}
	in, err := IntentSpec{Requests: 10}.Generate(1, tr, DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProblem(tr, DefaultCatalog(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := p.Count()
	if c.Full != 1_092_000 || c.Full+c.Y+c.Z != n {
		t.Errorf("Count = %+v, want Full 1,092,000", c)
	}
	if !(c.FP <= c.Full && c.FPAP <= c.FP && c.Exact <= c.FPAP && c.Exact > 0) {
		t.Errorf("pruning does not shrink monotonically: %+v", c)
	}
}

func TestProblemRefusesMalformedInput(t *testing.T) {
	item := func(f, d int, src ...int) Item { return Item{Func: f, Node: d, Pi: 1, DeltaMs: 100, Sources: src} }
	tests := []struct {
		name string
		edit func(*Tree, *Catalog, *[]Intent)
		want error
	}{
		{"valid", func(*Tree, *Catalog, *[]Intent) {}, nil},
		{"cycle", func(tr *Tree, _ *Catalog, _ *[]Intent) { tr.Nodes[1].Parent = 2 }, ErrCycle},
		{"negative capacity", func(tr *Tree, _ *Catalog, _ *[]Intent) { tr.Nodes[2].Cores = -2 }, ErrNegative},
		{"unknown function in intent", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Items[0].Func = 9 }, ErrUnknownFunction},
		{"unknown function in model", func(_ *Tree, c *Catalog, _ *[]Intent) { c.Models[0].Funcs = []int{7} }, ErrUnknownFunction},
		{"unreachable source", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Items[0] = item(0, 4, 5) }, ErrUnreachable},
		{"unknown node", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Items[0] = item(0, 42, 4) }, ErrUnknownNode},
		{"no source", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Items[0].Sources = nil }, ErrInvalid},
		{"negative deadline", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Items[0].DeltaMs = -1 }, ErrNegative},
		{"negative value", func(_ *Tree, _ *Catalog, in *[]Intent) { (*in)[0].Value = -1 }, ErrNegative},
		{"zero-core model", func(_ *Tree, c *Catalog, _ *[]Intent) { c.Models[1].Cores = 0 }, ErrNegative},
		{"duplicate tuple", func(_ *Tree, _ *Catalog, in *[]Intent) {
			(*in)[0].Items = append((*in)[0].Items, (*in)[0].Items[0])
		}, ErrInvalid},
	}
	for _, tc := range tests {
		tr, cat := chain(), smallCatalog()
		in := []Intent{{Value: 1, Items: []Item{item(0, 3, 3, 4)}}}
		tc.edit(tr, cat, &in)
		_, err := NewProblem(tr, cat, in, Options{})
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestLatencyByHand: a DU item with its DU and RU as sources, eqs. (3)–(4) by hand.
func TestLatencyByHand(t *testing.T) {
	p, err := NewProblem(chain(), smallCatalog(), []Intent{{Value: 1, Items: []Item{
		{Func: 0, Node: 3, Pi: 1, DeltaMs: 25, Sources: []int{3, 4}}}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	it := p.Intents[0].Items[0]
	// Host CU (2): DU→CU 5 ms at 25 Gb/s, RU→CU 6 ms at bottleneck 20 Gb/s; 100 B over 2 sources; exec 1.
	want := 100*8/(25e6*2) + 5 + 100*8/(20e6*2) + 6 + 1
	if got, ok := p.Latency(it, 0, 2); !ok || got != want {
		t.Errorf("latency on the CU = %v, %v; want %v", got, ok, want)
	}
	if _, ok := p.Latency(it, 0, 5); ok {
		t.Error("DU 5 reaches the sources of DU 3")
	}
	// Candidates of model "a": the CU (≈ 12 ms), the DU (2 ms), the RU (2 ms); the near-RT RIC (32 ms)
	// misses δ = 25 ms. Model "ab" needs 2 cores: only the CU of the three has them.
	var hosts []int
	for _, c := range p.Candidates(0, 0) {
		hosts = append(hosts, c.Model*10+c.Host)
	}
	if want := []int{2, 3, 4, 12}; len(hosts) != len(want) {
		t.Errorf("candidates (model·10+host) %v, want %v", hosts, want)
	} else {
		for k := range want {
			if hosts[k] != want[k] {
				t.Errorf("candidates %v, want %v", hosts, want)
				break
			}
		}
	}
}

func TestIntentMix(t *testing.T) {
	tr, _ := TreeSpec{}.Generate(1)
	cat := DefaultCatalog()
	for _, c := range []Case{CaseALL, CaseER, CaseRO} {
		for _, mix := range []Mix{MixDT, MixLL, MixULL} {
			in, err := IntentSpec{Requests: 400, Case: c, Mix: mix}.Generate(2, tr, cat)
			if err != nil {
				t.Fatal(err)
			}
			var n [3]float64
			var total float64
			allowed := map[Tier]bool{}
			for _, tier := range c.Tiers() {
				allowed[tier] = true
			}
			for _, x := range in {
				for _, it := range x.Items {
					n[map[float64]int{10: 0, 1000: 1, 10000: 2}[it.DeltaMs]]++
					total++
					if !allowed[tr.Nodes[it.Node].Tier] {
						t.Fatalf("case %d: node of tier %v", c, tr.Nodes[it.Node].Tier)
					}
				}
			}
			for k, want := range mix.Probs() {
				if got := n[k] / total; got < want-0.04 || got > want+0.04 {
					t.Errorf("case %d mix %d: class %d frequency %.3f, want %.1f", c, mix, k, got, want)
				}
			}
		}
	}
}
