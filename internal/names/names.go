package names

// Unknown is the name of a value outside its table (or with an empty entry).
const Unknown = "unknown"

// Of returns table[v], or Unknown when v is outside table or its entry is empty.
func Of[T ~uint8 | ~int](table []string, v T) string {
	if int(v) >= 0 && int(v) < len(table) && table[v] != "" {
		return table[v]
	}
	return Unknown
}

// Parse returns the value whose non-empty entry in table is s, and whether there is one.
func Parse[T ~uint8 | ~int](table []string, s string) (T, bool) {
	for i, n := range table {
		if n != "" && n == s {
			return T(i), true
		}
	}
	return 0, false
}
