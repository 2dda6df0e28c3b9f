#include "KeyHelp.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

// "&Forward to a department…" without its mnemonic marks.
QString withoutMarks(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text.trimmed();
}

} // namespace

QList<KeyHint> KeyHelpDialog::workbenchKeys()
{
    return {
        {QStringLiteral("F3 / Ctrl+F"), tr("The item search; Enter adds the item found")},
        {QStringLiteral("F2"), tr("The ID entry: an ID number or credit code, Enter")},
        {QStringLiteral("F7"), tr("The related items suggested for this matter")},
        {QStringLiteral("F4"),
         tr("The checklist: Space received, O / C / B original, copy or both, 1-9 + - copies, "
            "R reused, M missing, D defective, Del to check")},
        {QStringLiteral("F6"), tr("The merged form; Enter moves on like Tab")},
        {QStringLiteral("Alt+K"), tr("The credit warning was told to the applicant")},
        {QStringLiteral("F8"), tr("Accept")},
        {QStringLiteral("F9"), tr("Ask for corrections (one-time notice)")},
        {QStringLiteral("F10"), tr("Refuse, with reason, legal basis and competent body")},
        {QStringLiteral("Ctrl+N"), tr("The next applicant")},
        {QStringLiteral("Ctrl+P / F5"), tr("In the print preview: print")},
    };
}

QList<KeyHint> KeyHelpDialog::casesKeys()
{
    return {
        {QStringLiteral("Ctrl+F"), tr("Search cases by number, ID number or name")},
        {QStringLiteral("Up / Down"), tr("Choose a case in the list")},
        {QStringLiteral("Ctrl+R"), tr("Reprint the chosen document as a copy")},
        {QStringLiteral("Enter"), tr("On a document: reprint it as a copy")},
    };
}

QList<KeyHint> KeyHelpDialog::consultationKeys()
{
    return {
        {QStringLiteral("Ctrl+Enter"), tr("Record the consultation")},
    };
}

QList<KeyHint> mnemonicsOf(const QWidget* page)
{
    QList<KeyHint> out;
    QStringList seen;
    auto add = [&](const QString& text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (key.isEmpty())
            return;
        const QString name = key.toString(QKeySequence::PortableText);
        if (seen.contains(name))
            return;
        seen << name;
        out.append({name, withoutMarks(text)});
    };
    for (const QAbstractButton* b : page->findChildren<QAbstractButton*>())
        if (b->isVisibleTo(page) && b->isEnabled())
            add(b->text());
    for (const QLabel* l : page->findChildren<QLabel*>())
        if (l->buddy() && l->isVisibleTo(page))
            add(l->text());
    return out;
}

KeyHelpDialog::KeyHelpDialog(const QString& page, const QList<KeyHint>& pageKeys,
                             const QList<KeyHint>& windowKeys, QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("keyHelp"));
    setWindowTitle(tr("Keys: %1").arg(page));
    m_table->setObjectName(QStringLiteral("keyHelpTable"));
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("What it does")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    auto addSection = [this](const QString& title, const QList<KeyHint>& keys) {
        if (keys.isEmpty())
            return;
        int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* heading = new QTableWidgetItem(title);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        m_table->setItem(row, 0, heading);
        m_table->setSpan(row, 0, 1, 2);
        for (const KeyHint& k : keys) {
            row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, new QTableWidgetItem(k.key));
            m_table->setItem(row, 1, new QTableWidgetItem(k.what));
        }
    };
    addSection(page, pageKeys);
    addSection(tr("Everywhere"), windowKeys);
    m_table->resizeColumnToContents(0);
    m_table->resizeRowsToContents();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 520);
    m_table->setFocus();
}

QStringList KeyHelpDialog::rows() const
{
    QStringList out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem* what = m_table->item(r, 1);
        out << m_table->item(r, 0)->text() + QLatin1Char('\t') + (what ? what->text() : QString());
    }
    return out;
}

} // namespace ow::ui
