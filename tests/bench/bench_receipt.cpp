// Renders the acceptance receipt of a 15-material case to PDF, in process:
// median and p99 of single renders, then 1,000 receipts in a batch, next to
// a baseline measured in the same run (a bare QPdfWriter page with one line).
#include "documents/AcceptanceReceipt.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace ow;

namespace {

AcceptanceReceiptData receiptData(int n)
{
    AcceptanceReceiptData d;
    d.documentNumber = QStringLiteral("新政务受〔2025〕%1号").arg(n, 5, 10, QLatin1Char('0'));
    d.caseNumber = QStringLiteral("420191-20250314-%1").arg(n, 4, 10, QLatin1Char('0'));
    d.applicant = {QStringLiteral("李建国"), QStringLiteral("居民身份证"),
                   QStringLiteral("420102198507153210"), QStringLiteral("13907145566")};
    d.jointItem = QStringLiteral("开办餐饮店“一件事”");
    d.items = {QStringLiteral("食品经营许可"), QStringLiteral("城镇污水排入排水管网许可证核发"),
               QStringLiteral("户外广告设施设置许可")};
    for (int i = 1; i <= 15; ++i)
        d.materials << MaterialLine{QStringLiteral("申请材料第%1项（营业场所平面图及说明）").arg(i),
                                    i % 2 ? MaterialForm::Original : MaterialForm::Copy,
                                    1,
                                    d.items[i % d.items.size()],
                                    i % 5 == 0,
                                    i % 5 == 0 ? QStringLiteral("电子证照库") : QString()};
    d.acceptedAt = QDateTime(QDate(2025, 3, 14), QTime(10, 25));
    d.promisedDate = QDate(2025, 3, 28);
    d.promisedWorkingDays = 10;
    d.delivery.method = Delivery::Ems;
    d.delivery.recipient = QStringLiteral("李建国");
    d.delivery.mobile = QStringLiteral("13907145566");
    d.delivery.address = {QStringLiteral("湖北省江城市新区"),
                          QStringLiteral("滨湖街道光谷大道77号金融港B座1203室"),
                          QStringLiteral("430205")};
    d.clerk = QStringLiteral("周敏");
    d.window = QStringLiteral("综合受理3号窗口");
    return d;
}

struct Stats
{
    double median = 0, p99 = 0;
};

Stats measure(int runs, const std::function<void()>& work)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))]};
}

void baselinePage()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    QPainter p(&writer);
    p.setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 12));
    p.drawText(QPointF(500, 500), QStringLiteral("受理回执 420191-20250314-0042"));
    p.end();
}

int g_pages = 0;

bool receipt(int n)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto r = AcceptanceReceipt(receiptData(n)).renderPdf(buffer);
    if (r.ok())
        g_pages = r->pages;
    else
        std::fprintf(stderr, "render failed: %s\n", qPrintable(r.error().message));
    return r.ok();
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int runs = 200, batch = 1000;

    for (int i = 0; i < 5; ++i) { // warm the font caches
        baselinePage();
        if (!receipt(i))
            return 1;
    }
    const Stats base = measure(runs, baselinePage);
    int n = 0;
    const Stats one = measure(runs, [&] { receipt(++n); });

    QElapsedTimer t;
    t.start();
    for (int i = 0; i < batch; ++i)
        receipt(i);
    const double batchMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    for (int i = 0; i < batch; ++i)
        baselinePage();
    const double baseBatchMs = double(t.nsecsElapsed()) / 1e6;

    std::printf("receipt (15 materials, A4, %d page(s)) to PDF, %d runs\n", g_pages, runs);
    std::printf("  baseline (bare QPdfWriter page, one line): median %.2f ms, p99 %.2f ms\n",
                base.median, base.p99);
    std::printf("  receipt:                                   median %.2f ms, p99 %.2f ms\n",
                one.median, one.p99);
    std::printf("batch of %d\n", batch);
    std::printf("  baseline: %.0f ms total, %.2f ms per page\n", baseBatchMs, baseBatchMs / batch);
    std::printf("  receipts: %.0f ms total, %.2f ms per receipt\n", batchMs, batchMs / batch);
    return 0;
}
