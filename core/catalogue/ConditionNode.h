#pragma once

// The parsed form of a Condition, shared by its parser (Condition.cpp) and
// its evaluator (ConditionEval.cpp). Not part of the public interface.
#include "catalogue/Condition.h"

#include <QList>

namespace ow {

struct Condition::Node
{
    enum class Kind { Or, And, Not, Compare, In, Name, String, Number, Bool };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge };

    Kind kind = Kind::Bool;
    Op op = Op::Eq;
    QString text;      // Name, String
    double number = 0; // Number
    bool boolean = true;
    QList<std::shared_ptr<const Condition::Node>> children;
};

} // namespace ow
