package calq

import (
	"math"
	"testing"
)

// dist names how the driver draws times.
type dist int

const (
	distHold  dist = iota // now + an exponential increment, as a simulation's events
	distEqual             // a few distinct times, many ids on each, some before now
	distMixed             // anything finite and more: 0, -0, negative, huge, far future, +Inf
)

// driver applies random operations to a Queue and the oracle and fails at the first disagreement.
type driver struct {
	tb     testing.TB
	next   func() (uint64, bool) // the random choices; false when exhausted
	q      *Queue
	ref    *refHeap
	ids    int32 // ids are drawn from [0, ids)
	target int   // population the operations steer towards
	dist   dist
	now    float64 // key time of the last pop
	step   int
}

// run applies up to steps operations and reports whether the source lasted.
func (d *driver) run(steps int) bool {
	for i := 0; i < steps; i++ {
		r, ok := d.next()
		if !ok {
			return false
		}
		d.op(r)
		d.step++
		if d.step%97 == 0 || d.ref.Len() <= 2*calendarOn {
			d.fullCheck()
		}
	}
	return true
}

// op applies one operation chosen by r.
func (d *driver) op(r uint64) {
	n := d.ref.Len()
	p := r % 100
	insert := 45
	if n < d.target {
		insert = 70
	} else if n > d.target {
		insert = 25
	}
	id := int32((r >> 8) % uint64(d.ids))
	switch {
	case p < uint64(insert):
		t, tie := d.time(r>>24), (r>>40)%3
		d.q.Set(id, t, tie)
		d.ref.Set(id, t, tie)
	case p < 80:
		d.rekey(id, r>>24)
	case p < 93:
		got, gok := d.q.PopMin()
		want, wok := d.ref.PopMin()
		if got != want || gok != wok {
			d.tb.Fatalf("step %d: PopMin = %d, %v; oracle %d, %v", d.step, got, gok, want, wok)
		}
		if wok {
			d.now, _ = d.ref.Key(want)
		}
	case p < 97:
		d.q.Remove(id)
		d.ref.Remove(id)
	case p < 99:
		d.checkMin()
	default:
		d.cloneAndDiverge(r)
	}
	d.checkID(id)
	d.checkMin()
}

// rekey moves a queued id (the minimum or id) earlier or later than its key.
func (d *driver) rekey(id int32, r uint64) {
	if r%4 == 0 {
		id, _ = d.ref.Min()
	}
	if !d.ref.Queued(id) {
		return
	}
	t, tie := d.ref.Key(id)
	delta := float64(r>>8%1000) / 100
	switch r / 4 % 4 {
	case 0:
		t -= delta
	case 1:
		t += delta
	default:
		t = d.time(r >> 8)
	}
	d.q.Set(id, t, tie)
	d.ref.Set(id, t, tie)
}

// time draws a time from the driver's distribution.
func (d *driver) time(r uint64) float64 {
	u := (float64(r>>11&(1<<40-1)) + 0.5) / (1 << 40)
	hold := d.now - math.Log(u)
	switch d.dist {
	case distHold:
		return hold
	case distEqual:
		return float64(r%5) + math.Floor(d.now)
	}
	switch r % 16 {
	case 0:
		return 0
	case 1:
		return math.Copysign(0, -1)
	case 2:
		return -float64(r>>4%1000) * 1.5
	case 3:
		return 1e300 * float64(r>>4%4)
	case 4:
		return math.MaxFloat64
	case 5:
		return d.now + 1e9
	case 6:
		if r>>4%8 == 0 {
			return math.Inf(1)
		}
		return d.now + 1e-12*float64(r>>4%8)
	case 7:
		return -1e300
	case 8, 9:
		return float64(r >> 4 % 3)
	}
	return hold
}

// cloneAndDiverge clones both queues, runs the clones apart for a while, checks the originals were
// not disturbed, and carries on with either pair.
func (d *driver) cloneAndDiverge(r uint64) {
	c, cr := d.q.Clone(), d.ref.Clone()
	sub := *d
	sub.q, sub.ref = &c, &cr
	sub.run(int(r>>8%40) + 1)
	d.fullCheck()
	if r>>16%2 == 0 {
		d.q, d.ref, d.now = sub.q, sub.ref, sub.now
	}
}

func (d *driver) checkMin() {
	got, gok := d.q.Min()
	want, wok := d.ref.Min()
	if got != want || gok != wok || d.q.Len() != d.ref.Len() {
		d.tb.Fatalf("step %d: Min = %d, %v, Len %d; oracle %d, %v, Len %d",
			d.step, got, gok, d.q.Len(), want, wok, d.ref.Len())
	}
}

func (d *driver) checkID(id int32) {
	gq, wq := d.q.Queued(id), d.ref.Queued(id)
	if gq != wq {
		d.tb.Fatalf("step %d: Queued(%d) = %v; oracle %v", d.step, id, gq, wq)
	}
	if !wq {
		return
	}
	gt, gtie := d.q.Key(id)
	wt, wtie := d.ref.Key(id)
	if math.Float64bits(gt) != math.Float64bits(wt) || gtie != wtie {
		d.tb.Fatalf("step %d: Key(%d) = %v, %d; oracle %v, %d", d.step, id, gt, gtie, wt, wtie)
	}
}

func (d *driver) fullCheck() {
	d.checkMin()
	for id := int32(-1); id <= d.ids; id++ {
		d.checkID(id)
	}
}

// drain pops everything and checks the order against the oracle.
func (d *driver) drain() {
	for d.ref.Len() > 0 {
		d.op(90) // PopMin
	}
	d.fullCheck()
}
