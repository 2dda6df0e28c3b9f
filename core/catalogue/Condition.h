#pragma once

#include "store/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>

namespace ow {

// A condition on a conditional material or a related-item rule, e.g.
//   applicant.kind == "legal"
//   agent
//   form.business_area > 50 && !(applicant.kind == "legal")
//   form.reason in ["下岗", "失业"]
// Grammar (docs/catalogue-format.md): || && ! ( ) == != < <= > >= in [..],
// string and number literals, true/false, and names made of letters, digits,
// '_' and '.', looked up in the facts given to evaluate(); a missing name is
// null (false in a boolean place, equal to nothing).
class Condition
{
public:
    Condition(); // the empty condition: always true
    ~Condition();
    Condition(const Condition&);
    Condition& operator=(const Condition&);

    // Parses `text`; an error names the column where parsing stopped.
    static Result<Condition> parse(const QString& text);

    bool evaluate(const QHash<QString, QVariant>& facts) const;
    // The names the condition reads ("form.drainage_type", "agent"), each once.
    QStringList names() const;
    QString text() const;
    bool isEmpty() const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
    QString m_text;
};

} // namespace ow
