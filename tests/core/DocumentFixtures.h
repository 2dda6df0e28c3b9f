#pragma once
// Shared data and PDF tools for the document tests: scenario 3 (Mr Li's
// restaurant applies for a drainage permit and has it mailed by EMS).

#include "TestSupport.h"
#include "documents/AcceptanceReceipt.h"
#include "documents/CompletionNotice.h"
#include "documents/DailyLedger.h"
#include "documents/MailingSlip.h"
#include "documents/NonAcceptanceNotice.h"
#include "documents/OneTimeNotice.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace ow::doctest {

inline const QString kCase = QStringLiteral("420191-20250314-0042");
inline const QString kWaybill = QStringLiteral("1173254687632");
inline const QString kItem = QStringLiteral("城镇污水排入排水管网许可证核发");
inline const QString kLicence = QStringLiteral("城镇污水排入排水管网许可证");

inline PostalAddress liAddress()
{
    return {QStringLiteral("湖北省江城市新区"),
            QStringLiteral("滨湖街道光谷大道77号金融港B座1203室"), QStringLiteral("430205")};
}

inline DeliveryLine emsDelivery()
{
    DeliveryLine d;
    d.method = Delivery::Ems;
    d.recipient = QStringLiteral("李建国");
    d.mobile = QStringLiteral("13907145566");
    d.address = liAddress();
    return d;
}

inline PartyLine mrLi()
{
    return {QStringLiteral("李建国"), QStringLiteral("居民身份证"),
            QStringLiteral("420102198507153210"), QStringLiteral("13907145566")};
}

inline AcceptanceReceiptData drainageReceipt()
{
    AcceptanceReceiptData d;
    d.documentNumber = QStringLiteral("新政务受〔2025〕0042号");
    d.caseNumber = kCase;
    d.applicant = mrLi();
    d.agent = {QStringLiteral("王秀兰"), QStringLiteral("居民身份证"),
               QStringLiteral("420111199003044628"), QStringLiteral("13871234567")};
    d.items = {kItem};
    d.materials = {
        {QStringLiteral("城镇污水排入排水管网许可申请表"),
         MaterialForm::Original,
         1,
         {},
         false,
         {}},
        {QStringLiteral("营业执照"), MaterialForm::Copy, 1, {}, true, QStringLiteral("电子证照库")},
        {QStringLiteral("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
         MaterialForm::Original,
         2,
         {},
         false,
         {}},
        {QStringLiteral("隔油池设置及清掏协议"), MaterialForm::Copy, 1, {}, false, {}},
        {QStringLiteral("授权委托书"), MaterialForm::Original, 1, {}, false, {}},
    };
    d.acceptedAt = QDateTime(QDate(2025, 3, 14), QTime(10, 25));
    d.promisedDate = QDate(2025, 3, 28);
    d.promisedWorkingDays = 10;
    d.delivery = emsDelivery();
    d.feeFen = 0;
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("综合受理3号窗口");
    d.site = QStringLiteral("江城市新区政务服务中心");
    return d;
}

struct Pdf
{
    QTemporaryDir dir;
    QString path;
    Pdf() : path(dir.filePath(QStringLiteral("doc.pdf"))) {}
};

inline ow::test::ProcessResult tool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    ow::test::ProcessResult r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The text of the PDF (or of one page), laid out as printed.
inline QString pdfText(const QString& path, int page = 0, bool layout = true)
{
    QStringList args;
    if (layout)
        args << QStringLiteral("-layout");
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
             << QString::number(page);
    args << path << QStringLiteral("-");
    return tool(QStringLiteral("pdftotext"), args).out;
}

// Text with every space and line break removed: wrapped lines join up again.
inline QString squeezed(QString s)
{
    static const QRegularExpression ws(QStringLiteral("\\s+"));
    return s.remove(ws);
}

// Whether every character of `needle` occurs in `haystack` in order: a cell
// wrapped over lines may be read out with another cell's text in between.
inline bool containsInOrder(const QString& haystack, const QString& needle)
{
    qsizetype at = 0;
    for (const QChar c : needle) {
        at = haystack.indexOf(c, at);
        if (at < 0)
            return false;
        ++at;
    }
    return true;
}

inline QString pdfInfo(const QString& path, const QString& key)
{
    const QStringList lines = tool(QStringLiteral("pdfinfo"), {path}).out.split(QLatin1Char('\n'));
    for (const QString& l : lines)
        if (l.startsWith(key + QLatin1Char(':')))
            return l.mid(key.size() + 1).trimmed();
    return {};
}

// Decoded symbols of page `page`, as "TYPE:data" lines (zbarimg).
inline QStringList barcodes(const QString& path, int page = 1)
{
    const QString prefix = QFileInfo(path).dir().filePath(QStringLiteral("page"));
    tool(QStringLiteral("pdftoppm"),
         {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
          QStringLiteral("-singlefile"), QStringLiteral("-f"), QString::number(page),
          QStringLiteral("-l"), QString::number(page), path, prefix});
    const auto r =
        tool(QStringLiteral("zbarimg"), {QStringLiteral("-q"), prefix + QStringLiteral(".png")});
    return r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace ow::doctest
