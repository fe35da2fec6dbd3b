package report

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"sync"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/plotutil"
	"github.com/airansim/airansim/internal/stats"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
)

// WriteAll writes summary.csv (study.WriteSummary), table.md, loadsweep.png and loadsweep.svg into dir.
// The four files are written at once (rendering the figures is most of the time a sweep spends after
// its runs, and it would leave a core idle); the error is that of the first file in this order.
func WriteAll(dir string, rs []study.Result, paper []scenario.Row) error {
	rs = sorted(rs)
	writers := []func() error{
		func() error { return study.WriteSummary(filepath.Join(dir, "summary.csv"), rs) },
		func() error { return output.WriteFileAtomic(filepath.Join(dir, "table.md"), []byte(Table(rs, paper))) },
		func() error { return Figure(filepath.Join(dir, "loadsweep.png"), rs, paper) },
		func() error { return Figure(filepath.Join(dir, "loadsweep.svg"), rs, paper) },
	}
	errs := make([]error, len(writers))
	var wg sync.WaitGroup
	for k, w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = w()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sorted orders results by load, method, seed so that outputs do not depend on completion order.
func sorted(rs []study.Result) []study.Result {
	out := append([]study.Result(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Load != b.Load {
			return a.Load < b.Load
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		return a.Seed < b.Seed
	})
	return out
}

// cell is the mean and 95 % CI half-width of one metric over seeds.
type cell struct{ mean, half float64 }

func aggregate(rs []study.Result, load float64, method string, get func(study.Result) float64) (cell, int) {
	var xs []float64
	for _, r := range rs {
		if r.Load == load && r.Method == method {
			if v := get(r); !math.IsNaN(v) {
				xs = append(xs, v)
			}
		}
	}
	if len(xs) == 0 {
		return cell{math.NaN(), 0}, 0
	}
	m, h := stats.CI95(xs)
	return cell{m, h}, len(xs)
}

// methodsAndLoads returns the methods in the order of the paper's rows (its Table III), then the
// others sorted by name, and the loads in ascending order.
func methodsAndLoads(rs []study.Result, paper []scenario.Row) (methods []string, loads []float64) {
	seenM, seenL := map[string]bool{}, map[float64]bool{}
	for _, r := range rs {
		if !seenM[r.Method] {
			seenM[r.Method] = true
			methods = append(methods, r.Method)
		}
		if !seenL[r.Load] {
			seenL[r.Load] = true
			loads = append(loads, r.Load)
		}
	}
	rank := map[string]int{}
	for _, p := range paper {
		if _, ok := rank[p.Method]; !ok {
			rank[p.Method] = len(rank)
		}
	}
	sort.Slice(methods, func(i, j int) bool {
		ri, oki := rank[methods[i]]
		rj, okj := rank[methods[j]]
		if oki != okj {
			return oki
		}
		if oki {
			return ri < rj
		}
		return methods[i] < methods[j]
	})
	sort.Float64s(loads)
	return methods, loads
}

// Figure draws the paper's Fig. 2: RAN-only and AI fulfillment (%) against ρ, one line per method,
// with 95 % CI error bars when there are several seeds; the paper's published HAF AI points are
// drawn as a separate series.
func Figure(path string, rs []study.Result, paper []scenario.Row) error {
	methods, loads := methodsAndLoads(rs, paper)
	var ran, ai []plotutil.Series
	for _, m := range methods {
		sr, sa := plotutil.Series{Name: m}, plotutil.Series{Name: m}
		for _, l := range loads {
			c1, n := aggregate(rs, l, m, func(r study.Result) float64 { return 100 * float64(r.RAN) })
			c2, _ := aggregate(rs, l, m, func(r study.Result) float64 { return 100 * float64(r.AI) })
			sr.X, sr.Y, sr.YErr = append(sr.X, l), append(sr.Y, c1.mean), append(sr.YErr, c1.half)
			sa.X, sa.Y, sa.YErr = append(sa.X, l), append(sa.Y, c2.mean), append(sa.YErr, c2.half)
			if n < 2 {
				sr.YErr, sa.YErr = nil, nil
			}
		}
		ran, ai = append(ran, sr), append(ai, sa)
	}
	if p := paperSeries(paper); len(p.X) > 0 {
		ai = append(ai, p)
	}
	pr, err := plotutil.LinePanel("RAN-only (Q^r) fulfillment", "load ρ", "fulfillment (%)", ran, 0, 100)
	if err != nil {
		return err
	}
	pr.Legend.Top = false // RAN-only lines sit near 100 %: keep the legend below them
	pa, err := plotutil.LinePanel("AI (Q^e) fulfillment", "load ρ", "fulfillment (%)", ai, 0, 100)
	if err != nil {
		return err
	}
	if err := plotutil.SaveRow(path, 28, 11, pr, pa); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func paperSeries(paper []scenario.Row) plotutil.Series {
	s := plotutil.Series{Name: "haf (paper)"}
	var rows []scenario.Row
	for _, r := range paper {
		if r.Method == policy.MethodHAF {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Load < rows[j].Load })
	for _, r := range rows {
		s.X, s.Y = append(s.X, r.Load), append(s.Y, 100*r.AI)
	}
	return s
}
