package output

import (
	"context"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"
)

// gitTimeout bounds each git command run by Revision.
const gitTimeout = 5 * time.Second

// Revision returns the version-control revision of the code being run, for
// recording next to results. It tries, in order:
//
//  1. the revision stamped by the go command into the binary
//     (debug.ReadBuildInfo setting vcs.revision), with "-dirty" appended
//     when vcs.modified is true;
//  2. `git rev-parse HEAD` run in the current directory, with "-dirty"
//     appended when `git status --porcelain` prints anything;
//  3. "unknown".
//
// Step 1 yields nothing under `go run`, `go test` or -buildvcs=false (which
// GOFLAGS may hold), hence the fallback to git.
func Revision() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		if rev, ok := buildRevision(info.Settings); ok {
			return rev
		}
	}
	if rev, ok := gitRevision(runGit); ok {
		return rev
	}
	return "unknown"
}

// buildRevision extracts the revision from build settings.
func buildRevision(settings []debug.BuildSetting) (string, bool) {
	var rev string
	var dirty bool
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "", false
	}
	if dirty {
		rev += "-dirty"
	}
	return rev, true
}

// gitRevision asks git, through run, for the HEAD revision and whether the
// work tree is dirty.
func gitRevision(run func(args ...string) (string, error)) (string, bool) {
	rev, err := run("rev-parse", "HEAD")
	rev = strings.TrimSpace(rev)
	if err != nil || rev == "" {
		return "", false
	}
	status, err := run("status", "--porcelain")
	if err == nil && strings.TrimSpace(status) != "" {
		rev += "-dirty"
	}
	return rev, true
}

// runGit runs git with args in the current directory and returns its
// standard output.
func runGit(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", args...).Output()
	return string(out), err
}
