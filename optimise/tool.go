package optimise

import (
	"bytes"
	_ "embed"
)

//go:embed tool.json
var toolJSON []byte

// Tool returns the MCP tool description of Optimise (an entry of a tools/list answer: name, title,
// description, inputSchema and outputSchema, JSON Schema of Intent and Decision).
func Tool() []byte { return bytes.Clone(toolJSON) }
