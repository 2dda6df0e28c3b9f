#pragma once

#include "catalogue/Item.h"

#include <QCoreApplication>
#include <QString>

namespace ow::ui {

// The catalogue's enums and flags in the clerk's words (translated).
class CatalogueText
{
    Q_DECLARE_TR_FUNCTIONS(CatalogueText)
public:
    static QString handling(HandlingType handling);
    static QString level(Level level);
    static QString levels(int levelFlags);
    static QString delivery(int deliveryFlags);
    static QString form(MaterialForm form);
    static QString requirement(Requirement requirement);
    static QString source(MaterialSource source, bool reusable);
    static QString workingDays(int days);
    static QString limits(int legalDays, int promisedDays);
    static QString visits(int visits);
    static QString fee(double yuan, const QString& note);
    static QString yesNo(bool value);

    // A material's condition in words: "when an agent applies", "legal person",
    // "<form label> is X or Y"; form keys are named by the labels in `fields`.
    static QString condition(const QString& expression, const QList<FormField>& fields);
};

} // namespace ow::ui
