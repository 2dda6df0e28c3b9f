#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace ow {

// How a material is presented at the window.
enum class MaterialForm { Original, Copy, Electronic, OriginalAndCopy };
// Whether the material must be brought.
enum class Requirement { Required, Optional, Conditional };
// Who issues the material: the applicant brings it, or a government body
// issued it (and it can then be reused from earlier cases or e-licences).
enum class MaterialSource { Applicant, Government };

// One line of an item's checklist (申请材料).
struct Material
{
    // Identity across items: the same id in two items is the same document,
    // asked once in a merged checklist ("id-card", "business-licence", ...).
    QString id;
    QString name;
    MaterialForm form = MaterialForm::Original;
    int copies = 1;
    Requirement requirement = Requirement::Required;
    QString condition; // the condition expression when Conditional
    MaterialSource source = MaterialSource::Applicant;
    bool reusable = false; // may be taken from an earlier case or the e-licence library
    QString note;          // what exactly is wanted (format, seal, validity)
};

enum class FieldType { Text, Number, Date, Choice, Bool, Phone, IdNumber, Postcode, Address };

// One field of an item's application form.
struct FormField
{
    QString key; // identity across items: a shared key is asked once
    QString label;
    FieldType type = FieldType::Text;
    bool required = false;
    QString pattern;     // regular expression the value must match, when set
    QStringList options; // for Choice
    QString prefill;     // "applicant.name", "applicant.phone", ... or empty
};

enum class HandlingType { Immediate /* 即办件 */, Promised /* 承诺件 */ };

// Levels where an item may be handled.
enum class Level { City = 1, Town = 2, Village = 4 };

enum class Delivery { Pickup = 1, Ems = 2, Locker = 4 };

// A service item (事项) of the implementation list.
struct Item
{
    QString code;
    QString name;
    QString shortName;
    QStringList keywords;
    QString category;   // the area (规划建设, 民政, 社保, ...)
    QString theme;      // life-event theme, optional
    QString department; // implementing department
    QString itemType;   // 行政许可, 行政确认, 行政给付, 公共服务, ...
    HandlingType handling = HandlingType::Promised;
    int legalLimitDays = 0;    // working days
    int promisedLimitDays = 0; // working days
    int visits = 1;            // visits required at most (0, 1, more)
    double feeYuan = 0.0;
    QString feeNote;
    int levels = int(Level::City); // Level flags
    bool universal = false;        // 无差别受理
    QString acceptanceConditions;
    QString legalBasis;
    QString result; // the licence or certificate issued
    int delivery = int(Delivery::Pickup); // Delivery flags
    QList<Material> materials;
    QList<FormField> form;
    QStringList related; // codes of related items (并联服务)
    int version = 1;
    QDate effectiveFrom;
    QDate effectiveTo; // null when open-ended
    bool active = true;
};

// A joint item (联办, 一件事): several items, one application.
struct JointItem
{
    QString code;
    QString name;
    QString shortName;
    QStringList keywords;
    QString category;
    QString theme;
    QStringList members;       // item codes
    int promisedLimitDays = 0; // the combined promise
    int version = 1;
    bool active = true;
};

// A rule suggesting a related item from what is known of the applicant or
// the form (并联服务), e.g. medical aid + laid-off worker -> hardship subsidy.
struct RelatedRule
{
    QString whenItem;  // the item being applied for
    QString condition; // condition expression over applicant and form
    QString suggest;   // the suggested item's code
    QString reason;    // what the clerk is told
};

struct Catalogue
{
    QList<Item> items;
    QList<JointItem> jointItems;
    QList<RelatedRule> rules;
};

} // namespace ow
