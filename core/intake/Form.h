#pragma once

#include "applicants/Applicant.h"
#include "catalogue/Item.h"
#include "store/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QVariant>
#include <optional>

namespace ow {

// The one application form of an intake: the fields of every chosen item
// merged by key (a shared key is asked once), the values typed at the
// window, prefilled from the applicant and agent where a field says so.
class Form
{
public:
    static Form merge(const QList<Item>& items);
    // Merges again for another set of items, keeping the values of fields still there.
    void remerge(const QList<Item>& items);

    const QList<FormField>& fields() const { return m_fields; }
    const FormField* field(const QString& key) const;
    // The items asking for a field.
    QStringList itemsAsking(const QString& key) const;

    QString value(const QString& key) const { return m_values.value(key); }
    const QMap<QString, QString>& values() const { return m_values; }
    // Fails (Invalid, where "form.<key>") for a key no chosen item asks.
    Status setValue(const QString& key, const QString& value);
    void clearValue(const QString& key) { m_values.remove(key); }

    // Fills each field that names a `prefill` source (applicant.name,
    // applicant.idNumber, applicant.phone, applicant.address,
    // applicant.creditCode, applicant.legalRepresentative, agent.name,
    // agent.idNumber) when it is empty or still holds what the last prefill
    // put there: a corrected applicant reaches every field not edited by
    // hand, and a field edited by hand is kept. Returns the keys changed.
    QStringList prefill(const Applicant& applicant, const std::optional<Agent>& agent);
    // A prefilled field whose value the clerk changed by hand (kept by prefill).
    bool editedByHand(const QString& key) const;

    // Whether a field applies to this applicant: the credit code and the
    // legal representative not to a natural person, the agent's fields only
    // when an agent acts. A field that does not apply is neither asked nor kept.
    static bool applies(const FormField& field, const Applicant& applicant,
                        const std::optional<Agent>& agent);

    // The longest value a field takes, in code points.
    static constexpr int kMaxValueLength = 2000;

    // Every problem, one per field, where "form.<key>", field the key, the
    // message naming the field's label: required, one line of text (no
    // control character, textProblem()) of at most kMaxValueLength, pattern,
    // and the type (number, date written YYYY-MM-DD, choice, bool, phone, ID
    // number, postcode). `today` bounds birth dates in ID numbers (null:
    // unbounded).
    QList<Problem> validate(const QDate& today = {}) const;

    // "form.<key>" -> the value typed by the field (number, bool or text),
    // for conditions.
    QHash<QString, QVariant> facts() const;
    // The values typed by their fields (numbers as numbers, booleans as booleans).
    QJsonObject toJson() const;

    // A bool field's value read as a truth value ("true", "1", "yes", "是").
    static std::optional<bool> readBool(const QString& value);

private:
    QList<FormField> m_fields;
    QHash<QString, QStringList> m_itemsAsking;
    QMap<QString, QString> m_values;
    QHash<QString, QString> m_prefilled; // key -> the value the last prefill put there
};

} // namespace ow
