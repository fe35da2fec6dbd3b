package traces

import "github.com/airansim/airansim/sim"

// The package's sources (AISource, RANSource, Merge, Limit) are sim.SourceFillers: a sim.Request is
// about 140 bytes, and returned by value it is copied at every level of a chain like
// Limit(Merge(AISource, AISource, RANSource)), which showed in the engine's profile. Merge and Limit
// use NextInto when their input has it, so a request is built once in Merge's head slot and copied
// once more, into the engine. Next of each is NextInto into a zero Request, so both yield the same
// requests.

// asFiller returns src as a sim.SourceFiller, or nil if it is not one.
func asFiller(src sim.Source) sim.SourceFiller {
	f, _ := src.(sim.SourceFiller)
	return f
}
