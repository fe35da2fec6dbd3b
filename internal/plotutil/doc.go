// Package plotutil builds line-chart and grouped bar-chart panels with gonum/plot and saves rows
// of them as one PNG or SVG figure.
package plotutil
