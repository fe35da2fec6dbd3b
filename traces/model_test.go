package traces

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const azureDataDir = "../../shared/data/azure"

// TestEmbeddedModelMatchesData regenerates the model from the trace files and compares it byte for
// byte with the embedded file. Skipped when the data is missing, unless CI is set.
func TestEmbeddedModelMatchesData(t *testing.T) {
	if _, err := os.Stat(filepath.Join(azureDataDir, azureTraceFiles[0][1])); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI set but Azure data missing: %v", err)
		}
		t.Skipf("Azure data not found in %s", azureDataDir)
	}
	m, err := BuildAzureModel(azureDataDir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), azureModelJSON) {
		t.Fatal("embedded azuremodel.json is stale: run go run ./traces/internal/mkmodel --in ../shared/data/azure --out traces/azuremodel.json")
	}
}

func TestDefaultAzureModel(t *testing.T) {
	m := DefaultAzureModel()
	if !strings.Contains(m.Credit, "Splitwise") || !strings.Contains(m.License, "CC-BY 4.0") {
		t.Errorf("missing credit or license: %q, %q", m.Credit, m.License)
	}
	// SHA-256 and row counts as listed in ../shared/data/azure/README.md.
	tests := []struct {
		name, sha string
		rows      int
		prompt    float64
		output    float64
		rate      float64
	}{
		{"code", "54e9a6d2a4bd06ba1e060304b900abbc74cbea53de96506e60fe5bb4f2277fb6", 8819, 2048, 27.9, 2.57},
		{"conv", "2f1e5b666d4e3055fdbba98598ce2ec307767b9064e03e2fa46676dbcc7d0bf8", 19366, 1155, 211, 5.53},
	}
	for _, tc := range tests {
		tr, err := m.Trace(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if tr.SHA256 != tc.sha || tr.Rows != tc.rows {
			t.Errorf("%s: sha %s rows %d", tc.name, tr.SHA256, tr.Rows)
		}
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"prompt", tr.MeanPrompt, tc.prompt}, {"output", tr.MeanOutput, tc.output}, {"rate", tr.MeanRate, tc.rate}} {
			if math.Abs(c.got/c.want-1) > 0.005 {
				t.Errorf("%s mean %s = %v, want %v", tc.name, c.what, c.got, c.want)
			}
		}
	}
	if _, err := m.Trace("nope"); err == nil {
		t.Error("Trace(nope) succeeded")
	}
	m.Traces[0].Rows = -1 // a fresh copy each call: no shared state
	if DefaultAzureModel().Traces[0].Rows != 8819 {
		t.Error("DefaultAzureModel shares state")
	}
}

func TestParseAzureModelErrors(t *testing.T) {
	good := func() *AzureModel { return DefaultAzureModel() }
	tests := []struct {
		name   string
		mutate func(*AzureModel)
		want   string
	}{
		{"version", func(m *AzureModel) { m.SchemaVersion = 2 }, "schema_version"},
		{"no traces", func(m *AzureModel) { m.Traces = nil }, "no traces"},
		{"probs", func(m *AzureModel) { m.Traces[0].Probabilities[1] = 0 }, "probabilities"},
		{"length", func(m *AzureModel) { m.Traces[1].OutputTokens = m.Traces[1].OutputTokens[1:] }, "output_tokens"},
		{"decreasing", func(m *AzureModel) { m.Traces[0].PromptTokens[5] = -1 }, "prompt_tokens"},
	}
	for _, tc := range tests {
		m := good()
		tc.mutate(m)
		var b bytes.Buffer
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		_, err := ParseAzureModel(&b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := ParseAzureModel(strings.NewReader(`{"schema_version":1,"bogus":2}`)); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("unknown key: %v", err)
	}
}

func TestBuildTraceModel(t *testing.T) {
	const csv2023 = "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
		"2023-11-16 18:17:03.0000000,10,1\n2023-11-16 18:17:04.0000000,20,2\n2023-11-16 18:17:06.0000000,30,3"
	const csv2024 = "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
		"2024-05-10 00:00:00+00:00,10,1\n2024-05-10 00:00:01.000000+00:00,20,2\n2024-05-10 00:00:03.000000+00:00,30,3"
	for _, in := range []string{csv2023, csv2024} {
		tr, err := BuildTraceModel("x", "x.csv", strings.NewReader(in), []float64{0, 0.5, 1})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Rows != 3 || tr.SpanS != 3 || tr.MeanPrompt != 20 || tr.MeanInterarrivalS != 1.5 {
			t.Errorf("got %+v", tr)
		}
		want := [][]float64{{10, 20, 30}, {1, 2, 3}, {1, 1.5, 2}}
		for i, q := range [][]float64{tr.PromptTokens, tr.OutputTokens, tr.InterarrivalS} {
			for j := range q {
				if q[j] != want[i][j] {
					t.Errorf("table %d = %v, want %v", i, q, want[i])
				}
			}
		}
	}
	bad := []string{
		"A,B,C\n2023-11-16 18:17:03.0,1,1\n2023-11-16 18:17:04.0,1,1",
		"TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.0,1,1",
		"TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.0,1,1\n2023-11-16 18:17:02.0,1,1",
		"TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,1,1\n2023-11-16 18:17:04.0,1,1",
		"TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.0,-1,1\n2023-11-16 18:17:04.0,1,1",
	}
	for _, in := range bad {
		if _, err := BuildTraceModel("x", "x.csv", strings.NewReader(in), []float64{0, 1}); err == nil {
			t.Errorf("accepted %q", in)
		}
	}
}
