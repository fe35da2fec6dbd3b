package traces

import (
	"io"

	"github.com/airansim/airansim/sim"
)

// Column names of the generic request-trace format (CSV header or parquet field names).
const (
	ColClass    = "class"           // urllc | embb | ai. Required.
	ColService  = "service"         // AI: service name; RAN: empty. Optional column.
	ColCell     = "cell"            // Cell name. Required.
	ColArrival  = "arrival_s"       // Arrival time, s, ≥ 0, non-decreasing. Required.
	ColDeadline = "deadline_s"      // Relative deadline, s, > 0. Required.
	ColID       = "id"              // Request id, integer ≥ 0, increasing. Optional column.
	ColPrompt   = "prompt_tokens"   // AI: prompt tokens, integer ≥ 0.
	ColOutput   = "output_tokens"   // AI: output tokens, integer ≥ 0.
	ColGPUWork  = "gpu_work_tflop"  // AI: GPU work, TFLOP, ≥ 0.
	ColCPUWork  = "cpu_work_core_s" // AI: CPU work, core-s, ≥ 0.
	ColKV       = "kv_gb"           // AI: KV cache held, GB, ≥ 0.
	ColDUGPU    = "du_gpu_tflop"    // RAN: GPU work at the DU, TFLOP, ≥ 0.
	ColDUCPU    = "du_cpu_core_s"   // RAN: CPU work at the DU, core-s, ≥ 0.
	ColCUGPU    = "cu_gpu_tflop"    // RAN: GPU work at the CU-UP, TFLOP, ≥ 0.
	ColCUCPU    = "cu_cpu_core_s"   // RAN: CPU work at the CU-UP, core-s, ≥ 0.
)

// Positions in a generic binding: required columns first, then optional ones.
const (
	gClass = iota
	gCell
	gArrival
	gDeadline
	gService
	gID
	gPrompt
	gOutput
	gGPU
	gCPU
	gKV
	gDUGPU
	gDUCPU
	gCUGPU
	gCUCPU
)

var (
	genericRequired = []string{ColClass, ColCell, ColArrival, ColDeadline}
	genericOptional = []string{ColService, ColID, ColPrompt, ColOutput, ColGPUWork, ColCPUWork, ColKV,
		ColDUGPU, ColDUCPU, ColCUGPU, ColCUCPU}
)

// Resolver supplies what a generic trace names but does not define: service and cell indices and
// costs. The zero value works: names must then be decimal indices, AI rows must give explicit work
// and RAN rows all four DU/CU work columns.
type Resolver struct {
	// Service maps a service name to its index into the scenario's services. Nil: the name must be
	// a decimal integer ≥ 0, used as the index.
	Service func(name string) (int, bool)
	// Cell maps a cell name to its index into the scenario's cells. Nil: as for Service.
	Cell func(name string) (int, bool)
	// Cost returns the work (GPU TFLOP, CPU core-s) and KV cache (GB) of an AI request to service
	// with the given prompt and output tokens; used for rows without explicit work. Nil: such rows
	// are an error (ErrNoDefault).
	Cost func(service int, prompt, output int) (w sim.Work, kvGB float64)
	// RANWork returns the default DU and CU-UP work of a RAN request of class c, used for each empty
	// du_*/cu_* field. Nil: empty fields are an error (ErrNoDefault).
	RANWork func(c sim.Class) (du, cu sim.Work)
}

// GenericSource replays a generic request trace as sim.Requests; see docs/traces.md for the
// format. The header is required, columns may come in any order, unknown or duplicate columns are
// errors. Each row is checked as it is read; any broken rule stops the source with a *ParseError
// naming file, line and column, and no row is ever skipped. Requests keep the trace's arrival
// times (not shifted to 0). IDs come from the id column, else count rows from 0.
//
// A GenericSource is not safe for concurrent use; Fork gives an independent copy.
type GenericSource struct {
	t       table
	b       binding
	res     Resolver
	prev    sim.Request // Last request read (for order checks).
	rows    int64       // Rows read so far.
	pending sim.Request // First row, read by the constructor.
	held    bool
	err     error
	done    bool
}

var _ sim.ForkableSource = (*GenericSource)(nil)

// OpenGeneric opens a generic trace, CSV (".csv") or parquet (".parquet", ".pq") by extension,
// checks the header and reads the first row. The source can fork; Close it when done.
func OpenGeneric(path string, res Resolver) (*GenericSource, error) {
	t, err := openTable(path)
	if err != nil {
		return nil, err
	}
	return newGeneric(t, res)
}

// NewGenericCSV reads a generic trace in CSV from r; name labels errors. The source cannot fork
// (Fork returns ErrNotForkable); Close does not close r.
func NewGenericCSV(r io.Reader, name string, res Resolver) (*GenericSource, error) {
	t, err := newCSVTable(r, name)
	if err != nil {
		return nil, err
	}
	return newGeneric(t, res)
}

// NewGenericParquet reads a generic trace in parquet from the size bytes of r; name labels
// errors. The source cannot fork; Close does not close r.
func NewGenericParquet(r io.ReaderAt, size int64, name string, res Resolver) (*GenericSource, error) {
	t, err := newParquetTable(r, size, name)
	if err != nil {
		return nil, err
	}
	return newGeneric(t, res)
}

// newGeneric binds the columns of t and reads the first row; it closes t on error.
func newGeneric(t table, res Resolver) (*GenericSource, error) {
	b, err := bind(t, genericRequired, genericOptional, false)
	if err != nil {
		t.close()
		return nil, err
	}
	s := &GenericSource{t: t, b: b, res: res}
	q, ok, err := s.read()
	if err == nil && !ok {
		err = errAt(t.name(), 0, "", ErrNoRows)
	}
	if err != nil {
		t.close()
		return nil, err
	}
	s.pending, s.held = q, true
	return s, nil
}

// Next returns the next request; ok is false at the end. After an error, Next returns it again.
func (s *GenericSource) Next() (sim.Request, bool, error) {
	if s.held {
		s.held = false
		return s.pending, true, nil
	}
	if s.err != nil || s.done {
		return sim.Request{}, false, s.err
	}
	q, ok, err := s.read()
	s.err, s.done = err, !ok
	return q, ok, err
}

// read parses and checks the next row.
func (s *GenericSource) read() (sim.Request, bool, error) {
	vals, line, err := s.t.next()
	if err == io.EOF {
		return sim.Request{}, false, nil
	}
	if err != nil {
		return sim.Request{}, false, err
	}
	p := rowParser{s: s, vals: vals, line: line}
	q, err := p.request()
	if err != nil {
		return sim.Request{}, false, err
	}
	s.prev = q
	s.rows++
	return q, true, nil
}

// Fork returns an independent source that yields the same remaining requests. It reopens the file
// and seeks to the current position. Sources built from a reader return ErrNotForkable.
func (s *GenericSource) Fork() (sim.Source, error) {
	t, err := s.t.fork()
	if err != nil {
		return nil, err
	}
	c := *s
	c.t = t
	return &c, nil
}

// Close releases the file. It is safe to call more than once.
func (s *GenericSource) Close() error { return s.t.close() }
