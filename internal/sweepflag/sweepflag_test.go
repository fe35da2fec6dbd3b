package sweepflag

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
)

func TestRegisterAndSweep(t *testing.T) {
	var f Flags
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	Register(fs, &f, Texts{Out: "out/x", Seeds: 3})
	if err := fs.Parse([]string{"--rerun-stale", "--parallel", "2", "--out", "o"}); err != nil {
		t.Fatal(err)
	}
	if f.Seeds != 3 || f.Seed != 1 || f.Out != "o" || !f.Rerun || f.Resume {
		t.Fatalf("parsed %+v", f)
	}
	o := f.Sweep("x", io.Discard)
	if o.Dir != filepath.Join("o", "runs") || o.Parallel != 2 || !o.Resume || !o.RerunStale || o.Label != "x" {
		t.Errorf("sweep options %+v: --rerun-stale must imply resume, runs in OUT/runs", o)
	}
}

func TestChecks(t *testing.T) {
	reg := policy.Default()
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"no seeds", (&Flags{Seeds: 0}).Check(), "--seeds"},
		{"negative parallel", (&Flags{Seeds: 1, Parallel: -1}).Check(), "--parallel"},
		{"no methods", CheckMethods(reg, nil), "none given"},
		{"unknown method", CheckMethods(reg, []string{policy.MethodHAF, "nope"}), `"nope"`},
		{"duplicate method", CheckMethods(reg, []string{policy.MethodHAF, policy.MethodHAF}), "twice"},
	} {
		var u *cli.UsageError
		if !errors.As(tc.err, &u) || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: %v, want a usage error mentioning %s", tc.name, tc.err, tc.want)
		}
	}
	if err := (&Flags{Seeds: 1}).Check(); err != nil {
		t.Error(err)
	}
	if err := CheckMethods(reg, policy.PaperMethods()); err != nil {
		t.Error(err)
	}
}
