package traces

import "math/rand/v2"

// uniform returns the next uniform float64 in [0, 1) of p, exactly what rand.New(p).Float64() would
// return and with the same effect on p, but without the call through rand.Source: PCG.Uint64 is then
// inlined. The sources draw several uniforms per request, so the indirect calls showed in the
// engine's profile. A rand.Rand over p holds no state of its own, so uniform may be interleaved with
// that Rand's other methods (ExpFloat64, IntN). TestUniformMatchesRand pins the formula to
// math/rand/v2's.
func uniform(p *rand.PCG) float64 {
	return float64(p.Uint64()<<11>>11) / (1 << 53)
}
