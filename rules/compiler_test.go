package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/analysistest"
)

func TestAwaitOutsideAsync(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL101", awaitOutsideAsync)
}

func TestYieldFromInAsync(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL102", yieldFromInAsync)
}

func TestReturnInAsyncGenerator(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL103", returnInAsyncGenerator)
}
