package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	tests := []struct {
		name string
		old  string // existing content; "" means no file
		data string
	}{
		{"new file", "", "hello\n"},
		{"replace", "old content that is longer", "new"},
		{"empty", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.txt")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFileAtomic(path, []byte(tt.data)); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.data {
				t.Errorf("content = %q, want %q", got, tt.data)
			}
			assertOnlyFiles(t, dir, "f.txt")
		})
	}
}

func TestWriteFileAtomicMissingDir(t *testing.T) {
	dir := t.TempDir()
	err := WriteFileAtomic(filepath.Join(dir, "no", "f.txt"), []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "output: ") {
		t.Fatalf("err = %v, want output: error", err)
	}
}

func TestAtomicFileAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	os.WriteFile(path, []byte("keep"), 0o644)
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("partial"))
	// Before Commit the final name still holds the old content.
	if got, _ := os.ReadFile(path); string(got) != "keep" {
		t.Errorf("before commit: %q, want %q", got, "keep")
	}
	if err := a.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Errorf("Commit after Abort = %v, want nil", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "keep" {
		t.Errorf("after abort: %q, want %q", got, "keep")
	}
	assertOnlyFiles(t, dir, "f.txt")
}

func TestWriteJSON(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.json")
	v := map[string]any{"b": 1.5, "a": []int{1, 2}}
	if err := WriteJSON(path, v); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": 1.5\n}\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := WriteJSON(path, func() {}); err == nil {
		t.Error("WriteJSON(func) = nil, want error")
	}
	assertOnlyFiles(t, dir, "v.json")
}

// assertOnlyFiles fails unless dir holds exactly the named files.
func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("dir holds %v, want %v", got, names)
	}
}
