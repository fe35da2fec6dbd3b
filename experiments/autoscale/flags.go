package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
)

// defaultHorizon is --horizon's default, s: the paper's 20 min. The default command (4 methods ×
// 3 seeds at S = 5) takes about 40 s on two shared cores (docs/autoscale.md).
const defaultHorizon = 1200

// config holds the command line; it is written to config.json.
type config struct {
	sweepflag.Flags
	Methods     []string  `json:"methods"`
	Servers     []int     `json:"servers"`
	Sensitivity bool      `json:"sensitivity"`
	XApps       int       `json:"xapps"`
	Horizon     float64   `json:"horizon_s"`
	Interval    float64   `json:"interval_s"`
	Period      float64   `json:"period_s"`
	Startup     float64   `json:"startup_s"`
	Cores       float64   `json:"cores"`
	UpCPU       float64   `json:"up_cpu"`
	DownHold    float64   `json:"down_hold_s"`
	MaxReplicas int       `json:"max_replicas"`
	SLAQuantile float64   `json:"sla_quantile"`
	Bin         float64   `json:"bin_s"`
	Collapse    float64   `json:"collapse_core_s"`
	UpGrid      []float64 `json:"sensitivity_up_cpu"`
	HoldGrid    []float64 `json:"sensitivity_down_hold_s"`
	Extras
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{UpGrid: []float64{0.7, 0.8, 0.9}, HoldGrid: []float64{120, 180, 240}}
	fs := pflag.NewFlagSet("autoscale", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	sweepflag.Register(fs, &c.Flags, sweepflag.Texts{Out: "out/autoscale", Seeds: 3,
		Quick:      "smoke run: 12 xApps, 120 s, 1 seed",
		NoScenario: true, Inputs: "method, servers, thresholds, xApps, horizon, periods, seed"})
	fs.StringSliceVar(&c.Methods, "methods", allMethods, "methods to run (comma list of: "+strings.Join(allMethods, ", ")+")")
	fs.IntSliceVar(&c.Servers, "servers", []int{5}, "RIC servers S (comma list; the paper's Table 2 sweep: 5,10,15,25); the main table uses the first")
	fs.BoolVar(&c.Sensitivity, "sensitivity", false, "also run hautoscale over the paper's threshold grid (scale-up CPU 70/80/90 % × idle hold 120/180/240 s) at the first S")
	fs.IntVar(&c.XApps, "xapps", 162, "xApps deployed, split between the tenants r1:r2:r3 as 41:41:80 (the paper's 162)")
	fs.Float64Var(&c.Horizon, "horizon", defaultHorizon, "simulated time per run, s (the paper: 20 min)")
	fs.Float64Var(&c.Interval, "interval", 0, "time between two xApp deployments, s (one at a time; the paper gives no value); 0: 5, or less so that every xApp is deployed within the first 75 % of the horizon")
	fs.Float64Var(&c.Period, "period", 1, "control period of every xApp, s (one request per period, CPU work = load × period; the paper gives none; 0.1 is ten times slower, and overloaded runs grow with the backlog)")
	fs.Float64Var(&c.Startup, "startup", 10, "start-up time of a new RIC replica, s (the paper gives none)")
	fs.Float64Var(&c.Cores, "cores", 2, "CPU cores of each RIC server (the paper's host: 2)")
	fs.Float64Var(&c.UpCPU, "up-cpu", 0.8, "scale-up CPU threshold of hautoscale and target of k8s-hpa, fraction of the server's cores (the paper: 0.8)")
	fs.Float64Var(&c.DownHold, "down-hold", 180, "hautoscale: idle time (CPU ≤ 10 %) before a scale-down, s (the paper: 180)")
	fs.IntVar(&c.MaxReplicas, "max-replicas", 3, "replica bound of hautoscale and k8s-hpa (the paper's HPA.yaml: 3); 0: S")
	fs.Float64Var(&c.SLAQuantile, "sla-quantile", 0.95, "a tenant's SLA holds over a deployment window when at least this fraction of its requests meet the deadline")
	fs.Float64Var(&c.Collapse, "collapse", 60, "a run ends (the RIC collapses) when its replicas' CPU backlog exceeds this, core-s; the metrics cover the run up to then")
	fs.Float64Var(&c.Bin, "bin", 10, "bin of the replicas and CPU time series, s")
	c.Extras.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: go run ./experiments/autoscale [flags]

The prototype experiment of ORAN-HAutoscaling (Information 16(4) 259, 2025, §9; docs/autoscale.md):
three tenants (r1: KPM xApps, 400 ms; r2: MAC-RLC-PDCP, 1 s; r3: CPU-intensive, 1 s) deploy their
xApps one at a time on S two-core RIC servers, under
  hautoscale     policy/hautoscale (CPU ≥ 80 %% up, ≤ 10 %% for 180 s down, combined metric) + Bull-and-Bear
  lb-noscale     one replica on every server from the start, random sticky assignment (OpenShift)
  single-server  one replica, no scaling
  k8s-hpa        the stock Kubernetes HPA on CPU, random sticky assignment (kube-proxy)
Admitted xApps: those deployed before the first deployment window in which some tenant's SLA fails
(fewer than --sla-quantile of its requests within its deadline).
Writes summary.csv/.parquet (one row per run), series.csv (replicas and CPU over time), table.md
(the paper's figures beside ours, mean ± 95 %% CI over seeds), replicas/cpu/admitted .png/.svg,
config.json and runs/ (for --resume) to --out; progress goes to standard error.

Flags:
%s`, fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if c.Quick {
		c.XApps, c.Horizon, c.Seeds = 12, 120, 1
	}
	return c, c.check()
}

func (c *config) check() error {
	if err := c.Flags.Check(); err != nil {
		return err
	}
	switch {
	case len(c.Servers) == 0 || len(c.Methods) == 0:
		return cli.Usagef("--servers and --methods must not be empty")
	case c.XApps < 1 || c.MaxReplicas < 0:
		return cli.Usagef("--xapps must be ≥ 1 and --max-replicas ≥ 0")
	case !pos(c.Horizon) || !(c.Interval >= 0 && c.Interval < 1e12) || !pos(c.Period) || !pos(c.Cores) || !pos(c.Bin) || !pos(c.Collapse) || !(c.Startup >= 0 && c.Startup < 1e9):
		return cli.Usagef("--horizon, --interval, --period, --cores and --bin must be finite and > 0, --startup ≥ 0")
	case !(c.UpCPU > 0.1 && c.UpCPU <= 1) || !(c.DownHold >= 0 && c.DownHold < 1e9) || !(c.SLAQuantile > 0 && c.SLAQuantile <= 1):
		return cli.Usagef("--up-cpu must be in (0.1, 1], --down-hold ≥ 0, --sla-quantile in (0, 1]")
	}
	if err := c.Extras.check(); err != nil {
		return err
	}
	for _, s := range c.Servers {
		if s < 1 {
			return cli.Usagef("--servers: %d is not ≥ 1", s)
		}
	}
	seen := map[string]bool{}
	for _, m := range c.Methods {
		if !contains(allMethods, m) || seen[m] {
			return cli.Usagef("--methods: %q unknown or given twice (known: %s)", m, strings.Join(allMethods, ", "))
		}
		seen[m] = true
	}
	return nil
}

func pos(v float64) bool { return v > 0 && v < 1e12 }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
