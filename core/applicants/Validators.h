#pragma once

#include "store/Result.h"

#include <QChar>
#include <QDate>
#include <QString>
#include <QStringView>
#include <optional>

namespace ow {

class Clock;

// Checks and normalises the identifiers an applicant gives at the window.
// Each validator trims the input, turns full-width ASCII (from a Chinese input
// method) into ASCII, and returns either the normalised value with the facts
// it carries, or an Error of kind Invalid whose problems name the field
// (`Problem::field`, e.g. "idNumber"; `Problem::where`, e.g. "身份证号") and say
// exactly what is wrong: which position, what was expected.
//
// The optional `field` argument names the field in the problems when the
// value is not the applicant's own (e.g. "legalRepIdNumber", "agent.idNumber").

// ---------------------------------------------------------------- resident ID

enum class Sex { Female, Male };
QString toString(Sex sex); // "female", "male" (as Applicant::sex stores it)

// A resident ID number (GB 11643-1999) that passed every check.
struct ResidentId
{
    QString number;        // 18 characters, check character upper case
    QDate birthDate;       // positions 7-14
    Sex sex = Sex::Female; // position 17: odd = male, even = female
    bool upgraded = false; // entered as a legacy 15-digit number
    QString addressCode() const { return number.left(6); } // never checked against a list
};

// The check character (ISO 7064 MOD 11-2) for the first 17 digits; a null
// QChar when `first17` is not 17 ASCII digits.
QChar residentIdCheckChar(QStringView first17);

// The earliest birth year a resident ID number may carry: nobody born before
// 1900 comes to the window.
constexpr int kEarliestBirthYear = 1900;

// Whether the first two digits of an address code (GB/T 2260) name a
// province, autonomous region or municipality: 11-15, 21-23, 31-37, 41-46,
// 50-54, 61-65, 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83 (the
// residence permits of Taiwan residents).
bool isProvinceCode(int code);

// 18 characters (lower-case x accepted) or a legacy 15-digit number, which is
// upgraded: "19" inserted after position 6 and the check character computed.
// Positions 1-2 must name a province (isProvinceCode()); the rest of the
// address code is never checked against a list of codes: abolished codes
// stay valid. The birth date must be a real date, not after `today`, and not
// before kEarliestBirthYear.
Result<ResidentId> validateResidentId(const QString& input, const QDate& today,
                                      const QString& field = {});
Result<ResidentId> validateResidentId(const QString& input, const Clock& clock,
                                      const QString& field = {});

// ------------------------------------------------ unified social credit code

// The 31 symbols of GB 32100-2015, valued 0..30: 0-9 and the capital letters
// without I, O, S, V, Z.
QString creditCodeAlphabet();
// C18 = 31 - (sum mod 31), 31 becoming 0; a null QChar when `first17` holds a
// character outside the alphabet or is not 17 long.
QChar creditCodeCheckChar(QStringView first17);

// The outcome of checking a unified social credit code (GB 32100-2015). A code
// whose only fault is its check character is `CheckFailed`: some codes issued
// in the past fail the check, so a supervisor may accept one with a recorded
// reason. A `Malformed` code (wrong length, a symbol that never occurs,
// a bad registering department, organisation type or division code) may not
// be overridden.
struct CreditCodeCheck
{
    enum class Status { Valid, CheckFailed, Malformed };
    Status status = Status::Malformed;
    QString code;               // the normalised input (trimmed, upper case)
    QChar expectedCheck;        // computed check character; null when it cannot be
    std::optional<Error> error; // set unless Valid

    bool valid() const { return status == Status::Valid; }
    bool overridable() const { return status == Status::CheckFailed; }
    // The registering department of position 1 ("工商" for 9), translated;
    // empty when unknown.
    QString registeringDepartment() const;
    // The organisation type of positions 1-2 ("企业" for 91), translated;
    // empty when unknown.
    QString organisationType() const;
    QString divisionCode() const { return code.mid(2, 6); }     // positions 3-8
    QString organisationCode() const { return code.mid(8, 9); } // positions 9-17
};

CreditCodeCheck inspectCreditCode(const QString& input, const QString& field = {});
// The normalised code, or the error (check failures included).
Result<QString> validateCreditCode(const QString& input, const QString& field = {});

// ------------------------------------------------------------------- phones

struct PhoneNumber
{
    enum class Kind { Mobile, FixedLine };
    Kind kind = Kind::Mobile;
    // Mobile: 11 digits, country code removed ("13800138000").
    // Fixed line: "010-12345678", with "-EXT" when there is an extension.
    QString number;
    QString areaCode;   // fixed line: "010", "0755"; empty for a mobile
    QString subscriber; // fixed line: 7 or 8 digits; mobile: the 11 digits
    QString extension;  // fixed line, may be empty
};

// A mobile number ^(\+?86)?1[3-9]\d{9}$ (spaces and hyphens between digits
// allowed), or a fixed line: 0 + area code (2 digits after the 0 for 010 and
// 02X, 3 otherwise) + 7-8 digits not starting with 0 or 1, optionally in
// parentheses or followed by a hyphen, then an optional extension of 1-6
// digits after "-", "转", "分机", "ext", "x" or "#".
Result<PhoneNumber> validatePhone(const QString& input, const QString& field = {});
Result<PhoneNumber> validateMobile(const QString& input, const QString& field = {});

// ----------------------------------------------------------------- postcode

// Exactly six digits, kept as text ("010000" stays "010000").
Result<QString> validatePostcode(const QString& input, const QString& field = {});

// ----------------------------------------------------------------- waybills

struct Waybill
{
    enum class Kind { UpuS10, Domestic };
    Kind kind = Kind::UpuS10;
    QString number;           // upper case, no spaces
    QString serviceIndicator; // S10: "EA"; empty for a domestic waybill
    QString serial;           // S10: the 8 digits
    QString countryCode;      // S10: "CN"
    bool isEms() const { return kind == Kind::Domestic || serviceIndicator.startsWith(u'E'); }
};

// The UPU S10 check digit for 8 serial digits: weights 8 6 4 2 3 5 9 7,
// C = 11 - (S mod 11), 10 -> 0, 11 -> 5. -1 when `serial` is not 8 digits.
int s10CheckDigit(QStringView serial);

// An UPU S10 item number (2 letters + 8 digits + check digit + 2 letters,
// e.g. "EA473124829CN") or a domestic 13-digit EMS waybill (length and
// digits only: there is no public check-digit algorithm).
Result<Waybill> validateWaybill(const QString& input, const QString& field = {});

// -------------------------------------------------------------------- names

// Names are counted in code points, not UTF-16 units.
constexpr int kMaxPersonNameLength = 100;
int codePointCount(QStringView text);

// Full Unicode (CJK Extension B and beyond included). Trims, collapses runs of
// spaces, and turns the look-alikes of the middle dot ("•", "・", "．", "‧",
// "･", "∙", "⋅") into U+00B7 "·". Rejects an empty name, control and invisible
// format characters, broken surrogates, a "·" at either end or doubled, and
// more than kMaxPersonNameLength code points.
Result<QString> validatePersonName(const QString& input, const QString& field = {});

} // namespace ow
