// Package runner runs independent jobs in parallel, storing each result on disk with a fingerprint of its inputs as it finishes, so that an interrupted sweep resumes where it stopped and never reuses a result whose inputs changed.
package runner
