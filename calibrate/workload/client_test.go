package workload

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/airansim/airansim/calibrate/workload/ollamatest"
)

func TestCheck(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}, Version: "0.9.9"})
	defer srv.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"disk full"}`, http.StatusInternalServerError)
	}))
	defer broken.Close()
	tests := []struct {
		name, host, model string
		want              string // "" for success
		unavailable       bool
	}{
		{"ok", srv.URL, "qwen3:14b", "", false},
		{"missing model", srv.URL, "llama3", "ollama pull llama3", true},
		{"unreachable", dead.URL, "qwen3:14b", "ollama serve", true},
		{"server error", broken.URL, "qwen3:14b", "disk full", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Options{Host: tt.host, Model: tt.model})
			if err != nil {
				t.Fatal(err)
			}
			info, err := c.Check(context.Background())
			if tt.want == "" {
				if err != nil || info.Version != "0.9.9" || info.Family != "qwen3" || info.Quantization != "Q4_K_M" || info.ParameterSize != "14.8B" {
					t.Fatalf("info %+v, err %v", info, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || errors.Is(err, ErrUnavailable) != tt.unavailable ||
				strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "workload: ") {
				t.Errorf("err = %v, want …%s… (unavailable %v)", err, tt.want, tt.unavailable)
			}
		})
	}
}
