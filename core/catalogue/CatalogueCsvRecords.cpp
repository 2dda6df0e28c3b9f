// The text layer of catalogue CSV files: bytes to text in the encoding the
// import was told (strictly: a byte that is not of it is named by file, line
// and byte), and text to records, with quoted cells, line breaks inside
// quotes and every row's line number; and the files and columns of the
// format. CatalogueCsv.cpp turns the records into a catalogue,
// CatalogueCsvWriter.cpp writes a catalogue as these files.
#include "catalogue/CatalogueCsv.h"
#include "text/TextRules.h"

#include <QCoreApplication>

namespace ow {

namespace {

QString tr(const char* s, int n = -1)
{
    return QCoreApplication::translate("ow::CatalogueCsv", s, nullptr, n);
}

Problem problemAt(const QString& file, int line, const QString& column, const QString& message)
{
    QString where = file + QLatin1Char(':') + QString::number(line);
    if (!column.isEmpty())
        where += QStringLiteral(": ") + column;
    return Problem{where, column, message};
}

} // namespace

const QString CatalogueCsv::kItems = QStringLiteral("items.csv");
const QString CatalogueCsv::kMaterials = QStringLiteral("materials.csv");
const QString CatalogueCsv::kForms = QStringLiteral("forms.csv");
const QString CatalogueCsv::kJointItems = QStringLiteral("joint-items.csv");
const QString CatalogueCsv::kRules = QStringLiteral("related-rules.csv");

const QStringList& CatalogueCsv::itemColumns()
{
    static const QStringList cols =
        QStringLiteral("code name shortName keywords category theme department itemType handling "
                       "legalLimitDays "
                       "promisedLimitDays visits feeYuan feeNote levels universal "
                       "acceptanceConditions legalBasis "
                       "result delivery related version effectiveFrom effectiveTo active "
                       "noMaterials")
            .split(QLatin1Char(' '));
    return cols;
}

const QStringList& CatalogueCsv::materialColumns()
{
    static const QStringList cols =
        QStringLiteral("itemCode id name form copies requirement condition source reusable note")
            .split(QLatin1Char(' '));
    return cols;
}

const QStringList& CatalogueCsv::formColumns()
{
    static const QStringList cols =
        QStringLiteral("itemCode key label type required pattern options prefill")
            .split(QLatin1Char(' '));
    return cols;
}

const QStringList& CatalogueCsv::jointItemColumns()
{
    static const QStringList cols = QStringLiteral("code name shortName keywords category theme "
                                                   "members promisedLimitDays version active")
                                        .split(QLatin1Char(' '));
    return cols;
}

const QStringList& CatalogueCsv::ruleColumns()
{
    static const QStringList cols =
        QStringLiteral("whenItem condition suggest reason").split(QLatin1Char(' '));
    return cols;
}

Result<QString> CatalogueCsv::decode(const QByteArray& data, const QString& fileName,
                                     TextEncoding encoding)
{
    const QString title = tr("The file %1 cannot be read as text.").arg(fileName);
    if (encoding == TextEncoding::Gb18030 && data.startsWith("\xEF\xBB\xBF"))
        return Error::invalid(
            title, {problemAt(fileName, 1, QString(),
                              tr("The file begins with the byte order mark of UTF-8: it is "
                                 "UTF-8, not GB18030. Import it without --encoding gb18030."))});
    if (const auto bad = firstInvalidByte(data, encoding)) {
        const int line = int(data.left(*bad).count('\n')) + 1;
        const QString byte =
            QStringLiteral("0x") +
            QStringLiteral("%1").arg(uint(uchar(data[*bad])), 2, 16, QLatin1Char('0')).toUpper();
        const QString message =
            encoding == TextEncoding::Utf8
                ? tr("Byte %1 (byte %2 of the file) is not UTF-8: the file is in another "
                     "encoding, such as the GBK that Excel writes on a Chinese Windows PC. Save "
                     "it as \"CSV UTF-8 (comma delimited)\" in Excel, or import it with "
                     "--encoding gb18030.")
                : tr("Byte %1 (byte %2 of the file) is not GB18030 (GBK): the file is in "
                     "another encoding. Save it as \"CSV UTF-8 (comma delimited)\" in Excel "
                     "and import it without --encoding.");
        return Error::invalid(
            title, {problemAt(fileName, line, QString(), message.arg(byte).arg(*bad + 1))});
    }
    auto text = decodeText(data, encoding);
    if (!text)
        return Error::invalid(title, {problemAt(fileName, 1, QString(),
                                                tr("The file cannot be decoded as GB18030 "
                                                   "on this computer."))});
    return *text;
}

Result<QList<CatalogueCsv::Record>>
CatalogueCsv::records(const QByteArray& data, const QString& fileName, TextEncoding encoding)
{
    auto decoded = decode(data, fileName, encoding);
    if (!decoded)
        return decoded.error();
    const QString& text = decoded.value();
    QList<Record> out;
    Record current;
    QString field;
    int line = 1;
    bool inQuotes = false;
    bool quoted = false; // the current field was quoted
    bool any = false;    // the current record has content
    current.line = 1;
    auto endField = [&]() {
        current.fields << field;
        field.clear();
        quoted = false;
    };
    auto endRecord = [&]() {
        endField();
        if (any)
            out << current;
        current = Record();
        current.line = line;
        any = false;
    };
    const qsizetype n = text.size();
    int quoteLine = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                    const QChar next = i + 1 < n ? text[i + 1] : QLatin1Char('\n');
                    if (next != QLatin1Char(',') && next != QLatin1Char('\n') &&
                        next != QLatin1Char('\r'))
                        return Error::invalid(tr("The CSV file is malformed."),
                                              {problemAt(fileName, line, QString(),
                                                         tr("Text after a closing quote; a quote "
                                                            "inside a quoted field is written "
                                                            "\"\"."))});
                }
            } else if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n')) {
                continue; // a line break in a field is LF, whatever the file's line ends
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            endField();
            any = true;
        } else if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || quoted)
                return Error::invalid(tr("The CSV file is malformed."),
                                      {problemAt(fileName, line, QString(),
                                                 tr("A quote inside an unquoted field; quote the "
                                                    "whole field and double the quote."))});
            inQuotes = true;
            quoted = true;
            any = true;
            quoteLine = line;
        } else {
            field += c;
            any = true;
        }
    }
    if (inQuotes)
        return Error::invalid(
            tr("The CSV file is malformed."),
            {problemAt(fileName, quoteLine, QString(), tr("A quoted field is not closed."))});
    if (any && (quoted || !current.fields.isEmpty() || !field.trimmed().isEmpty()))
        return Error::invalid(
            tr("The CSV file is malformed."),
            {problemAt(fileName, current.line, QString(),
                       tr("The last line does not end with a line break: the file may have "
                          "been cut off in the middle of a row. If it is complete, end it with "
                          "a line break."))});
    return out;
}

} // namespace ow
