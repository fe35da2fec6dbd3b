package traces

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// diffSource is a forkable test source over fixed requests that fails once, with errBoom, before
// yielding request failAt (none if failAt < 0) and then goes on; as a filler it writes in place.
type diffSource struct {
	reqs   []sim.Request
	i      int
	failAt int
	failed bool
}

func (s *diffSource) Next() (sim.Request, bool, error) {
	var r sim.Request
	ok, err := s.NextInto(&r)
	return r, ok, err
}

func (s *diffSource) NextInto(r *sim.Request) (bool, error) {
	if s.i == s.failAt && !s.failed {
		s.failed = true
		r.Arrival = math.NaN() // scratch: Merge must not use it
		return false, errBoom
	}
	if s.i >= len(s.reqs) {
		return false, nil
	}
	*r = s.reqs[s.i]
	s.i++
	return true, nil
}

func (s *diffSource) Fork() (sim.Source, error) { c := *s; return &c, nil }

// nextForkable exposes only Next and Fork: forkable but not a filler.
type nextForkable struct{ s *diffSource }

func (n nextForkable) Next() (sim.Request, bool, error) { return n.s.Next() }
func (n nextForkable) Fork() (sim.Source, error) {
	c, _ := n.s.Fork()
	return nextForkable{c.(*diffSource)}, nil
}

// nextOnlyDiff exposes only Next: neither a filler nor forkable.
type nextOnlyDiff struct{ s *diffSource }

func (n nextOnlyDiff) Next() (sim.Request, bool, error) { return n.s.Next() }

// diffCase describes the sources of one trial; build makes a fresh, independent set of them.
type diffCase struct {
	reqs     [][]sim.Request
	failAt   []int
	kind     []int // 0: filler, 1: Next and Fork, 2: Next only
	forkable bool
}

func (c *diffCase) build() []sim.Source {
	srcs := make([]sim.Source, len(c.reqs))
	for i, reqs := range c.reqs {
		d := &diffSource{reqs: reqs, failAt: c.failAt[i]}
		switch c.kind[i] {
		case 0:
			srcs[i] = d
		case 1:
			srcs[i] = nextForkable{d}
		default:
			srcs[i] = nextOnlyDiff{d}
		}
	}
	return srcs
}

// randomDiffCase draws k sources with sorted arrivals on a coarse grid (exact ties within and
// across sources, -0 and +0, some ±Inf), some empty or short, perhaps one going backwards at a
// random point and some failing once.
func randomDiffCase(rng *rand.Rand) *diffCase {
	k := 1 + rng.IntN(64)
	c := &diffCase{reqs: make([][]sim.Request, k), failAt: make([]int, k), kind: make([]int, k),
		forkable: rng.IntN(4) != 0}
	grid := []float64{1, 0.5, 0.25}[rng.IntN(3)]
	maxLen := []int{0, 1, 3, 10, 40}[rng.IntN(5)]
	for i := range c.reqs {
		n := 0
		if maxLen > 0 {
			n = rng.IntN(maxLen + 1)
		}
		t := float64(rng.IntN(4)) - 1
		if rng.IntN(8) == 0 {
			t = math.Inf(-1)
		}
		reqs := make([]sim.Request, n)
		for j := range reqs {
			if j > 0 || !math.IsInf(t, -1) {
				t += grid * float64(rng.IntN(3))
			}
			a := t
			if a == 0 && rng.IntN(2) == 0 {
				a = math.Copysign(0, -1)
			}
			if j == n-1 && rng.IntN(10) == 0 {
				a = math.Inf(1)
			}
			reqs[j] = sim.Request{ID: rng.Int64N(5), Class: sim.Class(rng.IntN(3)), Cell: i, Service: j,
				Arrival: a, Deadline: rng.Float64(), KVGB: float64(rng.IntN(3)), Prompt: rng.IntN(9), Flow: rng.IntN(4)}
		}
		c.reqs[i] = reqs
		c.failAt[i] = -1
		if rng.IntN(16) == 0 {
			c.failAt[i] = rng.IntN(n + 1)
		}
		c.kind[i] = rng.IntN(2)
		if !c.forkable && rng.IntN(3) == 0 {
			c.kind[i] = 2
		}
	}
	if rng.IntN(3) == 0 { // one input goes backwards at a random point
		i := rng.IntN(k)
		if n := len(c.reqs[i]); n > 0 {
			j := rng.IntN(n)
			c.reqs[i][j].Arrival -= 0.25 + float64(rng.IntN(3))
			if math.IsNaN(c.reqs[i][j].Arrival) { // -Inf - x is -Inf; +Inf - x is +Inf: never NaN
				panic("NaN")
			}
		}
	}
	return c
}

// diffRun is one merge under test and the reference it follows, in lockstep.
type diffRun struct {
	name string
	ref  *refMerged
	got  []sim.Source // Merge, and newMerged in scan and heap mode
}

// result is one call's outcome: the request (zero unless ok), ok and the error string.
type result struct {
	r   sim.Request
	ok  bool
	err string
}

func outcome(r sim.Request, ok bool, err error) result {
	if !ok {
		r = sim.Request{} // *r is unspecified then
	}
	if err != nil {
		return result{r, ok, err.Error()}
	}
	return result{r, ok, ""}
}

// same compares bit for bit (== would equate -0 and +0).
func (a result) same(b result) bool {
	return a == b && math.Signbit(a.r.Arrival) == math.Signbit(b.r.Arrival)
}

func (a result) String() string { return fmt.Sprintf("%v %#v %q", a.ok, a.r, a.err) }

// step advances every merge by one request, through Next or NextInto (into a dirty request, as
// the engine reuses one), and compares the outcomes; it reports whether to go on.
func (d *diffRun) step(t *testing.T, rng *rand.Rand, at string) bool {
	t.Helper()
	into := rng.IntN(2) == 0
	dirty := sim.Request{ID: -7, Arrival: 42, Cell: -1, Flow: 3}
	call := func(s interface {
		Next() (sim.Request, bool, error)
		NextInto(*sim.Request) (bool, error)
	}) result {
		if !into {
			return outcome(s.Next())
		}
		r := dirty
		ok, err := s.NextInto(&r)
		return outcome(r, ok, err)
	}
	want := call(d.ref)
	for j, g := range d.got {
		if got := call(g.(*merged)); !got.same(want) {
			t.Fatalf("%s %s merge %d:\ngot  %s\nwant %s", d.name, at, j, got, want)
		}
	}
	return want.ok || want.err != ""
}

// fork forks every merge, comparing the errors.
func (d *diffRun) fork(t *testing.T, name string) *diffRun {
	t.Helper()
	f := &diffRun{name: name}
	rf, rerr := d.ref.Fork()
	for j, g := range d.got {
		gf, gerr := g.(sim.ForkableSource).Fork()
		if fmt.Sprint(gerr) != fmt.Sprint(rerr) {
			t.Fatalf("%s: fork of merge %d: error %v, want %v", d.name, j, gerr, rerr)
		}
		f.got = append(f.got, gf)
	}
	if rerr != nil {
		return nil
	}
	f.ref = rf.(*refMerged)
	return f
}

// TestMergeDifferential compares Merge (and both of its modes, whatever k) with refMerged, the
// linear scan it replaced, request by request (the whole struct, ok and the error string) over
// random inputs, continuing after errors and through forks taken midway.
func TestMergeDifferential(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	trials := 2000
	if testing.Short() {
		trials = 300
	}
	for trial := range trials {
		c := randomDiffCase(rng)
		d := &diffRun{name: fmt.Sprintf("trial %d (k=%d)", trial, len(c.reqs)), ref: refMerge(c.build()...),
			got: []sim.Source{Merge(c.build()...), newMerged(false, c.build()), newMerged(true, c.build())}}
		var forks []*diffRun
		errs := 0
		forkAt := -1
		if rng.IntN(2) == 0 {
			forkAt = rng.IntN(40)
		}
		for s := 0; ; s++ {
			if s == forkAt || (s > 0 && len(forks) < 3 && rng.IntN(50) == 0) {
				if f := d.fork(t, fmt.Sprintf("%s fork at %d", d.name, s)); f != nil {
					forks = append(forks, f)
				} else if c.forkable {
					t.Fatalf("%s: fork failed", d.name)
				}
			}
			if !d.step(t, rng, fmt.Sprint("step ", s)) {
				break
			}
			if d.ref.n < int64(s+1) { // an error: retry a few times, then give up
				if errs++; errs > 3 {
					break
				}
			}
		}
		for _, f := range forks {
			for s, errs := 0, 0; f.step(t, rng, fmt.Sprint("step ", s)); s++ {
				if f.ref.n < int64(s+1) {
					if errs++; errs > 3 {
						break
					}
				}
			}
		}
	}
}

// TestMergeNaN: a NaN arrival is an error naming the source and the rule, at the read that meets
// it, in both modes; the other inputs are untouched, and the merge may be retried.
func TestMergeNaN(t *testing.T) {
	for _, useHeap := range []bool{false, true} {
		var srcs []sim.Source
		for i := range 12 {
			reqs := []sim.Request{{Arrival: 1, Cell: i}, {Arrival: 2, Cell: i}, {Arrival: 3, Cell: i}}
			if i == 5 {
				reqs[1].Arrival = math.NaN()
			}
			srcs = append(srcs, &sliceSource{reqs: reqs})
		}
		m := newMerged(useHeap, srcs)
		var got []int
		var err error
		for {
			var r sim.Request
			var ok bool
			if r, ok, err = m.Next(); !ok {
				break
			}
			got = append(got, r.Cell)
		}
		if err == nil || err.Error() != "traces: merge: source 5: arrival NaN (arrival must not be NaN)" {
			t.Fatalf("heap %v: error %v", useHeap, err)
		}
		if len(got) != 6 || got[5] != 5 { // sources 0..5 at arrival 1, then source 5's NaN read
			t.Fatalf("heap %v: before the error %v", useHeap, got)
		}
		// A retry reads source 5 on: its arrival 3 is fine, and the merge goes on.
		rest := drain(t, m, -1)
		if len(rest) != 36-6-1 || rest[0].Cell != 6 || rest[0].Arrival != 1 {
			t.Fatalf("heap %v: after the error %d requests, first %+v", useHeap, len(rest), rest[0])
		}
	}
	if _, _, err := Merge(&sliceSource{reqs: []sim.Request{{Arrival: math.NaN()}}}).Next(); err == nil ||
		!strings.Contains(err.Error(), "source 0") || !strings.Contains(err.Error(), "must not be NaN") {
		t.Fatalf("first arrival NaN: %v", err)
	}
}
