package rules

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/analysistest"
)

func TestBlockingSleep(t *testing.T) {
	analysistest.Run(t, "../testdata/rules/AL201", blockingSleep)
}
