package traces

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// nextOnly hides every method of a source but Next, so that Merge and Limit take the path of
// foreign sources.
type nextOnly struct{ src sim.Source }

func (n nextOnly) Next() (sim.Request, bool, error) { return n.src.Next() }

// fillSources returns fresh sources of every filler kind: two AI sources (Sampler token streams,
// several cells and services) and a RAN source with jitter and a Limit, at rates that make Merge
// interleave them.
func fillSources(t *testing.T) []sim.Source {
	t.Helper()
	m := DefaultAzureModel()
	var out []sim.Source
	for i, name := range []string{"code", "conv"} {
		tr, _ := m.Trace(name)
		smp, err := NewSampler(tr, SamplerOptions{Seed: 5, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		cat := []sim.Category{sim.LargeAI, sim.SmallAI}[i]
		ai, err := NewAISource([]AIStream{{Tokens: smp, Category: cat, Services: []int{0, 1, 2}}}, AIOptions{Cells: 4, Seed: 5, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ai)
	}
	ran, err := NewRANSource(RANOptions{Cells: 4, RatePerCell: 20, Jitter: 0.3, Seed: 5, Limit: 3000})
	if err != nil {
		t.Fatal(err)
	}
	return append(out, ran)
}

// TestFillerMatchesNext checks that Limit over Merge yields, bit for bit, the same requests whether
// the package's sources are read in place (NextInto) or through Next, and that every filler's Next
// yields what its NextInto writes.
func TestFillerMatchesNext(t *testing.T) {
	const n = 5000
	fast := Limit(Merge(fillSources(t)...), n)
	var hidden []sim.Source
	for _, s := range fillSources(t) {
		hidden = append(hidden, nextOnly{s})
	}
	slow := nextOnly{Limit(nextOnly{Merge(hidden...)}, n)}
	for i := 0; ; i++ {
		a, okA, errA := fast.Next()
		b, okB, errB := slow.Next()
		if okA != okB || errA != nil || errB != nil || a != b {
			t.Fatalf("request %d: in place %+v %v %v, through Next %+v %v %v", i, a, okA, errA, b, okB, errB)
		}
		if !okA {
			if i != n {
				t.Fatalf("%d requests, want %d", i, n)
			}
			break
		}
	}
	// Every filler: the three sources, their Merge and a Limit of it.
	fillers := func() []sim.Source {
		return append(fillSources(t), Merge(fillSources(t)...), Limit(Merge(fillSources(t)...), 2500))
	}
	for k, src := range fillers() {
		twin := fillers()[k].(sim.SourceFiller)
		for i := 0; ; i++ {
			a, okA, errA := src.Next()
			var b sim.Request
			okB, errB := twin.NextInto(&b)
			if okA != okB || errA != nil || errB != nil || (okA && a != b) || (!okA && a != (sim.Request{})) {
				t.Fatalf("source %d, request %d: Next %+v %v %v, NextInto %+v %v %v", k, i, a, okA, errA, b, okB, errB)
			}
			if !okA || i > 3000 {
				break
			}
		}
	}
}

// TestMergeFillerErrors checks that an error of a filler input reaches Merge's caller wrapped with
// the input's index.
func TestMergeFillerErrors(t *testing.T) {
	failing := &sliceTokens{rows: []TokenRow{{Time: 1}}, err: errBoom}
	ai, err := NewAISource([]AIStream{{Tokens: failing, Category: sim.LargeAI, Services: []int{0}}}, AIOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(&sliceSource{}, ai)
	if _, ok, err := m.Next(); !ok || err != nil {
		t.Fatalf("first request: ok %v, err %v", ok, err)
	}
	if _, ok, err := m.Next(); ok || !errors.Is(err, errBoom) || !strings.Contains(err.Error(), "source 1") {
		t.Fatalf("ok %v, err %v", ok, err)
	}
}
