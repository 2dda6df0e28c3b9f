// Who may approve which items at the window (首席服务官): granted and revoked
// by an administrator, each change audited.
#include "audit/AuditLog.h"
#include "cases/CaseLife.h"
#include "cases/CaseLifeRepository.h"

#include <QCoreApplication>

namespace ow {

namespace {

Error required(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

} // namespace

Status CaseLifeService::grantApproval(const QString& login, const QString& itemCode)
{
    if (Status s = m_session.require(Permission::ManageUsers); !s)
        return s;
    if (login.trimmed().isEmpty() || itemCode.trimmed().isEmpty())
        return required(QStringLiteral("login"),
                        QCoreApplication::translate(
                            "ow::CaseLifeService",
                            "Name the user and the item they may approve at the window."));
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = CaseLifeRepository(m_db).grant(login.trimmed(), itemCode.trimmed(),
                                                  m_clock.now(), m_session.actor());
        !s)
        return s;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {QStringLiteral("case.approval_grant"), login.trimmed(),
                                         QJsonValue::Null, itemCode.trimmed()});
        !a)
        return a.error();
    return tx.commit();
}

Status CaseLifeService::revokeApproval(const QString& login, const QString& itemCode)
{
    if (Status s = m_session.require(Permission::ManageUsers); !s)
        return s;
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto removed = CaseLifeRepository(m_db).revoke(login.trimmed(), itemCode.trimmed());
    if (!removed)
        return removed.error();
    if (!*removed)
        return Error::notFound(
            QCoreApplication::translate("ow::CaseLifeService",
                                        "%1 has no authority to approve item %2 at the window.")
                .arg(login, itemCode));
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {QStringLiteral("case.approval_revoke"), login.trimmed(),
                                         itemCode.trimmed(), QJsonValue::Null});
        !a)
        return a.error();
    return tx.commit();
}

Result<QStringList> CaseLifeService::approvalItems(const QString& login) const
{
    return CaseLifeRepository(m_db).itemsOf(login);
}

} // namespace ow
