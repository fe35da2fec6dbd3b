// Command autoscale runs the prototype experiment of ORAN-HAutoscaling (three tenants deploying up to
// 162 xApps on two-core RIC servers) for hautoscale, lb-noscale, single-server and k8s-hpa, with the
// paper's Table 2 sweep over the number of servers and its threshold sensitivity sweep
// (docs/autoscale.md).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	if err := study.WriteConfig("autoscale", f.Out, f, nil); err != nil {
		return err
	}
	rev := output.Revision()
	t0 := time.Now()
	specs := f.specs(rev)
	jobs := make([]runner.Job[result], len(specs))
	for i, s := range specs {
		jobs[i] = runner.Job[result]{Key: s.key(), Inputs: s, Run: func(ctx context.Context) (result, error) { return execute(ctx, s) }}
	}
	rs, err := runner.Run(ctx, jobs, f.Sweep("autoscale", stderr).Runner())
	if err != nil {
		return err
	}
	if err := write(f, rs); err != nil {
		return err
	}
	md := table(f, rs)
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "table.md"), []byte(md)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nautoscale: %d runs in %.1f s; results in %s\n", md, len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// specs returns the runs: every method and seed at every S (main thresholds), then, with
// --sensitivity, hautoscale over the threshold grid at the first S (the main cell is not repeated).
func (f *config) specs(rev string) []runSpec {
	base := runSpec{UpCPU: f.UpCPU, DownHold: f.DownHold, XApps: f.XApps, Horizon: f.Horizon, Interval: interval(f.Interval, f.Horizon, f.XApps),
		Period: f.Period, Startup: f.Startup, Cores: f.Cores, SLAQuantile: f.SLAQuantile, Bin: f.Bin, Collapse: f.Collapse, Revision: rev,
		Extras: f.Extras}
	var out []runSpec
	add := func(m string, s int, up, hold float64) {
		for k := range f.Seeds {
			r := base
			r.Method, r.Servers, r.UpCPU, r.DownHold, r.Seed = m, s, up, hold, f.Seed+uint64(k)
			r.MaxReplicas = f.MaxReplicas
			if r.MaxReplicas == 0 {
				r.MaxReplicas = s
			}
			out = append(out, r)
		}
	}
	for _, s := range f.Servers {
		for _, m := range f.Methods {
			add(m, s, f.UpCPU, f.DownHold)
		}
	}
	if f.Sensitivity {
		for _, up := range f.UpGrid {
			for _, hold := range f.HoldGrid {
				if up != f.UpCPU || hold != f.DownHold || !contains(f.Methods, methodHAutoscale) {
					add(methodHAutoscale, f.Servers[0], up, hold)
				}
			}
		}
	}
	return out
}

// key is the run's stored file name.
func (r runSpec) key() string {
	return fmt.Sprintf("s%d_up%g_hold%g_%s_seed%d", r.Servers, r.UpCPU, r.DownHold, r.Method, r.Seed)
}
