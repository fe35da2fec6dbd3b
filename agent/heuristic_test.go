package agent

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestHeuristic(t *testing.T) {
	tests := []struct {
		name    string
		backlog float64 // LLM backlog on gpu-0 (100 TFLOP/s), TFLOP; the interval is 2 s
		want    []string
	}{
		{"idle cluster: no migration", 10, []string{NoOpID}},
		// Moving either instance to the empty twin leaves the larger one's load as the bottleneck, so
		// both relieve the node by the vision model's share; the cheaper reconfiguration ranks first.
		{"overloaded node: equal relief, cheaper move first", 400, []string{"m2", "m1"}},
		{"just below the target load: no migration", 160, []string{NoOpID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := testQuery(1, tc.backlog)
			r, err := NewHeuristic(HeuristicOptions{}).Shortlist(context.Background(), q)
			if err != nil || Validate(r.Shortlist, q) != nil {
				t.Fatal(err, Validate(r.Shortlist, q))
			}
			if !reflect.DeepEqual(r.Shortlist, tc.want) {
				t.Fatalf("shortlist %v, want %v", r.Shortlist, tc.want)
			}
		})
	}
}

func TestRandomIsSeededAndValid(t *testing.T) {
	q := testQuery(1, 50)
	a, b := NewRandom(9), NewRandom(9)
	for i := 0; i < 20; i++ {
		x, _ := a.Shortlist(context.Background(), q)
		y, _ := b.Shortlist(context.Background(), q)
		if !reflect.DeepEqual(x.Shortlist, y.Shortlist) || Validate(x.Shortlist, q) != nil {
			t.Fatalf("call %d: %v vs %v", i, x.Shortlist, y.Shortlist)
		}
	}
}

func TestValidate(t *testing.T) {
	q := testQuery(1, 0)
	tests := []struct {
		list []string
		want Reason
	}{
		{[]string{"m1", "m0"}, ""},
		{nil, Empty},
		{[]string{"m0", "m1", "m2"}, TooMany},
		{[]string{"m9"}, UnknownID},
		{[]string{"m1", "m1"}, DuplicateID},
	}
	for _, tc := range tests {
		err := Validate(tc.list, q)
		if (tc.want == "") != (err == nil) || (err != nil && ReasonOf(err) != tc.want) {
			t.Errorf("Validate(%v) = %v, want reason %q", tc.list, err, tc.want)
		}
	}
}

func TestSchemaAdmitsOnlyCandidates(t *testing.T) {
	q := testQuery(1, 0)
	var s struct {
		Properties struct {
			Shortlist struct {
				Items    struct{ Enum []string }
				MinItems int  `json:"minItems"`
				MaxItems int  `json:"maxItems"`
				Unique   bool `json:"uniqueItems"`
			} `json:"shortlist"`
		} `json:"properties"`
		Required []string
	}
	if err := json.Unmarshal(Schema(q), &s); err != nil {
		t.Fatal(err)
	}
	sl := s.Properties.Shortlist
	if !reflect.DeepEqual(sl.Items.Enum, []string{"m0", "m1", "m2"}) || sl.MinItems != 1 || sl.MaxItems != q.K || !sl.Unique ||
		!reflect.DeepEqual(s.Required, []string{"shortlist"}) {
		t.Fatalf("schema %s", Schema(q))
	}
}

// TestPromptNotes: a query's notes go into the user prompt just before the reply instruction; without
// notes the prompt has no trace of them.
func TestPromptNotes(t *testing.T) {
	q := testQuery(1, 10)
	_, plain := Prompt(q)
	q.Notes = "Scores:\na | b\n"
	_, user := Prompt(q)
	if want := "\nScores:\na | b\n\nReply with JSON"; !strings.Contains(user, want) || strings.Contains(plain, "Scores:") {
		t.Errorf("notes not placed before the reply line:\n%s", user)
	}
	if strings.Replace(user, "\nScores:\na | b\n", "", 1) != plain {
		t.Error("notes changed more than their own lines")
	}
}
