package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/airansim/airansim/study/runner"
)

func ExampleRun() {
	dir, _ := os.MkdirTemp("", "sweep")
	defer os.RemoveAll(dir)

	var jobs []runner.Job[float64]
	for _, rho := range []float64{0.75, 1, 1.25} {
		jobs = append(jobs, runner.Job[float64]{
			Key: fmt.Sprintf("rho=%g", rho),
			Run: func(ctx context.Context) (float64, error) {
				return 2 * rho, nil // a simulation would run here
			},
		})
	}
	res, err := runner.Run(context.Background(), jobs, runner.Options{Dir: dir, Resume: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res)
	b, _ := os.ReadFile(filepath.Join(dir, "rho=1.25.json"))
	fmt.Print(string(b))
	// Output:
	// [1.5 2 2.5]
	// 2.5
}
