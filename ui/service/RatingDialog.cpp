#include "service/RatingDialog.h"

#include "service/ServiceController.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ow::ui {

RatingDialog::RatingDialog(ServiceController& controller, const QString& caseNumber,
                           QWidget* parent)
    : QDialog(parent), m_controller(controller), m_case(new QLineEdit(caseNumber, this)),
      m_grades(new QButtonGroup(this)), m_reason(new QLineEdit(this)), m_banner(new QLabel(this))
{
    setObjectName(QStringLiteral("ratingDialog"));
    setWindowTitle(tr("Rate the visit"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_case->setObjectName(QStringLiteral("ratingCase"));
    m_case->setPlaceholderText(tr("Case number (empty: a visit without a case)"));
    form->addRow(tr("Case"), m_case);
    auto* grades = new QHBoxLayout;
    for (int g = 5; g >= 1; --g) {
        auto* b = new QRadioButton(QStringLiteral("%1 %2").arg(g).arg(gradeName(g)), this);
        b->setObjectName(QStringLiteral("grade%1").arg(g));
        m_grades->addButton(b, g);
        grades->addWidget(b);
    }
    m_grades->button(5)->setChecked(true);
    m_grades->button(5)->setFocus();
    form->addRow(tr("Grade"), grades);
    m_reason->setObjectName(QStringLiteral("ratingReason"));
    m_reason->setPlaceholderText(tr("Required for 2 (dissatisfied) and 1"));
    form->addRow(tr("Reason"), m_reason);
    layout->addLayout(form);
    m_banner->setObjectName(QStringLiteral("ratingBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->hide();
    layout->addWidget(m_banner);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record the rating"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (submit())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RatingDialog::setGrade(int grade)
{
    if (auto* b = m_grades->button(grade))
        b->setChecked(true);
}

int RatingDialog::grade() const
{
    return m_grades->checkedId();
}

bool RatingDialog::submit()
{
    auto r = m_controller.rate(m_case->text().trimmed(), grade(), m_reason->text());
    if (!r) {
        m_banner->setText(r.error().fullText());
        m_banner->show();
        if (!r.error().problems.isEmpty() && r.error().problems.first().field == u"reason")
            m_reason->setFocus();
        return false;
    }
    return true;
}

void RatingDialog::keyPressEvent(QKeyEvent* event)
{
    // The digits choose the grade (a text field being typed in keeps its own).
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_5) {
        setGrade(key - Qt::Key_0);
        if (grade() <= 2)
            m_reason->setFocus();
        return;
    }
    QDialog::keyPressEvent(event);
}

} // namespace ow::ui
