#include "intake/Form.h"

#include "catalogue/Merge.h"
#include "intake/FieldCheck.h"
#include "text/TextRules.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::Form", s);
}

// The field's name as the clerk reads it; its key (kept in the problem's
// `where` and `field`) only when the catalogue gives it no label.
QString fieldName(const FormField& f)
{
    return f.label.isEmpty() ? f.key : f.label;
}

} // namespace

Form Form::merge(const QList<Item>& items)
{
    Form form;
    for (const MergedField& mf : mergeFormFields(items)) {
        form.m_fields.append(mf.field);
        form.m_itemsAsking.insert(mf.field.key, mf.itemCodes);
    }
    return form;
}

void Form::remerge(const QList<Item>& items)
{
    Form fresh = merge(items);
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        if (fresh.field(it.key()))
            fresh.m_values.insert(it.key(), it.value());
    for (auto it = m_prefilled.cbegin(); it != m_prefilled.cend(); ++it)
        if (fresh.field(it.key()))
            fresh.m_prefilled.insert(it.key(), it.value());
    *this = fresh;
}

const FormField* Form::field(const QString& key) const
{
    for (const FormField& f : m_fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

QStringList Form::itemsAsking(const QString& key) const
{
    return m_itemsAsking.value(key);
}

Status Form::setValue(const QString& key, const QString& value)
{
    if (!field(key)) {
        const QString msg = tr("No chosen item asks for the field \"%1\".").arg(key);
        return Error::invalid(msg, {{QStringLiteral("form.") + key, key, msg}});
    }
    m_values.insert(key, value);
    return {};
}

QStringList Form::prefill(const Applicant& applicant, const std::optional<Agent>& agent)
{
    QStringList changed;
    for (const FormField& f : m_fields) {
        if (f.prefill.isEmpty())
            continue;
        const QString current = m_values.value(f.key);
        const auto last = m_prefilled.constFind(f.key);
        const bool untouched =
            current.trimmed().isEmpty() || (last != m_prefilled.cend() && current == *last);
        if (!untouched)
            continue; // typed by hand: kept
        QString v;
        const QString& src = f.prefill;
        if (src == QLatin1String("applicant.name"))
            v = applicant.name;
        else if (src == QLatin1String("applicant.idNumber"))
            v = applicant.idNumber;
        else if (src == QLatin1String("applicant.phone"))
            v = applicant.isLegal() && applicant.phone.isEmpty() ? applicant.contactPhone
                                                                 : applicant.phone;
        else if (src == QLatin1String("applicant.address"))
            v = applicant.address;
        else if (src == QLatin1String("applicant.creditCode"))
            v = applicant.creditCode;
        else if (src == QLatin1String("applicant.legalRepresentative"))
            v = applicant.legalRepresentative;
        else if (src == QLatin1String("agent.name") && agent)
            v = agent->name;
        else if (src == QLatin1String("agent.idNumber") && agent)
            v = agent->idNumber;
        if (!applies(f, applicant, agent))
            v.clear(); // what no longer applies (the agent gone) is not kept
        if (v.isEmpty() && last == m_prefilled.cend())
            continue;
        if (v == current) {
            m_prefilled.insert(f.key, v);
            continue;
        }
        if (v.isEmpty()) {
            m_values.remove(f.key);
            m_prefilled.remove(f.key);
        } else {
            m_values.insert(f.key, v);
            m_prefilled.insert(f.key, v);
        }
        changed << f.key;
    }
    return changed;
}

bool Form::editedByHand(const QString& key) const
{
    const auto last = m_prefilled.constFind(key);
    if (last == m_prefilled.cend())
        return false;
    const QString current = m_values.value(key);
    return !current.trimmed().isEmpty() && current != *last;
}

bool Form::applies(const FormField& field, const Applicant& applicant,
                   const std::optional<Agent>& agent)
{
    const QString& src = field.prefill;
    if (src.startsWith(QLatin1String("agent.")))
        return agent.has_value();
    if (src == QLatin1String("applicant.creditCode") ||
        src == QLatin1String("applicant.legalRepresentative"))
        return !applicant.key().isEmpty() ? applicant.isLegal() : true;
    return true;
}

std::optional<bool> Form::readBool(const QString& value)
{
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes") ||
        v == QStringLiteral("是"))
        return true;
    if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no") ||
        v == QStringLiteral("否"))
        return false;
    return std::nullopt;
}

QList<Problem> Form::validate(const QDate& today) const
{
    QList<Problem> out;
    for (const FormField& f : m_fields) {
        const QString where = QStringLiteral("form.") + f.key;
        const QString v = m_values.value(f.key).trimmed();
        if (v.isEmpty()) {
            if (f.required)
                out.append({where, f.key, tr("%1 is required.").arg(fieldName(f))});
            continue;
        }
        if (const QString why = textProblem(v); !why.isEmpty()) {
            out.append({where, f.key, tr("%1: %2").arg(fieldName(f), why)});
            continue;
        }
        if (const qsizetype n = v.toUcs4().size(); n > kMaxValueLength) {
            out.append({where, f.key,
                        tr("%1 is longer than %2 characters (%3).")
                            .arg(fieldName(f))
                            .arg(kMaxValueLength)
                            .arg(n)});
            continue;
        }
        if (!f.pattern.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(f.pattern));
            if (re.isValid() && !re.match(v).hasMatch()) {
                out.append(
                    {where, f.key, tr("%1 does not have the expected format.").arg(fieldName(f))});
                continue;
            }
        }
        QString problem;
        switch (f.type) {
        case FieldType::Number: {
            bool ok = false;
            v.toDouble(&ok);
            if (!ok)
                problem = tr("%1 must be a number.").arg(fieldName(f));
            break;
        }
        case FieldType::Date:
            if (!parseIsoDate(v))
                problem =
                    tr("%1 must be a real date written YYYY-MM-DD (2026-12-01).").arg(fieldName(f));
            break;
        case FieldType::Choice:
            if (!f.options.contains(v))
                problem = tr("%1 must be one of: %2.")
                              .arg(fieldName(f), f.options.join(QStringLiteral(", ")));
            break;
        case FieldType::Bool:
            if (!readBool(v))
                problem = tr("%1 must be yes or no.").arg(fieldName(f));
            break;
        case FieldType::Phone:
        case FieldType::IdNumber:
        case FieldType::Postcode: {
            const QString why = checkTypedValue(f.type, v, today);
            if (!why.isEmpty())
                problem = tr("%1: %2").arg(fieldName(f), why);
            break;
        }
        case FieldType::Text:
        case FieldType::Address:
            break;
        }
        if (!problem.isEmpty())
            out.append({where, f.key, problem});
    }
    return out;
}

QHash<QString, QVariant> Form::facts() const
{
    QHash<QString, QVariant> out;
    for (const FormField& f : m_fields) {
        if (!m_values.contains(f.key))
            continue;
        const QString v = m_values.value(f.key).trimmed();
        QVariant typed = v;
        if (f.type == FieldType::Number) {
            bool ok = false;
            const double d = v.toDouble(&ok);
            if (ok)
                typed = d;
        } else if (f.type == FieldType::Bool) {
            if (auto b = readBool(v))
                typed = *b;
        }
        out.insert(QStringLiteral("form.") + f.key, typed);
    }
    return out;
}

QJsonObject Form::toJson() const
{
    QJsonObject out;
    const QHash<QString, QVariant> typed = facts();
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        out.insert(it.key(), QJsonValue::fromVariant(
                                 typed.value(QStringLiteral("form.") + it.key(), it.value())));
    return out;
}

} // namespace ow
