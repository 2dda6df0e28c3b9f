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
    write(dir, QStringLiteral("forms.csv"), "itemCode,key,label,type\n");
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

namespace {

ow::test::ProcessResult admin(const QString& data, QStringList args)
{
    args.prepend(QStringLiteral("catalogue"));
    args.prepend(data);
    args.prepend(QStringLiteral("--data-dir"));
    return runAdmin(args);
}

// The store's catalogue as `catalogue export` writes it.
QByteArray exported(const QTemporaryDir& dir, const QString& data)
{
    const QString file = dir.filePath(QStringLiteral("exported.json"));
    const auto e = admin(data, {QStringLiteral("export"), file});
    INFO(e.err.toStdString());
    REQUIRE(e.exitCode == 0);
    return readAll(file);
}

const QByteArray kCsvItems =
    "code,name,category,department,itemType,handling,legalLimitDays,promisedLimitDays,visits,"
    "levels\r\n"
    "CSV-001,CSV事项一,测试,测试局,公共服务,promised,10,5,1,town\r\n"
    "CSV-002,CSV事项二,测试,测试局,公共服务,immediate,0,0,1,city\r\n";
const QByteArray kCsvMaterialsHeader =
    "itemCode,id,name,form,copies,requirement,condition,source,reusable,note\r\n";
const QByteArray kCsvForms = "itemCode,key,label,type,required,pattern,options,prefill\r\n";

} // namespace

TEST_CASE("catalogue import of a GBK items.csv from Excel is refused with file line and byte and "
          "read with --encoding gb18030")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QByteArray before = exported(dir, data);
    const QString items = ow::test::sourcePath(QStringLiteral("tests/data/excel-gbk/items.csv"));
    const auto refused = admin(data, {QStringLiteral("import"), items});
    INFO(refused.err.toStdString());
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QLatin1String("items.csv:2")));
    CHECK(refused.err.contains(QLatin1String("0xD7")));
    CHECK(refused.err.contains(QLatin1String("--encoding gb18030")));
    CHECK(exported(dir, data) == before);

    const auto read = admin(data, {QStringLiteral("import"), items, QStringLiteral("--encoding"),
                                   QStringLiteral("gb18030")});
    INFO(read.err.toStdString());
    REQUIRE(read.exitCode == 0);
    const QString after = QString::fromUtf8(exported(dir, data));
    CHECK(after.contains(QStringLiteral("\"最低生活保障审批\"")));
    CHECK(after.contains(QStringLiteral("\"申请人身份证\"")));
    CHECK(after.contains(QStringLiteral("\"家庭人口\"")));

    CHECK(admin(data, {QStringLiteral("import"), items, QStringLiteral("--encoding"),
                       QStringLiteral("latin1")})
              .exitCode == 2);
}

TEST_CASE(
    "catalogue import of a header-only or truncated materials.csv is refused and changes nothing")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QByteArray before = exported(dir, data);
    const QString items = write(dir, QStringLiteral("items.csv"), kCsvItems);
    write(dir, QStringLiteral("forms.csv"), kCsvForms);

    write(dir, QStringLiteral("materials.csv"), kCsvMaterialsHeader);
    const auto empty = admin(data, {QStringLiteral("import"), items});
    INFO(empty.err.toStdString());
    CHECK(empty.exitCode == 1);
    CHECK(empty.err.contains(QLatin1String("items.csv:2: code")));
    CHECK(empty.err.contains(QLatin1String("CSV-001")));
    CHECK(empty.err.contains(QLatin1String("materials.csv")));
    CHECK(exported(dir, data) == before);

    write(dir, QStringLiteral("materials.csv"),
          kCsvMaterialsHeader + "CSV-001,id-card,身份证,original,1,required,,,0,\r\n");
    const auto truncated = admin(data, {QStringLiteral("import"), items});
    INFO(truncated.err.toStdString());
    CHECK(truncated.exitCode == 1);
    CHECK(truncated.err.contains(QLatin1String("items.csv:3: code")));
    CHECK(truncated.err.contains(QLatin1String("CSV-002")));
    CHECK(exported(dir, data) == before);

    write(dir, QStringLiteral("materials.csv"),
          kCsvMaterialsHeader + "CSV-001,id-card,身份证,original,1,required,,,0,\r\nCSV-002,id");
    const auto midRow = admin(data, {QStringLiteral("import"), items});
    CHECK(midRow.exitCode == 1);
    CHECK(midRow.err.contains(QLatin1String("materials.csv:3")));
    CHECK(exported(dir, data) == before);

    // The file says that CSV-002 asks for no material.
    QByteArray none = kCsvItems;
    none.replace("levels\r\n", "levels,noMaterials\r\n");
    none.replace(",town\r\n", ",town,0\r\n");
    none.replace(",city\r\n", ",city,1\r\n");
    write(dir, QStringLiteral("items.csv"), none);
    write(dir, QStringLiteral("materials.csv"),
          kCsvMaterialsHeader + "CSV-001,id-card,身份证,original,1,required,,,0,\r\n");
    const auto accepted = admin(data, {QStringLiteral("import"), items});
    INFO(accepted.err.toStdString());
    CHECK(accepted.exitCode == 0);
}

TEST_CASE(
    "catalogue export --csv then import gives back the identical catalogue at the same versions")
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString generated = dir.filePath(QStringLiteral("generated.json"));
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), data, QStringLiteral("catalogue"),
                      QStringLiteral("generate"), QStringLiteral("--items"), QStringLiteral("120"),
                      QStringLiteral("--out"), generated, QStringLiteral("--seed"),
                      QStringLiteral("7")})
                .exitCode == 0);
    // First the sample catalogue of a new store, then with a generated one.
    for (int round = 0; round < 2; ++round) {
        if (round == 1)
            REQUIRE(admin(data, {QStringLiteral("import"), generated}).exitCode == 0);
        const QByteArray before = exported(dir, data);
        REQUIRE(before.contains("\"form\""));
        const QString csv = dir.filePath(QStringLiteral("csv%1").arg(round));
        const auto e = admin(data, {QStringLiteral("export"), QStringLiteral("--csv"), csv});
        INFO(e.err.toStdString());
        REQUIRE(e.exitCode == 0);
        const auto i = admin(data, {QStringLiteral("import"), csv + QStringLiteral("/items.csv")});
        INFO(i.err.toStdString());
        REQUIRE(i.exitCode == 0);
        CHECK(exported(dir, data) == before);
    }
    // Into a store of its own, the generated catalogue comes out as it went in.
    const QString other = dir.filePath(QStringLiteral("other"));
    REQUIRE(admin(other, {QStringLiteral("import"), dir.filePath(QStringLiteral("csv1/items.csv"))})
                .exitCode == 0);
    const QJsonArray items = QJsonDocument::fromJson(exported(dir, other))
                                 .object()
                                 .value(QStringLiteral("items"))
                                 .toArray();
    const QJsonArray want = QJsonDocument::fromJson(readAll(generated))
                                .object()
                                .value(QStringLiteral("items"))
                                .toArray();
    for (const QJsonValue& w : want)
        CHECK(items.contains(w));
}
