package study_test

import (
	"context"
	"fmt"
	"os"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
)

// spreadOnce is an outside controller: at its first call it moves the first large-AI instance to
// the node with the most free VRAM, then never moves anything again.
type spreadOnce struct{ done bool }

func (*spreadOnce) Name() string { return "spread-once" }

func (c *spreadOnce) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if c.done {
		return nil, nil
	}
	c.done = true
	for i, in := range s.Instances {
		if in.Category != sim.LargeAI || !in.Movable() {
			continue
		}
		best := in.Node
		for n := range s.Nodes {
			if s.Nodes[n].VRAMFree() > s.Nodes[best].VRAMFree() {
				best = n
			}
		}
		return sim.Plan{sim.Migrate{Instance: i, To: best}}, nil
	}
	return nil, nil
}

// Example runs an outside method through the study layer: it is registered in a copy of the
// built-in registry and swept against haf-static, with the runs stored for --resume-style reuse.
func Example() {
	reg := policy.Default()
	reg["spread-once"] = policy.Entry{Summary: "moves the first LLM once", New: func(o policy.Options) (policy.Method, error) {
		return policy.Method{Name: "spread-once", Allocator: allocator.HAF{},
			Controllers: []sim.ControllerSpec{{Controller: &spreadOnce{}, Period: o.Interval}}}, nil
	}}
	dir, _ := os.MkdirTemp("", "study")
	defer os.RemoveAll(dir)

	var specs []study.Spec
	for _, m := range []string{"haf-static", "spread-once"} {
		specs = append(specs, study.Spec{Scenario: scenario.Default(), Registry: reg, Method: m, Load: 1, Seed: 1, Requests: 400})
	}
	o := study.SweepOptions{Dir: dir, Resume: true} // a second call would reuse both runs
	rs, err := study.Sweep(context.Background(), specs, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rs {
		fmt.Printf("%-11s requests %d  overall %.3f  large-AI %.3f  migrations %d\n", r.Method, r.Requests, r.Overall, r.LargeAI, r.MigrationsTotal)
	}
	// Output:
	// haf-static  requests 400  overall 0.812  large-AI 0.118  migrations 0
	// spread-once requests 400  overall 0.818  large-AI 0.141  migrations 1
}

// maxAILatency is an outside meter: the largest latency of the finished AI requests, s.
type maxAILatency struct{ max float64 }

func (m *maxAILatency) Record(r sim.Record) {
	if r.Class == sim.AI && r.Finished {
		m.max = max(m.max, r.Latency())
	}
}

func (m *maxAILatency) Value(sim.Stats) float64 { return m.max }

// ExampleMeasure adds a column to a study: its value is in Result.Extra, in the run's JSON and,
// after the built-in columns, in summary.csv.
func ExampleMeasure() {
	worst := study.Measure{Name: "ai_latency_max_s", Unit: "s", Doc: "largest latency of finished AI requests",
		New: func() study.Meter { return &maxAILatency{} }}
	spec := study.Spec{Scenario: scenario.Default(), Method: "haf-static", Seed: 1, Requests: 400,
		Measures: []study.Measure{worst}}
	r, err := study.Run(context.Background(), spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.3f\n", r.Extra["ai_latency_max_s"])
	cols := study.SummaryColumns().CSV().WithExtra([]study.Result{r})
	fmt.Println(len(cols), cols[len(cols)-1].Name)
	// Output:
	// 8.226
	// 42 ai_latency_max_s
}
