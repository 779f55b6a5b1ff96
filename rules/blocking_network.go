package rules

import "github.com/asynclint/asynclint/analysis"

var blockingNetwork = blockingRule(&analysis.Rule{
	Code:    "AL206",
	Name:    "blocking-network",
	Summary: "blocking socket, TLS, DNS, SMTP or FTP calls in a coroutine",
	FixKind: analysis.FixUnsafe,
})
