package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/orchestran"
)

func needCBC(t *testing.T) {
	t.Helper()
	if orchestran.HaveCBC() {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("cbc not found on PATH but CI is set (apt-get install -y coinor-cbc)")
	}
	t.Skip("cbc not found on PATH; skipping")
}

// TestSmoke runs two seeds of one point and one size and checks the promised files, the solvers'
// agreement and resuming.
func TestSmoke(t *testing.T) {
	needCBC(t)
	out := t.TempDir()
	var stderr bytes.Buffer
	args := []string{"--seeds", "2", "--mixes", "ULL", "--cases", "RO", "--sizes", "50", "--size-seeds", "1",
		"--sim-seeds", "1", "--sim-epochs", "2", "--sim-period", "5", "--out", out}
	if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"runs.csv", "sizes.csv", "summary.csv", "table.md", "config.json", "fig5.png", "fig6.svg", "fig7.png", "fig8.png", "fig9.svg", "sim.csv"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "runs.csv"))
	if lines := strings.Split(strings.TrimSpace(string(csv)), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[1], "ULL,RO,1,20,") {
		t.Errorf("runs.csv: %q", csv)
	}
	sizes, _ := os.ReadFile(filepath.Join(out, "sizes.csv"))
	if lines := strings.Split(strings.TrimSpace(string(sizes)), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "50,1,20,") {
		t.Errorf("sizes.csv: %q", sizes)
	}
	md, _ := os.ReadFile(filepath.Join(out, "table.md"))
	for _, s := range []string{"| ULL | RO |", "≈ 99", "| 50 |", "1092790", "OrchestRAN on the engine"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("table.md lacks %q", s)
		}
	}
	if !strings.Contains(stderr.String(), "point_ULL_RO_seed2") {
		t.Errorf("no progress on stderr: %q", stderr.String())
	}
	stderr.Reset()
	if err := run(context.Background(), append(args, "--resume"), io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "runs.csv")); !bytes.Equal(again, csv) {
		t.Errorf("resumed runs.csv differs")
	}
}

// TestExactAgree: on a few runs the exact answers are optimal, agree between SolveBB and cbc, and
// bound greedy and branching.
func TestExactAgree(t *testing.T) {
	needCBC(t)
	cat := orchestran.DefaultCatalog()
	for seed := uint64(1); seed <= 3; seed++ {
		s := sizeSpec{Nodes: 60, Seed: seed, Requests: 12, Sources: 3, Exact: true, BBNodes: 200_000, TimeLimitS: 60}
		r, err := s.run(context.Background(), cat)
		if err != nil {
			t.Fatal(err)
		}
		z := r.Size
		if z.CBC.Status != "optimal" || (z.BB.Status == "optimal" && (z.BB.Accepted != z.CBC.Accepted || z.BB.Cores != z.CBC.Cores)) {
			t.Errorf("seed %d: cbc %+v, SolveBB %+v", seed, *z.CBC, *z.BB)
		}
		if z.Greedy.Accepted > z.CBC.Accepted || z.Branch.Accepted > z.CBC.Accepted {
			t.Errorf("seed %d: greedy %d or branching %d above the optimum %d", seed, z.Greedy.Accepted, z.Branch.Accepted, z.CBC.Accepted)
		}
		if c := z.Count; !(c.Full >= c.FP && c.FP >= c.FPAP && c.FPAP >= c.Exact && c.Exact > 0) {
			t.Errorf("seed %d: counts %+v not decreasing", seed, c)
		}
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"--seeds", "0"}, {"--mixes", "XX"}, {"--cases", "ER,ER"}, {"--solver", "cplex"},
		{"--sizes", "3"}, {"--requests", "0"}, {"--max-sources", "0"}, {"--time-limit", "0"}, {"--bb-nodes", "0"}, {"--sim-epochs", "0"}, {"--sim-period", "-1"}, {"stray"}} {
		var u *cli.UsageError
		if err := run(context.Background(), append(args, "--out", t.TempDir()), io.Discard, io.Discard); !errors.As(err, &u) {
			t.Errorf("%v: error %v, want a usage error", args, err)
		}
	}
}

func TestCatalogFile(t *testing.T) {
	cat, sum, err := loadCatalog("../../orchestran/testdata/catalog.json")
	if err != nil || len(cat.Models) != 13 || len(sum) != 64 {
		t.Fatalf("catalogue %v, sum %q, err %v", cat, sum, err)
	}
	if _, _, err := loadCatalog("nope.json"); err == nil {
		t.Error("a missing catalogue is accepted")
	}
}

// TestPoisson: --poisson adds a Poisson run beside each periodic engine run, on the same schedule (the
// same loops and E2 proxy, other arrivals); sim.csv and table.md name the arrival process.
func TestPoisson(t *testing.T) {
	out := t.TempDir()
	args := []string{"--cases", "", "--sizes", "0", "--mixes", "ULL", "--solver", "bb", "--sim-seeds", "1", "--sim-epochs", "1",
		"--sim-period", "5", "--poisson", "--out", out}
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "sim.csv"))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "mix,arrivals,seed,") || !strings.HasPrefix(lines[1], "ULL,periodic,1,") ||
		!strings.HasPrefix(lines[2], "ULL,poisson,1,") {
		t.Fatalf("sim.csv: %q", csv)
	}
	col := func(line, name string) string {
		head := strings.Split(lines[0], ",")
		return strings.Split(line, ",")[slices.Index(head, name)]
	}
	for _, c := range []string{"loops", "e2_bytes", "adds"} {
		if col(lines[1], c) != col(lines[2], c) {
			t.Errorf("%s: periodic %s, poisson %s", c, col(lines[1], c), col(lines[2], c))
		}
	}
	if col(lines[1], "requests") == col(lines[2], "requests") {
		t.Errorf("the same number of requests, %s, periodic and Poisson", col(lines[1], "requests"))
	}
	md, _ := os.ReadFile(filepath.Join(out, "table.md"))
	if !bytes.Contains(md, []byte("| ULL | periodic |")) || !bytes.Contains(md, []byte("| ULL | poisson |")) {
		t.Errorf("table.md lacks the arrival rows:\n%s", md)
	}
}
