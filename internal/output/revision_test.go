package output

import (
	"errors"
	"runtime/debug"
	"testing"
)

func TestBuildRevision(t *testing.T) {
	tests := []struct {
		name     string
		settings []debug.BuildSetting
		want     string
		ok       bool
	}{
		{"none", nil, "", false},
		{"clean", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}, "abc", true},
		{"dirty", []debug.BuildSetting{{Key: "vcs.modified", Value: "true"}, {Key: "vcs.revision", Value: "abc"}}, "abc-dirty", true},
		{"modified only", []debug.BuildSetting{{Key: "vcs.modified", Value: "true"}}, "", false},
	}
	for _, tt := range tests {
		got, ok := buildRevision(tt.settings)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got (%q, %v), want (%q, %v)", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGitRevision(t *testing.T) {
	fail := errors.New("exit status 128")
	tests := []struct {
		name   string
		head   string
		headE  error
		status string
		want   string
		ok     bool
	}{
		{"clean", "abc\n", nil, "", "abc", true},
		{"dirty", "abc\n", nil, " M x.go\n", "abc-dirty", true},
		{"no repo", "", fail, "", "", false},
		{"no commits", "HEAD\n", fail, "", "", false},
	}
	for _, tt := range tests {
		run := func(args ...string) (string, error) {
			if args[0] == "rev-parse" {
				return tt.head, tt.headE
			}
			return tt.status, nil
		}
		got, ok := gitRevision(run)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got (%q, %v), want (%q, %v)", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRevisionNonEmpty(t *testing.T) {
	if Revision() == "" {
		t.Error("Revision() is empty")
	}
}
