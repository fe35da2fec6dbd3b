// Command scorer-example serves one built-in scorer over the dynamic scoring framework's Scoring API
// (GET /healthz, GET /config, POST /scoring; docs/scoring-api.md), so the addon's agent, curl, or
// airansim's HTTP scorer client can call it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scoring"
)

func main() { cli.Main(run) }

// flags holds the command line.
type flags struct {
	Listen     string
	Scorer     string
	Window     scoring.Window
	Metric     string
	CapW       float64
	Horizon    float64
	Candidates []string
	Scope      string
	Reference  float64
}

func parse(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := pflag.NewFlagSet("scorer-example", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Listen, "listen", ":8080", "address to serve on, host:port (port 0: any free port, printed at start)")
	fs.StringVar(&f.Scorer, "scorer", scoring.UtilisationName, "built-in scorer to serve: "+strings.Join(scoring.BuiltinNames(), ", "))
	fs.Float64Var(&f.Window.Interval, "interval", 0, "declared scoring interval, s (config scoring.params.interval); 0: the scorer's default, 5")
	fs.Float64Var(&f.Window.Range, "range", 0, "declared window length, s (config source.params.range); 0: the scorer's default, 60")
	fs.Float64Var(&f.Window.Step, "step", 0, "declared window step, s (config source.params.step); 0: the scorer's default, 5")
	fs.StringVar(&f.Metric, "metric", "", "metric read by utilisation (default gpu_utilisation) or power-forecast (default power_w); empty: the default")
	fs.Float64Var(&f.CapW, "cap-w", 0, "power-forecast: power cap, W; 0: 5000")
	fs.Float64Var(&f.Horizon, "horizon", 0, "power-forecast: forecast lead time after the window's last sample, s; 0: 300")
	fs.StringSliceVar(&f.Candidates, "candidates", nil, "power-forecast: candidate GPU configurations as name=extra_watts, e.g. 1g=90,7g=400; empty: current=0")
	fs.StringVar(&f.Scope, "scope", "", "power-forecast: forecast the cluster's total power (cluster) or each node's (node); empty: cluster")
	fs.Float64Var(&f.Reference, "reference", 0, "throughput-per-watt: efficiency scoring 100, requests per joule; 0: 1")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/scorer-example [--listen :8080] [--scorer NAME] [flags]\n\n"+
			"Serves one built-in scorer over the Scoring API of the Open Cluster Management dynamic scoring\n"+
			"framework: GET /healthz, GET /config (the scorer's declared configuration) and POST /scoring with\n"+
			"{\"data\": <Prometheus range-query matrix>}, answering {\"results\": [{\"metric\": {...}, \"score\": x}]}\n"+
			"(docs/scoring-api.md). Stop it with Ctrl-C.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return f, nil
}

// scorer builds the chosen scorer; every mistake is a usage error.
func (f *flags) scorer() (scoring.Scorer, error) {
	for _, v := range []struct {
		name string
		v    float64
	}{{"interval", f.Window.Interval}, {"range", f.Window.Range}, {"step", f.Window.Step}, {"cap-w", f.CapW}, {"horizon", f.Horizon}, {"reference", f.Reference}} {
		if v.v < 0 {
			return nil, cli.Usagef("--%s %g: must be ≥ 0", v.name, v.v)
		}
	}
	var sc scoring.Scorer
	switch f.Scorer {
	case scoring.UtilisationName:
		sc = scoring.NewUtilisation(scoring.UtilisationOptions{Window: f.Window, Metric: f.Metric})
	case scoring.SpareCapacityName:
		sc = scoring.NewSpareCapacity(scoring.SpareCapacityOptions{Window: f.Window})
	case scoring.ThroughputPerWattName:
		sc = scoring.NewThroughputPerWatt(scoring.ThroughputPerWattOptions{Window: f.Window, Reference: f.Reference})
	case scoring.PowerForecastName:
		cands, err := candidates(f.Candidates)
		if err != nil {
			return nil, err
		}
		pf, err := scoring.NewPowerForecast(scoring.PowerForecastOptions{Window: f.Window, Metric: f.Metric, CapW: f.CapW,
			Horizon: f.Horizon, Candidates: cands, Scope: f.Scope})
		if err != nil {
			return nil, &cli.UsageError{Err: err}
		}
		sc = pf
	default:
		return nil, cli.Usagef("--scorer %q: want one of %s", f.Scorer, strings.Join(scoring.BuiltinNames(), ", "))
	}
	if err := sc.Config().Validate(); err != nil {
		return nil, &cli.UsageError{Err: err}
	}
	return sc, nil
}

// candidates parses name=watts pairs.
func candidates(ss []string) ([]scoring.Candidate, error) {
	var out []scoring.Candidate
	for _, s := range ss {
		name, w, ok := strings.Cut(s, "=")
		v, err := strconv.ParseFloat(w, 64)
		if !ok || name == "" || err != nil {
			return nil, cli.Usagef("--candidates %q: want name=extra_watts", s)
		}
		out = append(out, scoring.Candidate{Name: name, ExtraPowerW: v})
	}
	return out, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := f.scorer()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", f.Listen, err)
	}
	c := sc.Config()
	fmt.Fprintf(stdout, "scorer-example: serving %s (score %q every %g s, window %g s step %g s) on http://%s: GET %s, GET %s, POST %s\n",
		c.Name, c.Scoring.Params.Name, c.Scoring.Params.Interval, c.Source.Params.Range, c.Source.Params.Step,
		ln.Addr(), scoring.HealthzPath, scoring.ConfigPath, c.Scoring.Path)
	srv := &http.Server{Handler: scoring.NewHandler(sc), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
