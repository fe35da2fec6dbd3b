package runner_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/airansim/airansim/study/runner"
)

// inputs determine a job's result; their fingerprint is stored with it.
type inputs struct {
	Rho   float64 `json:"rho"`
	Scale float64 `json:"scale"`
}

func jobs(scale float64) []runner.Job[float64] {
	var js []runner.Job[float64]
	for _, rho := range []float64{0.75, 1, 1.25} {
		js = append(js, runner.Job[float64]{
			Key:    fmt.Sprintf("rho=%g", rho),
			Inputs: inputs{Rho: rho, Scale: scale},
			Run: func(ctx context.Context) (float64, error) {
				return scale * rho, nil // a simulation would run here
			},
		})
	}
	return js
}

func ExampleRun() {
	dir, _ := os.MkdirTemp("", "sweep")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	res, err := runner.Run(ctx, jobs(2), runner.Options{Dir: dir})
	fmt.Println(res, err)
	st, _ := runner.Load[float64](filepath.Join(dir, "rho=1.25.json"))
	fmt.Println(st.Result, string(st.Inputs))

	// Resuming with other inputs refuses the stored results...
	_, err = runner.Run(ctx, jobs(3), runner.Options{Dir: dir, Resume: true})
	var stale *runner.StaleError
	if errors.As(err, &stale) {
		fmt.Println(filepath.Base(stale.Path), stale.Diffs, stale.More)
	}
	// ...unless they are to be run again.
	res, err = runner.Run(ctx, jobs(3), runner.Options{Dir: dir, Resume: true, RerunStale: true})
	fmt.Println(res, err)
	// Output:
	// [1.5 2 2.5] <nil>
	// 2.5 {"rho":1.25,"scale":2}
	// rho=0.75.json [scale: stored 2, now 3] 2
	// [2.25 3 3.75] <nil>
}
