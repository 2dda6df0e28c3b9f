#include "CatalogueText.h"

#include <QLocale>
#include <QRegularExpression>

namespace ow::ui {

QString CatalogueText::handling(HandlingType handling)
{
    switch (handling) {
    case HandlingType::Immediate:
        return tr("Immediate");
    case HandlingType::Promised:
        return tr("Promised");
    }
    return {};
}

QString CatalogueText::level(Level level)
{
    switch (level) {
    case Level::City:
        return tr("City");
    case Level::Town:
        return tr("Town");
    case Level::Village:
        return tr("Village");
    }
    return {};
}

QString CatalogueText::levels(int levelFlags)
{
    QStringList words;
    for (Level l : {Level::City, Level::Town, Level::Village}) {
        if (levelFlags & int(l))
            words << level(l);
    }
    return words.join(tr(", "));
}

QString CatalogueText::delivery(int deliveryFlags)
{
    QStringList words;
    if (deliveryFlags & int(Delivery::Pickup))
        words << tr("Pick-up at the window");
    if (deliveryFlags & int(Delivery::Ems))
        words << tr("EMS mail");
    if (deliveryFlags & int(Delivery::Locker))
        words << tr("Locker");
    return words.join(tr(", "));
}

QString CatalogueText::form(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original:
        return tr("Original");
    case MaterialForm::Copy:
        return tr("Copy");
    case MaterialForm::Electronic:
        return tr("Electronic");
    case MaterialForm::OriginalAndCopy:
        return tr("Original + copy");
    }
    return {};
}

QString CatalogueText::requirement(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Required:
        return tr("Required");
    case Requirement::Optional:
        return tr("Optional");
    case Requirement::Conditional:
        return tr("Conditional");
    }
    return {};
}

QString CatalogueText::source(MaterialSource source, bool reusable)
{
    const QString who = source == MaterialSource::Government ? tr("Government") : tr("Applicant");
    return reusable ? who + QLatin1Char('\n') + tr("reusable") : who;
}

QString CatalogueText::workingDays(int days)
{
    return tr("%n working day(s)", nullptr, days);
}

QString CatalogueText::limits(int legalDays, int promisedDays)
{
    if (legalDays == 0 && promisedDays == 0)
        return tr("On the spot");
    return tr("%1 (legal %2)").arg(workingDays(promisedDays)).arg(legalDays);
}

QString CatalogueText::visits(int visits)
{
    if (visits == 0)
        return tr("No visit (online)");
    return tr("At most %1").arg(visits);
}

QString CatalogueText::fee(double yuan, const QString& note)
{
    if (yuan <= 0)
        return note.isEmpty() ? tr("Free") : note;
    const QString amount =
        tr("%1 yuan").arg(QLocale().toString(yuan, 'f', yuan == double(int(yuan)) ? 0 : 2));
    return note.isEmpty() ? amount : amount + QStringLiteral(" (") + note + QLatin1Char(')');
}

QString CatalogueText::yesNo(bool value)
{
    return value ? tr("Yes") : tr("No");
}

namespace {

QString labelOf(const QString& key, const QList<FormField>& fields)
{
    for (const FormField& f : fields) {
        if (f.key == key)
            return f.label;
    }
    return key;
}

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
        value = value.mid(1, value.size() - 2);
    return value;
}

// One comparison or name, e.g. `agent`, `applicant.kind == "legal"`,
// `form.reason in ["a", "b"]`; empty when not understood.
QString atomInWords(const QString& atom, const QList<FormField>& fields)
{
    const QString a = atom.trimmed();
    if (a == QStringLiteral("agent"))
        return CatalogueText::tr("an agent applies");
    if (a == QStringLiteral("!agent"))
        return CatalogueText::tr("the applicant comes in person");
    if (a == QStringLiteral("true"))
        return CatalogueText::tr("always");
    static const QRegularExpression cmp(
        QStringLiteral(R"(^([A-Za-z_][A-Za-z0-9_.]*)\s*(==|!=|<=|>=|<|>|in)\s*(.+)$)"));
    const QRegularExpressionMatch m = cmp.match(a);
    if (!m.hasMatch())
        return {};
    const QString name = m.captured(1);
    const QString op = m.captured(2);
    const QString value = unquote(m.captured(3));
    if (name == QStringLiteral("applicant.kind") &&
        (op == QStringLiteral("==") || op == QStringLiteral("!="))) {
        const bool legal = (value == QStringLiteral("legal")) == (op == QStringLiteral("=="));
        return legal ? CatalogueText::tr("a legal person applies")
                     : CatalogueText::tr("a natural person applies");
    }
    if (name == QStringLiteral("applicant.age")) {
        if (op == QStringLiteral("<"))
            return CatalogueText::tr("the applicant is under %1").arg(value);
        if (op == QStringLiteral(">="))
            return CatalogueText::tr("the applicant is %1 or older").arg(value);
    }
    if (!name.startsWith(QStringLiteral("form.")))
        return {};
    const QString label = labelOf(name.mid(5), fields);
    if (op == QStringLiteral("in")) {
        QString list = value;
        list.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        QStringList options;
        for (const QString& o : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
            options << unquote(o);
        return CatalogueText::tr("%1 is %2").arg(label, options.join(CatalogueText::tr(" or ")));
    }
    if (value == QStringLiteral("true"))
        return op == QStringLiteral("==") ? label : CatalogueText::tr("not: %1").arg(label);
    if (op == QStringLiteral("=="))
        return CatalogueText::tr("%1 is %2").arg(label, value);
    if (op == QStringLiteral("!="))
        return CatalogueText::tr("%1 is not %2").arg(label, value);
    return label + QLatin1Char(' ') + op + QLatin1Char(' ') + value;
}

} // namespace

QString CatalogueText::condition(const QString& expression, const QList<FormField>& fields)
{
    const QString text = expression.trimmed();
    if (text.isEmpty())
        return {};
    // Alternatives joined by ||, each a comparison; anything more complex is
    // shown as written, with form keys replaced by their labels.
    QStringList words;
    for (const QString& part : text.split(QStringLiteral("||"))) {
        const QString w = atomInWords(part, fields);
        if (w.isEmpty()) {
            words.clear();
            break;
        }
        words << w;
    }
    if (!words.isEmpty())
        return tr("When %1").arg(words.join(tr(", or ")));
    QString raw = text;
    for (const FormField& f : fields)
        raw.replace(QStringLiteral("form.") + f.key, f.label);
    return tr("When %1").arg(raw);
}

} // namespace ow::ui
