#include "IntakeView.h"

#include "ApplicantView.h"
#include "ChecklistView.h"
#include "DeliveryView.h"
#include "FormView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

QGroupBox* section(const QString& title, const QString& name, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    box->setObjectName(name);
    QFont f = box->font();
    f.setBold(true);
    box->setFont(f);
    return box;
}

// The contents of a section in the normal weight (a group box's font is inherited).
void setContents(QGroupBox* box, QWidget* contents)
{
    QFont normal = contents->font();
    normal.setBold(false);
    contents->setFont(normal);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(contents);
}

QPushButton* decisionButton(const QString& text, const QString& name, const QString& colour,
                            QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setFocusPolicy(Qt::TabFocus);
    button->setMinimumHeight(button->sizeHint().height() + 10);
    if (!colour.isEmpty())
        button->setStyleSheet(
            QStringLiteral("QPushButton { background: %1; color: white; border-radius: 4px;"
                           " padding: 4px 18px; font-weight: bold; }"
                           "QPushButton:disabled { background: palette(mid); }"
                           "QPushButton:focus { border: 2px solid palette(highlight); }")
                .arg(colour));
    return button;
}

} // namespace

IntakeView::IntakeView(QWidget* parent)
    : QWidget(parent), m_scroll(new QScrollArea(this)), m_entry(new ApplicantEntryView),
      m_panel(new ApplicantPanel), m_basket(new QListWidget), m_suggestions(new QListWidget),
      m_checklist(new ChecklistView), m_form(new FormView), m_delivery(new DeliveryView),
      m_banner(new QLabel(this)), m_result(new QLabel(this)), m_refusal(new QWidget(this)),
      m_reason(new QLineEdit(m_refusal)), m_basis(new QLineEdit(m_refusal)),
      m_body(new QLineEdit(m_refusal)),
      m_accept(decisionButton(tr("Accept (F8)"), QStringLiteral("acceptButton"),
                              QStringLiteral("#1E7B34"), this)),
      m_correct(decisionButton(tr("Ask for corrections (F9)"), QStringLiteral("correctionButton"),
                               QStringLiteral("#C77700"), this)),
      m_refuse(decisionButton(tr("Refuse (F10)"), QStringLiteral("refuseButton"),
                              QStringLiteral("#9B1C12"), this)),
      m_next(decisionButton(tr("Next applicant (Ctrl+N)"), QStringLiteral("nextButton"), {}, this))
{
    setObjectName(QStringLiteral("intakeView"));
    auto* content = new QWidget(m_scroll);
    m_scroll->setObjectName(QStringLiteral("intakeScroll"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // Who
    QGroupBox* who = section(tr("Applicant (F2)"), QStringLiteral("applicantSection"), content);
    auto* whoContents = new QWidget(who);
    auto* whoLayout = new QHBoxLayout(whoContents);
    whoLayout->setContentsMargins(0, 0, 0, 0);
    whoLayout->setSpacing(16);
    whoLayout->addWidget(m_entry, 3);
    whoLayout->addWidget(m_panel, 2);
    m_entry->setParent(whoContents);
    m_panel->setParent(whoContents);
    setContents(who, whoContents);

    // Items and suggestions
    m_basket->setObjectName(QStringLiteral("basket"));
    m_basket->installEventFilter(this);
    m_suggestions->setObjectName(QStringLiteral("suggestions"));
    m_suggestions->setTextElideMode(Qt::ElideRight);
    m_suggestions->installEventFilter(this);
    connect(m_suggestions, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit suggestionPicked(m_suggestions->row(item)); });
    QGroupBox* items = section(tr("Items (Enter in the search adds, Del removes)"),
                               QStringLiteral("basketSection"), content);
    setContents(items, m_basket);
    QGroupBox* related =
        section(tr("Related items (F7, Enter adds)"), QStringLiteral("suggestionSection"), content);
    setContents(related, m_suggestions);
    auto* itemsRow = new QHBoxLayout;
    itemsRow->addWidget(items, 1);
    itemsRow->addWidget(related, 1);

    // Checklist
    QGroupBox* materials =
        section(tr("Materials (F4)"), QStringLiteral("checklistSection"), content);
    setContents(materials, m_checklist);

    // Form and delivery
    QGroupBox* formBox =
        section(tr("Application form (F6)"), QStringLiteral("formSection"), content);
    setContents(formBox, m_form);
    QGroupBox* deliveryBox =
        section(tr("Delivery of the result"), QStringLiteral("deliverySection"), content);
    setContents(deliveryBox, m_delivery);
    auto* deliveryRow = new QHBoxLayout;
    deliveryRow->addWidget(deliveryBox, 1);
    deliveryRow->addStretch(1);

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(12, 12, 12, 12);
    contentLayout->setSpacing(10);
    contentLayout->addWidget(who);
    contentLayout->addLayout(itemsRow);
    contentLayout->addWidget(materials);
    contentLayout->addWidget(formBox);
    contentLayout->addLayout(deliveryRow);
    contentLayout->addStretch(1);

    // The decision, always in view.
    m_banner->setObjectName(QStringLiteral("intakeBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    m_result->setObjectName(QStringLiteral("decisionResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->hide();

    m_refusal->setObjectName(QStringLiteral("refusalPanel"));
    m_reason->setObjectName(QStringLiteral("refusal_reason"));
    m_basis->setObjectName(QStringLiteral("refusal_legalBasis"));
    m_body->setObjectName(QStringLiteral("refusal_competentBody"));
    m_reason->setPlaceholderText(tr("Why the application is not accepted"));
    m_basis->setPlaceholderText(tr("The law, regulation and article"));
    m_body->setPlaceholderText(tr("When it is another body's matter: which body"));
    auto* refusalForm = new QFormLayout(m_refusal);
    refusalForm->setContentsMargins(0, 0, 0, 0);
    refusalForm->addRow(tr("Reason *"), m_reason);
    refusalForm->addRow(tr("Legal basis *"), m_basis);
    refusalForm->addRow(tr("Competent body"), m_body);
    auto* refusalHint =
        new QLabel(tr("Enter on the last field records the refusal, Esc cancels."), m_refusal);
    refusalHint->setForegroundRole(QPalette::PlaceholderText);
    refusalForm->addRow(QString(), refusalHint);
    for (QLineEdit* edit : {m_reason, m_basis, m_body})
        edit->installEventFilter(this);
    m_refusal->hide();

    connect(m_accept, &QPushButton::clicked, this, &IntakeView::acceptRequested);
    connect(m_correct, &QPushButton::clicked, this, &IntakeView::correctionRequested);
    connect(m_refuse, &QPushButton::clicked, this, &IntakeView::openRefusal);
    connect(m_next, &QPushButton::clicked, this, &IntakeView::nextRequested);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_correct);
    buttons->addWidget(m_refuse);
    buttons->addStretch(1);
    buttons->addWidget(m_next);

    auto* bottom = new QWidget(this);
    bottom->setObjectName(QStringLiteral("decisionBar"));
    bottom->setAutoFillBackground(true);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(12, 8, 12, 10);
    bottomLayout->setSpacing(6);
    bottomLayout->addWidget(m_banner);
    bottomLayout->addWidget(m_result);
    bottomLayout->addWidget(m_refusal);
    bottomLayout->addLayout(buttons);

    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(line);
    layout->addWidget(bottom);
    setFocusProxy(m_entry);
}

void IntakeView::installShortcuts(QWidget* host, const std::function<void()>& reveal)
{
    const auto bind = [host, reveal](const QKeySequence& key, const std::function<void()>& action) {
        auto* shortcut = new QShortcut(key, host);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        QObject::connect(shortcut, &QShortcut::activated, host, [reveal, action] {
            reveal();
            action();
        });
    };
    bind(QKeySequence(Qt::Key_F2), [this] {
        m_scroll->verticalScrollBar()->setValue(0);
        m_entry->focusId();
    });
    bind(QKeySequence(Qt::Key_F4), [this] { focusChecklist(); });
    bind(QKeySequence(Qt::Key_F6), [this] { focusForm(); });
    bind(QKeySequence(Qt::Key_F7), [this] { focusSuggestions(); });
    bind(QKeySequence(Qt::ALT | Qt::Key_K), [this] {
        QCheckBox* check = m_panel->acknowledgeCheck();
        if (!check->isHidden() && check->isEnabled())
            check->toggle();
    });
    bind(QKeySequence(Qt::Key_F8), [this] {
        if (m_accept->isEnabled())
            emit acceptRequested();
    });
    bind(QKeySequence(Qt::Key_F9), [this] {
        if (m_correct->isEnabled())
            emit correctionRequested();
    });
    bind(QKeySequence(Qt::Key_F10), [this] {
        if (m_refuse->isEnabled())
            openRefusal();
    });
    bind(QKeySequence(Qt::CTRL | Qt::Key_N), [this] { emit nextRequested(); });
    bind(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { emit nextSameAgentRequested(); });
}

QLineEdit* IntakeView::refusalField(const QString& name) const
{
    if (name == QLatin1String("reason"))
        return m_reason;
    if (name == QLatin1String("legalBasis"))
        return m_basis;
    if (name == QLatin1String("competentBody"))
        return m_body;
    return nullptr;
}

void IntakeView::showBanner(BannerKind kind, const QString& text)
{
    QString colours;
    switch (kind) {
    case BannerKind::Info:
        colours = QStringLiteral("background: #E8F0FA; color: #1F4F8A; border: 1px solid #8FB2DE;");
        break;
    case BannerKind::Warning:
        colours = QStringLiteral("background: #FFF1DD; color: #8A4B00; border: 1px solid #F0B35E;");
        break;
    case BannerKind::Error:
        colours = QStringLiteral("background: #FBE3E1; color: #9B1C12; border: 1px solid #E59A93;");
        break;
    case BannerKind::Success:
        colours = QStringLiteral("background: #E3F4E6; color: #1E6B30; border: 1px solid #7BC58A;");
        break;
    }
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { %1 border-radius: 4px; padding: 6px 8px; }").arg(colours));
    m_banner->setProperty("kind", int(kind));
    m_banner->setText(text);
    m_banner->show();
}

void IntakeView::clearBanner()
{
    m_banner->clear();
    m_banner->hide();
}

void IntakeView::showResult(const QString& html)
{
    m_result->setText(html);
    m_result->setVisible(!html.isEmpty());
}

void IntakeView::openRefusal()
{
    m_refusal->show();
    m_reason->setFocus(Qt::OtherFocusReason);
}

void IntakeView::closeRefusal()
{
    m_refusal->hide();
    for (QLineEdit* edit : {m_reason, m_basis, m_body})
        edit->clear();
}

void IntakeView::setDecided(bool decided)
{
    m_panel->setEnabled(!decided);
    m_entry->setDetailsEnabled(!decided);
    for (QWidget* w : std::initializer_list<QWidget*>{m_basket, m_suggestions, m_checklist, m_form,
                                                      m_delivery, m_accept, m_correct, m_refuse})
        w->setEnabled(!decided);
    if (decided)
        closeRefusal();
}

void IntakeView::focusWidget(QWidget* w)
{
    if (!w)
        return;
    w->setFocus(Qt::ShortcutFocusReason);
    m_scroll->ensureWidgetVisible(w, 20, 20);
}

void IntakeView::focusChecklist()
{
    m_checklist->focusTable();
    m_scroll->ensureWidgetVisible(m_checklist, 20, 20);
}

void IntakeView::focusForm()
{
    // The first field still to fill; the first field when all are filled.
    QWidget* w = m_form->firstEmptyEditor();
    focusWidget(w ? w : m_form->firstEditor());
}

void IntakeView::focusSuggestions()
{
    if (m_suggestions->count() == 0)
        return;
    if (m_suggestions->currentRow() < 0)
        m_suggestions->setCurrentRow(0);
    focusWidget(m_suggestions);
}

void IntakeView::updateTabOrder()
{
    QList<QWidget*> chain;
    for (QWidget* w : m_form->editors())
        chain << w;
    chain << m_delivery->methodCombo();
    for (const QString& name : DeliveryView::kFields)
        chain << m_delivery->field(name);
    chain << m_accept << m_correct << m_refuse << m_next;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain[i - 1], chain[i]);
}

bool IntakeView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (watched == m_basket && (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace)) {
        if (m_basket->currentRow() >= 0)
            emit removeItemRequested(m_basket->currentRow());
        return true;
    }
    if (watched == m_suggestions && enter) {
        if (m_suggestions->currentRow() >= 0)
            emit suggestionPicked(m_suggestions->currentRow());
        return true;
    }
    if (watched == m_reason || watched == m_basis || watched == m_body) {
        if (key->key() == Qt::Key_Escape) {
            closeRefusal();
            m_refuse->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if (enter) {
            if (watched != m_body) {
                focusNextChild();
                return true;
            }
            emit refusalConfirmed(m_reason->text(), m_basis->text(), m_body->text());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ow::ui
