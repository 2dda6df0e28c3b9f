#include "catalogue/CatalogueRepository.h"

#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueNames.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace ow {

namespace {

// QtSql binds a null QString as SQL NULL; the catalogue columns hold ''.
QVariant notNull(const QVariant& v)
{
    if (v.typeId() == QMetaType::QString && v.toString().isNull())
        return QVariant(QStringLiteral(""));
    return v;
}

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::CatalogueRepository", s);
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject objectOf(const QString& doc)
{
    return QJsonDocument::fromJson(doc.toUtf8()).object();
}

Error damaged(const QString& code, const Error& e)
{
    Error out = Error::storage(
        QCoreApplication::translate("ow::CatalogueRepository",
                                    "The stored catalogue entry %1 cannot be read: %2")
            .arg(code, e.message));
    out.problems = e.problems;
    return out;
}

// The stored version and document of a code in `table`, if any.
struct Stored
{
    bool exists = false;
    int version = 0;
    QString doc;
};

} // namespace

CatalogueRepository::CatalogueRepository(Database& db, const Clock& clock)
    : m_db(db), m_clock(clock)
{
}

Result<ImportReport>
CatalogueRepository::import(const Catalogue& incoming,
                            const std::function<Status(const ImportReport&)>& beforeCommit)
{
    // A catalogue is written over much of the file: not into a damaged one.
    if (Status s = m_db.checkIntegrity(); !s)
        return s.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto report = importWithin(incoming);
    if (!report)
        return report.error();
    if (beforeCommit)
        if (Status s = beforeCommit(*report); !s)
            return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<ImportReport> CatalogueRepository::importWithin(const Catalogue& incoming)
{
    const QString now = m_clock.now().toUTC().toString(Qt::ISODate);
    ImportReport report;

    QSqlQuery find = m_db.query();
    QSqlQuery other = m_db.query();
    QSqlQuery maxVersion = m_db.query();
    QSqlQuery addVersion = m_db.query();
    maxVersion.prepare(QStringLiteral("SELECT max(version) FROM item_version WHERE code = ?"));
    addVersion.prepare(QStringLiteral("INSERT INTO item_version (code, version, kind, doc, "
                                      "imported_at) VALUES (?, ?, ?, ?, ?)"));

    // Looks `code` up in `table`; an error when it is taken in `otherTable`.
    auto lookup = [&](const QString& table, const QString& otherTable,
                      const QString& code) -> Result<Stored> {
        find.prepare(QStringLiteral("SELECT version, doc FROM %1 WHERE code = ?").arg(table));
        find.addBindValue(code);
        if (Status s = m_db.run(find); !s)
            return s.error();
        Stored st;
        if (find.next()) {
            st = {true, find.value(0).toInt(), find.value(1).toString()};
        } else {
            other.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE code = ?").arg(otherTable));
            other.addBindValue(code);
            if (Status s = m_db.run(other); !s)
                return s.error();
            if (other.next())
                return Error::conflict(
                    tr("The code %1 is already used by another kind of catalogue entry.")
                        .arg(code));
        }
        find.finish();
        return st;
    };
    // The version to store for a changed entry: the incoming one when it is
    // higher than every version kept, the next one otherwise.
    auto nextVersion = [&](const QString& code, int wanted) -> Result<int> {
        maxVersion.addBindValue(code);
        if (Status s = m_db.run(maxVersion); !s)
            return s.error();
        const int kept = maxVersion.next() ? maxVersion.value(0).toInt() : 0;
        maxVersion.finish();
        return wanted > kept ? wanted : kept + 1;
    };
    auto recordVersion = [&](const QString& code, int version, const char* kind,
                             const QString& doc) -> Status {
        addVersion.addBindValue(code);
        addVersion.addBindValue(version);
        addVersion.addBindValue(QString::fromLatin1(kind));
        addVersion.addBindValue(doc);
        addVersion.addBindValue(now);
        return m_db.run(addVersion);
    };

    QSqlQuery insertItem = m_db.query();
    insertItem.prepare(QStringLiteral(
        "INSERT INTO item (code, name, short_name, keywords, category, department, item_type, "
        "handling, levels, universal, active, version, doc, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
        "short_name = excluded.short_name, keywords = excluded.keywords, category = "
        "excluded.category, department = excluded.department, item_type = excluded.item_type, "
        "handling = excluded.handling, levels = excluded.levels, universal = excluded.universal, "
        "active = excluded.active, version = excluded.version, doc = excluded.doc, updated_at = "
        "excluded.updated_at"));
    for (Item item : incoming.items) {
        auto stored = lookup(QStringLiteral("item"), QStringLiteral("joint_item"), item.code);
        if (!stored)
            return stored.error();
        if (stored->exists) {
            Item same = item;
            same.version = stored->version;
            if (compact(CatalogueJson::toJson(same)) == stored->doc)
                continue;
            auto v = nextVersion(item.code, item.version);
            if (!v)
                return v.error();
            item.version = *v;
            ++report.itemsUpdated;
        } else {
            auto v = nextVersion(item.code, item.version);
            if (!v)
                return v.error();
            item.version = *v;
            ++report.itemsAdded;
        }
        const QString doc = compact(CatalogueJson::toJson(item));
        for (const QVariant& value :
             {QVariant(item.code), QVariant(item.name), QVariant(item.shortName),
              QVariant(item.keywords.join(QLatin1Char(' '))), QVariant(item.category),
              QVariant(item.department), QVariant(item.itemType),
              QVariant(CatalogueNames::text(item.handling)), QVariant(item.levels),
              QVariant(item.universal ? 1 : 0), QVariant(item.active ? 1 : 0),
              QVariant(item.version), QVariant(doc), QVariant(now)})
            insertItem.addBindValue(notNull(value));
        if (Status s = m_db.run(insertItem); !s)
            return s.error();
        if (Status s = recordVersion(item.code, item.version, "item", doc); !s)
            return s.error();
    }

    QSqlQuery insertJoint = m_db.query();
    insertJoint.prepare(QStringLiteral(
        "INSERT INTO joint_item (code, name, short_name, keywords, category, active, version, doc, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = "
        "excluded.name, short_name = excluded.short_name, keywords = excluded.keywords, category "
        "= excluded.category, active = excluded.active, version = excluded.version, doc = "
        "excluded.doc, updated_at = excluded.updated_at"));
    for (JointItem joint : incoming.jointItems) {
        auto stored = lookup(QStringLiteral("joint_item"), QStringLiteral("item"), joint.code);
        if (!stored)
            return stored.error();
        if (stored->exists) {
            JointItem same = joint;
            same.version = stored->version;
            if (compact(CatalogueJson::toJson(same)) == stored->doc)
                continue;
        }
        auto v = nextVersion(joint.code, joint.version);
        if (!v)
            return v.error();
        joint.version = *v;
        ++report.jointItems;
        const QString doc = compact(CatalogueJson::toJson(joint));
        for (const QVariant& value :
             {QVariant(joint.code), QVariant(joint.name), QVariant(joint.shortName),
              QVariant(joint.keywords.join(QLatin1Char(' '))), QVariant(joint.category),
              QVariant(joint.active ? 1 : 0), QVariant(joint.version), QVariant(doc),
              QVariant(now)})
            insertJoint.addBindValue(notNull(value));
        if (Status s = m_db.run(insertJoint); !s)
            return s.error();
        if (Status s = recordVersion(joint.code, joint.version, "joint", doc); !s)
            return s.error();
    }

    QSqlQuery insertRule = m_db.query();
    insertRule.prepare(QStringLiteral(
        "INSERT INTO related_rule (when_item, condition, suggest, reason) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (when_item, suggest) DO UPDATE SET condition = excluded.condition, reason = "
        "excluded.reason WHERE condition <> excluded.condition OR reason <> excluded.reason"));
    for (const RelatedRule& rule : incoming.rules) {
        insertRule.addBindValue(notNull(rule.whenItem));
        insertRule.addBindValue(notNull(rule.condition));
        insertRule.addBindValue(notNull(rule.suggest));
        insertRule.addBindValue(notNull(rule.reason));
        if (Status s = m_db.run(insertRule); !s)
            return s.error();
        if (insertRule.numRowsAffected() > 0)
            ++report.rules;
    }

    return report;
}

Result<Catalogue> CatalogueRepository::loadAll() const
{
    Catalogue c;
    auto count = itemCount();
    if (!count)
        return count.error();
    c.items.reserve(*count);
    Status s = readAll(
        [&](Item&& item) -> Status {
            c.items.append(std::move(item));
            return {};
        },
        [&](JointItem&& joint) -> Status {
            c.jointItems.append(std::move(joint));
            return {};
        },
        [&](RelatedRule&& rule) -> Status {
            c.rules.append(std::move(rule));
            return {};
        });
    if (!s)
        return s.error();
    return c;
}

Status CatalogueRepository::readAll(const std::function<Status(Item&&)>& onItem,
                                    const std::function<Status(JointItem&&)>& onJointItem,
                                    const std::function<Status(RelatedRule&&)>& onRule) const
{
    QSqlQuery q = m_db.query();
    q.setForwardOnly(true); // read once, in order: no row cache
    q.prepare(QStringLiteral("SELECT code, doc FROM item ORDER BY rowid"));
    if (Status s = m_db.run(q); !s)
        return s;
    while (q.next()) {
        auto item = CatalogueJson::itemFromJson(objectOf(q.value(1).toString()));
        if (!item)
            return damaged(q.value(0).toString(), item.error());
        if (Status s = onItem(std::move(item.value())); !s)
            return s;
    }
    q.prepare(QStringLiteral("SELECT code, doc FROM joint_item ORDER BY rowid"));
    if (Status s = m_db.run(q); !s)
        return s;
    while (q.next()) {
        auto joint = CatalogueJson::jointItemFromJson(objectOf(q.value(1).toString()));
        if (!joint)
            return damaged(q.value(0).toString(), joint.error());
        if (Status s = onJointItem(std::move(joint.value())); !s)
            return s;
    }
    q.prepare(QStringLiteral(
        "SELECT when_item, condition, suggest, reason FROM related_rule ORDER BY id"));
    if (Status s = m_db.run(q); !s)
        return s;
    while (q.next())
        if (Status s = onRule({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                               q.value(3).toString()});
            !s)
            return s;
    return {};
}

Result<Item> CatalogueRepository::item(const QString& code) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT doc FROM item WHERE code = ?"));
    q.addBindValue(code);
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return Error::notFound(tr("There is no item %1 in the catalogue.").arg(code));
    auto item = CatalogueJson::itemFromJson(objectOf(q.value(0).toString()));
    if (!item)
        return damaged(code, item.error());
    return item;
}

Result<JointItem> CatalogueRepository::jointItem(const QString& code) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT doc FROM joint_item WHERE code = ?"));
    q.addBindValue(code);
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return Error::notFound(tr("There is no joint item %1 in the catalogue.").arg(code));
    auto joint = CatalogueJson::jointItemFromJson(objectOf(q.value(0).toString()));
    if (!joint)
        return damaged(code, joint.error());
    return joint;
}

Result<Item> CatalogueRepository::itemVersion(const QString& code, int version) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT doc FROM item_version WHERE code = ? AND version = ? AND kind = 'item'"));
    q.addBindValue(code);
    q.addBindValue(version);
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return Error::notFound(
            tr("Version %1 of the item %2 is not in this store.").arg(version).arg(code));
    auto item = CatalogueJson::itemFromJson(objectOf(q.value(0).toString()));
    if (!item)
        return damaged(code, item.error());
    return item;
}

Result<QList<int>> CatalogueRepository::itemVersions(const QString& code) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT version FROM item_version WHERE code = ? ORDER BY version"));
    q.addBindValue(code);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<int> out;
    while (q.next())
        out << q.value(0).toInt();
    return out;
}

Result<CatalogueValidator::Known> CatalogueRepository::knownCodes() const
{
    CatalogueValidator::Known known;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT code, 0 FROM item UNION ALL SELECT code, 1 FROM joint_item"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    while (q.next())
        (q.value(1).toInt() ? known.jointItems : known.items).insert(q.value(0).toString());
    return known;
}

Result<int> CatalogueRepository::itemCount() const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT count(*) FROM item"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() ? q.value(0).toInt() : 0;
}

Result<bool> CatalogueRepository::hasItems() const
{
    // Not count(*): a province's catalogue would be walked through to say so.
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT EXISTS(SELECT 1 FROM item)"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() && q.value(0).toBool();
}

Result<QHash<QString, int>> CatalogueRepository::usage() const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT code, uses FROM item_usage"));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QHash<QString, int> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

Result<int> CatalogueRepository::recordUse(const QString& code)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO item_usage (code, uses) VALUES (?, 1) ON CONFLICT "
                             "(code) DO UPDATE SET uses = uses + 1"));
    q.addBindValue(code);
    if (Status s = m_db.run(q); !s)
        return s.error();
    q.prepare(QStringLiteral("SELECT uses FROM item_usage WHERE code = ?"));
    q.addBindValue(code);
    if (Status s = m_db.run(q); !s)
        return s.error();
    const int uses = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    if (Status s = tx.commit(); !s)
        return s.error();
    return uses;
}

} // namespace ow
