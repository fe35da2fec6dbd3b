package traces

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// randomSources returns k sources with arrivals on a coarse grid (so that ties are frequent); each
// request's Cell records its source and Service its position in that source.
func randomSources(rng *rand.Rand, k int) []sim.Source {
	srcs := make([]sim.Source, k)
	for i := range srcs {
		n := rng.IntN(20)
		var t float64
		reqs := make([]sim.Request, n)
		for j := range reqs {
			t += float64(rng.IntN(3))
			reqs[j] = sim.Request{ID: 1000, Arrival: t, Cell: i, Service: j}
		}
		srcs[i] = &sliceSource{reqs: reqs}
	}
	return srcs
}

// TestMergeProperty checks Merge against an independent oracle: a stable sort by (arrival, source).
func TestMergeProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		k := 1 + rng.IntN(5)
		srcs := randomSources(rng, k)
		var want []sim.Request
		for _, s := range randomSourcesCopy(srcs) {
			want = append(want, drain(t, s, -1)...)
		}
		sort.SliceStable(want, func(a, b int) bool {
			if want[a].Arrival != want[b].Arrival {
				return want[a].Arrival < want[b].Arrival
			}
			return want[a].Cell < want[b].Cell
		})
		for i := range want {
			want[i].ID = int64(i)
		}
		got := drain(t, Merge(srcs...), -1)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d:\ngot  %v\nwant %v", trial, got, want)
		}
	}
}

func randomSourcesCopy(srcs []sim.Source) []sim.Source {
	c := make([]sim.Source, len(srcs))
	for i, s := range srcs {
		c[i], _ = s.(sim.ForkableSource).Fork()
	}
	return c
}

func TestMergeForkAndLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	m := Limit(Merge(randomSources(rng, 4)...), 25)
	drain(t, m, 5)
	f := fork(t, m)
	a, b := drain(t, m, -1), drain(t, f, -1)
	if !reflect.DeepEqual(a, b) || len(a) != 20 {
		t.Fatalf("fork: %d vs %d requests", len(a), len(b))
	}
	if _, err := Merge(plainSource{&sliceSource{}}).(sim.ForkableSource).Fork(); err == nil {
		t.Error("Fork of non-forkable input succeeded")
	}
	if _, err := Limit(plainSource{&sliceSource{}}, 1).(sim.ForkableSource).Fork(); err == nil {
		t.Error("Fork of non-forkable Limit input succeeded")
	}
	if got := drain(t, Limit(&sliceSource{reqs: make([]sim.Request, 3)}, 0), -1); len(got) != 0 {
		t.Error("Limit 0 yields requests")
	}
}

type errSource struct{}

func (errSource) Next() (sim.Request, bool, error) { return sim.Request{}, false, errBoom }

func TestMergeErrors(t *testing.T) {
	if _, _, err := Merge(&sliceSource{}, errSource{}).Next(); !errors.Is(err, errBoom) || !strings.Contains(err.Error(), "source 1") {
		t.Errorf("error not wrapped: %v", err)
	}
	back := &sliceSource{reqs: []sim.Request{{Arrival: 2}, {Arrival: 1}}}
	m := Merge(back)
	m.Next()
	if _, _, err := m.Next(); err == nil {
		t.Error("out-of-order input accepted")
	}
	neg := drain(t, Merge(&sliceSource{reqs: []sim.Request{{Arrival: -2}, {Arrival: -1}}}), -1)
	if len(neg) != 2 {
		t.Error("negative arrivals rejected")
	}
}
