#pragma once
// A small valid catalogue for the catalogue tests, written one material per
// line so that problems can be located by line.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace ow::test {

inline QString baseCatalogueJson()
{
    return QString::fromUtf8(R"json({
  "format": "onewindow-catalogue",
  "formatVersion": 1,
  "items": [
    {
      "code": "SWJ-XK-001",
      "name": "排水许可证核发",
      "shortName": "排水许可",
      "keywords": ["排水证", "排水接管"],
      "category": "规划建设",
      "theme": "开办餐饮店",
      "department": "市水务局",
      "itemType": "行政许可",
      "handling": "promised",
      "legalLimitDays": 20,
      "promisedLimitDays": 5,
      "visits": 1,
      "feeYuan": 0,
      "feeNote": "不收费",
      "levels": ["city", "town"],
      "universal": true,
      "result": "城镇污水排入排水管网许可证",
      "delivery": ["pickup", "ems"],
      "materials": [
        {"id": "id-card", "name": "申请人身份证", "form": "original+copy", "requirement": "required", "source": "government", "reusable": true},
        {"id": "power-of-attorney", "name": "授权委托书", "form": "original", "requirement": "conditional", "condition": "agent"},
        {"id": "drainage-plan", "name": "排水设施平面图", "form": "copy", "copies": 2, "requirement": "optional", "note": "加盖公章"}
      ],
      "form": [
        {"key": "phone", "label": "联系电话", "type": "phone", "required": true, "prefill": "applicant.phone"},
        {"key": "drainage_type", "label": "排水类别", "type": "choice", "options": ["餐饮", "工业"]}
      ],
      "related": ["SJJ-XK-001"],
      "version": 2,
      "effectiveFrom": "2024-01-01",
      "effectiveTo": "2026-12-31"
    },
    {
      "code": "SJJ-XK-001",
      "name": "食品经营许可",
      "category": "市场监管",
      "department": "市市场监督管理局",
      "itemType": "行政许可",
      "handling": "immediate",
      "legalLimitDays": 0,
      "promisedLimitDays": 0,
      "visits": 1,
      "levels": ["city"],
      "materials": [
        {"id": "id-card", "name": "经营者身份证", "form": "original", "requirement": "required"},
        {"id": "business-licence", "name": "营业执照", "form": "copy", "requirement": "conditional", "condition": "applicant.kind == \"legal\""}
      ]
    }
  ],
  "jointItems": [
    {"code": "YJS-CY-001", "name": "开办餐饮店一件事", "category": "市场监管", "members": ["SWJ-XK-001", "SJJ-XK-001"], "promisedLimitDays": 10}
  ],
  "relatedRules": [
    {"whenItem": "SJJ-XK-001", "condition": "form.drainage_type == \"餐饮\"", "suggest": "SWJ-XK-001", "reason": "餐饮店需办理排水许可"}
  ]
}
)json");
}

// The 1-based line of the first line of `text` containing `needle`.
inline int lineOf(const QString& text, const QString& needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(text.left(at).count(QLatin1Char('\n'))) + 1;
}

// Writes `content` to `name` in `dir`; returns the path.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

} // namespace ow::test
