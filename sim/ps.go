package sim

import "math"

// psQueue is one instance's processor-sharing queue for one resource (a GPU or a CPU phase).
// The allocation rate is shared equally among the n requests in the queue, so every request
// receives service at rate/n. Virtual time v counts the work each request has received since the
// queue was last empty; a request that joins with work w leaves when v reaches v_join + w. A rate
// change therefore costs O(1): only v and the time of the next departure change.
type psQueue struct {
	v      float64  // virtual time: work received by each member since the queue was last empty
	last   float64  // simulated time at which v was last advanced, s
	rate   float64  // current allocation, TFLOP/s or cores
	sumFin float64  // Σ finishing virtual times, so that Ψ = sumFin − n·v
	items  []psItem // min-heap on fin
}

type psItem struct {
	fin  float64 // virtual finishing time
	dl   float64 // the request's absolute deadline a_q + τ_q, s: a copy, so that the urgency reads the queue only
	slot int32   // request slot
}

func (p *psQueue) len() int { return len(p.items) }

// advance brings v up to time t at the current rate.
func (p *psQueue) advance(t float64) {
	if n := len(p.items); n > 0 && p.rate > 0 && t > p.last {
		p.v += (t - p.last) * p.rate / float64(n)
	}
	p.last = t
}

// residual returns Ψ, the total residual work in the queue.
func (p *psQueue) residual() float64 {
	r := p.sumFin - float64(len(p.items))*p.v
	if r < 0 {
		return 0
	}
	return r
}

// residualAt returns Ψ at time t ≥ last without changing the queue.
func (p *psQueue) residualAt(t float64) float64 {
	n := float64(len(p.items))
	v := p.v
	if n > 0 && p.rate > 0 && t > p.last {
		v += (t - p.last) * p.rate / n
	}
	return max(p.sumFin-n*v, 0)
}

// remaining returns the residual work of the item at heap index i.
func (p *psQueue) remaining(i int) float64 { return max(p.items[i].fin-p.v, 0) }

// push adds a request with work w (> 0) and absolute deadline dl (s); the caller has advanced the
// queue to now.
func (p *psQueue) push(slot int32, w, dl float64) {
	it := psItem{fin: p.v + w, dl: dl, slot: slot}
	p.sumFin += it.fin
	p.items = append(p.items, it)
	j := len(p.items) - 1
	for j > 0 {
		i := (j - 1) / 2
		if !(p.items[j].fin < p.items[i].fin || p.items[j].fin == p.items[i].fin && p.items[j].slot < p.items[i].slot) {
			break
		}
		p.items[i], p.items[j] = p.items[j], p.items[i]
		j = i
	}
}

// done reports whether the head request has received all its work (within rounding).
func (p *psQueue) done() bool {
	if len(p.items) == 0 {
		return false
	}
	fin := p.items[0].fin
	return fin-p.v <= 1e-12*max(1, math.Abs(fin))
}

// pop removes and returns the head request's slot.
func (p *psQueue) pop() int32 {
	head := p.items[0]
	n := len(p.items) - 1
	p.items[0] = p.items[n]
	p.items = p.items[:n]
	p.siftDown(0)
	p.sumFin -= head.fin
	if n == 0 {
		p.v, p.sumFin = 0, 0 // rebase: keeps Ψ = sumFin − n·v free of cancellation
	}
	return head.slot
}

func (p *psQueue) siftDown(i int) {
	n := len(p.items)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		j := l
		if r := l + 1; r < n && (p.items[r].fin < p.items[l].fin || p.items[r].fin == p.items[l].fin && p.items[r].slot < p.items[l].slot) {
			j = r
		}
		if !(p.items[j].fin < p.items[i].fin || p.items[j].fin == p.items[i].fin && p.items[j].slot < p.items[i].slot) {
			return
		}
		p.items[i], p.items[j] = p.items[j], p.items[i]
		i = j
	}
}

// nextTime returns when the head request completes at the current rate, +Inf if never. A head that
// has received all its work completes now even at rate 0: when requests of several instances of a node
// finish at the same instant, the first completion leaves the others with no residual work, and an
// allocator gives no rate to an instance without work.
func (p *psQueue) nextTime() float64 {
	n := len(p.items)
	if n == 0 {
		return math.Inf(1)
	}
	if p.rate <= 0 {
		if p.done() {
			return p.last
		}
		return math.Inf(1)
	}
	d := (p.items[0].fin - p.v) * float64(n) / p.rate
	if d < 0 {
		d = 0
	}
	return p.last + d
}

// drain empties the queue, returning each member's slot and residual work in slot order.
func (p *psQueue) drain(out []drained) []drained {
	for i := range p.items {
		out = append(out, drained{slot: p.items[i].slot, rem: p.remaining(i)})
	}
	p.items = p.items[:0]
	p.v, p.sumFin = 0, 0
	return out
}

type drained struct {
	slot int32
	rem  float64
}

func (p *psQueue) clone() psQueue {
	c := *p
	c.items = append([]psItem(nil), p.items...)
	return c
}
