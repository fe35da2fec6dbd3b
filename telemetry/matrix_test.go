package telemetry

import (
	"encoding/json"
	"math"
	"testing"
)

func TestMatrixJSONRoundTrip(t *testing.T) {
	m := Matrix{{
		Metric: map[string]string{"__name__": "gpu_utilisation", "node": "n0"},
		Values: []Sample{{T: 0, V: 0.25}, {T: 15, V: math.Inf(1)}, {T: 30, V: 1e-9}},
	}}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"metric":{"__name__":"gpu_utilisation","node":"n0"},"values":[[0,"0.25"],[15,"+Inf"],[30,"1e-09"]]}]`
	if string(b) != want {
		t.Fatalf("marshal:\n got %s\nwant %s", b, want)
	}
	var back Matrix
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || len(back[0].Values) != 3 || back[0].Values[2] != m[0].Values[2] || !math.IsInf(back[0].Values[1].V, 1) {
		t.Fatalf("round trip: %+v", back)
	}
}

func TestSampleRejectsMalformed(t *testing.T) {
	for _, in := range []string{`[1]`, `["a","1"]`, `[1, 2]`, `[1, "x"]`, `{}`} {
		var s Sample
		if err := s.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s: accepted", in)
		}
	}
}
