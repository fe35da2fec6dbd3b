package traces

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestProfileEncode(t *testing.T) {
	v, r := 0.0123, 6.5
	tests := []struct {
		name string
		p    Profile
		want string // "" for success
	}{
		{"minimal", Profile{SchemaVersion: 1}, ""},
		{"full", Profile{SchemaVersion: 1, Name: "n", Description: "d", LargeAI: &ProfileParams{DecodeTFLOPPerToken: &v, ReloadS: &r},
			SmallAI: &ProfileParams{KVGBPerToken: &v}, RAN: &ProfileRAN{DUReloadS: &v}}, ""},
		{"bad version", Profile{SchemaVersion: 3}, "schema_version is 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tt.p.Encode(&buf)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			q, err := ParseProfile(strings.NewReader(out))
			if err != nil || !reflect.DeepEqual(*q, tt.p) || !strings.HasSuffix(out, "}\n") || strings.Contains(out, "null") {
				t.Errorf("round trip: %v\n%s", err, out)
			}
			var again bytes.Buffer
			q.Encode(&again)
			if again.String() != out {
				t.Error("encoding is not deterministic")
			}
		})
	}
	p := Profile{SchemaVersion: 1}
	if err := p.Encode(failWriter{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
}
