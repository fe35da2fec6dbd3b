// Command traincaora trains the CAORA baseline's SAC actor (paper section IV-2, ref. [13]) on the
// simulator, evaluates it after every episode on a held-out workload seed, compares the final actor
// with HAF-Static at every load, and writes the actor (the embedded policy/caora/actor.json is
// reproduced by the defaults), the learning curve (CSV, PNG, SVG) and a report.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("traincaora", f.Scenario, "", f.Out, f, nil)
	if err != nil {
		return err
	}
	t0 := time.Now()
	rows, actor, err := train(ctx, f, sc, stderr)
	if err != nil {
		return err
	}
	trainS := time.Since(t0).Seconds()
	fmt.Fprintf(stderr, "traincaora: trained in %.1fs; final evaluation…\n", trainS)
	final, err := finalEval(ctx, f, sc, actor)
	if err != nil {
		return err
	}
	sens, err := scan(ctx, f, sc)
	if err != nil {
		return err
	}
	var weights bytes.Buffer
	if err := actor.Save(&weights); err != nil {
		return err
	}
	rep := report{Rows: rows, Final: final, Scan: sens, TrainS: trainS, TotalS: time.Since(t0).Seconds(), Config: f}
	rep.Start, rep.End = ends(rows, f.Loads)
	if err := writeOutputs(f.Out, weights.Bytes(), rep); err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.markdown())
	if f.Check && !bytes.Equal(weights.Bytes(), caora.EmbeddedActorJSON(f.reward)) {
		return fmt.Errorf("traincaora: the trained actor differs from the embedded policy/caora/%s (copy %s there if the change is intended)",
			caora.EmbeddedActorFile(f.reward), filepath.Join(f.Out, "actor.json"))
	}
	return nil
}

// finalRow is one load of the final comparison.
type finalRow struct {
	Load      float64
	CAORA     fulfil
	HAFStatic fulfil
}

// finalEval evaluates the trained actor and HAF-Static at every load on the evaluation seed.
func finalEval(ctx context.Context, f *config, sc *scenario.Scenario, a *caora.Actor) ([]finalRow, error) {
	var out []finalRow
	for _, load := range f.Loads {
		c, err := evaluate(ctx, sc, a, load, f.EvalSeed, scaled(f.Requests, load))
		if err != nil {
			return nil, err
		}
		h, err := evaluate(ctx, sc, nil, load, f.EvalSeed, scaled(f.Requests, load))
		if err != nil {
			return nil, err
		}
		out = append(out, finalRow{Load: load, CAORA: c, HAFStatic: h})
	}
	return out, nil
}
