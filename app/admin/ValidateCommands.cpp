// `validate KIND VALUE`: checks one identifier the way the counter does,
// without opening the store. Exit 0 with the normalised value and what it
// tells; 1 with the reason; 2 on a usage error.
#include "AdminCommand.h"
#include "applicants/Validators.h"
#include "store/Clock.h"

#include <QCoreApplication>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

const QString validateUsage =
    QStringLiteral("validate id|uscc|phone|mobile|postcode|waybill|name VALUE");

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return 1;
}

void line(AdminContext& ctx, const QString& label, const QString& value)
{
    ctx.out << label << QStringLiteral(": ") << value << Qt::endl;
}

int validateId(AdminContext& ctx, const QString& value)
{
    const auto r = validateResidentId(value, Clock::system());
    if (!r)
        return fail(ctx, r.error());
    ctx.out << r->number << Qt::endl;
    line(ctx, tr("birth date"), r->birthDate.toString(Qt::ISODate));
    line(ctx, tr("sex"), r->sex == Sex::Male ? tr("male") : tr("female"));
    line(ctx, tr("address code"), r->addressCode());
    if (r->upgraded)
        line(ctx, tr("note"), tr("upgraded from the 15-digit number %1").arg(value.trimmed()));
    return 0;
}

int validateUscc(AdminContext& ctx, const QString& value)
{
    const CreditCodeCheck c = inspectCreditCode(value);
    if (!c.valid()) {
        fail(ctx, *c.error);
        if (c.overridable())
            ctx.err << tr("Only the check character is wrong: a supervisor may accept the code "
                          "with a recorded reason.")
                    << Qt::endl;
        return 1;
    }
    ctx.out << c.code << Qt::endl;
    line(ctx, tr("registering department"), c.registeringDepartment());
    if (const QString type = c.organisationType(); !type.isEmpty())
        line(ctx, tr("organisation type"), type);
    line(ctx, tr("division code"), c.divisionCode());
    line(ctx, tr("organisation code"), c.organisationCode());
    return 0;
}

int validatePhoneValue(AdminContext& ctx, const QString& value, bool mobileOnly)
{
    const auto r = mobileOnly ? validateMobile(value) : validatePhone(value);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << r->number << Qt::endl;
    if (r->kind == PhoneNumber::Kind::Mobile) {
        line(ctx, tr("kind"), tr("mobile"));
    } else {
        line(ctx, tr("kind"), tr("fixed line"));
        line(ctx, tr("area code"), r->areaCode);
        if (!r->extension.isEmpty())
            line(ctx, tr("extension"), r->extension);
    }
    return 0;
}

int validateWaybillValue(AdminContext& ctx, const QString& value)
{
    const auto r = validateWaybill(value);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << r->number << Qt::endl;
    if (r->kind == Waybill::Kind::Domestic) {
        line(ctx, tr("kind"), tr("domestic EMS waybill"));
    } else {
        line(ctx, tr("kind"), tr("international (UPU S10)"));
        line(ctx, tr("service"), r->serviceIndicator);
        line(ctx, tr("country"), r->countryCode);
    }
    return 0;
}

int runValidate(AdminContext& ctx, const QStringList& args)
{
    if (args.size() != 2) {
        ctx.err << tr("Usage: %1").arg(validateUsage) << Qt::endl;
        return 2;
    }
    const QString kind = args[0];
    const QString& value = args[1];
    if (kind == QLatin1String("id"))
        return validateId(ctx, value);
    if (kind == QLatin1String("uscc"))
        return validateUscc(ctx, value);
    if (kind == QLatin1String("phone") || kind == QLatin1String("mobile"))
        return validatePhoneValue(ctx, value, kind == QLatin1String("mobile"));
    if (kind == QLatin1String("waybill"))
        return validateWaybillValue(ctx, value);
    if (kind == QLatin1String("postcode")) {
        const auto r = validatePostcode(value);
        if (!r)
            return fail(ctx, r.error());
        ctx.out << *r << Qt::endl;
        return 0;
    }
    if (kind == QLatin1String("name")) {
        const auto r = validatePersonName(value);
        if (!r)
            return fail(ctx, r.error());
        ctx.out << *r << Qt::endl;
        line(ctx, tr("characters"), QString::number(codePointCount(*r)));
        return 0;
    }
    ctx.err << tr("Unknown kind of value: %1").arg(kind) << Qt::endl
            << tr("Usage: %1").arg(validateUsage) << Qt::endl;
    return 2;
}

[[maybe_unused]] const bool registered =
    registerCommand({QStringLiteral("validate"), validateUsage, runValidate});

} // namespace

} // namespace ow::admin
