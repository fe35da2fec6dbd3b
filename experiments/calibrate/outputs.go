package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/fit"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/traces"
)

// report is the content of the .report.json file.
type report struct {
	Profile  string         `json:"profile"`
	Samples  string         `json:"samples"`
	Flags    *flags         `json:"flags"`
	Meta     calibrate.Meta `json:"meta"`
	Fit      *fit.Result    `json:"fit"`
	Revision string         `json:"revision"`
}

// finish writes the samples (unless they are the input file) first, so that they survive a fit
// that fails, then fits s, writes the profile, the report and the figures, and prints a summary.
func finish(f *flags, s *calibrate.Samples, stdout io.Writer) error {
	p := outPaths(f.Out)
	if err := os.MkdirAll(filepath.Dir(p.profile), 0o755); err != nil {
		return err
	}
	if !sameFile(f.FromSamples, p.samples) {
		if err := writeSamples(p.samples, s); err != nil {
			return err
		}
	}
	r, err := fit.Fit(s, fit.Options{EffectiveTFLOPS: f.Effective})
	if err != nil {
		return fmt.Errorf("%w (the samples are in %s)", err, p.samples)
	}
	prof, err := r.Profile(s.Meta, fit.ProfileOptions{Category: f.Category, Name: f.Name})
	if err != nil {
		return err
	}
	if err := writeProfile(p.profile, prof); err != nil {
		return err
	}
	rep := report{Profile: p.profile, Samples: p.samples, Flags: f, Meta: s.Meta, Fit: r, Revision: output.Revision()}
	if err := output.WriteJSON(p.report, rep); err != nil {
		return err
	}
	for _, path := range []string{p.png, p.svg} {
		if err := savePlots(path, r); err != nil {
			return err
		}
	}
	summary(stdout, r, prof, p)
	return nil
}

func writeSamples(path string, s *calibrate.Samples) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	a, err := output.CreateAtomic(path)
	if err != nil {
		return err
	}
	if err := s.WriteParquet(a); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}

func writeProfile(path string, p *traces.Profile) error {
	var buf bytes.Buffer
	if err := p.Encode(&buf); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	if a == "" {
		return false
	}
	x, err1 := os.Stat(a)
	y, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(x, y)
}

func summary(w io.Writer, r *fit.Result, prof *traces.Profile, p paths) {
	line := func(name string, l fit.Line, tflop float64) {
		fmt.Fprintf(w, "%-8s %.4g s/token + %.4g s (R² %.4f, RMSE %.3g s, max |residual| %.3g s, n %d) → %.4g TFLOP/token\n",
			name, l.Slope, l.Intercept, l.R2, l.RMSE, l.MaxAbsRes, l.N, tflop)
	}
	fmt.Fprintf(w, "effective rate: %s\n", r.EffectiveSource)
	line("prefill", r.Prefill, r.PrefillTFLOPPerToken)
	line("decode", r.Decode, r.DecodeTFLOPPerToken)
	if r.KV != nil {
		fmt.Fprintf(w, "KV cache %.4g GB/token (R² %.4f, %s, %d loads); weights + buffers %.3g GB\n",
			float64(r.KVGBPerToken), r.KV.R2, r.KVSource, r.KV.N, float64(r.WeightsGB))
	}
	fmt.Fprintf(w, "R_s      %.3g s (sd %.3g s, min %.3g s, max %.3g s, %d loads)\n",
		float64(r.Reload.Mean), float64(r.Reload.Std), float64(r.Reload.Min), float64(r.Reload.Max), r.Reload.N)
	fmt.Fprintf(w, "power    idle %.0f W, busy %.0f W (GPU utilisation %.0f %%, SM clock %.0f MHz)\n",
		float64(r.IdlePowerW), float64(r.BusyPowerW), float64(r.BusyUtilPct), float64(r.BusySMClockMHz))
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "profile %q → %s (samples %s, report %s, figures %s, %s)\n", prof.Name, p.profile, p.samples, p.report, p.png, p.svg)
}
