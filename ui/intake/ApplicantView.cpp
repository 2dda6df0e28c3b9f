#include "ApplicantView.h"

#include "IntakeText.h"
#include "widgets/ListFit.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

QLabel* errorLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("applicantError_") + name);
    label->setStyleSheet(QStringLiteral("color: #B02A1F;"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

ApplicantEntryView::ApplicantEntryView(QWidget* parent)
    : QWidget(parent), m_id(new QLineEdit(this)),
      m_idProblem(errorLabel(this, QStringLiteral("id"))), m_status(new QLabel(this)),
      m_details(new QWidget(this)), m_form(new QFormLayout),
      m_agent(new QCheckBox(tr("An agent applies for them"), this)), m_agentBox(new QWidget(this)),
      m_agentForm(new QFormLayout)
{
    m_id->setObjectName(QStringLiteral("idEntry"));
    m_id->setPlaceholderText(tr("ID number or credit code — read the card or type, then Enter"));
    QFont big = m_id->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_id->setFont(big);
    m_id->setMinimumHeight(m_id->sizeHint().height() + 6);
    m_id->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("applicantStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_details->setObjectName(QStringLiteral("applicantDetails"));
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setVerticalSpacing(3);
    addField(m_form, QStringLiteral("name"), tr("Name"));
    addField(m_form, QStringLiteral("legalRepresentative"), tr("Legal representative"));
    addField(m_form, QStringLiteral("contactName"), tr("Contact"));
    addField(m_form, QStringLiteral("contactPhone"), tr("Contact phone"));
    addField(m_form, QStringLiteral("phone"), tr("Phone"));
    addField(m_form, QStringLiteral("address"), tr("Address"));

    m_agent->setObjectName(QStringLiteral("agentPresent"));
    m_agentForm->setContentsMargins(0, 0, 0, 0);
    m_agentForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_agentForm->setVerticalSpacing(3);
    addField(m_agentForm, QStringLiteral("agent.name"), tr("Agent's name"));
    addField(m_agentForm, QStringLiteral("agent.idNumber"), tr("Agent's ID number"));
    addField(m_agentForm, QStringLiteral("agent.phone"), tr("Agent's phone"));
    m_agentBox->setLayout(m_agentForm);
    connect(m_agent, &QCheckBox::toggled, this, [this](bool on) {
        updateVisibility();
        if (on)
            m_fields.value(QStringLiteral("agent.name"))->setFocus(Qt::OtherFocusReason);
    });
    m_agent->installEventFilter(this);

    auto* detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 4, 0, 0);
    detailsLayout->setSpacing(4);
    detailsLayout->addLayout(m_form);
    detailsLayout->addWidget(m_agent);
    detailsLayout->addWidget(m_agentBox);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_id);
    layout->addWidget(m_idProblem);
    layout->addWidget(m_status);
    layout->addWidget(m_details);
    layout->addStretch(1);
    setFocusProxy(m_id);

    // Tab goes down the details, then to the agent.
    QWidget* previous = m_id;
    for (const QString& name : {QStringLiteral("name"), QStringLiteral("legalRepresentative"),
                                QStringLiteral("contactName"), QStringLiteral("contactPhone"),
                                QStringLiteral("phone"), QStringLiteral("address")}) {
        setTabOrder(previous, m_fields.value(name));
        previous = m_fields.value(name);
    }
    setTabOrder(previous, m_agent);
    previous = m_agent;
    for (const QString& name : kAgentFields) {
        setTabOrder(previous, m_fields.value(name));
        previous = m_fields.value(name);
    }
    clear();
}

QLineEdit* ApplicantEntryView::addField(QFormLayout* form, const QString& name,
                                        const QString& label)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QStringLiteral("applicant_") + name);
    edit->installEventFilter(this);
    auto* error = errorLabel(this, name);
    auto* column = new QWidget(this);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(1);
    columnLayout->addWidget(edit);
    columnLayout->addWidget(error);
    auto* caption = new QLabel(label, this);
    caption->setBuddy(edit);
    form->addRow(caption, column);
    m_fields.insert(name, edit);
    m_errors.insert(name, error);
    m_labels.insert(name, caption);
    return edit;
}

QString ApplicantEntryView::idText() const
{
    return m_id->text().trimmed();
}

void ApplicantEntryView::updateVisibility()
{
    const bool legal = m_base.isLegal();
    for (const QString& name : {QStringLiteral("legalRepresentative"),
                                QStringLiteral("contactName"), QStringLiteral("contactPhone")}) {
        m_form->setRowVisible(m_fields.value(name)->parentWidget(), legal);
    }
    m_labels.value(QStringLiteral("name"))->setText(legal ? tr("Organisation") : tr("Name"));
    m_details->setVisible(m_shown);
    m_agentBox->setVisible(m_shown && m_agent->isChecked());
}

void ApplicantEntryView::showApplicant(const Applicant& applicant, bool known)
{
    m_base = applicant;
    m_shown = true;
    const auto set = [this](const QString& name, const QString& value) {
        m_fields.value(name)->setText(value);
    };
    set(QStringLiteral("name"), applicant.name);
    set(QStringLiteral("phone"), applicant.phone);
    set(QStringLiteral("address"), applicant.address);
    set(QStringLiteral("legalRepresentative"), applicant.legalRepresentative);
    set(QStringLiteral("contactName"), applicant.contactName);
    set(QStringLiteral("contactPhone"), applicant.contactPhone);
    setProblems({});
    setIdProblem({});
    QString who;
    if (applicant.isLegal()) {
        who = tr("Legal person, credit code %1").arg(applicant.creditCode);
    } else {
        who = tr("Natural person, ID %1").arg(applicant.idNumber);
        if (applicant.birthDate.isValid())
            who += tr(", born %1").arg(applicant.birthDate.toString(Qt::ISODate));
        if (applicant.sex == QLatin1String("male"))
            who += tr(", male");
        else if (applicant.sex == QLatin1String("female"))
            who += tr(", female");
    }
    setStatus(known ? tr("Known applicant. %1. Check the details, then Enter.").arg(who)
                    : tr("New applicant. %1. Type the details, then Enter.").arg(who));
    updateVisibility();
}

void ApplicantEntryView::setIdProblem(const QString& message)
{
    m_idProblem->setText(message);
    m_idProblem->setVisible(!message.isEmpty());
}

void ApplicantEntryView::setStatus(const QString& text)
{
    m_status->setText(text);
}

Applicant ApplicantEntryView::applicant() const
{
    Applicant a = m_base;
    const auto text = [this](const QString& name) {
        return m_fields.value(name)->text().trimmed();
    };
    a.name = text(QStringLiteral("name"));
    a.phone = text(QStringLiteral("phone"));
    a.address = text(QStringLiteral("address"));
    if (a.isLegal()) {
        a.legalRepresentative = text(QStringLiteral("legalRepresentative"));
        a.contactName = text(QStringLiteral("contactName"));
        a.contactPhone = text(QStringLiteral("contactPhone"));
    }
    return a;
}

std::optional<Agent> ApplicantEntryView::agent() const
{
    if (!m_agent->isChecked())
        return std::nullopt;
    Agent agent;
    agent.name = m_fields.value(QStringLiteral("agent.name"))->text().trimmed();
    agent.idNumber = m_fields.value(QStringLiteral("agent.idNumber"))->text().trimmed().toUpper();
    agent.phone = m_fields.value(QStringLiteral("agent.phone"))->text().trimmed();
    return agent;
}

void ApplicantEntryView::setAgent(const Agent& agent)
{
    {
        const QSignalBlocker block(m_agent); // the focus stays where it is
        m_agent->setChecked(true);
    }
    m_fields.value(QStringLiteral("agent.name"))->setText(agent.name);
    m_fields.value(QStringLiteral("agent.idNumber"))->setText(agent.idNumber);
    m_fields.value(QStringLiteral("agent.phone"))->setText(agent.phone);
    updateVisibility();
}

void ApplicantEntryView::setProblems(const QHash<QString, QString>& problems)
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString message = problems.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
}

QLineEdit* ApplicantEntryView::firstProblemField() const
{
    for (const QStringList& names : {kApplicantFields, kAgentFields})
        for (const QString& name : names)
            if (!m_errors.value(name)->text().isEmpty() && m_fields.value(name)->isVisibleTo(this))
                return m_fields.value(name);
    return nullptr;
}

void ApplicantEntryView::clear()
{
    m_base = Applicant();
    m_shown = false;
    m_id->clear();
    for (QLineEdit* edit : std::as_const(m_fields))
        edit->clear();
    {
        const QSignalBlocker block(m_agent);
        m_agent->setChecked(false);
    }
    setProblems({});
    setIdProblem({});
    setStatus(tr("Read the applicant's ID card, or type the ID number or credit code."));
    setDetailsEnabled(true);
    updateVisibility();
}

void ApplicantEntryView::focusId()
{
    m_id->setFocus(Qt::ShortcutFocusReason);
    m_id->selectAll();
}

void ApplicantEntryView::focusDetails()
{
    if (QLineEdit* bad = firstProblemField()) {
        bad->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_fields.value(QStringLiteral("name"))->setFocus(Qt::OtherFocusReason);
}

void ApplicantEntryView::setDetailsEnabled(bool enabled)
{
    m_details->setEnabled(enabled);
}

QList<QLineEdit*> ApplicantEntryView::shownFields() const
{
    QList<QLineEdit*> out;
    for (const QString& name :
         {QStringLiteral("name"), QStringLiteral("legalRepresentative"),
          QStringLiteral("contactName"), QStringLiteral("contactPhone"), QStringLiteral("phone"),
          QStringLiteral("address"), QStringLiteral("agent.name"), QStringLiteral("agent.idNumber"),
          QStringLiteral("agent.phone")}) {
        QLineEdit* edit = m_fields.value(name);
        if (edit->isVisibleTo(this) && edit->isEnabled())
            out << edit;
    }
    return out;
}

QLineEdit* ApplicantEntryView::firstShownOf(const QStringList& names) const
{
    for (QLineEdit* edit : shownFields())
        if (names.contains(m_fields.key(edit)))
            return edit;
    return nullptr;
}

bool ApplicantEntryView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (!enter)
        return QWidget::eventFilter(watched, event);
    if (watched == m_id) {
        emit idEntered(m_id->text());
        return true;
    }
    if (key->modifiers() & Qt::ControlModifier) {
        emit confirmedAsIs();
        return true;
    }
    // Enter: the field is checked, then the next empty field or the confirmation.
    const QString field = m_fields.key(qobject_cast<QLineEdit*>(watched));
    if (field.isEmpty())
        emit confirmed(); // the agent's check box
    else
        emit enterPressed(field);
    return true;
}

bool ApplicantEntryView::focusNextAfter(const QString& field, const QStringList& names)
{
    const QList<QLineEdit*> fields = shownFields();
    const qsizetype at = fields.indexOf(m_fields.value(field));
    for (qsizetype i = at + 1; i < fields.size(); ++i) {
        if (names.contains(m_fields.key(fields.at(i)))) {
            fields.at(i)->setFocus(Qt::TabFocusReason);
            return true;
        }
    }
    return false;
}

ApplicantPanel::ApplicantPanel(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_flagBox(new QWidget(this)),
      m_acknowledge(new QCheckBox(tr("The credit warning was told to the applicant"), this)),
      m_overrideBox(new QWidget(this)), m_supervisor(new QLineEdit(this)),
      m_supervisorPassword(new QLineEdit(this)), m_overrideReason(new QLineEdit(this)),
      m_casesHeading(heading(tr("Earlier cases"), this)), m_cases(new QListWidget(this)),
      m_onFileHeading(heading(tr("Materials on file"), this)), m_onFile(new QListWidget(this))
{
    m_summary->setObjectName(QStringLiteral("applicantSummary"));
    m_summary->setWordWrap(true);
    m_flagBox->setObjectName(QStringLiteral("applicantFlags"));
    auto* flagLayout = new QVBoxLayout(m_flagBox);
    flagLayout->setContentsMargins(0, 0, 0, 0);
    flagLayout->setSpacing(3);
    m_acknowledge->setObjectName(QStringLiteral("creditAcknowledge"));

    m_supervisor->setObjectName(QStringLiteral("overrideSupervisor"));
    m_supervisorPassword->setObjectName(QStringLiteral("overridePassword"));
    m_supervisorPassword->setEchoMode(QLineEdit::Password);
    m_overrideReason->setObjectName(QStringLiteral("overrideReason"));
    auto* overrideForm = new QFormLayout(m_overrideBox);
    overrideForm->setContentsMargins(0, 0, 0, 0);
    // The supervisor signs in here, at the clerk's window, to approve.
    overrideForm->addRow(tr("Supervisor's login"), m_supervisor);
    overrideForm->addRow(tr("Supervisor's password"), m_supervisorPassword);
    overrideForm->addRow(tr("Reason for the override"), m_overrideReason);

    for (QListWidget* list : {m_cases, m_onFile}) {
        list->setFocusPolicy(Qt::NoFocus);
        list->setSelectionMode(QAbstractItemView::NoSelection);
        list->setWordWrap(true);
    }
    m_cases->setObjectName(QStringLiteral("applicantCases"));
    m_onFile->setObjectName(QStringLiteral("applicantOnFile"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(m_flagBox);
    layout->addWidget(m_acknowledge);
    layout->addWidget(m_overrideBox);
    layout->addWidget(m_casesHeading);
    layout->addWidget(m_cases);
    layout->addWidget(m_onFileHeading);
    layout->addWidget(m_onFile);
    layout->addStretch(1);
    clear();
}

void ApplicantPanel::showFile(const Applicant& applicant, const QList<CaseSummary>& cases,
                              const QList<ReusableMaterial>& onFile, const QList<CreditFlag>& flags)
{
    m_summary->setText(applicant.isLegal()
                           ? tr("<b>%1</b> · %2")
                                 .arg(applicant.name.toHtmlEscaped(),
                                      IntakeText::creditGrade(applicant.creditGrade))
                           : tr("<b>%1</b>").arg(applicant.name.toHtmlEscaped()));
    qDeleteAll(m_flags);
    m_flags.clear();
    bool acknowledge = false;
    bool override_ = false;
    for (const CreditFlag& flag : flags) {
        auto* label = new QLabel(flag.message, m_flagBox);
        label->setObjectName(QStringLiteral("creditFlag"));
        label->setWordWrap(true);
        QString colours;
        switch (flag.kind) {
        case CreditFlag::Kind::GreenChannel:
            colours =
                QStringLiteral("background: #E3F4E6; color: #1E6B30; border: 1px solid #7BC58A;");
            break;
        case CreditFlag::Kind::Guidance:
            colours =
                QStringLiteral("background: #E8F0FA; color: #1F4F8A; border: 1px solid #8FB2DE;");
            break;
        case CreditFlag::Kind::Watch:
            colours =
                QStringLiteral("background: #FFF1DD; color: #8A4B00; border: 1px solid #F0B35E;");
            break;
        case CreditFlag::Kind::Blacklist:
        case CreditFlag::Kind::CreditCodeInvalid:
            colours =
                QStringLiteral("background: #FBE3E1; color: #9B1C12; border: 1px solid #E59A93;");
            break;
        }
        label->setStyleSheet(
            QStringLiteral("QLabel { %1 border-radius: 4px; padding: 4px 6px; }").arg(colours));
        m_flagBox->layout()->addWidget(label);
        m_flags.append(label);
        if (flag.stopsAcceptance && flag.kind == CreditFlag::Kind::CreditCodeInvalid)
            override_ = true;
        else if (flag.stopsAcceptance)
            acknowledge = true;
    }
    m_flagBox->setVisible(!m_flags.isEmpty());
    m_acknowledge->setChecked(false);
    m_acknowledge->setVisible(acknowledge);
    m_supervisor->clear();
    m_supervisorPassword->clear();
    m_overrideReason->clear();
    m_overrideBox->setVisible(override_);

    m_cases->clear();
    for (const CaseSummary& c : cases) {
        const QString number = c.caseNumber.isEmpty() ? tr("(not accepted)") : c.caseNumber;
        m_cases->addItem(tr("%1 · %2 · %3 · %4")
                             .arg(number, IntakeText::caseStatus(c.status),
                                  c.decidedAt.date().toString(Qt::ISODate),
                                  c.itemCodes.join(QStringLiteral(", "))));
    }
    m_casesHeading->setText(tr("Earlier cases (%1)").arg(cases.size()));
    if (cases.isEmpty())
        m_cases->addItem(tr("None"));
    m_onFile->clear();
    for (const ReusableMaterial& m : onFile) {
        QString text = tr("%1 — %2").arg(m.name, IntakeText::reuseSource(m));
        if (m.validUntil.isValid())
            text += tr(" (valid until %1)").arg(m.validUntil.toString(Qt::ISODate));
        m_onFile->addItem(text);
    }
    m_onFileHeading->setText(tr("Materials on file (%1)").arg(onFile.size()));
    if (onFile.isEmpty())
        m_onFile->addItem(tr("None"));
    fitListHeight(m_cases, 4);
    fitListHeight(m_onFile, 4);
    for (QWidget* w : std::initializer_list<QWidget*>{m_summary, m_casesHeading, m_cases,
                                                      m_onFileHeading, m_onFile})
        w->show();
}

void ApplicantPanel::clear()
{
    qDeleteAll(m_flags);
    m_flags.clear();
    m_summary->setText(tr("No applicant yet."));
    m_flagBox->hide();
    m_acknowledge->setChecked(false);
    m_acknowledge->hide();
    m_overrideBox->hide();
    m_cases->clear();
    m_onFile->clear();
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_casesHeading, m_cases, m_onFileHeading, m_onFile})
        w->hide();
}

QStringList ApplicantPanel::flagTexts() const
{
    QStringList out;
    for (const QLabel* label : m_flags)
        out << label->text();
    return out;
}

QStringList ApplicantPanel::caseTexts() const
{
    QStringList out;
    for (int i = 0; i < m_cases->count(); ++i)
        out << m_cases->item(i)->text();
    return out;
}

QStringList ApplicantPanel::onFileTexts() const
{
    QStringList out;
    for (int i = 0; i < m_onFile->count(); ++i)
        out << m_onFile->item(i)->text();
    return out;
}

bool ApplicantPanel::acknowledged() const
{
    return !m_acknowledge->isHidden() && m_acknowledge->isChecked();
}

QLineEdit* ApplicantPanel::overrideSupervisorEdit() const
{
    return m_overrideBox->isHidden() ? nullptr : m_supervisor;
}

QString ApplicantPanel::supervisorPassword() const
{
    return m_overrideBox->isHidden() ? QString() : m_supervisorPassword->text();
}

std::optional<SupervisorOverride> ApplicantPanel::creditCodeOverride() const
{
    if (m_overrideBox->isHidden())
        return std::nullopt;
    if (m_supervisor->text().trimmed().isEmpty() && m_overrideReason->text().trimmed().isEmpty())
        return std::nullopt;
    SupervisorOverride o;
    o.kind = SupervisorOverride::Kind::CreditCode;
    o.supervisor = m_supervisor->text().trimmed();
    o.reason = m_overrideReason->text().trimmed();
    return o;
}

} // namespace ow::ui
