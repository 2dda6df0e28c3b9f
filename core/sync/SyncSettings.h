#pragma once

#include "store/Result.h"

#include <QString>

namespace ow {

// Why the settings alone keep this counter from its centre.
struct SyncSetupProblem
{
    enum class Kind {
        None,
        NoAddress,            // no central address is set
        BadAddress,           // the address cannot be read
        CredentialMissing,    // no credential file
        CredentialExposed,    // others may read it: not used
        CredentialUnreadable, // it cannot be read
    };
    Kind kind = Kind::None;
    QString file;   // the credential file
    QString detail; // the error in full
    bool ok() const { return kind == Kind::None; }
};

// Where this counter's centre is and who it is there, kept in the data
// folder: sync.ini (address without password, site code, TLS settings) and
// central.credential (the site's password, readable by its owner only).
struct SyncSettings
{
    QString centralUrl; // postgresql://ow_site_x@host:5432/db (no password)
    QString siteCode;
    QString sslMode;     // disable, require, verify-ca, verify-full ("" = the URL's or libpq's)
    QString sslRootCert; // the CA file for verify-ca / verify-full
    QString counterName;
    int intervalSeconds = 30;
    // Days an operation the centre answered is kept, to be sent again if
    // the centre is restored, when the centre confirms no backup of it.
    int keepDays = 30;
    // The most the page upload may use of the line, in KB a second (0: no cap).
    int pageKbps = 0;

    static QString settingsFile(const QString& dataDir);
    static QString credentialFile(const QString& dataDir);

    // The settings, empty ones when the file does not exist.
    static Result<SyncSettings> load(const QString& dataDir);
    Status save(const QString& dataDir) const;

    // Writes the password, creating the file with mode 0600.
    static Status saveCredential(const QString& dataDir, const QString& password);
    // Reads the password; refuses a file others can read.
    static Result<QString> loadCredential(const QString& dataDir);

    // The address to connect to: the URL with the stored password and the
    // TLS settings. An error names what is missing.
    Result<QString> connectionUrl(const QString& dataDir) const;
    // What keeps connectionUrl() from giving an address, if anything.
    SyncSetupProblem setupProblem(const QString& dataDir) const;
};

} // namespace ow
