package hautoscale

import "math"

// Observation is what the rules see of one service at a tick.
type Observation struct {
	Replicas  int     // Routable replicas (serving or starting), c.
	Starting  int     // Of which still starting.
	CPU       float64 // Utilisation of the ready replicas, fraction of the denominator; NaN: none ready.
	Latency   float64 // Observed latency L (a quantile over the last tick), s; NaN: no completion.
	Inference float64 // Mean inference time T_inf over the last tick, s; NaN: no completion.
}

// Decision is the rules' answer at one tick.
type Decision struct {
	Delta  int     // +1, −1 or 0 replicas.
	Reason string  // "cpu", "combined" or "pid" (up), "idle" (down), "" (none).
	C      float64 // Combined metric (NaN unless Options.Combined).
	U      float64 // PID output, s (NaN unless Options.PID with a latency).
}

// Scaler applies the rules tick after tick; it holds the idle timer and the PID state. Its zero value
// is not usable: call New.
type Scaler struct {
	o        Options
	lowSince float64 // first tick of the current low run, s; NaN: none
	pid      pid
}

// New returns a Scaler, or an error wrapping ErrOptions.
func New(o Options) (*Scaler, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Scaler{o: o, lowSince: math.NaN(), pid: pid{kp: o.Kp, ki: o.Ki, kd: o.Kd, imax: o.IntegralMax}}, nil
}

// Options returns the options with their defaults filled in.
func (s *Scaler) Options() Options { return s.o }

// Step applies the rules at time now (s, non-decreasing across calls):
//
//   - up (+1) when CPU ≥ UpCPU, or (Combined) C > CUp, or (PID) u < −UStep; applied only while
//     c < MaxReplicas and no replica is starting; any up signal resets the idle timer;
//   - down (−1) when CPU ≤ DownCPU (and, Combined, C < CDown) at every tick since a tick at least
//     DownHold s ago, and c > MinReplicas; the timer restarts after a removal.
//
// NaN terms of C (no ready replica, no completion) count 0; without a ready replica there is no
// CPU signal (neither up nor low).
func (s *Scaler) Step(now float64, ob Observation) Decision {
	o := &s.o
	d := Decision{C: math.NaN(), U: math.NaN()}
	up := ob.CPU >= o.UpCPU
	if up {
		d.Reason = "cpu"
	}
	if o.Combined {
		d.C = o.Alpha*zeroNaN(ob.CPU) + o.Beta*zeroNaN(ob.Latency)/o.LMax + o.Gamma*zeroNaN(ob.Inference)/o.TMax
		if !up && d.C > o.CUp {
			up, d.Reason = true, "combined"
		}
	}
	if o.PID && !math.IsNaN(ob.Latency) {
		d.U = s.pid.step(now, o.LMax-ob.Latency, ob.Replicas >= o.MaxReplicas, ob.Replicas <= o.MinReplicas)
		if !up && d.U < -o.UStep {
			up, d.Reason = true, "pid"
		}
	}
	if up {
		s.lowSince = math.NaN()
		if ob.Replicas >= o.MaxReplicas || ob.Starting > 0 {
			d.Reason = ""
			return d
		}
		d.Delta = 1
		return d
	}
	low := ob.CPU <= o.DownCPU && (!o.Combined || d.C < o.CDown)
	if !low {
		s.lowSince = math.NaN()
		return d
	}
	if math.IsNaN(s.lowSince) {
		s.lowSince = now
	}
	if now-s.lowSince >= o.DownHold && ob.Replicas > o.MinReplicas {
		s.lowSince = now
		d.Delta, d.Reason = -1, "idle"
	}
	return d
}

func zeroNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}
