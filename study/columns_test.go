package study

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestColumnsCoverResult: every field of Result but Extra has exactly one column, so nothing is
// left out of summary.csv and the JSON, and column names are unique.
func TestColumnsCoverResult(t *testing.T) {
	var r Result
	fields := map[uintptr]string{}
	rv := reflect.ValueOf(&r).Elem()
	for i := range rv.NumField() {
		if name := rv.Type().Field(i).Name; name != "Extra" {
			fields[rv.Field(i).Addr().Pointer()] = name
		}
	}
	names := map[string]bool{}
	for _, c := range SummaryColumns() {
		if names[c.Name] {
			t.Errorf("column %s declared twice", c.Name)
		}
		names[c.Name] = true
		p := reflect.ValueOf(c.Field(&r)).Pointer()
		if _, ok := fields[p]; !ok {
			t.Errorf("column %s points at no field, or at one already taken", c.Name)
		}
		delete(fields, p)
		if c.Doc == "" {
			t.Errorf("column %s has no Doc", c.Name)
		}
	}
	for _, f := range fields {
		t.Errorf("Result.%s has no column", f)
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		r    Result
	}{
		{"zero", Result{}},
		{"values and NaN", Result{Load: 1.25, Rho: 1.2, Method: "haf", Agent: "heuristic", Seed: 7, Requests: 300,
			Overall: 0.9, AI: Frac(math.NaN()), MigrationsTotal: 3, FallbackReasons: "a=1;b=2", SimEndS: 12.5, WallS: 0.25}},
		{"extra columns", Result{Method: "mine", Extra: map[string]float64{"moves_per_s": 0.5, "empty": math.NaN()}}},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.r)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got Result
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		b2, _ := json.Marshal(got)
		if !bytes.Equal(b, b2) {
			t.Errorf("%s: round trip changed\n%s\n%s", tt.name, b, b2)
		}
	}
	var r Result
	if err := json.Unmarshal([]byte(`{"method":"x","note":"text"}`), &r); err == nil {
		t.Error("a non-numeric unknown key was accepted")
	}
}

// TestJSONKeyOrder: the JSON keys follow SummaryColumns, then Extra by name.
func TestJSONKeyOrder(t *testing.T) {
	b, _ := json.Marshal(Result{Extra: map[string]float64{"z": 1, "a": 2}})
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.Token()
	var keys []string
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v any
		dec.Decode(&v)
	}
	want := append(SummaryColumns().Names(), "a", "z")
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
}

func TestWriteCSVWithExtra(t *testing.T) {
	rs := []Result{{Method: "a", Extra: map[string]float64{"moves": 2}}, {Method: "b", Extra: map[string]float64{"idle_s": 0.5}}}
	cols, err := SummaryColumns().Select("method", "seed")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := cols.WithExtra(rs).WriteCSV(&b, rs); err != nil {
		t.Fatal(err)
	}
	if want := "method,seed,idle_s,moves\na,0,NaN,2\nb,0,0.5,NaN\n"; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if _, err := cols.Select("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("Select unknown: %v", err)
	}
}

// TestMetricsDocListsColumns: docs/metrics.md holds the column table generated from SummaryColumns.
func TestMetricsDocListsColumns(t *testing.T) {
	doc, err := os.ReadFile("../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	if md := SummaryColumns().Markdown(); !strings.Contains(string(doc), md) {
		t.Errorf("docs/metrics.md §6 lacks the generated column table; paste:\n%s", md)
	}
}
