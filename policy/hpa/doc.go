// Package hpa is the stock Kubernetes HorizontalPodAutoscaler (CPU-utilisation target, default
// behaviour) as a pure function of time and observations, and a sim.Controller that scales AI
// services with it.
package hpa
