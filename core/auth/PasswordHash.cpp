#include "auth/PasswordHash.h"

#include <QByteArray>
#include <QCoreApplication>
#include <sodium.h>

namespace ow::PasswordHash {

namespace {

bool ready()
{
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}

// The password's UTF-8 bytes, wiped when this goes away.
struct Secret
{
    explicit Secret(const QString& password) : bytes(password.toUtf8()) {}
    ~Secret() { sodium_memzero(bytes.data(), size_t(bytes.size())); }
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    QByteArray bytes;
};

} // namespace

Result<QString> hash(const QString& password)
{
    if (!ready())
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PasswordHash",
                                                 "The password library could not start."),
                     {}};
    Secret secret(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, secret.bytes.constData(), static_cast<unsigned long long>(secret.bytes.size()),
            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
            crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PasswordHash",
                                                 "Not enough memory to protect the password."),
                     {}};
    return QString::fromLatin1(out);
}

bool verify(const QString& stored, const QString& password)
{
    if (!ready() || !stored.startsWith(QLatin1String("$argon2id$")))
        return false;
    const QByteArray str = stored.toLatin1();
    if (str.size() >= crypto_pwhash_STRBYTES)
        return false;
    Secret secret(password);
    return crypto_pwhash_str_verify(str.constData(), secret.bytes.constData(),
                                    static_cast<unsigned long long>(secret.bytes.size())) == 0;
}

bool needsRehash(const QString& stored)
{
    if (!ready())
        return false;
    const QByteArray str = stored.toLatin1();
    return crypto_pwhash_str_needs_rehash(str.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

} // namespace ow::PasswordHash
