// The condition language of conditional materials and related rules: any
// text is parsed or refused; what parses is evaluated against facts taken
// from the input's own words.
#include "FuzzSupport.h"
#include "catalogue/Condition.h"

#include <QRegularExpression>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const auto parsed = Condition::parse(text);
    if (!parsed) {
        fuzz::require(!parsed.error().message.isEmpty(), "a refusal says why");
        return 0;
    }
    // Every name in the text, as a number, a word and a truth in turn.
    static const QRegularExpression name(QStringLiteral("[A-Za-z_][A-Za-z0-9_.]*"));
    QHash<QString, QVariant> facts;
    int n = 0;
    for (const auto& m : name.globalMatch(text)) {
        const QString key = m.captured();
        switch (n++ % 3) {
        case 0:
            facts.insert(key, n);
            break;
        case 1:
            facts.insert(key, key);
            break;
        default:
            facts.insert(key, true);
        }
    }
    (void)parsed->evaluate(facts);
    (void)parsed->evaluate({});
    return 0;
}
