package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/spf13/pflag"
)

// SignalContext returns a context cancelled on the first SIGINT (Ctrl-C) or
// SIGTERM, and a stop function that releases the signal handler; call it
// when done, typically with defer. After the first signal (or stop) the
// default behaviour is restored, so a second Ctrl-C kills the process.
func SignalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// UsageError reports a command-line mistake: a bad flag, argument or flag
// combination. Fail exits with status 2 for it.
type UsageError struct {
	Err error
}

// Usagef returns a *UsageError whose message is formatted as by fmt.Errorf
// (so %w wraps).
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// Error returns the message of the underlying error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UsageError) Unwrap() error { return e.Err }

// Exit statuses returned by Fail.
const (
	ExitOK    = 0 // no error
	ExitError = 1 // any error but a usage error
	ExitUsage = 2 // a *UsageError anywhere in the error's chain
)

// Fail reports err on standard error as "NAME: err", NAME being the base
// name of the running program, and returns the exit status for it:
// ExitUsage if err wraps a *UsageError, ExitError otherwise. For a nil err
// it prints nothing and returns ExitOK. Use it as
//
//	func main() { os.Exit(cli.Fail(run())) }
func Fail(err error) int {
	return fail(os.Stderr, filepath.Base(os.Args[0]), err)
}

// fail is Fail writing to w for the program name.
func fail(w io.Writer, name string, err error) int {
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(w, "%s: %v\n", name, err)
	var u *UsageError
	if errors.As(err, &u) {
		return ExitUsage
	}
	return ExitError
}

// Main runs a command's run function with a context cancelled by Ctrl-C, the process's arguments
// and standard streams, treats a --help request and a Success error as success (Settle), and exits
// with Fail's status.
func Main(run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	tuneGC()
	ctx, stop := SignalContext()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(Fail(Settle(os.Stderr, filepath.Base(os.Args[0]), err)))
}

// Success is implemented by errors that end a command early as it was asked to (a sweep that
// wrote its plan or ran one shard, study/runner.Stopped): the command exits with status 0.
type Success interface{ Success() bool }

// Settle returns nil for a --help request and, after printing "NAME: message" on w, for an error
// that is a Success; err otherwise.
func Settle(w io.Writer, name string, err error) error {
	var s Success
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return nil
	case errors.As(err, &s) && s.Success():
		fmt.Fprintf(w, "%s: %v\n", name, err)
		return nil
	}
	return err
}

// Parse parses args into fs, which takes no positional arguments. Every failure, including a stray
// argument, is a UsageError (exit status 2); --help gives pflag.ErrHelp, which Main treats as success.
func Parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return &UsageError{Err: err}
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// CommandGCPercent is the garbage collector's target (GOGC) of the commands when $GOGC is not set.
// Simulation runs allocate much that dies young and little that lives; at Go's default of 100 the
// collector ran often enough that a two-run sweep on two cores reached only 1.5× one core's
// throughput, at 400 1.9× (docs/performance.md, "Parallel sweeps"). A run's live heap is a few MB.
const CommandGCPercent = 400

// tuneGC sets the collector's target to CommandGCPercent unless $GOGC says otherwise.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(CommandGCPercent)
	}
}
