// Package output writes experiment results atomically and deterministically
// as JSON, CSV and Parquet files ready for pandas, polars and DuckDB.
package output
