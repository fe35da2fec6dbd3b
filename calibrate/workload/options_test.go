package workload

import (
	"strings"
	"testing"
	"time"
)

func TestNewOptions(t *testing.T) {
	c, err := New(Options{Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	o := c.Options()
	if o.Host != DefaultHost || o.NumCtx != 4096 || o.Reps != 3 || o.Warmup != 2 || o.Reloads != 3 || len(o.CtxSizes) != 3 ||
		o.Idle != 2*time.Second || o.Settle != 500*time.Millisecond || o.Timeout != 10*time.Minute || o.Seed != 1 {
		t.Errorf("defaults %+v", o)
	}
	if c, _ := New(Options{Model: "m", Prompts: []int{8000}, Outputs: []int{1000}}); c.Options().NumCtx != 13312 {
		t.Errorf("num_ctx for 8000+1000 tokens: %d, want 13312", c.Options().NumCtx)
	}
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"no model", Options{}, "no model"},
		{"bad scheme", Options{Model: "m", Host: "ftp://x"}, "invalid Ollama host"},
		{"empty host", Options{Model: "m", Host: "http://"}, "invalid Ollama host"},
		{"empty list", Options{Model: "m", Prompts: []int{}}, "non-empty"},
		{"zero length", Options{Model: "m", Outputs: []int{16, 0}}, "positive"},
		{"negative ctx", Options{Model: "m", CtxSizes: []int{-1}}, "positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "workload: ") {
				t.Errorf("err = %v, want workload: …%s…", err, tt.want)
			}
		})
	}
	// As OLLAMA_HOST in Ollama's own client: no scheme means http, and then no port means 11434.
	for in, want := range map[string]string{"gpu-box:11434": "http://gpu-box:11434", "0.0.0.0": "http://0.0.0.0:11434",
		"gpu-box": "http://gpu-box:11434", "[::1]": "http://[::1]:11434", "http://gpu-box": "http://gpu-box",
		"https://gpu-box:8443/ollama": "https://gpu-box:8443/ollama"} {
		if c, err := New(Options{Model: "m", Host: in}); err != nil || c.host != want {
			t.Errorf("host %q: %v %v, want %s", in, c, err, want)
		}
	}
}

func TestFullName(t *testing.T) {
	for in, want := range map[string]string{"qwen3": "qwen3:latest", "qwen3:14b": "qwen3:14b",
		"registry:5000/lib/qwen3": "registry:5000/lib/qwen3:latest", "registry:5000/qwen3:8b": "registry:5000/qwen3:8b"} {
		if got := fullName(in); got != want {
			t.Errorf("fullName(%q) = %q, want %q", in, got, want)
		}
	}
}
