// Command robustness runs the scenario-robustness study of issue 11: every method × every variant
// of the base scenario (package scenario/family) × seeds, at one load, and writes summary.csv (with
// a variant column), robustness.md (per variant: fulfillment with 95 % CIs, completions, HAF's AI
// gap to the best other method and whether its advantage holds, vanishes or reverses),
// robustness.png/.svg and config.json to --out. Finished runs are stored under --out/runs with the
// fingerprint of their inputs, so --resume continues an interrupted study and refuses a stored run
// whose inputs changed (--rerun-stale runs it again).
package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/scenario/family"
	"github.com/airansim/airansim/study"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	vs, _ := family.Lookup(f.Variants...) // checked by parse
	sc, err := study.Prepare("robustness", f.Scenario, f.Profile, f.Out, f, map[string]any{"variants": variantDocs(vs)})
	if err != nil {
		return err
	}
	specs, variantOf, err := makeSpecs(f, sc, vs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "robustness: %d runs (%d variants × %d methods × %d seeds) at ρ = %g, cost profile %s, output %s\n",
		len(specs), len(vs), len(f.Methods), f.Seeds, f.Load, sc.ProfileLabel(f.Profile), f.Out)
	t0 := time.Now()
	opt := sweepOptions(f, stderr, key)
	rs, err := study.Sweep(ctx, specs, opt)
	if err != nil {
		return err
	}
	if len(rs) < len(specs) { // --merge --allow-partial: only the stored runs
		if variantOf, err = storedVariants(specs, variantOf, opt); err != nil {
			return err
		}
	}
	runs := make([]row, len(rs))
	for i, r := range rs {
		runs[i] = row{Variant: variantOf[i], Result: r}
	}
	st := newStudy(runs, vs, f.Methods)
	if err := st.writeAll(f.Out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nrobustness: %d runs in %.1fs; results in %s\n", st.overview(), len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// params are the inputs of a run beyond its scenario content that the study adds: the variant's
// name, recorded in the run's fingerprint (Spec.Params).
type params struct {
	Variant string `json:"variant"`
}

// makeSpecs returns one run per variant × method × seed, in that order, and the variant of each.
func makeSpecs(f *config, base *scenario.Scenario, vs []family.Variant) ([]study.Spec, []string, error) {
	var specs []study.Spec
	var variantOf []string
	for _, v := range vs {
		for _, m := range f.Methods {
			for k := 0; k < f.Seeds; k++ {
				seed := f.Seed + uint64(k)
				sc, err := v.Apply(base, seed)
				if err != nil {
					return nil, nil, err
				}
				specs = append(specs, study.Spec{Scenario: sc, Load: f.Load, Method: m, Seed: seed, Profile: f.Profile,
					Requests: f.Requests, Agent: f.Agent.Config(), ChargeDecisionLatency: f.Agent.Charge,
					Params: params{Variant: v.Name}})
				variantOf = append(variantOf, v.Name)
			}
		}
	}
	return specs, variantOf, nil
}

// key is the stored file name of a run: "<variant>_load<ρ>_<method>_seed<n>".
func key(s study.Spec) string { return s.Params.(params).Variant + "_" + study.DefaultKey(s) }

// variantDocs lists the variants run, for config.json.
func variantDocs(vs []family.Variant) []map[string]any {
	out := make([]map[string]any, len(vs))
	for i, v := range vs {
		out[i] = map[string]any{"name": v.Name, "doc": v.Doc, "seeded": v.Seeded}
	}
	return out
}

// sweepOptions are the shared flags' sweep options, with runs keyed by variant.
func sweepOptions(f *config, stderr io.Writer, key func(study.Spec) string) study.SweepOptions {
	o := f.Sweep("robustness", stderr)
	o.Key = key
	return o
}

// storedVariants returns the variants of the specs whose runs are stored, in spec order.
func storedVariants(specs []study.Spec, variantOf []string, o study.SweepOptions) ([]string, error) {
	idx, err := study.Stored(specs, o)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = variantOf[i]
	}
	return out, nil
}
