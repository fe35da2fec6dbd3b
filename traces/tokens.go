package traces

// TokenRow is one LLM request of a token trace.
type TokenRow struct {
	Time   float64 // Arrival time, s since the trace's first row (≥ 0, non-decreasing).
	Prompt int     // Prompt (context) tokens, ≥ 0.
	Output int     // Output (generated) tokens, ≥ 0.
	Line   int     // 1-based source line (CSV) or row (parquet) of the row; 0 if synthetic.
}

// TokenSource yields token rows in non-decreasing time order. Next returns ok=false at the end;
// after an error it keeps returning that error.
type TokenSource interface {
	Next() (r TokenRow, ok bool, err error)
}

// ForkableTokenSource is a TokenSource that can be duplicated: the copy yields the same remaining
// rows without disturbing the original, and vice versa.
type ForkableTokenSource interface {
	TokenSource
	Fork() (TokenSource, error)
}
