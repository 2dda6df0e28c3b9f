#pragma once

// A counter for the sync tests: a real store with the sample catalogue and
// an intake service at a site the test centre knows, and its sync engine
// talking to that centre through the site's own login.
#include "../core/IntakeFixture.h"
#include "CentralTestSupport.h"
#include "sync/PgSyncGateway.h"
#include "sync/SyncEngine.h"

#include <QSet>

namespace ow::test {

struct SyncCounter
{
    NewSite site;
    IntakeFixture intake;
    PgSyncGateway gateway;
    SyncEngine engine;

    explicit SyncCounter(const NewSite& s);

    // Accepts an immediate item (就业创业证) for a new applicant: the
    // case is completed at the window. Returns the case id.
    QString acceptImmediate(int n);
    // Accepts a promised item (status 'accepted'). Returns the case id.
    QString acceptPromised(int n);
    // A pass that must succeed.
    SyncPassReport sync();

    int outboxCount() const;
    QStringList localCaseNumbers() const;
    QString localStatus(const QString& caseId) const;
};

// Case numbers the centre holds for a site, sorted, and how often each
// appears (nothing twice).
QStringList centralCaseNumbers(CentralConnection& admin, const QString& siteCode);

// A valid resident ID number for test applicant n (GB 11643 check digit).
QString residentId(int n);

} // namespace ow::test
