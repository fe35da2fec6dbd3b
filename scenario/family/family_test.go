package family_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/scenario/family"
)

// flatten returns the scenario's JSON as a map from dotted path (nodes.0.gpu_tflops) to leaf value.
func flatten(t *testing.T, s *scenario.Scenario) map[string]any {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(prefix+k+".", e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s%d.", prefix, i), e)
			}
		default:
			out[strings.TrimSuffix(prefix, ".")] = x
		}
	}
	walk("", v)
	return out
}

// diff returns the paths whose values differ between a and b (present in one only included).
func diff(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range b {
		if w, ok := a[k]; !ok || !reflect.DeepEqual(v, w) {
			out[k] = v
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out[k] = nil
		}
	}
	return out
}

// scaled returns the paths of base matching keep, with their values × k.
func scaled(base map[string]any, k float64, keep func(path string) bool) map[string]any {
	out := map[string]any{}
	for p, v := range base {
		if f, ok := v.(float64); ok && keep(p) && f != 0 {
			out[p] = f * k
		}
	}
	return out
}

func suffixIn(p string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

// serviceIndex returns the index of the service called name in the paper scenario.
func serviceIndex(t *testing.T, name string) int {
	for i, sv := range scenario.Default().Services {
		if sv.Name == name {
			return i
		}
	}
	t.Fatalf("no service %s", name)
	return -1
}

// TestVariantsChangeWhatTheySay compares every deterministic variant of the paper scenario with
// the paper scenario path by path: exactly the documented values change, to the documented values
// (computed here from the paper scenario's own numbers), and the input is left unchanged.
func TestVariantsChangeWhatTheySay(t *testing.T) {
	base := flatten(t, scenario.Default())
	nodeKey := func(key string) func(string) bool {
		return func(p string) bool { return strings.HasPrefix(p, "nodes.") && strings.HasSuffix(p, "."+key) }
	}
	deadline := func(p string) bool {
		return (strings.HasPrefix(p, "workload.large_ai_deadline.") || strings.HasPrefix(p, "workload.small_ai_deadline.")) &&
			suffixIn(p, "base_s", "per_prompt_token_s", "per_output_token_s", "min_s", "max_s")
	}
	capacity := func(k float64) map[string]any {
		out := scaled(base, k, func(p string) bool {
			return nodeKey("gpu_tflops")(p) || nodeKey("cpu_cores")(p) || p == "workload.du_reserve_tflops"
		})
		return out
	}
	want := map[string]map[string]any{
		family.Paper:           {},
		family.LLMsSplit:       {fmt.Sprintf("services.%d.nodes.0", serviceIndex(t, "llm-b")): "gpu-heavy-1"},
		family.CapacityMinus50: capacity(0.5),
		family.CapacityPlus50:  capacity(1.5),
		family.VRAMHeadroom:    scaled(base, 2, nodeKey("vram_gb")),
		family.DeadlinesHalf:   scaled(base, 0.5, deadline),
		family.DeadlinesDouble: scaled(base, 2, deadline),
		family.SmallAIShare25:  {"workload.small_ai_fraction": 0.25},
		family.SmallAIShare75:  {"workload.small_ai_fraction": 0.75},
	}
	if n := len(want[family.CapacityMinus50]); n != 13 {
		t.Fatalf("capacity expects %d changed values, want 6 nodes × 2 + the DU reserve", n)
	}
	for _, v := range family.Variants() {
		w, ok := want[v.Name]
		if !ok {
			continue // seeded: TestRandomPlacement
		}
		t.Run(v.Name, func(t *testing.T) {
			in := scenario.Default()
			got, err := v.Apply(in, 1)
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(base, flatten(t, in)); len(d) != 0 {
				t.Fatalf("the input changed: %v", d)
			}
			d := diff(base, flatten(t, got))
			if len(d) != len(w) {
				t.Errorf("%d values changed, want %d:\n got %v\nwant %v", len(d), len(w), d, w)
			}
			for p, x := range w {
				y, ok := d[p]
				fx, isF := x.(float64)
				fy, _ := y.(float64)
				if !ok || (isF && math.Abs(fx-fy) > 1e-12*math.Abs(fx)) || (!isF && x != y) {
					t.Errorf("%s = %v, want %v", p, y, x)
				}
			}
		})
	}
}

// placement returns the node of every replica of every service, "service/replica" → node.
func placement(s *scenario.Scenario) map[string]string {
	out := map[string]string{}
	for _, sv := range s.Services {
		for r, n := range sv.Nodes {
			out[fmt.Sprintf("%s/%d", sv.Name, r)] = n
		}
	}
	return out
}

// TestRandomPlacement: only AI replicas move; every node's weights fit its VRAM (summed here from
// the file); the same seed gives the same placement and seeds 1–6 give at least four different ones.
func TestRandomPlacement(t *testing.T) {
	base := scenario.Default()
	seen := map[string]bool{}
	for seed := uint64(1); seed <= 6; seed++ {
		a, err := family.RandomAIPlacement(base, seed)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := family.RandomAIPlacement(base, seed)
		if !reflect.DeepEqual(placement(a), placement(b)) {
			t.Fatalf("seed %d: two draws differ", seed)
		}
		used, vram := map[string]float64{}, map[string]float64{}
		for _, n := range a.Nodes {
			vram[n.Name] = n.VRAMGB
		}
		for i, sv := range a.Services {
			ai := sv.Category == "large-ai" || sv.Category == "small-ai"
			if !ai && !reflect.DeepEqual(sv.Nodes, base.Services[i].Nodes) {
				t.Errorf("seed %d: RAN service %s moved to %v", seed, sv.Name, sv.Nodes)
			}
			for _, n := range sv.Nodes {
				used[n] += sv.WeightsGB
			}
		}
		for n, u := range used {
			if u > vram[n] {
				t.Errorf("seed %d: node %s holds %g GB of weights, VRAM %g", seed, n, u, vram[n])
			}
		}
		if d := diff(flatten(t, base), flatten(t, a)); len(d) > 0 {
			for p := range d {
				if !strings.HasPrefix(p, "services.") || !strings.Contains(p, ".nodes.") {
					t.Errorf("seed %d: %s changed", seed, p)
				}
			}
		}
		seen[fmt.Sprint(placement(a))] = true
	}
	if len(seen) < 4 {
		t.Errorf("seeds 1–6 give %d distinct placements, want ≥ 4", len(seen))
	}
}

// TestVariantsBuild: every variant builds at ρ = 1 and reaches it; the capacity variants offer k
// times the paper's arrival rate (the DU reserve scales with the capacities, so ρ is linear in k).
func TestVariantsBuild(t *testing.T) {
	build := func(s *scenario.Scenario) *scenario.Built {
		b, err := s.Build(scenario.BuildOptions{Load: 1, Requests: 300, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		b.Close()
		return b
	}
	paper := build(scenario.Default())
	factor := map[string]float64{family.CapacityMinus50: 0.5, family.CapacityPlus50: 1.5}
	for _, v := range family.Variants() {
		s, err := v.Apply(scenario.Default(), 3)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		b := build(s)
		if math.Abs(b.Rho-1) > 1e-9 {
			t.Errorf("%s: ρ = %v, want 1", v.Name, b.Rho)
		}
		if k, ok := factor[v.Name]; ok && math.Abs(b.Factor/paper.Factor-k) > 1e-9 {
			t.Errorf("%s: rate factor %v = %v × the paper's, want %v", v.Name, b.Factor, b.Factor/paper.Factor, k)
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := family.Lookup("paper", "nope"); err == nil || !strings.HasPrefix(err.Error(), "family: ") ||
		!strings.Contains(err.Error(), "nope") {
		t.Errorf("Lookup of an unknown variant: %v", err)
	}
	vs, err := family.Lookup(family.SmallAIShare75, family.Paper)
	if err != nil || len(vs) != 2 || vs[0].Name != family.SmallAIShare75 || vs[1].Name != family.Paper {
		t.Errorf("Lookup = %v, %v", vs, err)
	}
	one := scenario.Default()
	one.Nodes[1].GPU = 200 // a single node of the largest GPU capacity
	for name, f := range map[string]func() error{
		"split with one heavy node": func() error { _, err := family.SplitLargeAI(one, 0); return err },
		"capacity 0":                func() error { _, err := family.ScaleCapacity(0)(scenario.Default(), 0); return err },
		"VRAM too small":            func() error { _, err := family.ScaleVRAM(0.5)(scenario.Default(), 0); return err },
		"deadlines −1":              func() error { _, err := family.ScaleDeadlines(-1)(scenario.Default(), 0); return err },
		"share 0":                   func() error { _, err := family.SmallAIShare(0)(scenario.Default(), 0); return err },
	} {
		if err := f(); err == nil || !strings.HasPrefix(err.Error(), "family: ") {
			t.Errorf("%s: %v, want a family: error", name, err)
		}
	}
}

// TestScaleDeadlinesWritesTheDefault: a scenario without deadline rules gets the traces defaults
// (large: 0.2 s + 0.2 ms·prompt + 0.3 ms·output in [0.1, 3] s) scaled.
func TestScaleDeadlinesWritesTheDefault(t *testing.T) {
	s := scenario.Default()
	s.Workload.LargeDeadline, s.Workload.SmallDeadline = nil, nil
	got, err := family.ScaleDeadlines(2)(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := scenario.DeadlineRule{Base: 0.4, PerPromptToken: 4e-4, PerOutputToken: 6e-4, Min: 0.2, Max: 6}
	if l := got.Workload.LargeDeadline; l == nil || *l != want {
		t.Errorf("large-AI rule %+v, want %+v", l, want)
	}
	if got.Workload.SmallDeadline == nil {
		t.Error("no small-AI rule")
	}
}
