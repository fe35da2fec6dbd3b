// Package plotutil builds line-chart panels with gonum/plot and saves rows
// of them as one PNG or SVG figure.
package plotutil
