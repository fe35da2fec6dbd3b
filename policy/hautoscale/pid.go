package hautoscale

import "math"

// pid is the paper's PID on the latency error e = L_max − L (§7.2), with the integral clamped to
// ±imax and frozen while the replica count sits at the bound the error pushes towards (anti-windup).
type pid struct {
	kp, ki, kd, imax float64
	integ            float64 // ∫e dt, s²
	prevE, prevT     float64
	started          bool
}

// step returns u at time now for error e (s); atMax and atMin tell whether the count is at c_max or
// c_min. The integral uses the rectangle rule e·(now − previous step); the derivative is 0 at the
// first step.
func (p *pid) step(now, e float64, atMax, atMin bool) float64 {
	d := 0.0
	if p.started && now > p.prevT {
		dt := now - p.prevT
		if !(atMax && e < 0) && !(atMin && e > 0) {
			p.integ = math.Max(-p.imax, math.Min(p.imax, p.integ+e*dt))
		}
		d = (e - p.prevE) / dt
	}
	p.prevE, p.prevT, p.started = e, now, true
	return p.kp*e + p.ki*p.integ + p.kd*d
}
