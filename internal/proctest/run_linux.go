package proctest

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Limits bound a run.
type Limits struct {
	Time   time.Duration // the run is killed, and the test failed, past it
	Memory int64         // bytes of peak resident memory; the test fails past it
}

// Default are the limits of a run on a small input. Such a run takes a
// few hundredths of a second and a few tens of megabytes: the limits are
// generous, so that only a hang or a runaway allocation fails on a loaded
// machine.
var Default = Limits{Time: 15 * time.Second, Memory: 128 << 20}

// A Result is how a run ended.
type Result struct {
	Code    int            // the exit status; -1 when a signal ended the run
	Signal  syscall.Signal // the signal that ended the run, if one did
	Elapsed time.Duration
	PeakRSS int64 // bytes
}

var (
	runnerOnce sync.Once
	runner     string
	runnerErr  error
)

// Command returns the command that runs name with args through the
// runner (see proctest/runner), for Start: set its directory, environment,
// standard files and credentials as for any command.
func Command(t testing.TB, name string, args ...string) *exec.Cmd {
	t.Helper()
	runnerOnce.Do(func() { runner, runnerErr = Build("github.com/asynclint/asynclint/internal/proctest/runner", "runner") })
	if runnerErr != nil {
		t.Fatal(runnerErr)
	}
	return exec.Command(runner, append([]string{name}, args...)...)
}

// A Process is a program started by Start.
type Process struct {
	t        testing.TB
	cmd      *exec.Cmd
	lim      Limits
	report   *os.File
	start    time.Time
	timer    *time.Timer
	timedOut chan struct{}
}

// Start starts cmd, made by Command, and kills it, with anything it
// started, once lim.Time has passed. The caller must call Wait.
func Start(t testing.TB, cmd *exec.Cmd, lim Limits) *Process {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd.ExtraFiles = append(cmd.ExtraFiles, w)
	fd := strconv.Itoa(2 + len(cmd.ExtraFiles))
	cmd.Args = append([]string{cmd.Args[0], fd}, cmd.Args[1:]...)
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true // a group of its own, killed together
	if err := cmd.Start(); err != nil {
		r.Close()
		t.Fatalf("starting %s: %v", cmd.Args[2], err)
	}
	p := &Process{t: t, cmd: cmd, lim: lim, report: r, start: time.Now(), timedOut: make(chan struct{})}
	p.timer = time.AfterFunc(lim.Time, func() {
		close(p.timedOut)
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	})
	return p
}

// Wait waits for the program to end, and fails the test if it ran past
// the time limit or its peak resident memory exceeded the memory limit.
func (p *Process) Wait() Result {
	p.t.Helper()
	p.cmd.Wait()
	p.timer.Stop()
	elapsed := time.Since(p.start)
	var res Result
	_, err := fmt.Fscan(p.report, &res.Code, &res.Signal, &res.PeakRSS)
	p.report.Close()
	res.Elapsed = elapsed
	select {
	case <-p.timedOut:
		p.t.Fatalf("%s did not end within %v: killed", p.cmd.Args[2], p.lim.Time)
	default:
	}
	if err != nil {
		p.t.Fatalf("%s: no report from the runner: %v", p.cmd.Args[2], err)
	}
	if res.Signal != 0 {
		res.Code = -1
	}
	p.t.Logf("%s: %.2f s, peak RSS %.1f MB", p.t.Name(), res.Elapsed.Seconds(), float64(res.PeakRSS)/(1<<20))
	if res.PeakRSS > p.lim.Memory {
		p.t.Errorf("peak RSS %.1f MB, more than the %.0f MB allowed", float64(res.PeakRSS)/(1<<20), float64(p.lim.Memory)/(1<<20))
	}
	return res
}

// Run runs cmd, made by Command, within lim: Start, then Wait.
func Run(t testing.TB, cmd *exec.Cmd, lim Limits) Result {
	t.Helper()
	return Start(t, cmd, lim).Wait()
}
