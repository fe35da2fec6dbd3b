// Command optimise serves optimise(intent) (package optimise) to an LLM agent: --tool prints its MCP
// tool description, an intent (JSON, --intent or standard input) is answered with the decision (JSON),
// and --mcp serves the tool over MCP's stdio transport (JSON-RPC 2.0, one message per line:
// initialize, tools/list, tools/call). docs/scoring.md §optimise.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/optimise"
	"github.com/airansim/airansim/scenario"
)

func main() { cli.Main(run) }

type flags struct {
	Tool     bool
	MCP      bool
	Intent   string
	Scenario string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runWith(ctx, args, os.Stdin, stdout, stderr)
}

func runWith(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f flags
	fs := pflag.NewFlagSet("optimise", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&f.Tool, "tool", false, "print the MCP tool description (name, description, inputSchema, outputSchema) and exit")
	fs.BoolVar(&f.MCP, "mcp", false, "serve the tool over MCP's stdio transport: JSON-RPC 2.0 messages, one per line, on standard input and output")
	fs.StringVar(&f.Intent, "intent", "", `the intent as JSON, e.g. '{"objective":"power","cap_w":1400,"services":["llm"]}'; "": read it from standard input`)
	fs.StringVar(&f.Scenario, "scenario", "", "scenario file (docs/scenario.md); \"\": the embedded AITRAS scenario (scenario/aitras.json)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/optimise [flags]\n\noptimise(intent) for an LLM agent (docs/scoring.md): decides an intent by the dynamic-scoring\nmethod on a what-if simulation and prints the ordered plan and the predicted outcome as JSON.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if f.Tool {
		_, err := stdout.Write(append(optimise.Tool(), '\n'))
		return err
	}
	sc := scenario.AITRAS()
	if f.Scenario != "" {
		var err error
		if sc, err = scenario.Load(f.Scenario); err != nil {
			return err
		}
	}
	if f.MCP {
		return serve(ctx, sc, stdin, stdout)
	}
	data := []byte(f.Intent)
	if f.Intent == "" {
		var err error
		if data, err = io.ReadAll(stdin); err != nil {
			return err
		}
	}
	d, err := decide(ctx, sc, data)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// decide parses an intent strictly and decides it.
func decide(ctx context.Context, sc *scenario.Scenario, data []byte) (optimise.Decision, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in optimise.Intent
	if err := dec.Decode(&in); err != nil {
		return optimise.Decision{}, fmt.Errorf("%w: %v", optimise.ErrIntent, err)
	}
	return optimise.Optimise(ctx, sc, in)
}

// rpc is a JSON-RPC 2.0 message.
type rpc struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// serve answers MCP requests read line by line from r on w until r ends: initialize, tools/list
// (the one tool) and tools/call of "optimise" (structuredContent: the decision; a refused intent is a
// result with isError). Notifications get no answer.
func serve(ctx context.Context, sc *scenario.Scenario, r io.Reader, w io.Writer) error {
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(w)
	for in.Scan() {
		var m rpc
		if err := json.Unmarshal(in.Bytes(), &m); err != nil {
			if err := out.Encode(rpc{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{-32700, "parse error"}}); err != nil {
				return err
			}
			continue
		}
		if len(m.ID) == 0 { // a notification
			continue
		}
		ans := rpc{JSONRPC: "2.0", ID: m.ID}
		switch m.Method {
		case "initialize":
			ans.Result = map[string]any{"protocolVersion": "2025-06-18", "capabilities": map[string]any{"tools": map[string]any{}},
				"serverInfo": map[string]any{"name": "airansim-optimise", "version": "1"}}
		case "tools/list":
			ans.Result = map[string]any{"tools": []json.RawMessage{optimise.Tool()}}
		case "tools/call":
			ans.Result, ans.Error = call(ctx, sc, m.Params)
		default:
			ans.Error = &rpcError{-32601, "method not found: " + m.Method}
		}
		if err := out.Encode(ans); err != nil {
			return err
		}
	}
	return in.Err()
}

// call runs tools/call: params {"name": "optimise", "arguments": intent}.
func call(ctx context.Context, sc *scenario.Scenario, params json.RawMessage) (any, *rpcError) {
	var p struct {
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments"`
	}
	if err := json.Unmarshal(params, &p); err != nil || p.Name != "optimise" {
		return nil, &rpcError{-32602, fmt.Sprintf("unknown tool %q (known: optimise)", p.Name)}
	}
	d, err := decide(ctx, sc, p.Arguments)
	if err != nil {
		return map[string]any{"isError": true, "content": []map[string]string{{"type": "text", "text": err.Error()}}}, nil
	}
	text, _ := json.Marshal(d)
	return map[string]any{"structuredContent": d, "content": []map[string]string{{"type": "text", "text": string(text)}}}, nil
}
