package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAITRAS loads the embedded AITRAS scenario through Load (a file on disk) and builds it: two MIG
// GPUs (14 partition nodes), the LLM's bootstrap replica on an A100 MIG instance, two clusters, the power figures.
func TestAITRAS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aitras.json")
	if err := os.WriteFile(path, AITRASJSON(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if AITRAS().Name != s.Name {
		t.Fatal("embedded and loaded differ")
	}
	b, err := s.Build(BuildOptions{Requests: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if len(b.MIG) != 2 || len(b.Nodes) != 2*7+2 {
		t.Fatalf("MIG GPUs %d, engine nodes %d (%v)", len(b.MIG), len(b.Nodes), b.Nodes)
	}
	for _, sv := range s.Services {
		if sv.Name == "llm" && (len(sv.Nodes) != 1 || !strings.HasPrefix(sv.Nodes[0], "a100-0/")) {
			t.Errorf("llm replicas on %v, want its bootstrap replica on an A100 MIG instance", sv.Nodes)
		}
	}
}

// TestAITRASRefused: a broken copy of the scenario is refused by Load with the file, the key and the
// rule (an invalid MIG layout, an unknown power node).
func TestAITRASRefused(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{`"3g.40gb@0", "3g.40gb@4"`, `"3g.40gb@0", "3g.40gb@2"`, "mig.layout"},
		{`{"node": "a100-0", "gpu_idle_w": 63`, `{"node": "a100-9", "gpu_idle_w": 63`, "a100-9"},
	} {
		data := bytes.Replace(AITRASJSON(), []byte(c.from), []byte(c.to), 1)
		path := filepath.Join(t.TempDir(), "bad.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: %v, want an ErrInvalid naming %s and %q", c.from, c.to, err, path, c.want)
		}
	}
}
