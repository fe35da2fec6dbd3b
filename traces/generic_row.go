package traces

import (
	"strconv"

	"github.com/airansim/airansim/sim"
)

// rowParser checks one row of a generic trace and builds its request.
type rowParser struct {
	s    *GenericSource
	vals []value
	line int
}

// colName returns the column name of binding position k.
func colName(k int) string {
	if k < len(genericRequired) {
		return genericRequired[k]
	}
	return genericOptional[k-len(genericRequired)]
}

// fail reports err at binding position k (k < 0: no column).
func (p *rowParser) fail(k int, err error) error {
	col := ""
	if k >= 0 {
		col = colName(k)
	}
	return errAt(p.s.t.name(), p.line, col, err)
}

// get returns the value at binding position k.
func (p *rowParser) get(k int) value { return p.s.b.get(p.vals, k) }

// set reports whether the field at binding position k is non-empty.
func (p *rowParser) set(k int) bool { return p.get(k).kind != kindEmpty }

// request checks the row and returns its request.
func (p *rowParser) request() (sim.Request, error) {
	var q sim.Request
	var err error
	if q.Class, err = p.class(); err != nil {
		return q, err
	}
	if q.Cell, err = p.name(gCell, p.s.res.Cell, ErrUnknownCell); err != nil {
		return q, err
	}
	if q.Arrival, q.Deadline, err = p.times(); err != nil {
		return q, err
	}
	if q.ID, err = p.id(); err != nil {
		return q, err
	}
	if q.Class == sim.AI {
		return q, p.ai(&q)
	}
	return q, p.ran(&q)
}

// class parses the class column.
func (p *rowParser) class() (sim.Class, error) {
	s, err := p.get(gClass).str()
	if err != nil {
		return 0, p.fail(gClass, err)
	}
	c, ok := sim.ParseClass(s)
	if !ok {
		return 0, p.fail(gClass, detail(ErrUnknownClass, "%q (want urllc, embb or ai)", s))
	}
	return c, nil
}

// name resolves the name at binding position k with fn (nil: a decimal index).
func (p *rowParser) name(k int, fn func(string) (int, bool), rule error) (int, error) {
	s, err := p.get(k).str()
	if err != nil {
		return 0, p.fail(k, err)
	}
	if s == "" {
		return 0, p.fail(k, ErrEmptyValue)
	}
	i, ok := 0, false
	if fn != nil {
		i, ok = fn(s)
	} else if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		i, ok = n, true
	}
	if !ok {
		return 0, p.fail(k, detail(rule, "%q", s))
	}
	return i, nil
}

// times parses arrival and deadline and checks the arrival order.
func (p *rowParser) times() (arrival, deadline float64, err error) {
	if arrival, err = p.get(gArrival).real(); err != nil {
		return 0, 0, p.fail(gArrival, err)
	}
	if p.s.rows > 0 && arrival < p.s.prev.Arrival {
		return 0, 0, p.fail(gArrival, detail(ErrUnsorted, "%g s after previous row's %g s", arrival, p.s.prev.Arrival))
	}
	if deadline, err = p.get(gDeadline).real(); err != nil {
		return 0, 0, p.fail(gDeadline, err)
	}
	if deadline == 0 {
		return 0, 0, p.fail(gDeadline, ErrNotPositive)
	}
	return arrival, deadline, nil
}

// id returns the row's id: the id column (increasing) or the row index.
func (p *rowParser) id() (int64, error) {
	if p.s.b[gID] < 0 {
		return p.s.rows, nil
	}
	id, err := p.get(gID).count()
	if err != nil {
		return 0, p.fail(gID, err)
	}
	if p.s.rows > 0 && id <= p.s.prev.ID {
		return 0, p.fail(gID, detail(ErrUnsorted, "%d not greater than previous %d", id, p.s.prev.ID))
	}
	return id, nil
}

// forbid rejects a non-empty field at any of the positions ks.
func (p *rowParser) forbid(class sim.Class, ks ...int) error {
	for _, k := range ks {
		if p.set(k) {
			return p.fail(k, detail(ErrWrongClass, "%s row", class))
		}
	}
	return nil
}

// real parses the number (≥ 0, finite) at binding position k; an empty field yields def when hasDef,
// else the error missing.
func (p *rowParser) real(k int, def float64, hasDef bool, missing error) (float64, error) {
	if !p.set(k) {
		if hasDef {
			return def, nil
		}
		return 0, p.fail(k, missing)
	}
	f, err := p.get(k).real()
	if err != nil {
		return 0, p.fail(k, err)
	}
	return f, nil
}
