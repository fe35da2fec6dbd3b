package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/telemetry"
)

// TestServesEveryBuiltin serves each built-in scorer, dials it with the package's client and scores
// a window over HTTP, then stops the command as Ctrl-C would.
func TestServesEveryBuiltin(t *testing.T) {
	for _, name := range scoring.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			args := []string{"--listen", "127.0.0.1:0", "--scorer", name, "--interval", "7"}
			if name == scoring.PowerForecastName {
				args = append(args, "--candidates", "1g=90,7g=400", "--cap-w", "1000")
			}
			ctx, cancel := context.WithCancel(context.Background())
			pr, pw := io.Pipe()
			done := make(chan error, 1)
			go func() { done <- run(ctx, args, pw, io.Discard); pw.Close() }()
			line, err := bufio.NewReader(pr).ReadString('\n')
			if err != nil {
				t.Fatalf("no start line: %v (%v)", err, <-done)
			}
			go io.Copy(io.Discard, pr)
			addr := regexp.MustCompile(`http://[^:]+:\d+`).FindString(line)
			c, err := scoring.Dial(ctx, addr+"/config", scoring.ClientOptions{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if c.Config().Name != name || c.Config().Scoring.Params.Interval != 7 {
				t.Fatalf("config %+v", c.Config())
			}
			m := telemetry.Matrix{}
			for _, metric := range []string{"gpu_utilisation", "cpu_utilisation", "power_w", "throughput_rps"} {
				m = append(m, telemetry.Series{Metric: map[string]string{"__name__": metric, "node": "n0"},
					Values: []telemetry.Sample{{T: 0, V: 0.5}, {T: 5, V: 0.5}}})
			}
			res, err := c.Score(ctx, m)
			if err != nil || len(res) == 0 {
				t.Fatalf("score: %v %v", res, err)
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	var usage strings.Builder
	if err := run(context.Background(), []string{"--help"}, io.Discard, &usage); !errors.Is(err, pflag.ErrHelp) {
		t.Fatalf("--help: %v", err)
	}
	for _, f := range []string{"--listen", "--scorer", "--interval", "--range", "--step", "--metric", "--cap-w", "--horizon", "--candidates", "--scope", "--reference"} {
		if !strings.Contains(usage.String(), f) {
			t.Errorf("usage lacks %s", f)
		}
	}
	for _, args := range [][]string{
		{"--scorer", "nope"},
		{"--interval", "-1"},
		{"--scorer", "power-forecast", "--candidates", "big"},
		{"--scorer", "power-forecast", "--scope", "rack"},
		{"--step", "100"},
		{"stray"},
	} {
		var u *cli.UsageError
		if err := run(context.Background(), args, io.Discard, io.Discard); !errors.As(err, &u) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}
