package traces

import (
	"errors"

	"github.com/airansim/airansim/sim"
)

// sliceTokens is a forkable TokenSource over fixed rows.
type sliceTokens struct {
	rows []TokenRow
	i    int
	err  error // returned after the rows, if set
}

func (s *sliceTokens) Next() (TokenRow, bool, error) {
	if s.i >= len(s.rows) {
		return TokenRow{}, false, s.err
	}
	s.i++
	return s.rows[s.i-1], true, nil
}

func (s *sliceTokens) Fork() (TokenSource, error) { c := *s; return &c, nil }

// plainTokens hides Fork.
type plainTokens struct{ s *sliceTokens }

func (p plainTokens) Next() (TokenRow, bool, error) { return p.s.Next() }

// sliceSource is a forkable sim.Source over fixed requests.
type sliceSource struct {
	reqs []sim.Request
	i    int
}

func (s *sliceSource) Next() (sim.Request, bool, error) {
	if s.i >= len(s.reqs) {
		return sim.Request{}, false, nil
	}
	s.i++
	return s.reqs[s.i-1], true, nil
}

func (s *sliceSource) Fork() (sim.Source, error) { c := *s; return &c, nil }

// plainSource hides Fork.
type plainSource struct{ s sim.Source }

func (p plainSource) Next() (sim.Request, bool, error) { return p.s.Next() }

var errBoom = errors.New("boom")

// drain reads up to n requests (all if n < 0) and fails the test on error.
func drain(t interface {
	Helper()
	Fatal(...any)
}, src sim.Source, n int) []sim.Request {
	t.Helper()
	var out []sim.Request
	for n < 0 || len(out) < n {
		r, ok, err := src.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		out = append(out, r)
	}
	return out
}

func fork(t interface {
	Helper()
	Fatal(...any)
}, src sim.Source) sim.Source {
	t.Helper()
	f, ok := src.(sim.ForkableSource)
	if !ok {
		t.Fatal("not forkable")
	}
	c, err := f.Fork()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
