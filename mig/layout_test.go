package mig_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/mig"
)

func TestTables(t *testing.T) {
	for _, name := range mig.Models() {
		m, ok := mig.Lookup(name)
		if !ok {
			t.Fatalf("Lookup(%q) failed", name)
		}
		for _, p := range m.Profiles {
			// Every instance of every profile at every start fits the GPU; MaxCount instances fit side
			// by side.
			if p.Compute < 1 || p.Compute > mig.ComputeSlices || len(p.Starts) == 0 {
				t.Errorf("%s %s: compute %d, starts %v", name, p.Name, p.Compute, p.Starts)
			}
			if !strings.HasPrefix(p.Name, string(rune('0'+p.Compute))+"g.") {
				t.Errorf("%s %s: name does not match %d compute slices", name, p.Name, p.Compute)
			}
			if got, want := p.MemoryGB, m.MemoryGB*float64(p.Memory)/mig.MemorySlices; got < want-1 || got > want+1 {
				t.Errorf("%s %s: %g GB, want about %g", name, p.Name, got, want)
			}
			var full mig.Layout
			for _, s := range p.Starts[:min(p.MaxCount, len(p.Starts))] {
				full = append(full, mig.Placement{Profile: p.Name, Start: s})
			}
			if err := m.Validate("g", full); err != nil && p.MaxCount <= len(p.Starts) {
				t.Errorf("%s: %d × %s: %v", name, p.MaxCount, p.Name, err)
			}
		}
	}
	if _, ok := mig.Lookup("V100"); ok {
		t.Error("Lookup(V100) succeeded")
	}
}

func TestValidate(t *testing.T) {
	h100, _ := mig.Lookup("H100-80GB")
	a40, _ := mig.Lookup("A100-40GB")
	// A hand-built model whose profiles together exceed the compute slices (the built-in tables cannot).
	odd := mig.Model{Name: "odd", MemoryGB: 8, Profiles: []mig.Profile{
		{Name: "4g.4gb", Compute: 4, Memory: 4, MemoryGB: 4, MaxCount: 2, Starts: []int{0, 4}}}}
	for _, tc := range []struct {
		name   string
		m      mig.Model
		layout []string
		rule   string // "": valid
	}{
		{"empty", h100, nil, ""},
		{"whole GPU", h100, []string{"7g.80gb@0"}, ""},
		{"4g+3g", h100, []string{"4g.40gb@0", "3g.40gb@4"}, ""},
		{"seven 1g", h100, []string{"1g.10gb@0", "1g.10gb@1", "1g.10gb@2", "1g.10gb@3", "1g.10gb@4", "1g.10gb@5", "1g.10gb@6"}, ""},
		{"2g 2g 2g 1g", h100, []string{"2g.20gb@0", "2g.20gb@2", "2g.20gb@4", "1g.10gb@6"}, ""},
		{"media extensions", h100, []string{"1g.10gb+me@3", "3g.40gb@4"}, ""},
		{"A100-40GB names", a40, []string{"3g.20gb@0", "2g.10gb@4", "1g.5gb@6"}, ""},
		{"unknown profile", h100, []string{"3g.20gb@0"}, mig.RuleProfile},
		{"start past the end", h100, []string{"1g.10gb@8"}, mig.RuleRange},
		{"negative start", h100, []string{"1g.10gb@-1"}, mig.RuleRange},
		{"runs past the end", h100, []string{"3g.40gb@6"}, mig.RuleRange},
		{"3g at 2", h100, []string{"3g.40gb@2"}, mig.RulePlacement},
		{"4g at 4", h100, []string{"4g.40gb@4"}, mig.RulePlacement},
		{"2g at 1", h100, []string{"2g.20gb@1"}, mig.RulePlacement},
		{"overlap", h100, []string{"4g.40gb@0", "2g.20gb@2"}, mig.RuleOverlap},
		{"same slot twice", h100, []string{"1g.10gb@5", "1g.10gb@5"}, mig.RuleOverlap},
		{"two +me", h100, []string{"1g.10gb+me@0", "1g.10gb+me@1"}, mig.RuleCount},
		{"compute", odd, []string{"4g.4gb@0", "4g.4gb@4"}, mig.RuleCompute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := mig.ParseLayout(tc.layout)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.m.Validate("gpu0", l)
			if tc.rule == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var le *mig.LayoutError
			if !errors.As(err, &le) || le.Rule != tc.rule || !errors.Is(err, mig.ErrLayout) {
				t.Fatalf("got %v, want rule %s", err, tc.rule)
			}
			if msg := err.Error(); !strings.Contains(msg, "gpu0") || !strings.Contains(msg, tc.m.Name) || !strings.Contains(msg, tc.rule) {
				t.Fatalf("error %q does not name the GPU, model and rule", msg)
			}
		})
	}
}

func TestParseLayout(t *testing.T) {
	l, err := mig.ParseLayout([]string{" 3g.40gb @ 4", "4g.40gb@0"})
	if err != nil || l.String() != "4g.40gb@0,3g.40gb@4" {
		t.Fatalf("got %v, %v", l, err)
	}
	if !l.Equal(mig.Layout{{"3g.40gb", 4}, {"4g.40gb", 0}}) || l.Equal(mig.Layout{{"4g.40gb", 0}}) {
		t.Fatal("Equal")
	}
	for _, bad := range []string{"3g.40gb", "@4", "3g.40gb@x", "3g.40gb@4@5", ""} {
		var le *mig.LayoutError
		if _, err := mig.ParseLayout([]string{bad}); !errors.As(err, &le) || le.Rule != mig.RuleSyntax {
			t.Errorf("%q: got %v, want a syntax error", bad, err)
		}
	}
}

// TestLayouts checks the enumeration: every layout valid, none twice, the empty one first, and known
// layouts present.
func TestLayouts(t *testing.T) {
	h100, _ := mig.Lookup("H100-80GB")
	ls := h100.Layouts()
	seen := map[string]bool{}
	for _, l := range ls {
		if err := h100.Validate("g", l); err != nil {
			t.Fatal(err)
		}
		if seen[l.String()] {
			t.Fatalf("%v twice", l)
		}
		seen[l.String()] = true
	}
	if len(ls) == 0 || len(ls[0]) != 0 {
		t.Fatalf("first layout %v, want the empty one", ls[0])
	}
	for _, want := range []string{"7g.80gb@0", "4g.40gb@0,3g.40gb@4", "3g.40gb@0,3g.40gb@4", "2g.20gb@0,2g.20gb@2,2g.20gb@4,1g.10gb@6",
		"1g.10gb@0,1g.10gb@1,1g.10gb@2,1g.10gb@3,1g.10gb@4,1g.10gb@5,1g.10gb@6", "1g.20gb@0,1g.20gb@2,1g.20gb@4,1g.20gb@6"} {
		if !seen[want] {
			t.Errorf("%s missing", want)
		}
	}
	for s := range seen {
		if strings.Contains(s, "+me") {
			t.Errorf("%s has media extensions", s)
		}
	}
	t.Logf("%d layouts", len(ls))
}
