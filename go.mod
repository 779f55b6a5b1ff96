module github.com/asynclint/asynclint

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/tree-sitter/go-tree-sitter v0.25.0
	go.lsp.dev/jsonrpc2 v1.0.1
	go.lsp.dev/protocol v1.0.1
	go.lsp.dev/uri v1.0.1
	go.uber.org/zap v1.28.0
	go.uber.org/zap/exp v0.3.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260623181947-01eb4420fa68 // indirect
	github.com/mattn/go-pointer v0.0.1 // indirect
	github.com/tree-sitter/tree-sitter-python v0.25.0 // indirect
	go.uber.org/multierr v1.11.0 // indirect
)
