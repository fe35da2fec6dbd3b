package traces

import "github.com/airansim/airansim/sim"

// filler is a sim.Source of this package that can also write its next request in place. A
// sim.Request is about 140 bytes; returned by value it is copied at every level of a chain like
// Limit(Merge(AISource, AISource, RANSource)), which showed in the engine's profile. Merge and Limit
// use nextInto when their input has it, so a request is built once in Merge's head slot and copied
// once more to the caller.
//
// nextInto either writes the whole next request into *r and returns true with a nil error, or
// returns false (at the end, nil error; or with an error) leaving *r unspecified, where Next would
// return the zero Request. Next of every filler is nextInto into a zero Request, so both yield the
// same requests.
type filler interface {
	sim.Source
	nextInto(r *sim.Request) (bool, error)
}

// asFiller returns src as a filler, or nil if it is not one.
func asFiller(src sim.Source) filler {
	f, _ := src.(filler)
	return f
}
