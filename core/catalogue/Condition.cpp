#include "catalogue/Condition.h"
#include "catalogue/ConditionNode.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace ow {

namespace {

// Deeper nesting than this is refused: no catalogue needs it, and a hostile
// file must not exhaust the stack.
constexpr int kMaxDepth = 200;

using Node = Condition::Node;
using NodePtr = std::shared_ptr<const Node>;

enum class Tok { End, Name, String, Number, True, False, In, Or, And, Not, Op, LParen, RParen,
                 LBracket, RBracket, Comma };

struct Token
{
    Tok kind = Tok::End;
    QString text;
    double number = 0;
    Node::Op op = Node::Op::Eq;
    qsizetype pos = 0; // index into the text (UTF-16)
};

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

// Names are letters, digits, '_' and '.'; a '-' inside a name is accepted
// too, so item codes such as ZGJ-XK-001 can be named (item.ZGJ-XK-001).
bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') ||
           c == QLatin1Char('-');
}

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(ow::Condition)

public:
    explicit Parser(const QString& text) : m_text(text) {}

    Result<NodePtr> run()
    {
        if (!advance())
            return fail();
        if (m_tok.kind == Tok::End) {
            m_expected = tr("a condition");
            return fail();
        }
        NodePtr root = parseOr(0);
        if (!root)
            return fail();
        if (m_tok.kind != Tok::End) {
            m_expected = tr("\"&&\", \"||\" or the end of the condition");
            return fail();
        }
        return root;
    }

private:
    // 1-based column in code points of `pos`.
    int column(qsizetype pos) const
    {
        int col = 1;
        for (qsizetype i = 0; i < pos && i < m_text.size(); ++i) {
            if (m_text[i].isHighSurrogate() && i + 1 < m_text.size() &&
                m_text[i + 1].isLowSurrogate())
                ++i;
            ++col;
        }
        return col;
    }

    QString describe(const Token& t) const
    {
        if (t.kind == Tok::End)
            return tr("the end of the condition");
        const qsizetype end = m_pos > t.pos ? m_pos : t.pos + 1;
        return QLatin1Char('"') + m_text.mid(t.pos, qMin<qsizetype>(end - t.pos, 20)) +
               QLatin1Char('"');
    }

    Error fail() const
    {
        const int col = column(m_errorPos >= 0 ? m_errorPos : m_tok.pos);
        QString what;
        if (!m_lexError.isEmpty())
            what = m_lexError;
        else
            what = tr("expected %1, found %2").arg(m_expected, describe(m_tok));
        const QString msg = tr("Column %1: %2").arg(col).arg(what);
        return Error::invalid(msg, {Problem{tr("column %1").arg(col), QString(), msg}});
    }

    bool lexFail(qsizetype pos, const QString& msg)
    {
        m_errorPos = pos;
        m_lexError = msg;
        return false;
    }

    // Reads the next token into m_tok; false on a lexical error.
    bool advance()
    {
        const qsizetype n = m_text.size();
        while (m_pos < n && m_text[m_pos].isSpace())
            ++m_pos;
        Token t;
        t.pos = m_pos;
        if (m_pos >= n) {
            m_tok = t;
            return true;
        }
        const QChar c = m_text[m_pos];
        const QChar next = m_pos + 1 < n ? m_text[m_pos + 1] : QChar();
        // Operators and punctuation, longest first.
        struct Symbol
        {
            const char* text;
            Tok kind;
            Node::Op op;
        };
        static constexpr Symbol symbols[] = {
            {"||", Tok::Or, Node::Op::Eq},       {"&&", Tok::And, Node::Op::Eq},
            {"==", Tok::Op, Node::Op::Eq},       {"!=", Tok::Op, Node::Op::Ne},
            {"<=", Tok::Op, Node::Op::Le},       {">=", Tok::Op, Node::Op::Ge},
            {"<", Tok::Op, Node::Op::Lt},        {">", Tok::Op, Node::Op::Gt},
            {"!", Tok::Not, Node::Op::Eq},       {"(", Tok::LParen, Node::Op::Eq},
            {")", Tok::RParen, Node::Op::Eq},    {"[", Tok::LBracket, Node::Op::Eq},
            {"]", Tok::RBracket, Node::Op::Eq},  {",", Tok::Comma, Node::Op::Eq}};
        for (const Symbol& sym : symbols) {
            const QLatin1String text(sym.text);
            if (QStringView(m_text).mid(m_pos).startsWith(text)) {
                t.kind = sym.kind;
                t.op = sym.op;
                m_pos += text.size();
                m_tok = t;
                return true;
            }
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            if (!lexString(t, c))
                return false;
        } else if (c.isDigit() || (c == QLatin1Char('-') && next.isDigit())) {
            lexNumber(t);
        } else if (isNameStart(c)) {
            qsizetype e = m_pos + 1;
            while (e < n && isNamePart(m_text[e]))
                ++e;
            t.text = m_text.mid(m_pos, e - m_pos);
            m_pos = e;
            if (t.text == QLatin1String("true"))
                t.kind = Tok::True;
            else if (t.text == QLatin1String("false"))
                t.kind = Tok::False;
            else if (t.text == QLatin1String("in"))
                t.kind = Tok::In;
            else
                t.kind = Tok::Name;
        } else if (c == QLatin1Char('=') || c == QLatin1Char('&') || c == QLatin1Char('|')) {
            return lexFail(m_pos, tr("\"%1\" is not an operator; write \"%1%1\"").arg(c));
        } else {
            return lexFail(m_pos, tr("unexpected character \"%1\"")
                                      .arg(c.isSurrogate() ? m_text.mid(m_pos, 2) : QString(c)));
        }
        m_tok = t;
        return true;
    }

    bool lexString(Token& t, QChar quote)
    {
        const qsizetype n = m_text.size();
        qsizetype i = m_pos + 1;
        QString out;
        while (i < n && m_text[i] != quote) {
            if (m_text[i] == QLatin1Char('\\')) {
                if (i + 1 >= n)
                    break;
                const QChar e = m_text[i + 1];
                if (e == QLatin1Char('n'))
                    out += QLatin1Char('\n');
                else if (e == QLatin1Char('t'))
                    out += QLatin1Char('\t');
                else if (e == QLatin1Char('"') || e == QLatin1Char('\'') ||
                         e == QLatin1Char('\\'))
                    out += e;
                else
                    return lexFail(i, tr("unknown escape \"\\%1\" in a string").arg(e));
                i += 2;
                continue;
            }
            out += m_text[i];
            ++i;
        }
        if (i >= n)
            return lexFail(m_pos, tr("the string is not closed"));
        t.kind = Tok::String;
        t.text = out;
        m_pos = i + 1;
        return true;
    }

    void lexNumber(Token& t)
    {
        const qsizetype n = m_text.size();
        qsizetype e = m_pos + 1;
        while (e < n && m_text[e].isDigit())
            ++e;
        if (e + 1 < n && m_text[e] == QLatin1Char('.') && m_text[e + 1].isDigit()) {
            e += 2;
            while (e < n && m_text[e].isDigit())
                ++e;
        }
        t.kind = Tok::Number;
        t.number = m_text.mid(m_pos, e - m_pos).toDouble();
        m_pos = e;
    }

    bool tooDeep(int depth)
    {
        if (depth <= kMaxDepth)
            return false;
        m_errorPos = m_tok.pos;
        m_lexError = tr("the condition is nested too deeply");
        return true;
    }

    static NodePtr make(Node::Kind k, QList<NodePtr> children)
    {
        auto n = std::make_shared<Node>();
        n->kind = k;
        n->children = std::move(children);
        return n;
    }

    NodePtr parseOr(int depth)
    {
        if (tooDeep(depth))
            return {};
        NodePtr left = parseAnd(depth + 1);
        if (!left)
            return {};
        QList<NodePtr> parts{left};
        while (m_tok.kind == Tok::Or) {
            if (!advance())
                return {};
            NodePtr right = parseAnd(depth + 1);
            if (!right)
                return {};
            parts << right;
        }
        return parts.size() == 1 ? left : make(Node::Kind::Or, parts);
    }

    NodePtr parseAnd(int depth)
    {
        NodePtr left = parseNot(depth + 1);
        if (!left)
            return {};
        QList<NodePtr> parts{left};
        while (m_tok.kind == Tok::And) {
            if (!advance())
                return {};
            NodePtr right = parseNot(depth + 1);
            if (!right)
                return {};
            parts << right;
        }
        return parts.size() == 1 ? left : make(Node::Kind::And, parts);
    }

    NodePtr parseNot(int depth)
    {
        if (tooDeep(depth))
            return {};
        if (m_tok.kind == Tok::Not) {
            if (!advance())
                return {};
            NodePtr inner = parseNot(depth + 1);
            return inner ? make(Node::Kind::Not, {inner}) : NodePtr();
        }
        return parseCompare(depth + 1);
    }

    NodePtr parseCompare(int depth)
    {
        NodePtr left = parseValue(depth + 1);
        if (!left)
            return {};
        if (m_tok.kind == Tok::Op) {
            const Node::Op op = m_tok.op;
            if (!advance())
                return {};
            NodePtr right = parseValue(depth + 1);
            if (!right)
                return {};
            auto n = std::make_shared<Node>();
            n->kind = Node::Kind::Compare;
            n->op = op;
            n->children = {left, right};
            return n;
        }
        if (m_tok.kind == Tok::In) {
            if (!advance())
                return {};
            if (m_tok.kind != Tok::LBracket) {
                m_expected = tr("\"[\" opening a list");
                return {};
            }
            if (!advance())
                return {};
            QList<NodePtr> children{left};
            if (m_tok.kind != Tok::RBracket) {
                for (;;) {
                    NodePtr v = parseValue(depth + 1);
                    if (!v)
                        return {};
                    children << v;
                    if (m_tok.kind == Tok::Comma) {
                        if (!advance())
                            return {};
                        continue;
                    }
                    if (m_tok.kind != Tok::RBracket) {
                        m_expected = tr("\",\" or \"]\"");
                        return {};
                    }
                    break;
                }
            }
            if (!advance())
                return {};
            return make(Node::Kind::In, children);
        }
        return left;
    }

    NodePtr parseValue(int depth)
    {
        if (tooDeep(depth))
            return {};
        auto n = std::make_shared<Node>();
        switch (m_tok.kind) {
        case Tok::Name:
            n->kind = Node::Kind::Name;
            n->text = m_tok.text;
            break;
        case Tok::String:
            n->kind = Node::Kind::String;
            n->text = m_tok.text;
            break;
        case Tok::Number:
            n->kind = Node::Kind::Number;
            n->number = m_tok.number;
            break;
        case Tok::True:
        case Tok::False:
            n->kind = Node::Kind::Bool;
            n->boolean = m_tok.kind == Tok::True;
            break;
        case Tok::LParen: {
            if (!advance())
                return {};
            NodePtr inner = parseOr(depth + 1);
            if (!inner)
                return {};
            if (m_tok.kind != Tok::RParen) {
                m_expected = tr("\")\"");
                return {};
            }
            if (!advance())
                return {};
            return inner;
        }
        default:
            m_expected = tr("a name, a string, a number, true, false or \"(\"");
            return {};
        }
        if (!advance())
            return {};
        return n;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    Token m_tok;
    QString m_expected;
    QString m_lexError;
    qsizetype m_errorPos = -1;
};

} // namespace

Condition::Condition() = default;
Condition::~Condition() = default;
Condition::Condition(const Condition&) = default;
Condition& Condition::operator=(const Condition&) = default;

Result<Condition> Condition::parse(const QString& text)
{
    Parser p(text);
    Result<NodePtr> root = p.run();
    if (!root)
        return root.error();
    Condition c;
    c.m_root = std::move(root.value());
    c.m_text = text;
    return c;
}

QString Condition::text() const
{
    return m_text;
}

bool Condition::isEmpty() const
{
    return !m_root;
}

} // namespace ow

