package names

import "testing"

type kind uint8

func TestOfAndParse(t *testing.T) {
	table := []string{"a", "", "c"}
	for _, tc := range []struct {
		v    kind
		name string
	}{{0, "a"}, {1, Unknown}, {2, "c"}, {3, Unknown}, {255, Unknown}} {
		if got := Of(table, tc.v); got != tc.name {
			t.Errorf("Of(%d) = %q, want %q", tc.v, got, tc.name)
		}
	}
	for _, tc := range []struct {
		s  string
		v  kind
		ok bool
	}{{"a", 0, true}, {"c", 2, true}, {"", 0, false}, {"b", 0, false}, {"unknown", 0, false}} {
		if v, ok := Parse[kind](table, tc.s); v != tc.v || ok != tc.ok {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tc.s, v, ok, tc.v, tc.ok)
		}
	}
	if got := Of([]string{"x"}, -1); got != Unknown {
		t.Errorf("Of(-1) = %q", got)
	}
}
