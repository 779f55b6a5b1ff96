//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package source

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openFlags keep opening from waiting for a FIFO's writer, and from making
// a terminal the process's controlling terminal.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

// lock takes an exclusive lock on file, or fails with ErrChanged when
// another holds it: that one is about to rewrite the file. A file system
// without locks goes unlocked.
func lock(file *os.File) error {
	err := syscall.Flock(int(file.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrChanged
	}
	return nil
}

func links(info fs.FileInfo) uint64 {
	return uint64(info.Sys().(*syscall.Stat_t).Nlink)
}

// chown gives file the owner and group of info.
func chown(file *os.File, info fs.FileInfo) error {
	st := info.Sys().(*syscall.Stat_t)
	return file.Chown(int(st.Uid), int(st.Gid))
}
