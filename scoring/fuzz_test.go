package scoring

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzDecodeAnswer: any answer decodes to results or a malformed-kind error, never a panic.
func FuzzDecodeAnswer(f *testing.F) {
	for _, s := range []string{`{"results":[{"metric":{"node":"a"},"score":1}]}`, `{"results":null}`, `{"results":[{}]}`, `[]`, `{"results":[{"score":1e400}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := decodeAnswer(b)
		if err != nil && kindOf(err) != KindMalformed {
			t.Fatalf("error of kind %s: %v", kindOf(err), err)
		}
		if err == nil && res == nil {
			t.Fatal("nil results without an error")
		}
	})
}

// FuzzHandler: every built-in scorer behind the handler answers any body with 200, 400 or 500,
// never a panic, and a 200 answer decodes.
func FuzzHandler(f *testing.F) {
	f.Add(`{"data":[{"metric":{"__name__":"power_w","node":"n0"},"values":[[0,"1"],[5,"NaN"],[5,"+Inf"]]}]}`)
	f.Add(`{"data":[{"metric":{"__name__":"gpu_utilisation"},"values":[[1e308,"-1e308"]]},{"metric":null,"values":null}]}`)
	f.Add(`{"data":null}`)
	var hs []http.Handler
	for _, n := range BuiltinNames() {
		sc, err := NewBuiltin(n)
		if err != nil {
			f.Fatal(err)
		}
		hs = append(hs, NewHandler(sc))
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, h := range hs {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, DefaultScoringPath, strings.NewReader(body)))
			switch w.Code {
			case http.StatusOK:
				if _, err := decodeAnswer(w.Body.Bytes()); err != nil {
					t.Fatalf("200 answer does not decode: %v: %s", err, w.Body.String())
				}
			case http.StatusBadRequest, http.StatusInternalServerError:
			default:
				t.Fatalf("status %d", w.Code)
			}
		}
	})
}
