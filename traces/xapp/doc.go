// Package xapp generates the control-loop traffic of xApps, dApps and rApps (ORAN-HAutoscaling, issue
// 12) as a sim.Source: each deployed instance is a long-lived flow of periodic or Poisson CPU requests
// with a deadline to one AI service (the RIC pods). New builds the instances from tenants'
// deployments; NewFlows takes explicit flows, each with its own service, cell, class, deadline, work,
// period, window and phase (OrchestRAN's control loops, policy/orchestranctl). Both are one Source.
package xapp
