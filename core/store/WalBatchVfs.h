#pragma once

namespace ow {

// The store's SQLite file system layer: the system's own ("unix"), except
// that the frames a transaction appends to the write-ahead log reach the
// file in one write instead of two system calls per page.
//
// SQLite writes each WAL frame as its 24-byte header and then its page.
// A decision touches some forty pages, so a commit made some eighty
// pwrite() calls before its one flush; here the frames of a transaction
// are gathered in memory and written together when the commit frame's
// page is written (or earlier, when 1 MiB has gathered). Anything else
// done with the log (a read, a flush, a size, a truncation, a close) first
// writes what is gathered. A failed write is reported by the commit
// frame's write, so the transaction fails before its frames become
// visible to any reader, exactly as a failed write of its own would have.
// The bytes on disk, and the files' format, are SQLite's own: other
// programs (the sqlite3 shell, another counter process) read and write
// the same store with the plain layer.
//
// Returns the name to give as the `vfs` parameter of the store's URI, or
// nullptr when it could not be registered (then the store opens with
// SQLite's default layer). Registered once per process.
const char* walBatchVfsName();

} // namespace ow
