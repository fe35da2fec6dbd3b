package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/airansim/airansim/optimise"
)

// TestIntent: an intent on the command line is answered with a feasible decision; a bad one is an
// ErrIntent; --tool prints the tool description.
func TestIntent(t *testing.T) {
	var out bytes.Buffer
	err := runWith(context.Background(), []string{"--intent", `{"objective":"power","cap_w":1400,"services":["llm"],"requests":2000}`}, nil, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var d optimise.Decision
	if err := json.Unmarshal(out.Bytes(), &d); err != nil || !d.Feasible || d.Mode != "power-cap" || len(d.Plan) == 0 {
		t.Fatalf("decision %+v, %v", d, err)
	}
	err = runWith(context.Background(), []string{}, strings.NewReader(`{"objective":"fast"}`), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "objective") {
		t.Errorf("bad intent: %v", err)
	}
	out.Reset()
	if err := runWith(context.Background(), []string{"--tool"}, nil, &out, io.Discard); err != nil || !json.Valid(out.Bytes()) {
		t.Errorf("--tool: %v", err)
	}
}

// TestMCP: over the stdio transport, initialize, tools/list and tools/call answer in order with the
// request ids; a refused intent is a tool result with isError; an unknown method is a JSON-RPC error.
func TestMCP(t *testing.T) {
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"optimise","arguments":{"objective":"performance","services":["llm"],"requests":2000}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"optimise","arguments":{"objective":"power"}}}`,
		`{"jsonrpc":"2.0","id":5,"method":"nope"}`,
	}, "\n")
	var out bytes.Buffer
	if err := runWith(context.Background(), []string{"--mcp"}, strings.NewReader(in), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d answers:\n%s", len(lines), out.String())
	}
	var ans []map[string]json.RawMessage
	for _, l := range lines {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		ans = append(ans, m)
	}
	for i, want := range []string{"1", "2", "3", "4", "5"} {
		if string(ans[i]["id"]) != want {
			t.Errorf("answer %d has id %s", i, ans[i]["id"])
		}
	}
	if !strings.Contains(string(ans[1]["result"]), `"name":"optimise"`) || !strings.Contains(string(ans[1]["result"]), "inputSchema") {
		t.Errorf("tools/list: %s", ans[1]["result"])
	}
	var res struct {
		StructuredContent optimise.Decision `json:"structuredContent"`
		IsError           bool              `json:"isError"`
	}
	json.Unmarshal(ans[2]["result"], &res)
	if res.IsError || !res.StructuredContent.Feasible || res.StructuredContent.Layouts["h100-0"] != "4g.40gb@0,3g.40gb@4" {
		t.Errorf("tools/call performance: %s", ans[2]["result"])
	}
	res.IsError = false
	json.Unmarshal(ans[3]["result"], &res)
	if !res.IsError {
		t.Errorf("tools/call power without cap: %s", ans[3]["result"])
	}
	if !strings.Contains(string(ans[4]["error"]), "-32601") {
		t.Errorf("unknown method: %s", lines[4])
	}
}
