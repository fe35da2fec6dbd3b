package calibrate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestParquetRoundTrip(t *testing.T) {
	s := Synthetic(SyntheticOptions{Reps: 1, Reloads: 1})
	var a, b bytes.Buffer
	if err := s.WriteParquet(&a); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteParquet(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same samples differ")
	}
	got, err := ReadParquet(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip differs:\nmeta %+v\nwant %+v", got.Meta, s.Meta)
	}
	path := filepath.Join(t.TempDir(), "s.parquet")
	os.WriteFile(path, a.Bytes(), 0o644)
	if f, err := LoadSamples(path); err != nil || len(f.GPU) != len(s.GPU) {
		t.Fatalf("LoadSamples: %v", err)
	}
}

// TestParquetErrors covers every way a file can fail to be a samples file.
func TestParquetErrors(t *testing.T) {
	write := func(rows []row, meta string) []byte {
		var buf bytes.Buffer
		var opts []parquet.WriterOption
		if meta != "" {
			opts = append(opts, parquet.KeyValueMetadata(metaKey, meta))
		}
		if err := parquet.Write(&buf, rows, opts...); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	good, _ := json.Marshal(Meta{Version: SamplesVersion})
	old, _ := json.Marshal(Meta{Version: 99})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not parquet", []byte("kind,phase\n"), "reading samples"},
		{"no metadata", write([]row{blankRow(kindGPU)}, ""), "not a calibration samples file"},
		{"bad metadata", write([]row{blankRow(kindGPU)}, "{"), "samples metadata"},
		{"version", write([]row{blankRow(kindGPU)}, string(old)), "version is 99"},
		{"unknown kind", write([]row{blankRow(kindGPU), blankRow("bogus")}, string(good)), `row 2: unknown kind "bogus"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadParquet(bytes.NewReader(tt.data), int64(len(tt.data)))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "calibrate: ") {
				t.Errorf("err = %v, want calibrate: …%s…", err, tt.want)
			}
		})
	}
	if _, err := LoadSamples(filepath.Join(t.TempDir(), "missing.parquet")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestSyntheticDeterministic(t *testing.T) {
	o := SyntheticOptions{Seed: 7, Reps: 2}
	if !reflect.DeepEqual(Synthetic(o), Synthetic(o)) {
		t.Error("same options, different samples")
	}
	s := Synthetic(o)
	if n := len(s.Requests); n != 1+2*16 {
		t.Errorf("%d requests, want 33", n)
	}
	if len(s.Loads) != 9 || len(s.Phases) != 4 || len(s.GPU) < 1000 {
		t.Errorf("loads %d phases %d gpu %d", len(s.Loads), len(s.Phases), len(s.GPU))
	}
	quiet := Synthetic(SyntheticOptions{Noise: -1})
	r := quiet.Requests[1]
	if want := 0.01 + 0.028/h100*float64(r.PromptTokens); r.PromptEvalS != want {
		t.Errorf("noise-free prompt_eval %v, want %v", r.PromptEvalS, want)
	}
}
