#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using ow::test::runAdmin;

namespace {

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(content);
    return path;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// The line of `text` that names `path`, or nothing.
QString lineNaming(const QString& text, const QString& path)
{
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (line.contains(path))
            return line.mid(line.indexOf(path) + path.size());
    return {};
}

const QByteArray kCatalogue = R"({
  "format": "onewindow-catalogue",
  "formatVersion": 1,
  "items": [
    {
      "code": "TEST-001",
      "name": "测试事项",
      "category": "测试",
      "department": "测试局",
      "itemType": "公共服务",
      "handling": "immediate",
      "legalLimitDays": 0,
      "promisedLimitDays": 0,
      "visits": 1,
      "levels": ["city", "village"],
      "materials": [
        {"id": "id-card", "name": "身份证", "form": "original", "requirement": "required"}
      ]
    }
  ]
}
)";

} // namespace

TEST_CASE("catalogue import adds items and export writes them back")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString file = write(dir, QStringLiteral("c.json"), kCatalogue);
    const auto r = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                             QStringLiteral("import"), file});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QLatin1String("1")));

    const QString out = dir.filePath(QStringLiteral("export.json"));
    const auto e = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                             QStringLiteral("export"), out});
    INFO(e.err.toStdString());
    REQUIRE(e.exitCode == 0);
    const QJsonObject doc = QJsonDocument::fromJson(readAll(out)).object();
    bool found = false;
    for (const QJsonValue& v : doc.value(QStringLiteral("items")).toArray())
        found = found ||
                v.toObject().value(QStringLiteral("code")).toString() == QStringLiteral("TEST-001");
    CHECK(found);
    CHECK(doc.value(QStringLiteral("format")).toString() == QStringLiteral("onewindow-catalogue"));

    // The export imports again without changing anything.
    const auto again = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                                 QStringLiteral("import"), out});
    INFO(again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    const QString out2 = dir.filePath(QStringLiteral("export2.json"));
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                      QStringLiteral("export"), out2})
                .exitCode == 0);
    CHECK(readAll(out2) == readAll(out));
}

TEST_CASE("catalogue import of a bad file prints every problem and changes nothing")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString before = dir.filePath(QStringLiteral("before.json"));
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                      QStringLiteral("export"), before})
                .exitCode == 0);

    QByteArray bad = kCatalogue;
    bad.replace("\"handling\": \"immediate\"", "\"handling\": \"soon\"");
    bad.replace("\"requirement\": \"required\"",
                "\"requirement\": \"required\", \"condition\": \"agent\"");
    bad.replace("\"visits\": 1,", "\"visits\": 1, \"colour\": \"red\",");
    const QString file = write(dir, QStringLiteral("bad.json"), bad);
    const auto r = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                             QStringLiteral("import"), file});
    CHECK(r.exitCode == 1);
    INFO(r.err.toStdString());
    CHECK(lineNaming(r.err, QStringLiteral("items[0].handling")).contains(QLatin1String("11")));
    CHECK(lineNaming(r.err, QStringLiteral("items[0].materials[0].condition"))
              .contains(QLatin1String("17")));
    CHECK(lineNaming(r.err, QStringLiteral("items[0].colour")).contains(QLatin1String("14")));

    const QString after = dir.filePath(QStringLiteral("after.json"));
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                      QStringLiteral("export"), after})
                .exitCode == 0);
    CHECK(readAll(after) == readAll(before));
}

TEST_CASE("catalogue import reads items.csv with materials.csv")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString items = write(
        dir, QStringLiteral("items.csv"),
        "code,name,category,department,itemType,handling,legalLimitDays,promisedLimitDays,visits,"
        "levels\nCSV-001,CSV事项,测试,测试局,公共服务,promised,10,5,1,town\n");
    write(dir, QStringLiteral("materials.csv"),
          "itemCode,id,name,form,requirement,condition\n"
          "CSV-001,poa,授权委托书,original,conditional,agent ==\n");
    const auto bad = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                               QStringLiteral("import"), items});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QLatin1String("materials.csv:2: condition: ")));

    write(dir, QStringLiteral("materials.csv"),
          "itemCode,id,name,form,requirement,condition\n"
          "CSV-001,poa,授权委托书,original,conditional,agent\n");
    const auto good = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                                QStringLiteral("import"), items});
    INFO(good.err.toStdString());
    CHECK(good.exitCode == 0);
}

TEST_CASE("catalogue import and export: usage errors")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    CHECK(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                    QStringLiteral("import")})
              .exitCode == 2);
    CHECK(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                    QStringLiteral("export")})
              .exitCode == 2);
    const auto missing =
        runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                  QStringLiteral("import"), dir.filePath(QStringLiteral("no.json"))});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QLatin1String("no.json")));
}

TEST_CASE("catalogue import refuses control characters: search never prints a forged line")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    // An item code that, printed by `catalogue search`, made a second,
    // forged result line.
    for (const QByteArray& code :
         {QByteArray("TEST-001\\nFAKE-999\\t\u4F2A\u9020\u4E8B\u9879"),
          QByteArray("TEST-001\\u001b[1A"), QByteArray("TEST-001\nFAKE-999")}) {
        QByteArray bad = kCatalogue;
        bad.replace("\"code\": \"TEST-001\"", "\"code\": \"" + code + "\"");
        const QString file = write(dir, QStringLiteral("bad.json"), bad);
        const auto r = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                                 QStringLiteral("import"), file, QStringLiteral("--lang"),
                                 QStringLiteral("en")});
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(lineNaming(r.err, QStringLiteral("items[0].code")).contains(QLatin1String("U+00")));
        for (const QChar c : r.err)
            if (c != QLatin1Char('\n'))
                CHECK(c.unicode() >= 0x20);
    }
    const auto search = runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                                  QStringLiteral("search"), QStringLiteral("测试")});
    CHECK_FALSE(search.out.contains(QLatin1String("FAKE")));
    for (const QString& line : search.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        CHECK(line.count(QLatin1Char('\t')) == 1);
}
