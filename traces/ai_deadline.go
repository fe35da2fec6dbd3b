package traces

import "github.com/airansim/airansim/sim"

// DeadlineRule gives an AI request's relative deadline from its tokens:
//
//	τ = clamp(Base + PerPromptToken·prompt + PerOutputToken·output, Min, Max)   (seconds)
//
// A rule whose fields are all zero stands for the category's default (DefaultDeadlines). Max = 0
// means no upper bound.
type DeadlineRule struct {
	Base           float64 // Fixed part, s.
	PerPromptToken float64 // Per prompt token, s.
	PerOutputToken float64 // Per output token, s.
	Min, Max       float64 // Clamp bounds, s.
}

// Deadline returns τ for the given tokens, s.
func (d DeadlineRule) Deadline(prompt, output int) float64 {
	t := d.Base + d.PerPromptToken*float64(prompt) + d.PerOutputToken*float64(output)
	if d.Max > 0 && t > d.Max {
		t = d.Max
	}
	return max(t, d.Min)
}

// DeadlineRules holds one rule per AI category. A zero rule selects that category's default.
type DeadlineRules struct {
	Large, Small DeadlineRule
}

// DefaultDeadlines returns the default rules, inside the paper's "100 ms – a few seconds" (Table I).
// The per-token terms are about 3× the isolated processing time per token of the default cost model
// on one H100 at prefill MFU (989.5 TFLOP/s · 0.45 ≈ 445 TFLOP/s: large-AI 63 µs per prompt token,
// 94 µs per output token), giving slack for sharing:
//
//	large-AI: τ = clamp(0.2 s + 0.2 ms·prompt + 0.3 ms·output, 0.1 s, 3 s)
//	          (conv mean request ≈ 0.49 s, code mean ≈ 0.62 s, code p99 prompt ≈ 1.7 s)
//	small-AI: τ = clamp(0.1 s + 10 µs·prompt + 20 µs·output, 0.1 s, 1 s)   (conv mean ≈ 0.12 s)
func DefaultDeadlines() DeadlineRules {
	return DeadlineRules{
		Large: DeadlineRule{Base: 0.2, PerPromptToken: 2e-4, PerOutputToken: 3e-4, Min: 0.1, Max: 3},
		Small: DeadlineRule{Base: 0.1, PerPromptToken: 1e-5, PerOutputToken: 2e-5, Min: 0.1, Max: 1},
	}
}

// rule returns the rule for an AI category, falling back to the default for a zero rule.
func (r DeadlineRules) rule(c sim.Category) DeadlineRule {
	def := DefaultDeadlines()
	d, fallback := r.Small, def.Small
	if c == sim.LargeAI {
		d, fallback = r.Large, def.Large
	}
	if d == (DeadlineRule{}) {
		return fallback
	}
	return d
}
