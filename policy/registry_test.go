package policy

import (
	"math"
	"strings"
	"testing"
)

// TestMethodsReportTheirNames: every built-in method carries its registered name, and each of its
// controllers reports that same name (game-theory-backlog once reported itself as game-theory).
func TestMethodsReportTheirNames(t *testing.T) {
	reg := Default()
	for _, name := range reg.Names() {
		m, err := reg.New(name, Options{Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.Name != name {
			t.Errorf("method registered as %q builds Method.Name %q", name, m.Name)
		}
		for _, c := range m.Controllers {
			if got := c.Controller.Name(); got != name {
				t.Errorf("method %q: controller reports %q", name, got)
			}
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
