package lint

import (
	"bytes"
	"os"
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/analysis/cache"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/report"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// A file is one file of a run and what is known of it so far.
type file struct {
	path          string
	index         int // in run.files
	module        string
	pkg           bool
	size, modTime int64
	perm          os.FileMode
	src           []byte // nil until read (an unchanged file may never be)
	hash          string
	entry         *cache.Entry // the previous run's, when the file is unchanged
	skip          bool         // unreadable or too large: only its note is reported
	// relevant is set when the byte scan finds async code or an async
	// library; imports are the modules the scan saw imported.
	relevant bool
	imports  []string
	// wanted is set when the file's findings are needed: it is relevant or
	// imports a module of the project that defines coroutines.
	wanted   bool
	summary  *project.Summary
	tree     *syntax.Tree // kept from summarizing, for checking
	findings []report.Finding
	fixes    int
	diff     string
}

// asyncMarkers are the words without which a file can hold no async code
// and call no async library. Anything matching costs only a parse.
var asyncMarkers = [][]byte{
	[]byte("async"), []byte("await"), []byte("aio"), []byte("trio"), []byte("anyio"),
	[]byte("httpx"), []byte("motor"), []byte("redis"), []byte("coroutine"),
	[]byte("event_loop"), []byte("run_until_complete"), []byte("create_task"),
	[]byte("ensure_future"), []byte("CancelledError"),
}

// scan is the cheap byte scan that decides which files need a tree.
func scan(src []byte) (relevant bool, imports []string) {
	for _, m := range asyncMarkers {
		if bytes.Contains(src, m) {
			relevant = true
			break
		}
	}
	return relevant, scanImports(src)
}

var importLine = regexp.MustCompile(`(?m)^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([\w., \t]*)|import[ \t]+([\w., \t]+))`)

// scanImports lists the modules a file imports, as written (relative ones
// keep their dots). "from m import a, b" lists m, m.a and m.b, since a and
// b may be submodules.
func scanImports(src []byte) []string {
	var out []string
	for _, m := range importLine.FindAllSubmatch(src, -1) {
		if len(m[1]) > 0 {
			base := string(m[1])
			out = append(out, base)
			for _, name := range strings.Split(string(m[2]), ",") {
				if name = firstWord(name); name != "" && name != "*" {
					if strings.HasSuffix(base, ".") {
						out = append(out, base+name)
					} else {
						out = append(out, base+"."+name)
					}
				}
			}
			continue
		}
		for _, name := range strings.Split(string(m[3]), ",") {
			if name = firstWord(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
