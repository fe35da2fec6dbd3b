package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestRunTelemetry: --telemetry-step writes telemetry.csv, six nodes per sample time, whose last
// energy_j values add up to summary.json's energy_j.
func TestRunTelemetry(t *testing.T) {
	dir := t.TempDir()
	if err := run(context.Background(), []string{"--requests", "500", "--telemetry-step", "0.5", "--out", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "telemetry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 7 || (len(rows)-1)%6 != 0 || rows[0][0] != "t_s" || rows[0][len(rows[0])-1] != "energy_j" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	sum := 0.0
	for _, r := range rows[len(rows)-6:] {
		v, err := strconv.ParseFloat(r[len(r)-1], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
	}
	var res struct {
		EnergyJ float64 `json:"energy_j"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if math.Abs(sum-res.EnergyJ) > 1e-9*res.EnergyJ {
		t.Errorf("telemetry energy at the end %.12g J, summary %.12g J", sum, res.EnergyJ)
	}
}
