package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/plotutil"
	"github.com/airansim/airansim/internal/stats"
	"github.com/airansim/airansim/study"
)

// writeAll writes summary.csv, robustness.md, robustness.png and robustness.svg into dir.
func (s *robust) writeAll(dir string) error {
	csv, err := s.summaryCSV()
	if err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(dir, "summary.csv"), csv); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(dir, "robustness.md"), []byte(s.markdown())); err != nil {
		return err
	}
	for _, ext := range []string{".png", ".svg"} {
		if err := s.figure(filepath.Join(dir, "robustness"+ext)); err != nil {
			return err
		}
	}
	return nil
}

// summaryCSV returns summary.csv: a variant column, then the columns of study.WriteSummary, one row
// per run in spec order (variant, method, seed).
func (s *robust) summaryCSV() ([]byte, error) {
	rs := make([]study.Result, len(s.rows))
	for i, r := range s.rows {
		rs[i] = r.Result
	}
	var body bytes.Buffer
	if err := study.SummaryColumns().CSV().WithExtra(rs).WriteCSV(&body, rs); err != nil {
		return nil, err
	}
	lines := strings.SplitAfter(body.String(), "\n")
	if len(lines) != len(rs)+2 || lines[len(lines)-1] != "" { // header, rows, "" after the last \n
		return nil, fmt.Errorf("robustness: summary rows span several lines")
	}
	var out bytes.Buffer
	out.WriteString("variant," + lines[0])
	for i, l := range lines[1 : len(lines)-1] {
		out.WriteString(s.rows[i].Variant + "," + l)
	}
	return out.Bytes(), nil
}

// figure draws AI fulfillment (%) per variant, one bar per method with its 95 % CI.
func (s *robust) figure(path string) error {
	groups := make([]string, len(s.variants))
	for i, v := range s.variants {
		groups[i] = v.Name
	}
	var bars []plotutil.Bars
	for _, m := range s.methods {
		b := plotutil.Bars{Name: m}
		for _, v := range s.variants {
			xs := s.values(v.Name, m, ai)
			mean, half := stats.CI95(xs)
			b.Y, b.YErr = append(b.Y, 100*mean), append(b.YErr, 100*half)
		}
		bars = append(bars, b)
	}
	p, err := plotutil.BarPanel("AI (Q^e) fulfillment per scenario variant (95 % CI)", "fulfillment (%)", groups, bars, 0, 100)
	if err != nil {
		return err
	}
	p.X.Max += 1.6 // room for the legend right of the last variant
	return plotutil.SaveRow(path, 42, 13, p)
}
