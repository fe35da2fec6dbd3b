package calq

import (
	"encoding/binary"
	"testing"
)

// FuzzQueue runs the differential check of TestDifferential on operations read from the input: its
// first byte picks the id range and the time distribution, each following 8 bytes one operation.
func FuzzQueue(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("\x07 pop set rekey remove clone and more operations......................"))
	f.Add(make([]byte, 8*300))
	seed := make([]byte, 8*2000)
	for i := range seed {
		seed[i] = byte(i*131 + i>>3)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		head, rest := data[0], data[1:]
		next := func() (uint64, bool) {
			if len(rest) == 0 {
				return 0, false
			}
			var b [8]byte
			n := copy(b[:], rest)
			rest = rest[n:]
			return binary.LittleEndian.Uint64(b[:]), true
		}
		ids := []int32{2, 8, 40, 300}[head&3]
		d := &driver{tb: t, q: &Queue{}, ref: &refHeap{}, ids: ids, dist: dist(head >> 2 % 3),
			target: int(ids) * int(head>>4) / 15, next: next}
		for d.run(1 << 20) {
		}
		d.drain()
	})
}
