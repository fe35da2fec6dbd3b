package fit

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/airansim/airansim/calibrate"
)

// tick is one sampling instant, summed over GPUs.
type tick struct {
	t, util, mem, power, clock float64 // util and clock are means over GPUs
}

// sumTicks groups GPU samples by time and sums memory and power over the devices. A tick with any
// missing value keeps NaN in that field.
func sumTicks(g []calibrate.GPUSample) []tick {
	var out []tick
	for i := 0; i < len(g); {
		j, k := i, tick{t: g[i].TimeS}
		for ; j < len(g) && g[j].TimeS == g[i].TimeS; j++ {
			k.util, k.mem, k.power, k.clock = k.util+g[j].UtilPct, k.mem+g[j].MemUsedGB, k.power+g[j].PowerW, k.clock+g[j].SMClockMHz
		}
		n := float64(j - i)
		k.util, k.clock = k.util/n, k.clock/n
		out = append(out, k)
		i = j
	}
	return out
}

// in returns the ticks with start ≤ t ≤ end; none when end < start or either is NaN.
func in(ticks []tick, start, end float64) []tick {
	if !(start <= end) {
		return nil
	}
	lo, _ := slices.BinarySearchFunc(ticks, start, func(k tick, t float64) int { return cmpF(k.t, t) })
	hi, _ := slices.BinarySearchFunc(ticks, end, func(k tick, t float64) int { return cmpF(k.t, t+1e-12) })
	return ticks[lo:max(hi, lo)] // hi < lo only for ticks out of time order
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// field returns the finite values of one field.
func field(ticks []tick, f func(tick) float64) []float64 {
	var v []float64
	for _, k := range ticks {
		if x := f(k); !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	return v
}

func mean(v []float64) Value {
	if len(v) == 0 {
		return Value(math.NaN())
	}
	return Value(stat.Mean(v, nil))
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return stat.Quantile(0.5, stat.Empirical, s, nil)
}

func summarize(v []float64) Stats {
	s := Stats{N: len(v), Mean: mean(v), Std: Value(math.NaN()), Min: Value(math.NaN()), Max: Value(math.NaN())}
	if len(v) > 0 {
		s.Min, s.Max = Value(slices.Min(v)), Value(slices.Max(v))
	}
	if len(v) > 1 {
		s.Std = Value(stat.StdDev(v, nil))
	}
	return s
}

// power fills the idle and busy readings: the idle phase, and the ticks inside grid requests.
func (r *Result) power(s *calibrate.Samples, ticks []tick) {
	var idle, busy []tick
	for _, p := range s.Phases {
		if p.Name == calibrate.PhaseIdle {
			idle = append(idle, in(ticks, p.StartS, p.EndS)...)
		}
	}
	for _, q := range s.Requests {
		if q.Phase == calibrate.PhaseGrid {
			busy = append(busy, in(ticks, q.StartS, q.EndS)...)
		}
	}
	r.IdlePowerW = mean(field(idle, func(k tick) float64 { return k.power }))
	r.BaselineGB = Value(median(field(idle, func(k tick) float64 { return k.mem })))
	r.BusyPowerW = mean(field(busy, func(k tick) float64 { return k.power }))
	r.BusyUtilPct = mean(field(busy, func(k tick) float64 { return k.util }))
	r.BusySMClockMHz = mean(field(busy, func(k tick) float64 { return k.clock }))
	if len(s.GPU) > 0 && (len(idle) == 0 || len(busy) == 0) {
		r.Warnings = append(r.Warnings, fmt.Sprintf("power: %d idle and %d busy NVML samples; raise the idle time or the sampling rate", len(idle), len(busy)))
	}
}

// kv fits memory against KV-cache slots, one point per load: NVML memory during the hold if any,
// else Ollama's size_vram.
func (r *Result) kv(s *calibrate.Samples, ticks []tick) {
	var x, nv, ol []float64
	for _, l := range s.Loads {
		x = append(x, float64(l.ContextTokens))
		nv = append(nv, median(field(in(ticks, l.HoldStartS, l.HoldEndS), func(k tick) float64 { return k.mem })))
		ol = append(ol, l.SizeVRAMGB)
	}
	r.KVGBPerToken, r.WeightsGB = Value(math.NaN()), Value(math.NaN())
	y, base := nv, float64(r.BaselineGB)
	r.KVSource = "nvml"
	if len(x) == 0 || slices.ContainsFunc(nv, math.IsNaN) {
		y, base, r.KVSource = ol, 0, "ollama"
	}
	line, err := Linear(x, y)
	if err != nil {
		r.KVSource = ""
		r.Warnings = append(r.Warnings, fmt.Sprintf("kv: not measured (%v); the profile keeps the default KV cache", err))
		return
	}
	r.KV = &line
	r.KVGBPerToken = Value(max(line.Slope, 0))
	if line.Slope < 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("kv: memory falls with the context (%.3g GB/token); set to 0", line.Slope))
	}
	if !math.IsNaN(base) {
		r.WeightsGB = Value(max(line.Intercept-base, 0))
	}
}
