package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// params are the inputs of the jobs of keyed.
type params struct {
	Index    int               `json:"index"`
	Requests int               `json:"requests"`
	Files    map[string]string `json:"files"`
}

// keyed returns n jobs whose result is their index times requests; inputs(i) gives job i's inputs.
func keyed(n int, calls *atomic.Int64, inputs func(i int) params) []Job[int] {
	jobs := make([]Job[int], n)
	for i := range jobs {
		p := inputs(i)
		jobs[i] = Job[int]{Key: fmt.Sprintf("job-%d", i), Inputs: p, Run: func(context.Context) (int, error) {
			calls.Add(1)
			return p.Index * p.Requests, nil
		}}
	}
	return jobs
}

func TestResumeStale(t *testing.T) {
	base := func(i int) params { return params{Index: i, Requests: 10, Files: map[string]string{"trace": "abc"}} }
	tests := []struct {
		name      string
		inputs    func(i int) params
		tamper    func(dir string) // changes the stored files before resuming
		rerun     bool
		wantErr   string // substring; "" for success
		wantCalls int64
		want      []int
	}{
		{name: "same inputs reuse", inputs: base, want: []int{0, 10, 20, 30}},
		{name: "changed input refused", inputs: func(i int) params { p := base(i); p.Requests = 20; return p },
			wantErr: "job-0.json is stale (and 3 more stale results): requests: stored 10, now 20"},
		{name: "changed input rerun", inputs: func(i int) params { p := base(i); p.Requests = 20; return p },
			rerun: true, wantCalls: 4, want: []int{0, 20, 40, 60}},
		{name: "one changed nested input", inputs: func(i int) params {
			p := base(i)
			if i == 2 {
				p.Files = map[string]string{"trace": "abd", "profile": "x"}
			}
			return p
		}, wantErr: `job-2.json is stale: files.profile: stored none, now "x"; files.trace: stored "abc", now "abd"`},
		{name: "stored without fingerprint", inputs: base, tamper: func(dir string) {
			os.WriteFile(filepath.Join(dir, "job-3.json"), []byte("30\n"), 0o644)
		}, wantErr: "job-3.json is stale: stored without a fingerprint"},
		{name: "forged fingerprint", inputs: base, tamper: func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "job-1.json"))
			b = []byte(strings.Replace(string(b), `"fingerprint": "sha256:`, `"fingerprint": "sha256:0`, 1))
			os.WriteFile(filepath.Join(dir, "job-1.json"), b, 0o644)
		}, wantErr: "job-1.json is stale: fingerprint sha256:0"},
		{name: "tampered result reused", inputs: base, tamper: func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "job-1.json"))
			b = []byte(strings.Replace(string(b), `"result": 10`, `"result": 11`, 1))
			os.WriteFile(filepath.Join(dir, "job-1.json"), b, 0o644)
		}, want: []int{0, 11, 20, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var calls atomic.Int64
			if _, err := Run(context.Background(), keyed(4, &calls, base), Options{Dir: dir}); err != nil {
				t.Fatal(err)
			}
			if tt.tamper != nil {
				tt.tamper(dir)
			}
			calls.Store(0)
			got, err := Run(context.Background(), keyed(4, &calls, tt.inputs), Options{Dir: dir, Resume: true, RerunStale: tt.rerun})
			if tt.wantErr != "" {
				if !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want ErrStale containing %q", err, tt.wantErr)
				}
				if calls.Load() != 0 {
					t.Errorf("%d jobs ran before the refusal", calls.Load())
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) || calls.Load() != tt.wantCalls {
				t.Errorf("got %v, %v after %d calls; want %v after %d", got, err, calls.Load(), tt.want, tt.wantCalls)
			}
		})
	}
}

func TestFingerprintCanonical(t *testing.T) {
	type ab struct {
		A int `json:"a"`
		B int `json:"b"`
	}
	type ba struct {
		B int `json:"b"`
		A int `json:"a"`
	}
	fp := func(v any) string {
		s, err := Fingerprint(v)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name  string
		x, y  any
		equal bool
	}{
		{"field order", ab{1, 2}, ba{2, 1}, true},
		{"struct and map", ab{1, 2}, map[string]int{"b": 2, "a": 1}, true},
		{"value", ab{1, 2}, ab{1, 3}, false},
		{"float text", map[string]float64{"x": 0.1}, map[string]float64{"x": 0.1000000001}, false},
		{"nil", nil, nil, true},
	}
	for _, tt := range tests {
		if got := fp(tt.x) == fp(tt.y); got != tt.equal {
			t.Errorf("%s: equal = %v, want %v", tt.name, got, tt.equal)
		}
	}
	if c, _ := Canonical(ba{2, 1}); string(c) != `{"a":1,"b":2}` {
		t.Errorf("Canonical = %s", c)
	}
	if _, err := Fingerprint(func() {}); err == nil {
		t.Error("a function was fingerprinted")
	}
}
