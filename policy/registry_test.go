package policy

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/policy/hpa"
)

// TestMethodsReportTheirNames: every built-in method carries its registered name, and each of its
// controllers reports that same name (game-theory-backlog once reported itself as game-theory),
// except the composite methods, whose controllers report the names of their parts, in call order.
func TestMethodsReportTheirNames(t *testing.T) {
	parts := map[string][]string{
		MethodHAFHPA:       {MethodHAF, hpa.Name},
		MethodHAFScores:    {MethodHAF},
		MethodHAFStaticHPA: {hpa.Name},
		MethodHAutoscale:   {hautoscale.Name, bnb.Name},
	}
	reg := Default()
	for _, name := range reg.Names() {
		m, err := reg.New(name, Options{Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.Name != name {
			t.Errorf("method registered as %q builds Method.Name %q", name, m.Name)
		}
		want, composite := parts[name]
		if composite && len(m.Controllers) != len(want) {
			t.Errorf("method %q: %d controllers, want %v", name, len(m.Controllers), want)
			continue
		}
		for k, c := range m.Controllers {
			w := name
			if composite {
				w = want[k]
			}
			if got := c.Controller.Name(); got != w {
				t.Errorf("method %q: controller %d reports %q, want %q", name, k, got, w)
			}
		}
	}
}

// TestHPAMethods: the +hpa methods run the HPA every 15 s, after HAF's controller every Δ in
// haf+hpa, with HAF's allocator.
func TestHPAMethods(t *testing.T) {
	for _, tc := range []struct {
		name    string
		periods []float64
	}{
		{MethodHAFHPA, []float64{7, 15}},
		{MethodHAFStaticHPA, []float64{15}},
	} {
		m, err := Default().New(tc.name, Options{Interval: 7})
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, c := range m.Controllers {
			got = append(got, c.Period)
		}
		if !slices.Equal(got, tc.periods) {
			t.Errorf("%s: periods %v, want %v", tc.name, got, tc.periods)
		}
		if _, ok := m.Allocator.(allocator.HAF); !ok {
			t.Errorf("%s: allocator %T, want allocator.HAF", tc.name, m.Allocator)
		}
	}
}

// TestNewBadOptionsIsError: a factory given options it cannot use returns an error naming the
// method instead of panicking.
func TestNewBadOptionsIsError(t *testing.T) {
	for _, name := range Default().Names() {
		for _, iv := range []float64{math.NaN(), math.Inf(1), -1} {
			if _, err := Default().New(name, Options{Interval: iv}); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s with interval %g: error %v, want one naming the method", name, iv, err)
			}
		}
	}
	if _, err := Default().New("nope", Options{}); err == nil {
		t.Error("unknown method: no error")
	}
}
