package orchestran

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// CBCOptions configures SolveCBC. The zero value runs "cbc" from PATH with no time limit on the
// exactly pruned model.
type CBCOptions struct {
	// Path is the cbc binary (default "cbc", looked up in PATH).
	Path string
	// TimeLimit is cbc's -sec limit (default 0: none). A solve stopped by it returns StatusFeasible
	// and cbc's gap, or an error when no integer solution was found.
	TimeLimit time.Duration
	// Pruning selects the variables written (default PruneExact).
	Pruning Pruning
	// KeepDir, when set, is where the LP and solution files are written and kept (default: a
	// temporary directory, removed).
	KeepDir string
}

// SolveCBC writes problem (10) as an LP file, runs cbc on it and reads back the solution, which it
// checks against every constraint. The objective is W·Σ v_i y_i − Σ ρ_m z_{m,k,d} with W = 1 + Σ_d ρ_d:
// the most value, then (for integer values such as the paper's v_i = 1) the fewest cores. Errors wrap
// ErrNoCBC when cbc is missing and ErrSolver when it fails, is cancelled or stops without a solution.
func SolveCBC(ctx context.Context, p *Problem, opt CBCOptions) (*Solution, error) {
	start := time.Now()
	bin := opt.Path
	if bin == "" {
		bin = "cbc"
	}
	bin, err := exec.LookPath(bin)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoCBC, err)
	}
	dir := opt.KeepDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "orchestran-cbc-"); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSolver, err)
		}
		defer os.RemoveAll(dir)
	}
	lm := p.buildLP(opt.Pruning)
	lpPath, solPath := filepath.Join(dir, "model.lp"), filepath.Join(dir, "model.sol")
	if err := writeFile(lpPath, lm); err != nil {
		return nil, err
	}
	args := []string{lpPath, "-ratioGap", "0"}
	if opt.TimeLimit > 0 {
		args = append(args, "-sec", strconv.FormatFloat(opt.TimeLimit.Seconds(), 'f', 3, 64))
	}
	args = append(args, "-solve", "-solu", solPath)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%w: cbc: %v: %s", ErrSolver, err, tail(out.String()))
	}
	sol, err := lm.readSolution(solPath, out.String())
	if err != nil {
		return nil, err
	}
	sol.Elapsed = time.Since(start)
	if err := p.Check(sol); err != nil {
		return nil, fmt.Errorf("%w: cbc's solution: %v", ErrSolver, err)
	}
	return sol, nil
}

func writeFile(path string, lm *lpModel) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSolver, err)
	}
	if err := lm.write(f); err != nil {
		f.Close()
		return fmt.Errorf("%w: writing %s: %v", ErrSolver, path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%w: %v", ErrSolver, err)
	}
	return nil
}

// readSolution parses cbc's solution file (status line, then "index name value reduced-cost" rows,
// zeros omitted) and its log (for the gap).
func (lm *lpModel) readSolution(path, log string) (*Solution, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: no solution file: %v: %s", ErrSolver, err, tail(log))
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("%w: empty solution file", ErrSolver)
	}
	status, err := cbcStatus(sc.Text(), log)
	if err != nil {
		return nil, err
	}
	acc := make([]bool, len(lm.p.Intents))
	var pl []Placement
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "**"))
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("%w: solution line %q", ErrSolver, sc.Text())
		}
		if v < 0.5 {
			continue
		}
		n, err := strconv.Atoi(f[1][1:])
		switch {
		case err != nil:
		case f[1][0] == 'y' && n < len(acc):
			acc[n] = true
		case f[1][0] == 'x' && n < len(lm.xs):
			pl = append(pl, lm.xs[n])
		}
	}
	s := newSolution(lm.p, status, acc, pl)
	s.Vars = len(lm.xs)
	s.Gap = cbcGap(status, log)
	return s, nil
}

func cbcStatus(first, log string) (Status, error) {
	switch {
	case strings.HasPrefix(first, "Optimal"):
		return StatusOptimal, nil
	case strings.HasPrefix(first, "Stopped") && !strings.Contains(log, "No feasible solution found"):
		return StatusFeasible, nil
	}
	return 0, fmt.Errorf("%w: cbc: %q", ErrSolver, first)
}

// cbcGap reads "Gap: g" from the log; 0 when optimal, NaN when absent.
func cbcGap(st Status, log string) float64 {
	if st == StatusOptimal {
		return 0
	}
	for _, line := range strings.Split(log, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Gap:"); ok {
			if g, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
				return g
			}
		}
	}
	return math.NaN()
}

func tail(s string) string {
	if len(s) > 400 {
		return "…" + s[len(s)-400:]
	}
	return s
}

// HaveCBC reports whether the cbc binary is on PATH.
func HaveCBC() bool {
	_, err := exec.LookPath("cbc")
	return err == nil
}
