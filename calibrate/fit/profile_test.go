package fit

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/traces"
)

func TestProfile(t *testing.T) {
	s := calibrate.Synthetic(calibrate.SyntheticOptions{Noise: -1})
	r, err := Fit(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		o    ProfileOptions
		name string
		want string // "" for success
	}{
		{ProfileOptions{}, "nvidia-h100-80gb-hbm3-synthetic-14b", ""},
		{ProfileOptions{Category: "small-ai", Name: "mine"}, "mine", ""},
		{ProfileOptions{Category: "du"}, "", "not large-ai or small-ai"},
	}
	for _, tt := range tests {
		p, err := r.Profile(s.Meta, tt.o)
		if tt.want != "" {
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%+v: err %v", tt.o, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		// Round trip through the profile format, then into the cost model.
		var buf bytes.Buffer
		if err := p.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		q, err := traces.ParseProfile(&buf)
		if err != nil {
			t.Fatal(err)
		}
		m := q.CostModel()
		got, def := m.Large, traces.DefaultCostModel()
		if tt.o.Category == "small-ai" {
			got = m.Small
			if m.Large != def.Large {
				t.Error("small-ai profile changed large-ai")
			}
		}
		if q.Name != tt.name || math.Abs(got.PrefillTFLOPPerToken/0.028-1) > 1e-9 || math.Abs(got.DecodeTFLOPPerToken/0.042-1) > 1e-9 ||
			math.Abs(got.KVGBPerToken/3.66e-4-1) > 1e-9 || math.Abs(got.ReloadS-8) > 1e-9 || math.Abs(got.WeightsGB-28) > 1e-9 ||
			got.CPUPerRequest != def.Large.CPUPerRequest {
			t.Errorf("%s: %+v", q.Name, got)
		}
		for _, w := range []string{"NVIDIA H100 80GB HBM3", "synthetic:14b", "445.3 TFLOP/s", "R²", "idle 60 W"} {
			if !strings.Contains(q.Description, w) {
				t.Errorf("description lacks %q: %s", w, q.Description)
			}
		}
	}
}
