package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// squares returns n jobs whose result is the square of their index; the
// job sleeps a little, longer for low indices, so completion order differs
// from job order. calls counts Run calls.
func squares(n int, calls *atomic.Int64) []Job[int] {
	jobs := make([]Job[int], n)
	for i := range jobs {
		jobs[i] = Job[int]{
			Key: fmt.Sprintf("job-%02d", i),
			Run: func(ctx context.Context) (int, error) {
				calls.Add(1)
				time.Sleep(time.Duration(n-i) * 200 * time.Microsecond)
				return i * i, nil
			},
		}
	}
	return jobs
}

func wantSquares(n int) []int {
	want := make([]int, n)
	for i := range want {
		want[i] = i * i
	}
	return want
}

func TestRunOrderAndParallelism(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		parallel int
		dir      bool
	}{
		{"empty", 0, 4, true},
		{"serial", 12, 1, true},
		{"parallel 4", 12, 4, true},
		{"default parallelism", 12, 0, false},
		{"more workers than jobs", 3, 16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			o := Options{Parallel: tt.parallel}
			if tt.dir {
				o.Dir = t.TempDir()
			}
			got, err := Run(context.Background(), squares(tt.n, &calls), o)
			if err != nil {
				t.Fatal(err)
			}
			if want := wantSquares(tt.n); !slices.Equal(got, want) {
				t.Errorf("results %v, want %v", got, want)
			}
			if calls.Load() != int64(tt.n) {
				t.Errorf("%d Run calls, want %d", calls.Load(), tt.n)
			}
			if tt.dir {
				assertResultFiles(t, o.Dir, tt.n)
			}
		})
	}
}

func TestRunResume(t *testing.T) {
	const n = 8
	dir := t.TempDir()
	var calls atomic.Int64
	o := Options{Dir: dir, Parallel: 3, Resume: true}
	if _, err := Run(context.Background(), squares(n, &calls), o); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "job-02.json"))
	os.WriteFile(filepath.Join(dir, "job-05.json"), []byte(`{"trunc`), 0o644)
	os.WriteFile(filepath.Join(dir, "job-06.json"), []byte(`"not an int"`), 0o644)

	tests := []struct {
		name      string
		resume    bool
		wantCalls int64
	}{
		{"resume reruns missing and undecodable", true, 3},
		{"resume skips all", true, 0},
		{"no resume reruns all", false, n},
	}
	for _, tt := range tests {
		calls.Store(0)
		o.Resume = tt.resume
		got, err := Run(context.Background(), squares(n, &calls), o)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(got, wantSquares(n)) {
			t.Errorf("%s: results %v", tt.name, got)
		}
		if calls.Load() != tt.wantCalls {
			t.Errorf("%s: %d Run calls, want %d", tt.name, calls.Load(), tt.wantCalls)
		}
	}
}

func TestRunAtomicWrites(t *testing.T) {
	const n = 24
	dir := t.TempDir()
	big := strings.Repeat("x", 1<<14)
	jobs := make([]Job[[]string], n)
	for i := range jobs {
		jobs[i] = Job[[]string]{Key: fmt.Sprint("k", i), Run: func(context.Context) ([]string, error) {
			return []string{big, big, big}, nil
		}}
	}
	// A watcher checks that every visible result file is complete.
	stop := make(chan struct{})
	bad := make(chan string, 1)
	go func() {
		defer close(bad)
		for {
			select {
			case <-stop:
				return
			default:
			}
			names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			for _, name := range names {
				var v Stored[[]string]
				b, err := os.ReadFile(name)
				if err == nil && (json.Unmarshal(b, &v) != nil || len(v.Result) != 3) {
					bad <- name
					return
				}
			}
		}
	}()
	_, err := Run(context.Background(), jobs, Options{Dir: dir, Parallel: 4})
	close(stop)
	if name, ok := <-bad; ok {
		t.Errorf("partial file visible: %s", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	assertResultFiles(t, dir, n)
}

func TestRunErrorPropagation(t *testing.T) {
	errBoom := errors.New("boom")
	var started, cancelled atomic.Int64
	jobs := make([]Job[int], 20)
	for i := range jobs {
		jobs[i] = Job[int]{Key: fmt.Sprint("j", i), Run: func(ctx context.Context) (int, error) {
			started.Add(1)
			if i == 3 {
				return 0, errBoom
			}
			select {
			case <-ctx.Done():
				cancelled.Add(1)
				return 0, ctx.Err()
			case <-time.After(5 * time.Millisecond):
				return i, nil
			}
		}}
	}
	got, err := Run(context.Background(), jobs, Options{Dir: t.TempDir(), Parallel: 2})
	if !errors.Is(err, errBoom) || !strings.Contains(err.Error(), `"j3"`) || !strings.HasPrefix(err.Error(), "runner: ") {
		t.Fatalf("err = %v, want runner: error naming j3 wrapping boom", err)
	}
	if got != nil {
		t.Errorf("results = %v, want nil", got)
	}
	if started.Load() >= int64(len(jobs)) {
		t.Errorf("all %d jobs started after an error", started.Load())
	}
}

func TestRunCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int64
	jobs := make([]Job[int], 10)
	for i := range jobs {
		jobs[i] = Job[int]{Key: fmt.Sprint("j", i), Run: func(ctx context.Context) (int, error) {
			started.Add(1)
			if i < 3 {
				return i, nil
			}
			cancel() // Ctrl-C arrives while this job runs.
			<-ctx.Done()
			return 0, ctx.Err()
		}}
	}
	got, err := Run(ctx, jobs, Options{Dir: dir, Parallel: 1})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "3 of 10 jobs finished") {
		t.Fatalf("err = %v, want interruption after 3 of 10", err)
	}
	if got != nil {
		t.Errorf("results = %v, want nil", got)
	}
	if started.Load() != 4 {
		t.Errorf("%d jobs started, want 4", started.Load())
	}
	assertResultFiles(t, dir, 3)
	waitGoroutines(t, before)

	// Resuming with a live context finishes the sweep.
	got, err = Run(context.Background(), jobs[:3], Options{Dir: dir, Resume: true})
	if err != nil || !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("resume: %v, %v", got, err)
	}
}

func TestRunCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	_, err := Run(ctx, squares(5, &calls), Options{Parallel: 2})
	if !errors.Is(err, context.Canceled) || calls.Load() != 0 {
		t.Errorf("err = %v, calls = %d; want Canceled and no call", err, calls.Load())
	}
}

func TestRunInvalidJobs(t *testing.T) {
	ok := func(context.Context) (int, error) { return 0, nil }
	tests := []struct {
		name string
		jobs []Job[int]
	}{
		{"empty key", []Job[int]{{Key: "", Run: ok}}},
		{"duplicate", []Job[int]{{Key: "a", Run: ok}, {Key: "a", Run: ok}}},
		{"slash", []Job[int]{{Key: "a/b", Run: ok}}},
		{"backslash", []Job[int]{{Key: `a\b`, Run: ok}}},
		{"dot dot", []Job[int]{{Key: "..", Run: ok}}},
		{"hidden", []Job[int]{{Key: ".a", Run: ok}}},
		{"newline", []Job[int]{{Key: "a\nb", Run: ok}}},
		{"nil run", []Job[int]{{Key: "a"}}},
	}
	for _, tt := range tests {
		_, err := Run(context.Background(), tt.jobs, Options{Dir: t.TempDir()})
		if err == nil || !strings.HasPrefix(err.Error(), "runner: ") {
			t.Errorf("%s: err = %v, want runner: error", tt.name, err)
		}
	}
}

// assertResultFiles fails unless dir holds exactly n result files and no
// temporary file.
func assertResultFiles(t *testing.T, dir string, n int) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("unexpected file %s", e.Name())
		}
	}
	if len(ents) != n {
		t.Errorf("%d files in dir, want %d", len(ents), n)
	}
}

// waitGoroutines fails if the goroutine count does not return to at most
// want within a second.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines, want at most %d", runtime.NumGoroutine(), want)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestRunUnencodableInputs: inputs that cannot be encoded fail the sweep before any job runs, naming
// the first such job in job order (the stamps are computed on every CPU).
func TestRunUnencodableInputs(t *testing.T) {
	var ran atomic.Int32
	run := func(context.Context) (int, error) { ran.Add(1); return 0, nil }
	var jobs []Job[int]
	for i := range 40 {
		var in any = i
		if i == 13 || i == 31 {
			in = math.NaN()
		}
		jobs = append(jobs, Job[int]{Key: fmt.Sprintf("j%d", i), Inputs: in, Run: run})
	}
	_, err := Run(context.Background(), jobs, Options{Dir: t.TempDir(), Parallel: 4})
	if err == nil || !strings.Contains(err.Error(), `job "j13"`) {
		t.Errorf("err = %v, want one naming job j13", err)
	}
	if ran.Load() != 0 {
		t.Errorf("%d jobs ran, want none", ran.Load())
	}
}

// TestRunUnstorableResult: a result that cannot be stored (encoding/json rejects +Inf) fails the sweep
// naming its job, and the results of the jobs before it stay stored.
func TestRunUnstorableResult(t *testing.T) {
	dir := t.TempDir()
	jobs := make([]Job[float64], 6)
	for i := range jobs {
		jobs[i] = Job[float64]{Key: fmt.Sprint("j", i), Run: func(context.Context) (float64, error) {
			if i == 4 {
				return math.Inf(1), nil
			}
			return float64(i), nil
		}}
	}
	got, err := Run(context.Background(), jobs, Options{Dir: dir, Parallel: 1})
	if err == nil || !strings.Contains(err.Error(), `job "j4"`) || got != nil {
		t.Fatalf("Run = %v, %v; want an error naming j4", got, err)
	}
	for i := range jobs {
		_, err := os.Stat(filepath.Join(dir, fmt.Sprintf("j%d.json", i)))
		if stored := err == nil; i < 4 && !stored || i == 4 && stored {
			t.Errorf("j%d stored: %v", i, stored)
		}
	}
}
