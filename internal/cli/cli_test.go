package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"
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
