#include "AdminCommand.h"

#include "catalogue/SampleCatalogue.h"
#include "store/DataDir.h"

namespace ow::admin {

namespace {
QList<AdminCommand>& registry()
{
    static QList<AdminCommand> list;
    return list;
}
} // namespace

bool registerCommand(AdminCommand command)
{
    registry().append(std::move(command));
    return true;
}

const QList<AdminCommand>& commands()
{
    return registry();
}

Database* AdminContext::store()
{
    if (m_store)
        return m_store.get();
    auto opened = Database::open(storeFile(m_dataDir));
    if (!opened) {
        err << opened.error().fullText() << Qt::endl;
        return nullptr;
    }
    m_store = std::move(opened.value());
    if (Status s = seedSampleCatalogueIfEmpty(*m_store); !s) {
        err << s.error().fullText() << Qt::endl;
        m_store.reset();
        return nullptr;
    }
    return m_store.get();
}

QString takeOption(QStringList& args, const QString& name, const QString& fallback)
{
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == name && i + 1 < args.size()) {
            const QString v = args[i + 1];
            args.remove(i, 2);
            return v;
        }
        if (args[i].startsWith(name + QLatin1Char('='))) {
            const QString v = args[i].mid(name.size() + 1);
            args.removeAt(i);
            return v;
        }
    }
    return fallback;
}

bool takeFlag(QStringList& args, const QString& name)
{
    return args.removeAll(name) > 0;
}

} // namespace ow::admin
