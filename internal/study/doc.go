// Package study runs one simulation of a scenario with a named method and summarises it; the
// experiments share it.
package study
