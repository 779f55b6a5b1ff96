package rules

import (
	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// Whether a function's signature, or its being async, is its own to
// choose: AL613 and AL617 leave alone the functions whose decorators or
// class decide.

// signatureKeepers are the decorators that keep a function's signature
// the caller sees; any other may supply or consume the parameter, and
// typing.override means the signature is not this function's to choose.
var signatureKeepers = map[string]bool{
	"builtins.staticmethod": true, "builtins.classmethod": true, "abc.abstractmethod": true,
}

// keepsSignature reports whether every decorator of def keeps its
// signature.
func keepsSignature(p *analysis.Pass, def syntax.NodeID) bool {
	for _, d := range p.File.Decorators(def) {
		if !signatureKeepers[d] {
			return false
		}
	}
	return true
}

// isMethod reports whether def is defined directly in a class body.
func isMethod(f *semantic.File, def syntax.NodeID) bool {
	return f.Scopes[f.ScopeOf(def)].Kind == semantic.ClassScope
}
