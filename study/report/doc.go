// Package report writes a load sweep's summary.csv, its Table III comparison and its Figure 2 plots.
package report
