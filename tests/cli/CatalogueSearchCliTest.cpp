#include "TestSupport.h"
#include "catalogue/CatalogueJson.h"

#include <QFile>

using namespace ow;

namespace {

QStringList lines(const QString& out)
{
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

TEST_CASE("catalogue search: the drainage permit for pswxk, CODE<TAB>NAME per line")
{
    QTemporaryDir dir;
    const auto r = test::runAdmin({QStringLiteral("--data-dir"), dir.path(),
                                   QStringLiteral("catalogue"), QStringLiteral("search"),
                                   QStringLiteral("pswxk")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList out = lines(r.out);
    REQUIRE(!out.isEmpty());
    const QStringList first = out.first().split(QLatin1Char('\t'));
    REQUIRE(first.size() == 2);
    CHECK(first[1] == QStringLiteral("排水许可证核发"));
    for (const QString& line : out)
        CHECK(line.count(QLatin1Char('\t')) == 1);
}

TEST_CASE("catalogue search: --limit, and a usage error without a query")
{
    QTemporaryDir dir;
    const QStringList base{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("catalogue"),
                           QStringLiteral("search")};
    const auto one = test::runAdmin(base + QStringList{QStringLiteral("x"), QStringLiteral("--limit"),
                                                       QStringLiteral("1")});
    REQUIRE(one.exitCode == 0);
    CHECK(lines(one.out).size() == 1);

    const auto none = test::runAdmin(base);
    CHECK(none.exitCode == 2);
    CHECK(none.err.contains(QStringLiteral("catalogue search")));

    const auto badLimit = test::runAdmin(base + QStringList{QStringLiteral("x"),
                                                            QStringLiteral("--limit"),
                                                            QStringLiteral("zero")});
    CHECK(badLimit.exitCode == 2);
}

TEST_CASE("catalogue generate: a valid catalogue file of the size asked")
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("generated.json"));
    const auto r = test::runAdmin({QStringLiteral("--data-dir"), dir.path(),
                                   QStringLiteral("catalogue"), QStringLiteral("generate"),
                                   QStringLiteral("--items"), QStringLiteral("300"),
                                   QStringLiteral("--out"), file, QStringLiteral("--seed"),
                                   QStringLiteral("5")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const auto read = CatalogueJson::readFile(file);
    if (!read)
        FAIL(read.error().fullText().toStdString());
    CHECK(read->items.size() == 300);
    CHECK(!read->jointItems.isEmpty());

    const auto bad = test::runAdmin({QStringLiteral("--data-dir"), dir.path(),
                                     QStringLiteral("catalogue"), QStringLiteral("generate"),
                                     QStringLiteral("--items"), QStringLiteral("300")});
    CHECK(bad.exitCode == 2);
}
