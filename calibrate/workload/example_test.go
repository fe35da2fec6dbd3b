package workload_test

import (
	"context"
	"fmt"
	"time"

	"github.com/airansim/airansim/calibrate/workload"
	"github.com/airansim/airansim/calibrate/workload/ollamatest"
)

// ExampleClient_Run runs a tiny calibration workload against a fake Ollama server.
func ExampleClient_Run() {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}})
	defer srv.Close()
	c, err := workload.New(workload.Options{Host: srv.URL, Model: "qwen3:14b", Prompts: []int{64, 256}, Outputs: []int{8},
		Reps: 1, Warmup: 1, CtxSizes: []int{2048}, Reloads: 1, Idle: time.Millisecond, Settle: time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if _, err := c.Check(ctx); err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.Run(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := res.Requests[len(res.Requests)-1]
	fmt.Printf("%d phases, %d loads, %d requests; last: %d output tokens in %.3f s of decode\n",
		len(res.Phases), len(res.Loads), len(res.Requests), q.OutputTokens, q.EvalS)
	// Output: 4 phases, 1 loads, 3 requests; last: 8 output tokens in 0.165 s of decode
}
