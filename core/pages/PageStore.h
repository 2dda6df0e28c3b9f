#pragma once

#include "pages/PageImage.h"
#include "store/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QString>

namespace ow {

class Database;

// The folder of page files, content-addressed: pages/ab/abcdef….jpg, named
// by the SHA-256 of their bytes. Files only: which pages a case has is in
// the store (MaterialPages). A file is written to a temporary name, flushed
// to the disk, renamed to its hash and the folder flushed too, so once put()
// returns the page survives a power cut; only then may a row name it.
class PageStore
{
    Q_DECLARE_TR_FUNCTIONS(ow::PageStore)

public:
    explicit PageStore(QString folder);
    // The pages folder beside a store: <data folder>/pages.
    static QString folderBeside(const Database& db);

    const QString& folder() const { return m_folder; }
    QString pathOf(const QString& sha256, PageFormat format) const;
    bool has(const QString& sha256, PageFormat format) const;

    // Writes the page durably under its hash; a page present already is
    // left as it is. A failure (a full disk, a folder this account may not
    // write) names the file and what failed, and leaves no file behind.
    Status put(const EncodedPage& page) const;

    // The bytes of a page, checked against its hash.
    Result<QByteArray> read(const QString& sha256, PageFormat format) const;

    // Removes the page files whose hash is not in `kept`, and temporary
    // files older than `tempGraceSecs` (a write under way in another
    // process is younger). Returns how many files went.
    int removeExcept(const QSet<QString>& kept, qint64 tempGraceSecs = 3600) const;
    // Removes one page's file (its last row went).
    void remove(const QString& sha256, PageFormat format) const;

private:
    QString m_folder;
};

} // namespace ow
