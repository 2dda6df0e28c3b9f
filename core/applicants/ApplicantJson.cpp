#include "applicants/ApplicantJson.h"

namespace ow {

QJsonObject applicantToJson(const Applicant& a)
{
    QJsonObject o{{QStringLiteral("id"), a.id},
                  {QStringLiteral("kind"), toString(a.kind)},
                  {QStringLiteral("name"), a.name}};
    auto put = [&](const char* key, const QString& v) {
        if (!v.isEmpty())
            o.insert(QLatin1String(key), v);
    };
    if (!a.idNumber.isEmpty())
        put("idType", toString(a.idType));
    put("idNumber", a.idNumber);
    put("sex", a.sex);
    if (a.birthDate.isValid())
        put("birthDate", a.birthDate.toString(Qt::ISODate));
    put("phone", a.phone);
    put("address", a.address);
    put("creditCode", a.creditCode);
    put("legalRepresentative", a.legalRepresentative);
    put("legalRepIdNumber", a.legalRepIdNumber);
    put("contactName", a.contactName);
    put("contactPhone", a.contactPhone);
    put("creditGrade", toString(a.creditGrade));
    return o;
}

QJsonObject agentToJson(const Agent& a)
{
    QJsonObject o{{QStringLiteral("id"), a.id},
                  {QStringLiteral("idType"), toString(a.idType)},
                  {QStringLiteral("idNumber"), a.idNumber},
                  {QStringLiteral("name"), a.name}};
    if (!a.phone.isEmpty())
        o.insert(QStringLiteral("phone"), a.phone);
    return o;
}

} // namespace ow
