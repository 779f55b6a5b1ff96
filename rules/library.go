package rules

import "github.com/asynclint/asynclint/analysis/semantic"

// asyncLibrary returns the async library a file is written for: trio or
// anyio when it imports one of them and not asyncio, else asyncio.
func asyncLibrary(f *semantic.File) string {
	switch {
	case f.Imports("asyncio"):
		return "asyncio"
	case f.Imports("trio"):
		return "trio"
	case f.Imports("anyio"):
		return "anyio"
	}
	return "asyncio"
}
