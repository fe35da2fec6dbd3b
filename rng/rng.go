package rng

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
)

// domain separates these derivations from any other use of SHA-256 over the same bytes.
const domain = "airansim/rng/v1\x00"

// Words returns the two 64-bit PCG seed words of the stream of component under seed: the first 16
// bytes of SHA-256(domain ‖ seed as 8 big-endian bytes ‖ component). Distinct (seed, component) pairs
// give distinct words unless SHA-256 collides on 128 bits, so streams never coincide the way
// PCG(seed, salt+i) streams do when seed+i repeats. The component is a stable, documented name such as
// "workload/ai/large-ai"; changing it changes every draw of that component.
func Words(seed uint64, component string) (hi, lo uint64) {
	h := sha256.New()
	h.Write([]byte(domain))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(component))
	sum := h.Sum(nil)
	return binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:16])
}

// PCG returns a fresh PCG generator positioned at the start of the stream of component under seed.
// Components that fork (sources, policies) keep the PCG by value and copy it to fork.
func PCG(seed uint64, component string) *rand.PCG {
	return rand.NewPCG(Words(seed, component))
}

// New returns a generator drawing from the stream of component under seed.
func New(seed uint64, component string) *rand.Rand {
	return rand.New(PCG(seed, component))
}

// Sub returns the name of the i-th sub-stream of component ("component/i"), for components that draw
// several independent streams (one per token stream of a source, say).
func Sub(component string, i int) string {
	return component + "/" + strconv.Itoa(i)
}
