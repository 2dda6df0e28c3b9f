#include "catalogue/Condition.h"
#include "catalogue/ConditionNode.h"

#include <cmath>
#include <functional>
#include <optional>

namespace ow {

namespace {

using Node = Condition::Node;
using NodePtr = std::shared_ptr<const Node>;

bool isNull(const QVariant& v)
{
    return !v.isValid() || v.isNull();
}

bool isNumeric(const QVariant& v)
{
    const int t = v.typeId();
    return t == QMetaType::Int || t == QMetaType::UInt || t == QMetaType::LongLong ||
           t == QMetaType::ULongLong || t == QMetaType::Double || t == QMetaType::Float ||
           t == QMetaType::Long || t == QMetaType::ULong || t == QMetaType::Short ||
           t == QMetaType::UShort;
}

bool truthy(const QVariant& v)
{
    if (isNull(v))
        return false;
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (isNumeric(v))
        return v.toDouble() != 0.0;
    if (v.typeId() == QMetaType::QString) {
        const QString s = v.toString().trimmed();
        return !s.isEmpty() && s != QLatin1String("false") && s != QLatin1String("0");
    }
    if (v.typeId() == QMetaType::QStringList)
        return !v.toStringList().isEmpty();
    if (v.typeId() == QMetaType::QVariantList)
        return !v.toList().isEmpty();
    return v.toBool();
}

// A number from a number, or from a string holding one (form values).
bool asNumber(const QVariant& v, double& out)
{
    if (isNumeric(v)) {
        out = v.toDouble();
        return true;
    }
    if (v.typeId() == QMetaType::QString) {
        bool ok = false;
        out = v.toString().trimmed().toDouble(&ok);
        return ok;
    }
    return false;
}

bool equal(const QVariant& a, const QVariant& b)
{
    if (isNull(a) || isNull(b))
        return false; // null is equal to nothing
    if (a.typeId() == QMetaType::Bool || b.typeId() == QMetaType::Bool)
        return truthy(a) == truthy(b);
    double x = 0, y = 0;
    if ((isNumeric(a) || isNumeric(b)) && asNumber(a, x) && asNumber(b, y))
        return x == y;
    return a.toString() == b.toString();
}

// -1, 0, 1, or nullopt when the two cannot be ordered.
std::optional<int> order(const QVariant& a, const QVariant& b)
{
    if (isNull(a) || isNull(b))
        return std::nullopt;
    double x = 0, y = 0;
    if (asNumber(a, x) && asNumber(b, y)) {
        if (std::isnan(x) || std::isnan(y))
            return std::nullopt;
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const int c = QString::compare(a.toString(), b.toString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

QVariant eval(const Node& n, const QHash<QString, QVariant>& facts);

bool evalBool(const Node& n, const QHash<QString, QVariant>& facts)
{
    return truthy(eval(n, facts));
}

QVariant eval(const Node& n, const QHash<QString, QVariant>& facts)
{
    switch (n.kind) {
    case Node::Kind::Or:
        for (const NodePtr& c : n.children)
            if (evalBool(*c, facts))
                return true;
        return false;
    case Node::Kind::And:
        for (const NodePtr& c : n.children)
            if (!evalBool(*c, facts))
                return false;
        return true;
    case Node::Kind::Not:
        return !evalBool(*n.children.first(), facts);
    case Node::Kind::Compare: {
        const QVariant a = eval(*n.children[0], facts);
        const QVariant b = eval(*n.children[1], facts);
        switch (n.op) {
        case Node::Op::Eq:
            return equal(a, b);
        case Node::Op::Ne:
            return !equal(a, b);
        default:
            break;
        }
        const auto o = order(a, b);
        if (!o)
            return false;
        switch (n.op) {
        case Node::Op::Lt:
            return *o < 0;
        case Node::Op::Le:
            return *o <= 0;
        case Node::Op::Gt:
            return *o > 0;
        case Node::Op::Ge:
            return *o >= 0;
        default:
            return false;
        }
    }
    case Node::Kind::In: {
        const QVariant a = eval(*n.children[0], facts);
        for (qsizetype i = 1; i < n.children.size(); ++i)
            if (equal(a, eval(*n.children[i], facts)))
                return true;
        return false;
    }
    case Node::Kind::Name:
        return facts.value(n.text);
    case Node::Kind::String:
        return n.text;
    case Node::Kind::Number:
        return n.number;
    case Node::Kind::Bool:
        return n.boolean;
    }
    return {};
}

} // namespace

bool Condition::evaluate(const QHash<QString, QVariant>& facts) const
{
    if (!m_root)
        return true;
    return evalBool(*m_root, facts);
}

QStringList Condition::names() const
{
    QStringList out;
    const std::function<void(const Node&)> walk = [&](const Node& n) {
        if (n.kind == Node::Kind::Name && !out.contains(n.text))
            out << n.text;
        for (const auto& child : n.children)
            walk(*child);
    };
    if (m_root)
        walk(*m_root);
    return out;
}

} // namespace ow
