// Command k8s writes the Kubernetes manifests that run a sharded sweep (issue 15): an Indexed Job
// whose pod with completion index K runs shard K of N of the sweep, a merge Job that writes
// summary.csv, the tables and the figures once every shard succeeded, and the claim of the shared
// volume they write to. It reads the sweep's plan (the command, its arguments and the run count)
// that the sweep command wrote with --plan.
//
//	go run ./experiments/loadsweep --seeds 30 --plan plan.json
//	go run ./experiments/k8s --plan plan.json --image registry.example/airansim:v1 --shards 16 --out k8s
//	kubectl apply -f k8s/pvc.yaml -f k8s/job.yaml
//
// docs/cluster.md shows the whole procedure, with the image (scripts/k8s/Dockerfile).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

func main() { cli.Main(run) }

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parse(args, stderr)
	if err != nil {
		return err
	}
	p, err := readPlan(c.Plan)
	if err != nil {
		return err
	}
	m, err := newManifests(c, p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return err
	}
	files := m.files()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(c.Out, f.name), f.body, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "k8s: %s, %d runs in %d shards (%d pods at once) → %s/{pvc.yaml,job.yaml,merge-job.yaml}\n",
		p.Command, p.Runs, m.Shards, m.Parallelism, c.Out)
	fmt.Fprintf(stdout, "  kubectl apply -f %[1]s/pvc.yaml -f %[1]s/job.yaml\n"+
		"  kubectl wait --for=condition=complete --timeout=24h job/%[2]s && kubectl apply -f %[1]s/merge-job.yaml\n",
		c.Out, m.Name)
	return nil
}

// readPlan reads the plan at path (study/runner's format); it fails if it names no command or has
// no runs.
func readPlan(path string) (runner.Plan, error) {
	p, err := runner.ReadPlan(path)
	if err != nil {
		return p, fmt.Errorf("k8s: %w (write it with the sweep command's --plan FILE)", err)
	}
	if p.Command == "" || p.Runs < 1 {
		return p, fmt.Errorf("k8s: plan %s: no command or no runs", path)
	}
	return p, nil
}
