//go:build linux

// Command runner runs a program for package proctest and reports how it
// ended: its exit status, the signal that ended it, and its peak resident
// memory, on the file descriptor its first argument names.
//
// Linux counts the peak memory of a program from the memory of the process
// that started it: Go starts programs sharing its own memory until they
// exec (vfork). A test process that has grown would inflate every figure;
// this small process starts the program instead.
//
// Usage:
//
//	runner FD PROGRAM [ARG...]
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

func main() {
	fd, err := strconv.Atoi(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "runner: bad report descriptor:", os.Args[1])
		os.Exit(2)
	}
	syscall.CloseOnExec(fd) // the program must not hold the report open
	report := os.NewFile(uintptr(fd), "report")
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err = cmd.Run()
	state := cmd.ProcessState
	if state == nil {
		fmt.Fprintf(report, "error %v\n", err)
		os.Exit(2)
	}
	code, signal := state.ExitCode(), 0
	if ws := state.Sys().(syscall.WaitStatus); ws.Signaled() {
		signal = int(ws.Signal())
	}
	fmt.Fprintf(report, "%d %d %d\n", code, signal, state.SysUsage().(*syscall.Rusage).Maxrss<<10)
}
