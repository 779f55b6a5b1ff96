// Package rules holds asynclint's rules, one file per rule, each with its
// page in docs/ and its annotated tests in testdata/. Suite lists them.
package rules

import (
	"embed"

	"github.com/asynclint/asynclint/analysis"
)

// all lists every rule asynclint ships.
var all = []*analysis.Rule{
	awaitOutsideAsync, yieldFromInAsync, returnInAsyncGenerator,
	blockingSleep, blockingHTTP, blockingSubprocess, blockingFileIO, blockingInput,
	blockingPathMetadata, blockingNetwork, blockingDatabase, blockingWait, blockingConfigured, blockingViaCall,
	unawaitedCoroutine, coroutineNeverAwaited, coroutineInCondition, missingAsyncWith,
	missingAsyncFor, coroutineAttribute, syncContextManagerInAsyncWith, syncIterableInAsyncFor,
	danglingTask, swallowedCancellation, coroutinePassedToWait, busyWait,
	legacyCoroutine, getEventLoopInCoroutine, loopRunInCoroutine, manualEventLoop,
	removedLoopArgument, preferTimeoutContext,
	timeoutWithoutAwait, yieldInCancelScope, unshieldedAwaitInCleanup, yieldInAsyncGeneratorContext,
	contextManagerClosesBeforeTask, startSoonInAenter, earlyExitInTaskGroup, constantAbsoluteDeadline,
	startableNeverStarted, uselessTaskGroup,
	exceptionGroupContextLost, exceptStarAttribute, loopWithoutCheckpoint, timeoutParameter,
	sleepZero, longSleep, asyncWithoutAwait, exitWithoutCheckpoint, cancellationConverted,
	unusedNoqa,
}

// Suite returns asynclint's rules and the summary of each module they
// read across modules.
func Suite() *analysis.Suite {
	s, err := analysis.NewSuite(Summarizer, all...)
	if err != nil {
		panic("rules: " + err.Error()) // a test catches it first
	}
	return s
}

//go:embed docs/*.md
var docs embed.FS

// newRule returns r with its page from docs/CODE.md.
func newRule(r *analysis.Rule) *analysis.Rule {
	page, err := docs.ReadFile("docs/" + r.Code + ".md")
	if err != nil {
		panic("rules: no page for " + r.Code) // a test catches it first
	}
	r.Doc = string(page)
	return r
}
