package traces

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// azureTraceFiles lists the traces of the Azure LLM inference dataset 2023 that BuildAzureModel
// reads, as (name, file name) pairs in the order of AzureModel.Traces.
var azureTraceFiles = [...][2]string{
	{"code", "AzureLLMInferenceTrace_code.csv"},
	{"conv", "AzureLLMInferenceTrace_conv.csv"},
}

// azureTimeLayouts accept the 2023 format (2023-11-16 18:17:03.9799600) and the 2024 format
// (2024-05-10 00:00:00.009930+00:00, with or without the fraction).
var azureTimeLayouts = [...]string{"2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05.999999999-07:00"}

// BuildAzureModel computes the AzureModel of the two 2023 trace files (AzureLLMInferenceTrace_code.csv
// and AzureLLMInferenceTrace_conv.csv) in dir on the DefaultProbabilities grid. Its result, encoded,
// is the embedded file; traces/internal/mkmodel wraps it.
func BuildAzureModel(dir string) (*AzureModel, error) {
	m := &AzureModel{
		SchemaVersion: ModelSchemaVersion,
		Description: "Statistical model (quantile tables and summary figures, not the data) of the Azure LLM " +
			"inference traces 2023: per trace, quantiles of ContextTokens (prompt), GeneratedTokens (output) " +
			"and inter-arrival times at the given probabilities (type 7, linear interpolation).",
		License: "CC-BY 4.0 (Creative Commons Attribution 4.0 International)",
		Credit: "Pratyush Patel, Esha Choukse, Chaojie Zhang, Aashaka Shah, Íñigo Goiri, Saeed Maleki, " +
			"Ricardo Bianchini. Splitwise: Efficient generative LLM inference using phase splitting. ISCA 2024.",
		Source:    "github.com/Azure/AzurePublicDataset, data/AzureLLMInferenceTrace_{code,conv}.csv (commit b469a11)",
		Generator: "go run ./traces/internal/mkmodel --in ../shared/data/azure --out traces/azuremodel.json",
	}
	for _, tf := range azureTraceFiles {
		t, err := buildFromFile(tf[0], filepath.Join(dir, tf[1]))
		if err != nil {
			return nil, err
		}
		m.Traces = append(m.Traces, t)
	}
	return m, nil
}

func buildFromFile(name, path string) (TraceModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return TraceModel{}, fmt.Errorf("traces: %w", err)
	}
	defer f.Close()
	return BuildTraceModel(name, filepath.Base(path), f, DefaultProbabilities())
}

// BuildTraceModel computes the TraceModel of one CSV trace with the columns
// TIMESTAMP,ContextTokens,GeneratedTokens (header required, rows sorted by time, at least two rows)
// at the probabilities probs (increasing from 0 to 1). file is recorded as the source file name and
// SHA256 is computed from the bytes read.
func BuildTraceModel(name, file string, r io.Reader, probs []float64) (TraceModel, error) {
	h := sha256.New()
	prompt, output, times, err := readAzureCSV(io.TeeReader(r, h))
	if err != nil {
		return TraceModel{}, fmt.Errorf("traces: %s: %w", file, err)
	}
	if _, err := io.Copy(h, r); err != nil {
		return TraceModel{}, fmt.Errorf("traces: %s: %w", file, err)
	}
	n := len(times)
	if n < 2 {
		return TraceModel{}, fmt.Errorf("traces: %s: %d rows, need at least 2", file, n)
	}
	gaps := make([]float64, n-1)
	for i := 1; i < n; i++ {
		gaps[i-1] = times[i] - times[i-1]
	}
	span := times[n-1] - times[0]
	t := TraceModel{
		Name: name, File: file, SHA256: hex.EncodeToString(h.Sum(nil)), Rows: n,
		SpanS: round6(span), MeanRate: round6(float64(n-1) / span),
		MeanPrompt: round6(mean(prompt)), MeanOutput: round6(mean(output)), MeanInterarrivalS: round6(mean(gaps)),
		Probabilities: slices.Clone(probs),
		PromptTokens:  quantiles(prompt, probs), OutputTokens: quantiles(output, probs), InterarrivalS: quantiles(gaps, probs),
	}
	return t, t.Validate()
}

// readAzureCSV returns prompt tokens, output tokens and arrival times (s since the first row).
func readAzureCSV(r io.Reader) (prompt, output, times []float64, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	head, err := cr.Read()
	if err != nil {
		return nil, nil, nil, err
	}
	if strings.Join(head, ",") != "TIMESTAMP,ContextTokens,GeneratedTokens" {
		return nil, nil, nil, fmt.Errorf("unexpected header %q", strings.Join(head, ","))
	}
	var t0 time.Time
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return prompt, output, times, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		ts, p, o, err := parseAzureRecord(rec)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("line %d: %w", line, err)
		}
		if len(times) == 0 {
			t0 = ts
		}
		s := ts.Sub(t0).Seconds()
		if len(times) > 0 && s < times[len(times)-1] {
			return nil, nil, nil, fmt.Errorf("line %d: time goes backwards", line)
		}
		prompt, output, times = append(prompt, p), append(output, o), append(times, s)
	}
}

func parseAzureRecord(rec []string) (ts time.Time, prompt, output float64, err error) {
	for _, layout := range azureTimeLayouts {
		if ts, err = time.Parse(layout, rec[0]); err == nil {
			break
		}
	}
	if err != nil {
		return ts, 0, 0, fmt.Errorf("bad TIMESTAMP %q", rec[0])
	}
	p, err1 := strconv.Atoi(rec[1])
	o, err2 := strconv.Atoi(rec[2])
	if err1 != nil || err2 != nil || p < 0 || o < 0 {
		return ts, 0, 0, fmt.Errorf("bad token counts %q, %q", rec[1], rec[2])
	}
	return ts, float64(p), float64(o), nil
}

func quantiles(x, probs []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	q := make([]float64, len(probs))
	for i, p := range probs {
		q[i] = round6(quantile(s, p))
	}
	return q
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// round6 rounds to 6 decimals so that the JSON file stays readable and byte-stable.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
