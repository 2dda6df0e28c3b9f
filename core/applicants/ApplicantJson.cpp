#include "applicants/ApplicantJson.h"

#include "store/JsonWriter.h"

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

QByteArray applicantJsonText(const Applicant& a)
{
    JsonWriter w(512);
    auto put = [&](const char* key, const QString& v) {
        if (!v.isEmpty())
            w.field(key, v);
    };
    // The members in the order a QJsonObject keeps them: sorted by name.
    w.beginObject();
    put("address", a.address);
    if (a.birthDate.isValid())
        put("birthDate", a.birthDate.toString(Qt::ISODate));
    put("contactName", a.contactName);
    put("contactPhone", a.contactPhone);
    put("creditCode", a.creditCode);
    put("creditGrade", toString(a.creditGrade));
    w.field("id", a.id);
    put("idNumber", a.idNumber);
    if (!a.idNumber.isEmpty())
        put("idType", toString(a.idType));
    w.field("kind", toString(a.kind));
    put("legalRepIdNumber", a.legalRepIdNumber);
    put("legalRepresentative", a.legalRepresentative);
    w.field("name", a.name);
    put("phone", a.phone);
    put("sex", a.sex);
    w.endObject();
    return w.take();
}

} // namespace ow
