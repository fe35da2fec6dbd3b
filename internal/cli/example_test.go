package cli_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/internal/cli"
)

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return cli.Usagef("missing scenario argument")
	}
	return nil
}

func ExampleFail() {
	ctx, stop := cli.SignalContext()
	defer stop()
	code := cli.Fail(run(ctx, nil)) // prints "NAME: missing scenario argument" on stderr
	fmt.Println(code)
	// Output: 2
}
