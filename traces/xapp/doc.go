// Package xapp generates the control-loop traffic of xApps, dApps and rApps (ORAN-HAutoscaling, issue
// 12) as a sim.Source: each deployed instance is a long-lived flow of periodic or Poisson CPU requests
// with a deadline to one AI service (the RIC pods).
package xapp
