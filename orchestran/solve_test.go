package orchestran

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/airansim/airansim/rng"
)

// smallCatalog has 4 models over 3 functions, one of them on IQ samples.
func smallCatalog() *Catalog {
	return &Catalog{
		Functions: []string{"a", "b", "c"},
		Models: []Model{
			{Name: "a", Funcs: []int{0}, InputBytes: 100, Cores: 1, ExecMs: 1},
			{Name: "ab", Funcs: []int{0, 1}, InputBytes: 100, Cores: 2, ExecMs: 1},
			{Name: "b", Funcs: []int{1}, InputBytes: 100, Cores: 1, ExecMs: 2},
			{Name: "c", Funcs: []int{2}, Input: IQ, InputBytes: 1000, Cores: 1, ExecMs: 1},
		},
	}
}

// smallProblem is a random 7-node instance with 4 intents of value 1–3, small enough to enumerate.
func smallProblem(t testing.TB, seed uint64, noShare bool) *Problem {
	t.Helper()
	tr, err := TreeSpec{Counts: [NumTiers]int{1, 1, 1, 2, 2}, Cores: [NumTiers]float64{3, 2, 1, 1, 1}}.Generate(seed)
	if err != nil {
		t.Fatal(err)
	}
	cat := smallCatalog()
	spec := IntentSpec{Requests: 4, MaxFuncs: 2, MaxNodes: 2, MaxSources: 2, Mix: Mix(seed % 3),
		DeltaMs: [3]float64{8, 30, 1000}}
	in, err := spec.Generate(seed, tr, cat)
	if err != nil {
		t.Fatal(err)
	}
	r := rng.New(seed, "test/values")
	for i := range in {
		in[i].Value = float64(1 + r.IntN(3))
	}
	p, err := NewProblem(tr, cat, in, Options{NoSharing: noShare})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCBCMatchesBruteForce: on many small random instances, CBC at every pruning level finds the
// brute-force optimum (value and cores), and the greedy never beats it.
func TestCBCMatchesBruteForce(t *testing.T) {
	needCBC(t)
	ctx := context.Background()
	solved, partial := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		for _, ns := range []bool{false, true} {
			p := smallProblem(t, seed, ns)
			want, err := SolveBrute(p, BruteOptions{})
			if errors.Is(err, ErrTooLarge) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Check(want); err != nil {
				t.Fatalf("seed %d: brute force: %v", seed, err)
			}
			solved++
			if want.Value < sumValues(p) {
				partial++
			}
			for _, lvl := range []Pruning{PruneExact, PruneFPAP, PruneFP} {
				got, err := SolveCBC(ctx, p, CBCOptions{Pruning: lvl})
				if err != nil {
					t.Fatalf("seed %d level %d: %v", seed, lvl, err)
				}
				if got.Status != StatusOptimal || math.Abs(got.Value-want.Value) > 1e-9 || math.Abs(got.Cores-want.Cores) > 1e-9 {
					t.Errorf("seed %d noshare %v level %d: cbc %v value %v cores %v; brute %v, %v",
						seed, ns, lvl, got.Status, got.Value, got.Cores, want.Value, want.Cores)
				}
			}
			if g := SolveGreedy(p); g.Value > want.Value+1e-9 || p.Check(g) != nil {
				t.Errorf("seed %d: greedy %v > optimum %v or infeasible: %v", seed, g.Value, want.Value, p.Check(g))
			}
		}
	}
	if partial < solved/4 {
		t.Errorf("only %d of %d instances reject an intent: too easy to test anything", partial, solved)
	}
	if solved < 30 {
		t.Errorf("only %d of 40 instances enumerated", solved)
	}
}

// TestPruningKeepsOptimumDefault: on the paper's scenario the FP+AP model and the exact model have the
// same optimum, and the greedy is below it.
func TestPruningKeepsOptimumDefault(t *testing.T) {
	needCBC(t)
	for _, mix := range []Mix{MixDT, MixULL} {
		p := defaultProblem(t, 3, IntentSpec{Mix: mix, Case: CaseER}, Options{})
		a, err := SolveCBC(context.Background(), p, CBCOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := SolveCBC(context.Background(), p, CBCOptions{Pruning: PruneFPAP})
		if err != nil {
			t.Fatal(err)
		}
		if a.Value != b.Value || a.Cores != b.Cores || a.Status != StatusOptimal || b.Status != StatusOptimal {
			t.Errorf("mix %d: exact %v/%v (%v), FP+AP %v/%v (%v)", mix, a.Value, a.Cores, a.Status, b.Value, b.Cores, b.Status)
		}
		if g := SolveGreedy(p); g.Value > a.Value || p.Check(g) != nil {
			t.Errorf("mix %d: greedy %v > optimum %v", mix, g.Value, a.Value)
		}
	}
}

func TestCBCFailures(t *testing.T) {
	p := smallProblem(t, 1, false)
	ctx := context.Background()
	if _, err := SolveCBC(ctx, p, CBCOptions{Path: "/nonexistent/cbc"}); !errors.Is(err, ErrNoCBC) {
		t.Errorf("missing binary: %v", err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"fails":    "#!/bin/sh\necho boom; exit 3\n",
		"nosol":    "#!/bin/sh\nexit 0\n",
		"garbage":  "#!/bin/sh\nfor a; do last=$a; done; printf 'Optimal - objective value 1\\n 0 y0 abc 0\\n' > \"$last\"\n",
		"infeas":   "#!/bin/sh\nfor a; do last=$a; done; printf 'Infeasible - objective value 0\\n' > \"$last\"\n",
		"violates": "#!/bin/sh\nfor a; do last=$a; done; printf 'Optimal - objective value 1\\n 0 y0 1 0\\n' > \"$last\"\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := SolveCBC(ctx, p, CBCOptions{Path: path}); !errors.Is(err, ErrSolver) {
			t.Errorf("%s: got %v, want ErrSolver", name, err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := SolveCBC(cctx, p, CBCOptions{}); HaveCBC() && !errors.Is(err, ErrSolver) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestCBCTimeLimit: a time limit ends in a status, never a panic; the solution is feasible.
func TestCBCTimeLimit(t *testing.T) {
	needCBC(t)
	p := defaultProblem(t, 5, IntentSpec{Requests: 40}, Options{NoSharing: true})
	s, err := SolveCBC(context.Background(), p, CBCOptions{TimeLimit: 50 * time.Millisecond})
	if err != nil {
		if !errors.Is(err, ErrSolver) {
			t.Fatal(err)
		}
		return
	}
	if s.Status == StatusFeasible && !(s.Gap >= 0) && !math.IsNaN(s.Gap) {
		t.Errorf("gap %v", s.Gap)
	}
	t.Logf("status %v gap %v value %v in %v", s.Status, s.Gap, s.Value, s.Elapsed)
}

func TestBruteTooLarge(t *testing.T) {
	p := defaultProblem(t, 1, IntentSpec{}, Options{})
	if _, err := SolveBrute(p, BruteOptions{MaxNodes: 1000}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v", err)
	}
}

func BenchmarkSolveCBCDefault(b *testing.B) {
	needCBC(b)
	benchDefault(b, func(p *Problem) error { _, err := SolveCBC(context.Background(), p, CBCOptions{}); return err })
}

func BenchmarkSolveGreedyDefault(b *testing.B) {
	p := defaultProblem(b, 1, IntentSpec{}, Options{})
	for b.Loop() {
		SolveGreedy(p)
	}
}

func sumValues(p *Problem) float64 {
	var v float64
	for _, in := range p.Intents {
		v += in.Value
	}
	return v
}
