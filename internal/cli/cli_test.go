package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func TestFail(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code int
		out  string
	}{
		{"nil", nil, ExitOK, ""},
		{"plain", errors.New("runner: boom"), ExitError, "loadsweep: runner: boom\n"},
		{"usage", Usagef("unknown policy %q", "x"), ExitUsage, "loadsweep: unknown policy \"x\"\n"},
		{"wrapped usage", fmt.Errorf("flags: %w", Usagef("bad")), ExitUsage, "loadsweep: flags: bad\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if code := fail(&b, "loadsweep", tt.err); code != tt.code {
			t.Errorf("%s: code %d, want %d", tt.name, code, tt.code)
		}
		if b.String() != tt.out {
			t.Errorf("%s: printed %q, want %q", tt.name, b.String(), tt.out)
		}
	}
}

func TestUsageErrorUnwrap(t *testing.T) {
	base := errors.New("base")
	if err := Usagef("x: %w", base); !errors.Is(err, base) {
		t.Errorf("Usagef does not wrap %%w: %v", err)
	}
}

func TestSignalContext(t *testing.T) {
	ctx, stop := SignalContext()
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Skip("cannot signal self:", err)
	}
	select {
	case <-ctx.Done():
		if !errors.Is(ctx.Err(), context.Canceled) {
			t.Errorf("ctx.Err() = %v", ctx.Err())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("context not cancelled by SIGTERM")
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		args  []string
		usage bool   // a UsageError
		want  string // in the message
	}{
		{[]string{"--n", "3"}, false, ""},
		{[]string{"--n", "x"}, true, "invalid argument"},
		{[]string{"--nope"}, true, "unknown flag"},
		{[]string{"--n", "3", "stray"}, true, `unexpected argument "stray"`},
	}
	for _, tt := range tests {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Int("n", 0, "")
		err := Parse(fs, tt.args)
		var ue *UsageError
		if (err != nil) != tt.usage || (err != nil && (!errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want))) {
			t.Errorf("%v: error %v, want usage error %v mentioning %q", tt.args, err, tt.usage, tt.want)
		}
	}
}

// TestTuneGC: without $GOGC the commands' collector target is CommandGCPercent; with it, Go's own
// reading of $GOGC stands.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	tuneGC()
	if got := debug.SetGCPercent(100); got != CommandGCPercent {
		t.Errorf("without $GOGC: GC percent %d, want %d", got, CommandGCPercent)
	}
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	tuneGC()
	if got := debug.SetGCPercent(100); got != 150 {
		t.Errorf("with $GOGC=150: GC percent %d, want it kept", got)
	}
}

// stopped is an error that ends a command early as asked.
type stopped struct{}

func (stopped) Error() string { return "plan written" }
func (stopped) Success() bool { return true }

func TestSettle(t *testing.T) {
	other := errors.New("boom")
	tests := []struct {
		name  string
		err   error
		want  error
		print string
	}{
		{"nil", nil, nil, ""},
		{"help", pflag.ErrHelp, nil, ""},
		{"success", fmt.Errorf("sweep: %w", stopped{}), nil, "cmd: sweep: plan written\n"},
		{"failure", other, other, ""},
	}
	for _, tt := range tests {
		var w bytes.Buffer
		if got := Settle(&w, "cmd", tt.err); got != tt.want || w.String() != tt.print {
			t.Errorf("%s: Settle = %v, printed %q; want %v, %q", tt.name, got, w.String(), tt.want, tt.print)
		}
	}
}
