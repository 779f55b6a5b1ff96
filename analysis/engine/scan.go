package engine

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/asynclint/asynclint/analysis/source"
)

// asyncMarkers are the words without which a file's code can hold no
// async code and call no async library. Anything matching costs only a
// parse.
var asyncMarkers = [][]byte{
	[]byte("async"), []byte("await"), []byte("aio"), []byte("trio"), []byte("anyio"),
	[]byte("httpx"), []byte("motor"), []byte("coroutine"),
	[]byte("event_loop"), []byte("run_until_complete"), []byte("create_task"),
	[]byte("ensure_future"), []byte("CancelledError"),
	// Exception groups (AL608, AL611) are caught in synchronous code too.
	[]byte("ExceptionGroup"), []byte("except*"), []byte("except *"),
}

// redisWord finds redis as a name: not the start of "redistribute" in the
// licence header of every GPL file.
var redisWord = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])redis(?:[^a-z]|$)`)

// ownCode finds one of asynclint's codes, which a noqa comment may name
// in a file that needs checking for that alone (AL901).
var ownCode = regexp.MustCompile(`\bAL[0-9]`)

// scan is the cheap byte scan that decides which files need a tree: those
// whose code, outside comments and strings, can hold async code, and
// those that are not source Python reads (a NUL byte, invalid UTF-8),
// which the check reports rather than skipping them without a word.
func scan(src []byte) (relevant bool, imports []string) {
	code := source.Code(src)
	for _, m := range asyncMarkers {
		if bytes.Contains(code, m) {
			relevant = true
			break
		}
	}
	if !relevant && bytes.Contains(code, []byte("redis")) {
		relevant = redisWord.Match(code)
	}
	if !relevant && bytes.Contains(src, []byte("noqa")) {
		relevant = ownCode.Match(src)
	}
	if !relevant {
		relevant = bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src)
	}
	return relevant, scanImports(src)
}

// scanImports lists the modules a file imports, as written (relative ones
// keep their dots), reading only lines that start with "import" or "from".
// "from m import a, b" lists m, m.a and m.b, since a and b may be
// submodules.
func scanImports(src []byte) []string {
	var out []string
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if !bytes.HasPrefix(line, []byte("import")) && !bytes.HasPrefix(line, []byte("from")) {
			continue // most lines: no need to split them into words
		}
		words := strings.FieldsFunc(string(line), func(r rune) bool {
			return r == ' ' || r == '\t' || r == ',' || r == '(' || r == ')' || r == '\r'
		})
		switch {
		case len(words) >= 2 && words[0] == "import":
			for _, w := range words[1:] {
				if w == "as" || w == "#" || strings.HasPrefix(w, "#") {
					break
				}
				out = append(out, w)
			}
		case len(words) >= 3 && words[0] == "from" && words[2] == "import":
			base := words[1]
			out = append(out, base)
			for i := 3; i < len(words); i++ {
				w := words[i]
				if w == "*" || strings.HasPrefix(w, "#") {
					break
				}
				if w == "as" {
					i++
					continue
				}
				if strings.HasSuffix(base, ".") {
					out = append(out, base+w)
				} else {
					out = append(out, base+"."+w)
				}
			}
		}
	}
	return out
}
