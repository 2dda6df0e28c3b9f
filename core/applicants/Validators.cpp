#include "applicants/Validators.h"

#include "applicants/ValidatorSupport.h"
#include "store/Clock.h"

#include <QCoreApplication>
#include <QStringList>
#include <array>

namespace ow {

using namespace validators;

namespace {

// The labels of the fields, shown as Problem::where.
QString idLabel()
{
    return QCoreApplication::translate("ow::Validators", "Resident ID number");
}
QString creditLabel()
{
    return QCoreApplication::translate("ow::Validators", "Unified social credit code");
}

// Checks the date in `digits` (YYYYMMDD) found at `positions` ("7-14").
void checkBirthDate(Report& r, const QString& digits, const QString& positions, const QDate& today,
                    QDate& out)
{
    const int y = digits.left(4).toInt();
    const int m = digits.mid(4, 2).toInt();
    const int d = digits.mid(6, 2).toInt();
    const QString shown =
        digits.left(4) + QLatin1Char('-') + digits.mid(4, 2) + QLatin1Char('-') + digits.mid(6, 2);
    if (m < 1 || m > 12) {
        r.add(QCoreApplication::translate(
                  "ow::Validators",
                  "The birth date in positions %1 (%2) is not a real date: there is no month %3.")
                  .arg(positions, shown, digits.mid(4, 2)));
        return;
    }
    const int days = QDate(y, m, 1).daysInMonth();
    if (d < 1 || d > days) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The birth date in positions %1 (%2) is not a real date: "
                                          "month %3 of %4 has %5 days.")
                  .arg(positions, shown)
                  .arg(m)
                  .arg(y)
                  .arg(days));
        return;
    }
    const QDate date(y, m, d);
    if (y < kEarliestBirthYear) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The birth date in positions %1 (%2) is before %3.")
                  .arg(positions, shown)
                  .arg(kEarliestBirthYear));
        return;
    }
    if (today.isValid() && date > today) {
        r.add(QCoreApplication::translate(
                  "ow::Validators", "The birth date in positions %1 (%2) is after today (%3).")
                  .arg(positions, shown, today.toString(Qt::ISODate)));
        return;
    }
    out = date;
}

} // namespace

bool isProvinceCode(int code)
{
    return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
           (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
           code == 71 || code == 81 || code == 82 || code == 83;
}

QString toString(Sex sex)
{
    return sex == Sex::Male ? QStringLiteral("male") : QStringLiteral("female");
}

int codePointCount(QStringView text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

// ---------------------------------------------------------------- resident ID

QChar residentIdCheckChar(QStringView first17)
{
    static constexpr std::array<int, 17> weights{7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                 3, 7, 9,  10, 5, 8, 4, 2};
    static constexpr char checks[] = "10X98765432";
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (!isAsciiDigit(first17[i].unicode()))
            return {};
        sum += (first17[i].unicode() - u'0') * weights[size_t(i)];
    }
    return QLatin1Char(checks[sum % 11]);
}

Result<ResidentId> validateResidentId(const QString& input, const Clock& clock,
                                      const QString& field)
{
    return validateResidentId(input, clock.today(), field);
}

Result<ResidentId> validateResidentId(const QString& input, const QDate& today,
                                      const QString& field)
{
    Report r{idLabel(), field.isEmpty() ? QStringLiteral("idNumber") : field, {}};
    const QString value = compact(input);
    const QString summary =
        QCoreApplication::translate("ow::Validators", "The resident ID number %1 is not valid.")
            .arg(value);
    if (value.isEmpty()) {
        r.add(QCoreApplication::translate("ow::Validators", "The resident ID number is missing."));
        return r.error(
            QCoreApplication::translate("ow::Validators", "The resident ID number is missing."));
    }
    const QList<uint> cps = value.toUcs4();
    const int length = int(cps.size());
    if (length != 18 && length != 15) {
        r.add(QCoreApplication::translate("ow::Validators",
                                          "A resident ID number has 18 characters (an old one "
                                          "15 digits); this one has %1.")
                  .arg(length));
        return r.error(summary);
    }
    const bool legacy = length == 15;
    const int digitsExpected = legacy ? 15 : 17;
    QList<int> notDigits;
    for (int i = 0; i < digitsExpected; ++i)
        if (!isAsciiDigit(cps[i]))
            notDigits << i + 1;
    if (notDigits.size() == 1) {
        const int p = notDigits.first();
        r.add((legacy ? QCoreApplication::translate(
                            "ow::Validators",
                            "Position %1 is %2; an old 15-character number has digits only.")
                      : QCoreApplication::translate(
                            "ow::Validators", "Position %1 is %2; positions 1-17 must be digits."))
                  .arg(p)
                  .arg(describe(cps[p - 1])));
    } else if (!notDigits.isEmpty()) {
        r.add((legacy ? QCoreApplication::translate("ow::Validators",
                                                    "Positions %1 are not digits; an old "
                                                    "15-character number has digits only.")
                      : QCoreApplication::translate(
                            "ow::Validators",
                            "Positions %1 are not digits; positions 1-17 must be digits."))
                  .arg(positionList(notDigits)));
    }
    const bool lastOk = legacy || isAsciiDigit(cps[17]) || cps[17] == U'X';
    if (!lastOk)
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position 18 is %1; the check character is a digit or X.")
                  .arg(describe(cps[17])));
    if (!notDigits.isEmpty())
        return r.error(summary);

    // Both forms now hold ASCII only.
    const QString first17 =
        legacy ? value.left(6) + QStringLiteral("19") + value.mid(6) : value.left(17);
    ResidentId id;
    if (!isProvinceCode(first17.left(2).toInt()))
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Positions 1-2 (%1) are not the code of a province, "
                                          "autonomous region or municipality (11-15, 21-23, "
                                          "31-37, 41-46, 50-54, 61-65, 71, 81-83).")
                  .arg(first17.left(2)));
    checkBirthDate(r, first17.mid(6, 8), legacy ? QStringLiteral("7-12") : QStringLiteral("7-14"),
                   today, id.birthDate);
    const QChar expected = residentIdCheckChar(first17);
    if (!legacy && lastOk && value.at(17) != expected)
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The check character (position 18) should be %1, "
                                          "not %2.")
                  .arg(expected)
                  .arg(value.at(17)));
    if (!r.empty())
        return r.error(summary);
    id.number = first17 + expected;
    id.sex = (first17.at(16).unicode() - u'0') % 2 == 1 ? Sex::Male : Sex::Female;
    id.upgraded = legacy;
    return id;
}

// ------------------------------------------------ unified social credit code

QString creditCodeAlphabet()
{
    return QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
}

namespace {

int creditValue(char32_t c)
{
    static const QString alphabet = creditCodeAlphabet();
    if (c > 0x7F)
        return -1;
    return int(alphabet.indexOf(QChar(char16_t(c))));
}

} // namespace

QChar creditCodeCheckChar(QStringView first17)
{
    static constexpr std::array<int, 17> weights{1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                 29, 25, 13, 8,  24, 10, 30, 28};
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const int v = creditValue(first17[i].unicode());
        if (v < 0)
            return {};
        sum += v * weights[size_t(i)];
    }
    const int c = (31 - sum % 31) % 31;
    return creditCodeAlphabet().at(c);
}

CreditCodeCheck inspectCreditCode(const QString& input, const QString& field)
{
    CreditCodeCheck out;
    Report r{creditLabel(), field.isEmpty() ? QStringLiteral("creditCode") : field, {}};
    out.code = compact(input);
    const QString summary = QCoreApplication::translate(
                                "ow::Validators", "The unified social credit code %1 is not valid.")
                                .arg(out.code);
    const QList<uint> cps = out.code.toUcs4();
    if (cps.isEmpty()) {
        const QString missing = QCoreApplication::translate(
            "ow::Validators", "The unified social credit code is missing.");
        r.add(missing);
        out.error = r.error(missing);
        return out;
    }
    if (cps.size() != 18) {
        r.add(QCoreApplication::translate(
                  "ow::Validators",
                  "A unified social credit code has 18 characters; this one has %1.")
                  .arg(cps.size()));
        out.error = r.error(summary);
        return out;
    }
    bool symbolsOk = true;
    for (int i = 0; i < 18; ++i) {
        const char32_t c = cps[i];
        if (creditValue(c) >= 0)
            continue;
        symbolsOk = false;
        if (c == U'I' || c == U'O' || c == U'Z' || c == U'S' || c == U'V')
            r.add(QCoreApplication::translate("ow::Validators",
                                              "Position %1 is %2: the letters I, O, S, V and Z "
                                              "never occur in a credit code.")
                      .arg(i + 1)
                      .arg(describe(c)));
        else
            r.add(QCoreApplication::translate("ow::Validators",
                                              "Position %1 is %2, which is not one of the 31 "
                                              "symbols of a credit code (digits and capital "
                                              "letters other than I, O, S, V and Z).")
                      .arg(i + 1)
                      .arg(describe(c)));
    }
    if (!symbolsOk) {
        out.error = r.error(summary);
        return out;
    }
    const QChar dept = out.code.at(0);
    if (!(dept.isDigit() && dept != u'0') && dept != u'A' && dept != u'N' && dept != u'Y')
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position 1 (the registering department) is %1; it "
                                          "must be 1-9, A, N or Y.")
                  .arg(describe(dept.unicode())));
    const QChar type = out.code.at(1);
    if (!type.isDigit() || type == u'0')
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position 2 (the organisation type) is %1; it must be "
                                          "a digit 1-9.")
                  .arg(describe(type.unicode())));
    QList<int> notDigits;
    for (int i = 2; i < 8; ++i)
        if (!out.code.at(i).isDigit())
            notDigits << i + 1;
    if (notDigits.size() == 1)
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Position %1 is %2; positions 3-8 (the administrative "
                                          "division code) must be digits.")
                  .arg(notDigits.first())
                  .arg(describe(cps[notDigits.first() - 1])));
    else if (!notDigits.isEmpty())
        r.add(QCoreApplication::translate("ow::Validators",
                                          "Positions %1 are not digits; positions 3-8 (the "
                                          "administrative division code) must be digits.")
                  .arg(positionList(notDigits)));
    out.expectedCheck = creditCodeCheckChar(QStringView(out.code).left(17));
    const bool malformed = !r.empty();
    if (out.code.at(17) != out.expectedCheck)
        r.add(QCoreApplication::translate("ow::Validators",
                                          "The check character (position 18) should be %1, "
                                          "not %2.")
                  .arg(out.expectedCheck)
                  .arg(out.code.at(17)));
    if (r.empty()) {
        out.status = CreditCodeCheck::Status::Valid;
        return out;
    }
    out.status =
        malformed ? CreditCodeCheck::Status::Malformed : CreditCodeCheck::Status::CheckFailed;
    out.error = r.error(summary);
    return out;
}

Result<QString> validateCreditCode(const QString& input, const QString& field)
{
    CreditCodeCheck c = inspectCreditCode(input, field);
    if (c.valid())
        return c.code;
    return *c.error;
}

QString CreditCodeCheck::registeringDepartment() const
{
    if (code.isEmpty())
        return {};
    switch (code.at(0).unicode()) {
    case u'1':
        return QCoreApplication::translate("ow::Validators", "establishment administration");
    case u'2':
        return QCoreApplication::translate("ow::Validators", "foreign affairs");
    case u'3':
        return QCoreApplication::translate("ow::Validators", "judicial administration");
    case u'4':
        return QCoreApplication::translate("ow::Validators", "culture");
    case u'5':
        return QCoreApplication::translate("ow::Validators", "civil affairs");
    case u'6':
        return QCoreApplication::translate("ow::Validators", "tourism");
    case u'7':
        return QCoreApplication::translate("ow::Validators", "religious affairs");
    case u'8':
        return QCoreApplication::translate("ow::Validators", "trade unions");
    case u'9':
        return QCoreApplication::translate("ow::Validators", "market regulation");
    case u'A':
        return QCoreApplication::translate("ow::Validators", "military establishment");
    case u'N':
        return QCoreApplication::translate("ow::Validators", "agriculture");
    case u'Y':
        return QCoreApplication::translate("ow::Validators", "other");
    default:
        return {};
    }
}

QString CreditCodeCheck::organisationType() const
{
    struct TypeName
    {
        char dept;
        char type;
        const char* text;
    };
    static constexpr TypeName names[] = {
        {'1', '1', QT_TRANSLATE_NOOP("ow::Validators", "government body")},
        {'1', '2', QT_TRANSLATE_NOOP("ow::Validators", "public institution")},
        {'1', '3', QT_TRANSLATE_NOOP("ow::Validators", "mass organisation")},
        {'2', '1', QT_TRANSLATE_NOOP("ow::Validators", "resident foreign news agency")},
        {'3', '1', QT_TRANSLATE_NOOP("ow::Validators", "law firm")},
        {'3', '2', QT_TRANSLATE_NOOP("ow::Validators", "notary office")},
        {'3', '3', QT_TRANSLATE_NOOP("ow::Validators", "grassroots legal service office")},
        {'3', '4', QT_TRANSLATE_NOOP("ow::Validators", "forensic examination institution")},
        {'3', '5', QT_TRANSLATE_NOOP("ow::Validators", "arbitration commission")},
        {'4', '1', QT_TRANSLATE_NOOP("ow::Validators", "foreign cultural centre")},
        {'5', '1', QT_TRANSLATE_NOOP("ow::Validators", "social organisation")},
        {'5', '2', QT_TRANSLATE_NOOP("ow::Validators", "private non-enterprise unit")},
        {'5', '3', QT_TRANSLATE_NOOP("ow::Validators", "foundation")},
        {'6', '1', QT_TRANSLATE_NOOP("ow::Validators", "foreign tourism office")},
        {'6', '2',
         QT_TRANSLATE_NOOP("ow::Validators", "Hong Kong, Macao or Taiwan tourism office")},
        {'7', '1', QT_TRANSLATE_NOOP("ow::Validators", "place of religious activity")},
        {'7', '2', QT_TRANSLATE_NOOP("ow::Validators", "religious college")},
        {'8', '1', QT_TRANSLATE_NOOP("ow::Validators", "grassroots trade union")},
        {'9', '1', QT_TRANSLATE_NOOP("ow::Validators", "enterprise")},
        {'9', '2', QT_TRANSLATE_NOOP("ow::Validators", "individual business")},
        {'9', '3', QT_TRANSLATE_NOOP("ow::Validators", "farmers' cooperative")},
        {'A', '1', QT_TRANSLATE_NOOP("ow::Validators", "military public institution")},
        {'N', '1', QT_TRANSLATE_NOOP("ow::Validators", "group collective economic organisation")},
        {'N', '2', QT_TRANSLATE_NOOP("ow::Validators", "village collective economic organisation")},
        {'N', '3',
         QT_TRANSLATE_NOOP("ow::Validators", "township collective economic organisation")},
        {'Y', '1', QT_TRANSLATE_NOOP("ow::Validators", "other")},
    };
    if (code.size() < 2)
        return {};
    for (const TypeName& n : names)
        if (code.at(0) == QLatin1Char(n.dept) && code.at(1) == QLatin1Char(n.type))
            return QCoreApplication::translate("ow::Validators", n.text);
    if (code.at(1) == u'9' && !registeringDepartment().isEmpty() && code.at(0) != u'9')
        return QCoreApplication::translate("ow::Validators", "other");
    return {};
}

} // namespace ow
