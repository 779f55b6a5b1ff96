package config

// A Catalog lists the rules that selectors may name: their codes, and for
// each code those of other tools that flag the same thing, which select,
// ignore and per-file-ignores accept too ("ASYNC251" for AL201).
type Catalog struct {
	Codes  []string
	SameAs map[string][]string
}
