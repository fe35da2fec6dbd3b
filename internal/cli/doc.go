// Package cli holds the process plumbing shared by the experiment commands:
// interrupt handling and error reporting with exit codes.
package cli
