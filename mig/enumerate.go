package mig

// Layouts returns every valid layout of the model made of its profiles without media extensions (a
// "+me" profile has its base profile's capacities), the empty layout first, each sorted by start, in
// a fixed order: the candidate GPU configurations a scorer or a placement policy may compare.
func (m Model) Layouts() []Layout {
	var out []Layout
	var cur Layout
	count := map[string]int{}
	var walk func(slice, compute int)
	walk = func(slice, compute int) {
		if slice >= MemorySlices {
			out = append(out, append(Layout(nil), cur...))
			return
		}
		walk(slice+1, compute) // slice left free
		for _, p := range m.Profiles {
			if p.MediaExtensions || !p.CanStart(slice) || slice+p.Memory > MemorySlices ||
				count[p.Name] >= p.MaxCount || compute+p.Compute > ComputeSlices {
				continue
			}
			cur = append(cur, Placement{Profile: p.Name, Start: slice})
			count[p.Name]++
			walk(slice+p.Memory, compute+p.Compute)
			count[p.Name]--
			cur = cur[:len(cur)-1]
		}
	}
	walk(0, 0)
	return out
}
