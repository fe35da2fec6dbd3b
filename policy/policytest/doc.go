// Package policytest is the conformance suite every registered placement method must pass: small
// standard scenarios (one node, overload, a hotspot, an instance mid-migration) on which a method may
// not panic, violate a capacity, lose a request or behave differently for the same seed.
package policytest
