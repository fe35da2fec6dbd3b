package sim

// checkResize rejects every Resize until node changes are implemented.
func (s *Sim) checkResize(a Resize) error {
	return rejectf(KindResize, ReasonValue, "resize of node %d: not supported yet", a.Node)
}

func (s *Sim) doResize(Resize) {}
