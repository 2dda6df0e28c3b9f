#include "store/WalBatchVfs.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sqlite3.h>

namespace ow {

namespace {

constexpr int kWalHeaderSize = 32;
constexpr int kFrameHeaderSize = 24;
constexpr int kGatherCapacity = 512 << 10; // a decision writes about 170 KiB
constexpr int kWritePiece = 64 << 10;

sqlite3_vfs* g_parent = nullptr;
sqlite3_vfs g_vfs;

// A write-ahead log file: the real file follows this header in the same
// allocation (szOsFile is ours plus the parent's).
struct WalFile
{
    sqlite3_file base;   // our methods
    sqlite3_file* real;  // the parent layer's file
    char* gathered;      // frames not yet written
    sqlite3_int64 start; // their offset in the file
    int length;          // bytes gathered
    int pageSize;        // from the log's header; 0 while unknown (then nothing is gathered)
    bool commitPending;  // a commit frame's header is gathered; its page ends the transaction
};

WalFile* walOf(sqlite3_file* f)
{
    return reinterpret_cast<WalFile*>(f);
}

std::uint32_t bigEndian32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

// Writes what is gathered, in pieces of at most kWritePiece (the system
// layer writes at most 128 KiB at once: SQLite itself never writes more
// than a page). On failure what is gathered is dropped: the transaction
// that wrote it fails with this error and SQLite writes its frames again,
// or rolls back.
int flush(WalFile* w)
{
    int rc = SQLITE_OK;
    for (int done = 0; done < w->length && rc == SQLITE_OK; done += kWritePiece) {
        const int piece = std::min(kWritePiece, w->length - done);
        rc = w->real->pMethods->xWrite(w->real, w->gathered + done, piece, w->start + done);
    }
    w->length = 0;
    w->commitPending = false;
    return rc;
}

int walClose(sqlite3_file* f)
{
    WalFile* w = walOf(f);
    const int flushed = flush(w);
    const int rc = w->real->pMethods->xClose(w->real);
    sqlite3_free(w->gathered);
    w->gathered = nullptr;
    return flushed != SQLITE_OK ? flushed : rc;
}

int walRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    const int rc = w->real->pMethods->xRead(w->real, buffer, amount, offset);
    // An existing log: its header says the page size.
    if (rc == SQLITE_OK && offset == 0 && amount >= kWalHeaderSize && w->pageSize == 0)
        w->pageSize = int(bigEndian32(static_cast<const unsigned char*>(buffer) + 8));
    return rc;
}

bool isFrameHeader(const WalFile* w, int amount, sqlite3_int64 offset)
{
    return w->pageSize > 0 && amount == kFrameHeaderSize && offset >= kWalHeaderSize &&
           (offset - kWalHeaderSize) % (w->pageSize + kFrameHeaderSize) == 0;
}

int walWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset)
{
    WalFile* w = walOf(f);
    const auto* bytes = static_cast<const unsigned char*>(data);
    if (offset == 0 && amount >= kWalHeaderSize) {
        // The log starts (again): its header, with the page size.
        if (const int rc = flush(w); rc != SQLITE_OK)
            return rc;
        const std::uint32_t size = bigEndian32(bytes + 8);
        w->pageSize = (size >= 512 && size <= 65536 && (size & (size - 1)) == 0) ? int(size) : 0;
    }
    if (w->pageSize == 0 || w->gathered == nullptr || amount > kGatherCapacity) {
        if (const int rc = flush(w); rc != SQLITE_OK)
            return rc;
        return w->real->pMethods->xWrite(w->real, data, amount, offset);
    }
    // Bytes join what is gathered only right after it: every other write
    // first writes what is gathered, so the file sees the writes in order.
    if (w->length == 0 || offset != w->start + w->length || w->length + amount > kGatherCapacity) {
        if (const int rc = flush(w); rc != SQLITE_OK)
            return rc;
        w->start = offset;
    }
    std::memcpy(w->gathered + w->length, data, size_t(amount));
    w->length += amount;
    if (isFrameHeader(w, amount, offset)) {
        // A commit frame's header has the database's size in pages; every
        // other frame's has 0.
        w->commitPending = bigEndian32(bytes + 4) != 0;
        return SQLITE_OK;
    }
    // The write after a commit frame's header (its page) ends the
    // transaction: everything goes to the file now, and a failure is the
    // commit's, before any reader may see its frames.
    return w->commitPending ? flush(w) : SQLITE_OK;
}

int walTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xTruncate(w->real, size);
}

int walSync(sqlite3_file* f, int flags)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xSync(w->real, flags);
}

int walFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xFileSize(w->real, size);
}

int walLock(sqlite3_file* f, int lock)
{
    return walOf(f)->real->pMethods->xLock(walOf(f)->real, lock);
}

int walUnlock(sqlite3_file* f, int lock)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xUnlock(w->real, lock);
}

int walCheckReservedLock(sqlite3_file* f, int* out)
{
    return walOf(f)->real->pMethods->xCheckReservedLock(walOf(f)->real, out);
}

int walFileControl(sqlite3_file* f, int op, void* arg)
{
    WalFile* w = walOf(f);
    if (op == SQLITE_FCNTL_VFSNAME) {
        const int rc = w->real->pMethods->xFileControl(w->real, op, arg);
        if (rc == SQLITE_OK && arg) {
            char** name = static_cast<char**>(arg);
            char* ours = sqlite3_mprintf("%s/%z", g_vfs.zName, *name);
            *name = ours;
        }
        return rc;
    }
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xFileControl(w->real, op, arg);
}

int walSectorSize(sqlite3_file* f)
{
    return walOf(f)->real->pMethods->xSectorSize(walOf(f)->real);
}

int walDeviceCharacteristics(sqlite3_file* f)
{
    return walOf(f)->real->pMethods->xDeviceCharacteristics(walOf(f)->real);
}

int walShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out)
{
    return walOf(f)->real->pMethods->xShmMap(walOf(f)->real, page, size, extend, out);
}

int walShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return walOf(f)->real->pMethods->xShmLock(walOf(f)->real, offset, n, flags);
}

void walShmBarrier(sqlite3_file* f)
{
    walOf(f)->real->pMethods->xShmBarrier(walOf(f)->real);
}

int walShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return walOf(f)->real->pMethods->xShmUnmap(walOf(f)->real, deleteFlag);
}

int walFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    WalFile* w = walOf(f);
    if (const int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return w->real->pMethods->xFetch(w->real, offset, amount, out);
}

int walUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page)
{
    return walOf(f)->real->pMethods->xUnfetch(walOf(f)->real, offset, page);
}

const sqlite3_io_methods kWalMethods = {
    3,
    walClose,
    walRead,
    walWrite,
    walTruncate,
    walSync,
    walFileSize,
    walLock,
    walUnlock,
    walCheckReservedLock,
    walFileControl,
    walSectorSize,
    walDeviceCharacteristics,
    walShmMap,
    walShmLock,
    walShmBarrier,
    walShmUnmap,
    walFetch,
    walUnfetch,
};

int vfsOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    if (!(flags & SQLITE_OPEN_WAL)) {
        // Every other file is the parent's own, in place: no layer between.
        return g_parent->xOpen(g_parent, name, file, flags, outFlags);
    }
    WalFile* w = walOf(file);
    std::memset(w, 0, sizeof(WalFile));
    w->real = reinterpret_cast<sqlite3_file*>(w + 1);
    const int rc = g_parent->xOpen(g_parent, name, w->real, flags, outFlags);
    if (rc != SQLITE_OK || w->real->pMethods == nullptr) {
        // The parent may have set methods to close a half-opened file.
        if (w->real->pMethods)
            w->real->pMethods->xClose(w->real);
        file->pMethods = nullptr;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    if (w->real->pMethods->iVersion < 3) {
        // Nothing this layer can stand in front of: the parent's file, as it is.
        w->real->pMethods->xClose(w->real);
        return g_parent->xOpen(g_parent, name, file, flags, outFlags);
    }
    // Without memory to gather in, frames are written one by one.
    w->gathered = static_cast<char*>(sqlite3_malloc(kGatherCapacity));
    file->pMethods = &kWalMethods;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    return g_parent->xDelete(g_parent, name, syncDir);
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    return g_parent->xAccess(g_parent, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    return g_parent->xFullPathname(g_parent, name, size, out);
}

void* vfsDlOpen(sqlite3_vfs*, const char* name)
{
    return g_parent->xDlOpen(g_parent, name);
}

void vfsDlError(sqlite3_vfs*, int size, char* out)
{
    g_parent->xDlError(g_parent, size, out);
}

void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void)
{
    return g_parent->xDlSym(g_parent, handle, symbol);
}

void vfsDlClose(sqlite3_vfs*, void* handle)
{
    g_parent->xDlClose(g_parent, handle);
}

int vfsRandomness(sqlite3_vfs*, int size, char* out)
{
    return g_parent->xRandomness(g_parent, size, out);
}

int vfsSleep(sqlite3_vfs*, int micros)
{
    return g_parent->xSleep(g_parent, micros);
}

int vfsCurrentTime(sqlite3_vfs*, double* out)
{
    return g_parent->xCurrentTime(g_parent, out);
}

int vfsGetLastError(sqlite3_vfs*, int size, char* out)
{
    return g_parent->xGetLastError ? g_parent->xGetLastError(g_parent, size, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return g_parent->xCurrentTimeInt64(g_parent, out);
}

int vfsSetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call)
{
    return g_parent->xSetSystemCall(g_parent, name, call);
}

sqlite3_syscall_ptr vfsGetSystemCall(sqlite3_vfs*, const char* name)
{
    return g_parent->xGetSystemCall(g_parent, name);
}

const char* vfsNextSystemCall(sqlite3_vfs*, const char* name)
{
    return g_parent->xNextSystemCall(g_parent, name);
}

const char* registerVfs()
{
    if (sqlite3_initialize() != SQLITE_OK)
        return nullptr;
    sqlite3_vfs* parent = sqlite3_vfs_find(nullptr);
    if (parent == nullptr || parent->iVersion < 3)
        return nullptr;
    g_parent = parent;
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 3;
    // Our file holds the parent's after its own header, aligned as the
    // parent's file is.
    g_vfs.szOsFile = int(sizeof(WalFile)) + parent->szOsFile;
    g_vfs.mxPathname = parent->mxPathname;
    g_vfs.zName = "onewindow-wal";
    g_vfs.xOpen = vfsOpen;
    g_vfs.xDelete = vfsDelete;
    g_vfs.xAccess = vfsAccess;
    g_vfs.xFullPathname = vfsFullPathname;
    g_vfs.xDlOpen = parent->xDlOpen ? vfsDlOpen : nullptr;
    g_vfs.xDlError = parent->xDlError ? vfsDlError : nullptr;
    g_vfs.xDlSym = parent->xDlSym ? vfsDlSym : nullptr;
    g_vfs.xDlClose = parent->xDlClose ? vfsDlClose : nullptr;
    g_vfs.xRandomness = vfsRandomness;
    g_vfs.xSleep = vfsSleep;
    g_vfs.xCurrentTime = vfsCurrentTime;
    g_vfs.xGetLastError = vfsGetLastError;
    g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    g_vfs.xSetSystemCall = vfsSetSystemCall;
    g_vfs.xGetSystemCall = vfsGetSystemCall;
    g_vfs.xNextSystemCall = vfsNextSystemCall;
    if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK)
        return nullptr;
    return g_vfs.zName;
}

} // namespace

const char* walBatchVfsName()
{
    static const char* const name = registerVfs();
    return name;
}

} // namespace ow
