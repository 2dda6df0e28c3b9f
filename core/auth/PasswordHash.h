#pragma once

#include "store/Result.h"

#include <QString>

namespace ow {

// Argon2id password strings through libsodium (crypto_pwhash_str_alg with
// the interactive limits): salted, self-describing ("$argon2id$v=19$m=...").
namespace PasswordHash {

// The Argon2id string of `password`; an error only when memory runs out.
Result<QString> hash(const QString& password);
// Whether `password` matches `stored` (constant time in libsodium).
bool verify(const QString& stored, const QString& password);
// The stored string was made with weaker limits than this build uses.
bool needsRehash(const QString& stored);

} // namespace PasswordHash

} // namespace ow
