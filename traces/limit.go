package traces

import "github.com/airansim/airansim/sim"

// limited is the source Limit returns.
type limited struct {
	src  sim.Source
	fill sim.SourceFiller // src as a filler, nil if it is not one
	buf  sim.Request      // where Next reads into: a local passed to an interface method would escape to the heap
	left int
}

// Limit returns a source yielding at most n requests of src (n = 0 yields none), unchanged. The
// result implements sim.ForkableSource; its Fork fails unless src is a sim.ForkableSource.
// It panics if n < 0.
func Limit(src sim.Source, n int) sim.Source {
	if n < 0 {
		panic("traces: Limit with negative n")
	}
	return &limited{src: src, fill: asFiller(src), left: n}
}

// Next returns src's next request until n have been returned.
func (l *limited) Next() (sim.Request, bool, error) {
	if ok, err := l.NextInto(&l.buf); !ok {
		return sim.Request{}, false, err
	}
	return l.buf, true, nil
}

// NextInto implements sim.SourceFiller: Next writing the request into *r.
func (l *limited) NextInto(r *sim.Request) (bool, error) {
	if l.left == 0 {
		return false, nil
	}
	var ok bool
	var err error
	if l.fill != nil {
		ok, err = l.fill.NextInto(r)
	} else {
		*r, ok, err = l.src.Next()
	}
	if !ok || err != nil {
		return false, err
	}
	l.left--
	return true, nil
}

// Fork returns a copy yielding the same remaining requests without disturbing l.
func (l *limited) Fork() (sim.Source, error) {
	f, err := forkSource(l.src)
	if err != nil {
		return nil, err
	}
	return &limited{src: f, fill: asFiller(f), left: l.left}, nil
}
