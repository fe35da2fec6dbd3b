// Package runner runs independent jobs in parallel, storing each result on
// disk as it finishes so an interrupted sweep can resume where it stopped.
package runner
