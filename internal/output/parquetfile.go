package output

import (
	"fmt"

	"github.com/parquet-go/parquet-go"
)

// ParquetFile streams rows of type T (a struct with parquet tags) to one Snappy-compressed parquet
// file, written under a temporary name and published only by Close. It holds at most one batch
// and one row group in memory. It is not safe for concurrent use.
type ParquetFile[T any] struct {
	f     *AtomicFile
	w     *parquet.GenericWriter[T]
	batch []T
	err   error
	done  bool
}

// CreateParquet starts writing path; its folder must exist. The caller must call Close or Abort.
func CreateParquet[T any](path string) (*ParquetFile[T], error) {
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	return &ParquetFile[T]{f: f, batch: make([]T, 0, parquetBatch),
		w: parquet.NewGenericWriter[T](f, parquet.CreatedBy("airansim", "", ""), parquet.Compression(&parquet.Snappy),
			parquet.MaxRowsPerRowGroup(parquetRowGroup))}, nil
}

// Write appends r. After an error every later Write returns it and Close discards the file.
func (p *ParquetFile[T]) Write(r T) error {
	if p.done {
		return errClosed
	}
	if p.err == nil {
		p.batch = append(p.batch, r)
		if len(p.batch) == cap(p.batch) {
			p.err = p.flush()
		}
	}
	return p.err
}

func (p *ParquetFile[T]) flush() error {
	if len(p.batch) == 0 {
		return nil
	}
	_, err := p.w.Write(p.batch)
	p.batch = p.batch[:0]
	if err != nil {
		return fmt.Errorf("output: writing %s: %w", p.f.Name(), err)
	}
	return nil
}

// Close writes the remaining rows and publishes the file; on any error it discards it instead and
// returns the error.
func (p *ParquetFile[T]) Close() error {
	if p.done {
		return errClosed
	}
	if p.err == nil {
		p.err = p.flush()
	}
	if p.err == nil {
		if err := p.w.Close(); err != nil {
			p.err = fmt.Errorf("output: writing %s: %w", p.f.Name(), err)
		}
	}
	if p.err != nil {
		p.Abort()
		return p.err
	}
	p.done = true
	return p.f.Commit()
}

// Abort discards the file; a no-op after Close or Abort.
func (p *ParquetFile[T]) Abort() {
	if !p.done {
		p.done = true
		p.f.Abort()
	}
}
