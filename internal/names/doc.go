// Package names maps small enumerations to and from the names used in files and columns, through one
// table per type.
package names
