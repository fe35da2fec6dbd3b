package placement

// NodesOf returns the node candidates (Candidate.Cluster set) that belong to one of the named
// clusters, in their input order: the candidate set of a second, node-level round after a
// cluster-level round selected clusters. Cluster candidates (empty Cluster) are never returned.
func NodesOf(clusters []string, nodes []Candidate) []Candidate {
	in := make(map[string]bool, len(clusters))
	for _, c := range clusters {
		in[c] = true
	}
	var out []Candidate
	for _, n := range nodes {
		if n.Cluster != "" && in[n.Cluster] {
			out = append(out, n)
		}
	}
	return out
}
