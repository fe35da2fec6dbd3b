package traces

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseProfileErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, "schema_version is 0"},
		{`{"schema_version": 2}`, "schema_version is 2"},
		{`{"schema_version": 1, "gpu": "h100"}`, `"gpu"`},
		{`{"schema_version": 1, "large_ai": {"kv_gb_per_tokn": 1}}`, `"kv_gb_per_tokn"`},
		{`{"schema_version": 1, "ran": {"ru_reload_s": 1}}`, `"ru_reload_s"`},
		{`{"schema_version": 1, "large_ai": {"kv_gb_per_token": -1}}`, "large_ai.kv_gb_per_token"},
		{`{"schema_version": 1, "small_ai": {"reload_s": -0.5}}`, "small_ai.reload_s"},
		{`{"schema_version": 1, "ran": {"cu_up_reload_s": -1}}`, "ran.cu_up_reload_s"},
		{`{"schema_version": 1, "large_ai": {"reload_s": NaN}}`, "invalid character"},
		{`{"schema_version": 1, "large_ai": {"reload_s": "8"}}`, "reload_s"},
		{`{"schema_version": 1} {}`, "trailing data"},
		{`{"schema_version": 1, "large_ai": {"kv_min_gb": 0.6, "kv_max_gb": 0.4, "kv_output_tokens": 1000}}`,
			"large_ai.kv_max_gb 0.4 is below kv_min_gb 0.6"},
		{`{"schema_version": 1, "small_ai": {"kv_output_tokens": -1}}`, "small_ai.kv_output_tokens"},
		{`{"schema_version": 1`, "EOF"},
	}
	for _, tc := range tests {
		_, err := ParseProfile(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "traces: ") {
			t.Errorf("ParseProfile(%s): err %v, want it to mention %s", tc.in, err, tc.want)
		}
	}
	nan := math.NaN()
	p := Profile{SchemaVersion: 1, LargeAI: &ProfileParams{DecodeTFLOPPerToken: &nan}}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "large_ai.decode_tflop_per_token") {
		t.Errorf("NaN: %v", err)
	}
}

func TestProfileApply(t *testing.T) {
	p, err := ParseProfile(strings.NewReader(`{"schema_version": 1, "name": "x",
		"large_ai": {"kv_gb_per_token": 0.001, "reload_s": 5, "kv_gb_per_request": null},
		"small_ai": {"prefill_tflop_per_token": 0.5}, "ran": {"du_reload_s": 0.1}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultCostModel()
	want.Large.KVGBPerToken, want.Large.ReloadS = 0.001, 5
	want.Small.PrefillTFLOPPerToken = 0.5
	want.DUReloadS = 0.1
	if got := p.CostModel(); got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	empty, _ := ParseProfile(strings.NewReader(`{"schema_version": 1}`))
	if empty.CostModel() != DefaultCostModel() {
		t.Error("empty profile changes defaults")
	}
}

// TestProfileDocExample parses the example in docs/profile.md.
func TestProfileDocExample(t *testing.T) {
	b, err := os.ReadFile("../docs/profile.md")
	if err != nil {
		t.Skip(err)
	}
	_, rest, ok := strings.Cut(string(b), "```json\n")
	doc, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no json block in docs/profile.md")
	}
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.CostModel().Large.ReloadS != 6.5 {
		t.Error("example not applied")
	}
	if _, err := LoadProfile(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}

func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(`{"schema_version": 1}`))
	f.Add([]byte(`{"schema_version": 1, "large_ai": {"kv_gb_per_token": 0.001, "reload_s": 8}, "ran": {"du_reload_s": 0}}`))
	f.Add([]byte(`{"schema_version": 1, "small_ai": {"cpu_core_s_per_request": -1}}`))
	f.Add([]byte(`{"schema_version": 1, "x": 1}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ParseProfile(bytes.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "traces: profile: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("parsed profile invalid: %v", err)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseProfile(bytes.NewReader(out))
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		m := p.CostModel()
		for _, v := range []float64{m.Large.KVGBPerToken, m.Small.DecodeTFLOPPerToken, m.DUReloadS} {
			if v < 0 || math.IsNaN(v) {
				t.Fatalf("bad cost model %+v", m)
			}
		}
	})
}
