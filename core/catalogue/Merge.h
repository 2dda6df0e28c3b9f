#pragma once

#include "catalogue/Item.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ow {

// Merging the checklists and forms of several items: the members of a joint
// item (联办), or unrelated items accepted in one intake (一窗受理). Each
// material is asked once, each form field once.

// A material as merged over the items that ask for it.
struct MergedMaterial
{
    Material material;
    QStringList itemCodes; // the items asking for it, in the order given
};

// A form field as merged over the items that have it.
struct MergedField
{
    FormField field;
    QStringList itemCodes;
};

// Merges by material id, in order of first appearance:
// - requirement: required if any item requires it; otherwise conditional if
//   any has it conditional (the conditions joined with ||, each once);
//   otherwise optional;
// - form: the strictest (original+copy > original > copy > electronic);
// - copies: the largest number;
// - source: government when any says so; reusable when any says so;
// - name: the first item's; notes: the distinct notes joined with "；".
QList<MergedMaterial> mergeMaterials(const QList<Item>& items);
QList<MergedMaterial> mergeMaterials(const QList<const Item*>& items);

// Merges form fields by key, in order of first appearance: the first item's
// label, type, pattern and prefill; required if any item requires it; the
// options of choice fields united.
QList<MergedField> mergeFormFields(const QList<Item>& items);
QList<MergedField> mergeFormFields(const QList<const Item*>& items);

// The stricter of two material forms (original+copy > original > copy >
// electronic).
MaterialForm stricterForm(MaterialForm a, MaterialForm b);

// The promised limit, in working days, for the items handled together:
// the joint item's combined promise when `joint` is given, otherwise the
// longest promise of the items (0 when all are immediate).
int combinedPromisedLimit(const QList<Item>& items, const JointItem* joint = nullptr);

} // namespace ow
