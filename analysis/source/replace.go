package source

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

var (
	// ErrChanged reports a file that no longer holds what was read from it:
	// writing would lose what another program, or person, wrote meanwhile.
	ErrChanged = errors.New("file changed since it was read")
	// ErrReadOnly reports a file that its permissions keep from being written.
	ErrReadOnly = errors.New("read-only file")

	errStream = errors.New("not read from a file")
	// errInPlace reports a new file that could not stand in for the old
	// one: the directory refuses it, or it cannot get the old one's owner.
	errInPlace = errors.New("cannot replace the file by a new one")
)

// Replace writes data, the new bytes of the file (see Encode), over the
// file that f was read from, as a careful editor saves:
//
//   - It refuses with ErrChanged a file that no longer holds what was
//     read (content, size, modification time, or the file at the path), so
//     that nobody's change made during the run is lost. Replace locks the
//     file: of two Replace calls on one file, from one process or two, the
//     second sees ErrChanged, at once if the first holds the lock.
//   - It refuses with ErrReadOnly a file that the process may not write,
//     and one without any write permission, which root could write.
//   - It writes through symbolic links: a link stays a link to the file
//     rewritten.
//   - It writes a new file beside the target, with its mode and owner, and
//     renames it over the target: an interrupted run leaves the old file or
//     the new one, never a mix (at worst a hidden .NAME.asynclint-* file
//     beside them). Where a new file would break something, it writes in
//     place instead: for a file with hard links, one whose owner or group
//     the process cannot give (another user's), or one in a directory it
//     may not write. A write in place that fails (disk full) is undone; one
//     interrupted can leave a mix.
//
// Locks bind only Replace calls. The file is compared last, right before
// the rename or the write in place: a program that writes it between the
// two, a few system calls apart, loses its change.
//
// A File read from a stream cannot be replaced; one that was replaced
// stands for the old content, and replacing it again gives ErrChanged.
func (f *File) Replace(data []byte) error {
	if f.stamp == nil {
		return errStream
	}
	if err := f.replace(data); err != nil {
		return &fs.PathError{Op: "replace", Path: f.Path, Err: bare(err)}
	}
	return nil
}

func (f *File) replace(data []byte) error {
	target, err := filepath.EvalSymlinks(f.Path)
	if err != nil {
		return removed(err)
	}
	cur, err := os.OpenFile(target, os.O_RDWR|openFlags, 0)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return ErrReadOnly
	}
	if err != nil {
		return removed(err)
	}
	defer cur.Close() // and unlocks
	if err := lock(cur); err != nil {
		return err
	}
	info, err := cur.Stat()
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o222 == 0 {
		return ErrReadOnly
	}
	if links(info) == 1 {
		if err := f.renameOver(target, cur, info, data); !errors.Is(err, errInPlace) {
			return err
		}
	}
	old, err := f.unchanged(cur, target)
	if err != nil {
		return err
	}
	return rewrite(cur, old, data)
}

// renameOver writes data to a new file beside target, then renames it over
// target if cur, the file at target, is unchanged.
func (f *File) renameOver(target string, cur *os.File, info fs.FileInfo, data []byte) error {
	base := filepath.Base(target)
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+base[:min(len(base), 100)]+".asynclint-*")
	if errors.Is(err, fs.ErrPermission) {
		return errInPlace
	}
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp.Name())
		}
	}()
	err = fill(tmp, data, info)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return err
	}
	if _, err := f.unchanged(cur, target); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	renamed = true
	return nil
}

// fill writes data to tmp, gives it the owner and mode of info, the file it
// is to replace, and flushes it to disk, so that the rename never puts an
// empty file in its place after a crash.
func fill(tmp *os.File, data []byte, info fs.FileInfo) error {
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if chown(tmp, info) != nil {
		return errInPlace
	}
	// After chown, which clears the set-user-ID and set-group-ID bits.
	if err := tmp.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	return tmp.Sync()
}

// rewrite writes data over old, the content of file. When the write fails
// (disk full), it puts old back, for which the file had room.
func rewrite(file *os.File, old, data []byte) error {
	if _, err := file.WriteAt(data, 0); err != nil {
		file.WriteAt(old, 0)
		file.Truncate(int64(len(old)))
		return err
	}
	if err := file.Truncate(int64(len(data))); err != nil {
		return err
	}
	return file.Sync()
}

// unchanged checks that cur is still the file at target and holds what was
// read, and returns what it holds.
func (f *File) unchanged(cur *os.File, target string) ([]byte, error) {
	info, err := cur.Stat()
	if err != nil {
		return nil, err
	}
	now, err := os.Stat(target)
	if err != nil || !os.SameFile(info, now) || !info.Mode().IsRegular() ||
		info.Size() != f.stamp.size || !info.ModTime().Equal(f.stamp.modTime) {
		return nil, ErrChanged
	}
	content := make([]byte, info.Size())
	if _, err := cur.ReadAt(content, 0); err != nil && err != io.EOF {
		return nil, err
	}
	if sha256.Sum256(content) != f.stamp.sum {
		return nil, ErrChanged
	}
	return content, nil
}

// removed reports a file removed since it was read as changed.
func removed(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return ErrChanged
	}
	return err
}

// bare returns the system's error inside err, which names a temporary file
// or the resolved path rather than the file that Replace reports.
func bare(err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		return pathErr.Err
	case errors.As(err, &linkErr):
		return linkErr.Err
	}
	return err
}
