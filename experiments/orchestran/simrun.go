package main

import (
	"context"
	"fmt"
	"time"

	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/policy/orchestranctl"
)

// simSpec is one engine run of OrchestRAN (policy/orchestranctl): Epochs batches of intents on the
// default network, re-solved every Period s, their control loops as traces/xapp flows: periodic
// requests, or Poisson streams of the same mean rate.
type simSpec struct {
	Mix        string  `json:"mix"`
	Seed       uint64  `json:"seed"`
	Epochs     int     `json:"epochs"`
	PeriodS    float64 `json:"period_s"`
	Requests   int     `json:"requests"`
	Sources    int     `json:"max_sources"`
	Solver     string  `json:"solver"`
	BBNodes    int     `json:"bb_nodes"`
	TimeLimitS float64 `json:"time_limit_s"`
	Catalog    string  `json:"catalog_sha256"`
	Revision   string  `json:"revision"`
	Poisson    bool    `json:"poisson,omitempty"` // omitted when false: the periodic runs keep their fingerprints
}

func (s simSpec) key() string {
	if s.Poisson {
		return fmt.Sprintf("sim_%s_seed%d_poisson", s.Mix, s.Seed)
	}
	return fmt.Sprintf("sim_%s_seed%d", s.Mix, s.Seed)
}

// arrivals names the loops' arrival process.
func (s simSpec) arrivals() string {
	if s.Poisson {
		return "poisson"
	}
	return "periodic"
}

// simResult is the outcome of one simSpec.
type simResult struct {
	Spec         simSpec                                           `json:"spec"`
	All          orchestranctl.Counts                              `json:"all"`
	ByScale      [orchestranctl.NumTimescales]orchestranctl.Counts `json:"by_timescale"` // TTI, sub-second, long
	Loops        int                                               `json:"loops"`
	LoopsMissing int                                               `json:"loops_missing"`
	E2Bytes      float64                                           `json:"e2_bytes"`
	E2RICOnly    float64                                           `json:"e2_bytes_ric_only"`
	Adds         int                                               `json:"adds"`
	Removes      int                                               `json:"removes"`
	Misrouted    int                                               `json:"misrouted"`
	Rejections   string                                            `json:"rejections"`
	SolveS       float64                                           `json:"solve_s"` // all epochs
	RunS         float64                                           `json:"run_s"`   // the engine run
}

func (s simSpec) run(ctx context.Context, cat *orchestran.Catalog) (result, error) {
	tr, err := orchestran.DefaultTreeSpec().Generate(s.Seed)
	if err != nil {
		return result{}, err
	}
	limit := time.Duration(s.TimeLimitS * float64(time.Second))
	t0 := time.Now()
	sch, err := orchestranctl.NewSchedule(ctx, orchestranctl.Options{Tree: tr, Catalog: cat, Seed: s.Seed, Period: s.PeriodS,
		Horizon: float64(s.Epochs) * s.PeriodS,
		Intents: orchestran.IntentSpec{Requests: s.Requests, MaxSources: s.Sources, Mix: mixOf(s.Mix)},
		Solve: func(ctx context.Context, p *orchestran.Problem) (*orchestran.Solution, error) {
			o, err := exactSolution(ctx, p, s.Solver, s.BBNodes, limit)
			return o, err
		}})
	if err != nil {
		return result{}, fmt.Errorf("%s: %w", s.key(), err)
	}
	t1 := time.Now()
	r, err := sch.Run(ctx, orchestranctl.EngineOptions{Poisson: s.Poisson})
	if err != nil {
		return result{}, fmt.Errorf("%s: %w", s.key(), err)
	}
	return result{Sim: &simResult{Spec: s, All: r.All, ByScale: r.ByScale, Loops: r.Loops, LoopsMissing: r.LoopsMissing,
		E2Bytes: r.E2Bytes, E2RICOnly: r.E2BytesRICOnly, Adds: r.Adds, Removes: r.Removes, Misrouted: r.Misrouted,
		Rejections: r.Stats.RejectionSummary(), SolveS: t1.Sub(t0).Seconds(), RunS: time.Since(t1).Seconds()}}, nil
}
