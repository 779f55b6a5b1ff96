package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/analysistest"
)

func TestLegacyCoroutine(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL501", legacyCoroutine)
}

func TestGetEventLoopInCoroutine(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL502", getEventLoopInCoroutine)
}

func TestLoopRunInCoroutine(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL503", loopRunInCoroutine)
}

func TestManualEventLoop(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL504", manualEventLoop)
}

func TestRemovedLoopArgument(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL505", removedLoopArgument)
}

func TestPreferTimeoutContext(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL506", preferTimeoutContext)
}
