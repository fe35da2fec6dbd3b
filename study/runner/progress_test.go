package runner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPlainProgress(t *testing.T) {
	tests := []struct {
		label  string
		resume bool
		want   string // regexp for every job line
		first  string // first line when resuming
	}{
		{"", false, `^\[[1-3]/3\] job-0[0-2] done in \d+\.\ds$`, ""},
		{"sweep", false, `^sweep \[[1-3]/3\] job-0[0-2] done in \d+\.\ds$`, ""},
		{"sweep", true, `^sweep \[3/3\] job-01 done in \d+\.\ds$`, "sweep resumed 2 of 3 jobs from "},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		var calls atomic.Int64
		if tt.resume {
			Run(context.Background(), squares(3, &calls), Options{Dir: dir})
			os.Remove(dir + "/job-01.json")
		}
		var b bytes.Buffer
		o := Options{Dir: dir, Parallel: 1, Progress: &b, Label: tt.label, Resume: tt.resume}
		if _, err := Run(context.Background(), squares(3, &calls), o); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if tt.first != "" {
			if !strings.HasPrefix(lines[0], tt.first) {
				t.Errorf("first line %q, want prefix %q", lines[0], tt.first)
			}
			lines = lines[1:]
		}
		re := regexp.MustCompile(tt.want)
		for i, l := range lines {
			if !re.MatchString(l) || !tt.resume && !strings.Contains(l, fmt.Sprintf("[%d/3]", i+1)) {
				t.Errorf("line %d = %q, want %s", i, l, tt.want)
			}
		}
	}
}

func TestProgressBar(t *testing.T) {
	t0 := time.Unix(0, 0)
	now := t0
	p := newProgress(nil, "loadsweep", 4, 1, func() time.Time { return now })
	tests := []struct {
		elapsed time.Duration
		done    int
		want    string
	}{
		{0, 1, "[######..................] 1/4  25% elapsed 0:00 ETA --:-- loadsweep"},
		{10 * time.Second, 2, "[############............] 2/4  50% elapsed 0:10 ETA 0:20 loadsweep"},
		{2 * time.Hour, 4, "[########################] 4/4 100% elapsed 2:00:00 ETA 0:00 loadsweep"},
	}
	for _, tt := range tests {
		now = t0.Add(tt.elapsed)
		p.done = tt.done
		if got := p.bar(); got != tt.want {
			t.Errorf("bar =\n%q, want\n%q", got, tt.want)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&bytes.Buffer{}) || isTerminal(nil) {
		t.Error("regular file, buffer or nil reported as terminal")
	}
}
