// Package python is the tree-sitter grammar of Python that asynclint
// parses with: tree-sitter-python v0.25.0 with the changes README.md
// lists. generate.sh makes parser.c from grammar.js.
package python

// #cgo CFLAGS: -std=c11 -fPIC
// #include "tree_sitter/parser.h"
// const TSLanguage *tree_sitter_python(void);
import "C"

import "unsafe"

// Language returns the grammar's TSLanguage, for ts.NewLanguage.
func Language() unsafe.Pointer { return unsafe.Pointer(C.tree_sitter_python()) }
