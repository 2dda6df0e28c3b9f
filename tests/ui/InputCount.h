#pragma once
// Counts what the clerk does at the window: every key press (a chord is
// one: the modifiers held for it are not counted apart) and every mouse
// press that reaches the application, seen by an event filter on the
// application itself. Data the clerk types (an ID read by the card
// reader, a name, a phone number) is typed with counting paused: the
// figure is the cost of the screen, not of the data.
#include <QApplication>
#include <QGuiApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QStringList>
#include <QTest>
#include <QWindow>

namespace ow::uitest {

class InputCount final : public QObject
{
public:
    InputCount() { qApp->installEventFilter(this); }
    ~InputCount() override { qApp->removeEventFilter(this); }
    InputCount(const InputCount&) = delete;
    InputCount& operator=(const InputCount&) = delete;

    int presses() const { return m_presses; }
    // What was counted, one entry a press ("F6", "Return", "Ctrl+P", "mouse").
    const QStringList& log() const { return m_log; }

    // Keys go to the window that has the keyboard, the way a keyboard's
    // keys do: through the window system, shortcuts and all.
    static QWindow* keyboardWindow()
    {
        QWindow* w = QGuiApplication::focusWindow();
        REQUIRE(w);
        return w;
    }

    // A key the screen asks for: counted.
    void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
    {
        m_down = false;
        QTest::keyClick(keyboardWindow(), k, m);
    }
    // A search query: counted, key by key.
    void query(const QString& ascii)
    {
        for (const QChar c : ascii) {
            m_down = false;
            QTest::keyClick(keyboardWindow(), c.toLatin1());
        }
    }
    // Data typed (digits, Latin letters): not counted.
    void data(const QString& ascii)
    {
        m_paused = true;
        for (const QChar c : ascii)
            QTest::keyClick(keyboardWindow(), c.toLatin1());
        m_paused = false;
        m_down = false;
    }
    // A key that belongs to the data (the card reader's Enter): not counted.
    void dataKey(Qt::Key k)
    {
        m_paused = true;
        QTest::keyClick(keyboardWindow(), k);
        m_paused = false;
        m_down = false;
    }
    // Chinese from the input method, committed as one string: not a key press.
    static void commit(const QString& text)
    {
        QWidget* focus = QApplication::focusWidget();
        REQUIRE(focus);
        QInputMethodEvent event;
        event.setCommitString(text);
        QApplication::sendEvent(focus, &event);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        switch (event->type()) {
        case QEvent::ShortcutOverride:
        case QEvent::KeyPress: {
            // One press reaches several receivers (the shortcut check, the
            // window, the focus widget, its parents): counted once, until
            // its release.
            const auto* k = static_cast<QKeyEvent*>(event);
            if (isModifier(k->key()) || k->isAutoRepeat() || m_down)
                break;
            m_down = true;
            if (!m_paused) {
                ++m_presses;
                m_log << QKeySequence(k->keyCombination()).toString();
            }
            break;
        }
        case QEvent::KeyRelease: {
            const auto* k = static_cast<QKeyEvent*>(event);
            if (!isModifier(k->key()) && !k->isAutoRepeat())
                m_down = false;
            break;
        }
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonDblClick:
            // The window gets a press first, then the widget under it.
            if (watched->isWindowType() && !m_paused) {
                ++m_presses;
                m_log << QStringLiteral("mouse");
            }
            break;
        default:
            break;
        }
        return false;
    }

private:
    static bool isModifier(int key)
    {
        return key == Qt::Key_Shift || key == Qt::Key_Control || key == Qt::Key_Alt ||
               key == Qt::Key_Meta || key == Qt::Key_AltGr;
    }

    int m_presses = 0;
    bool m_down = false;
    bool m_paused = false;
    QStringList m_log;
};

} // namespace ow::uitest
