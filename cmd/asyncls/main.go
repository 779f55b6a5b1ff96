// Command asyncls is asynclint's language server. It speaks the Language
// Server Protocol on standard input and output, and logs to standard error
// or to the file given by --log-file.
//
// Usage:
//
//	asyncls [--log-file PATH] [--log-level debug|info|warn|error]
//
// Each document is checked with the configuration found upward from its
// directory (pyproject.toml or asynclint.toml, as asynclint check does),
// with the editor's settings on top, in the project of its workspace
// folder: the server indexes each folder in the background, and keeps the
// index up to date as files are saved or change on disk. The settings are the "asynclint"
// section of workspace/configuration, or of initializationOptions (given
// either as the section or as {"asynclint": section}):
//
//	select, extendSelect, ignore  lists of rule codes or prefixes; an empty
//	                              list leaves the configuration file's
//	targetVersion                 "py38" to "py314"
//	allowTopLevelAwait            true or false
//	fixAll                        offer source.fixAll.asynclint (default true)
//	debounceMs                    wait after an edit before checking it (0: at once;
//	                              edits that arrive during a check are coalesced)
//	ruleDocsURL                   where rule pages are; the code is appended
//	                              (https://asynclint.dev/rules/)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/asynclint/asynclint/lsp"
	"github.com/asynclint/asynclint/rules"
	"github.com/asynclint/asynclint/version"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asyncls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("log-file", "", "write the log to this file (appending) instead of standard error")
	var level zapcore.Level
	fs.TextVar(&level, "log-level", zapcore.InfoLevel, "least severe level logged: debug, info, warn or error")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Bool("stdio", true, "speak LSP on standard input and output (the only transport; accepted for clients that pass it)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "asyncls", version.Version)
		return 0
	}
	logw := zapcore.AddSync(stderr)
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "asyncls: %v\n", err)
			return 2
		}
		defer f.Close()
		logw = f
	}
	log := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.Lock(logw), level))
	defer log.Sync()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return lsp.New(log, rules.Suite()).Serve(ctx, stdio{stdin, stdout})
}

// stdio is the connection to the client: standard input and output.
type stdio struct {
	io.Reader
	io.Writer
}

func (s stdio) Close() error {
	var errs []error
	for _, c := range []any{s.Reader, s.Writer} {
		if c, ok := c.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}
