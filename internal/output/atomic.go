package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// filePerm is the permission of committed files, before the umask.
const filePerm = 0o644

// AtomicFile is a file that becomes visible under its final name only when
// Commit succeeds. Until then its bytes go to a temporary file in the same
// directory, named ".<base>.tmp-<random>", so a reader never observes a
// partially written file and an interrupted writer leaves the final name
// untouched.
//
// An AtomicFile is not safe for concurrent use.
type AtomicFile struct {
	f    *os.File
	path string
	done bool
}

// CreateAtomic starts writing the file at path. The directory of path must
// exist. The caller must call Commit to publish the file or Abort to discard
// it.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &AtomicFile{f: f, path: path}, nil
}

// Write writes p to the temporary file. It implements io.Writer.
func (a *AtomicFile) Write(p []byte) (int, error) {
	return a.f.Write(p)
}

// Name returns the final path of the file.
func (a *AtomicFile) Name() string { return a.path }

// Commit flushes the temporary file to stable storage (fsync), closes it and
// renames it to the final path, replacing any file there. If any step fails
// the temporary file is removed and the final path is left as it was.
// Calling Commit or Abort again after Commit is a no-op returning nil.
func (a *AtomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	tmp := a.f.Name()
	err := a.f.Chmod(filePerm)
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, a.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: writing %s: %w", a.path, err)
	}
	syncDir(filepath.Dir(a.path))
	return nil
}

// Abort closes and removes the temporary file, leaving the final path as it
// was. Calling Abort or Commit again after Abort is a no-op returning nil.
func (a *AtomicFile) Abort() error {
	if a.done {
		return nil
	}
	a.done = true
	err := errors.Join(a.f.Close(), os.Remove(a.f.Name()))
	if err != nil {
		return fmt.Errorf("output: aborting %s: %w", a.path, err)
	}
	return nil
}

// syncDir makes a rename in dir durable where the platform supports it.
// Errors are ignored: the rename itself has already succeeded.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// WriteFileAtomic writes data to path so that readers see either the old
// content of path or all of data, never a mix or a truncated file: it writes
// a temporary file in the same directory, fsyncs it and renames it over path.
// The directory of path must exist. The file mode is 0644 before the umask.
func WriteFileAtomic(path string, data []byte) error {
	a, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := a.Write(data); err != nil {
		a.Abort()
		return fmt.Errorf("output: writing %s: %w", path, err)
	}
	return a.Commit()
}
