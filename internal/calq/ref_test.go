package calq

import "math"

// refHeap is the oracle: a plain indexed binary min-heap over per-id keys, with Queue's API and
// order (t, tie, id). It is also the baseline of the benchmarks, being what the simulator used.
type refHeap struct {
	t   []float64
	tie []uint64
	pos []int32 // heap index + 1; 0: not queued
	h   []int32
}

func (r *refHeap) less(a, b int32) bool {
	if r.t[a] != r.t[b] {
		return r.t[a] < r.t[b]
	}
	if r.tie[a] != r.tie[b] {
		return r.tie[a] < r.tie[b]
	}
	return a < b
}

func (r *refHeap) Set(id int32, t float64, tie uint64) {
	if id < 0 {
		return
	}
	if t != t {
		t = math.Inf(1)
	}
	for int(id) >= len(r.pos) {
		r.t, r.tie, r.pos = append(r.t, 0), append(r.tie, 0), append(r.pos, 0)
	}
	r.t[id], r.tie[id] = t, tie
	if r.pos[id] == 0 {
		r.h = append(r.h, id)
		r.pos[id] = int32(len(r.h))
		r.up(len(r.h) - 1)
		return
	}
	r.fix(int(r.pos[id] - 1))
}

func (r *refHeap) Remove(id int32) {
	if !r.Queued(id) {
		return
	}
	i, last := int(r.pos[id]-1), len(r.h)-1
	r.swap(i, last)
	r.h = r.h[:last]
	r.pos[id] = 0
	if i < last {
		r.fix(i)
	}
}

func (r *refHeap) Queued(id int32) bool { return id >= 0 && int(id) < len(r.pos) && r.pos[id] != 0 }

func (r *refHeap) Min() (int32, bool) {
	if len(r.h) == 0 {
		return -1, false
	}
	return r.h[0], true
}

func (r *refHeap) PopMin() (int32, bool) {
	id, ok := r.Min()
	if ok {
		r.Remove(id)
	}
	return id, ok
}

func (r *refHeap) Key(id int32) (float64, uint64) {
	if id < 0 || int(id) >= len(r.pos) {
		return 0, 0
	}
	return r.t[id], r.tie[id]
}

func (r *refHeap) Len() int { return len(r.h) }

func (r *refHeap) Clone() refHeap {
	return refHeap{
		t:   append([]float64(nil), r.t...),
		tie: append([]uint64(nil), r.tie...),
		pos: append([]int32(nil), r.pos...),
		h:   append([]int32(nil), r.h...),
	}
}

func (r *refHeap) swap(i, j int) {
	r.h[i], r.h[j] = r.h[j], r.h[i]
	r.pos[r.h[i]], r.pos[r.h[j]] = int32(i+1), int32(j+1)
}

func (r *refHeap) fix(i int) {
	if i > 0 && r.less(r.h[i], r.h[(i-1)/2]) {
		r.up(i)
		return
	}
	r.down(i)
}

func (r *refHeap) up(j int) {
	for j > 0 {
		p := (j - 1) / 2
		if !r.less(r.h[j], r.h[p]) {
			break
		}
		r.swap(j, p)
		j = p
	}
}

func (r *refHeap) down(i int) {
	n := len(r.h)
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if c+1 < n && r.less(r.h[c+1], r.h[c]) {
			c++
		}
		if !r.less(r.h[c], r.h[i]) {
			return
		}
		r.swap(i, c)
		i = c
	}
}
