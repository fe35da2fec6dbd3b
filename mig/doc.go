// Package mig models NVIDIA Multi-Instance GPU partitioning on the engine: profile tables, layouts and
// their validation, a MIG GPU as a group of partition nodes, and ordered reconfiguration plans gated on
// the layout being compliant and stable (docs/mig.md).
package mig
