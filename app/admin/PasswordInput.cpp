#include "PasswordInput.h"

#include <QCoreApplication>
#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

// One line from standard input without its line end; false at end of input.
bool readLine(std::string& line)
{
    line.clear();
    int c = 0;
    bool any = false;
    while ((c = std::fgetc(stdin)) != EOF) {
        any = true;
        if (c == '\n')
            return true;
        line.push_back(char(c));
    }
    return any;
}

// Reads a line from the terminal with echo off, restoring it afterwards.
bool readHidden(QTextStream& err, const QString& prompt, std::string& line)
{
    err << prompt << Qt::flush;
    termios old{};
    const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios silent = old;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    const bool ok = readLine(line);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return ok;
}

} // namespace

Result<QString> readPassword(QTextStream& err, const QString& prompt, bool confirm)
{
    std::string first;
    if (!isatty(STDIN_FILENO)) {
        if (!readLine(first))
            return Error::invalid(tr("No password on the standard input (one line is read)."));
        if (!first.empty() && first.back() == '\r')
            first.pop_back();
        return QString::fromStdString(first);
    }
    if (!readHidden(err, prompt + QStringLiteral(": "), first))
        return Error::invalid(tr("No password was typed."));
    if (confirm) {
        std::string second;
        if (!readHidden(err, tr("Repeat the password: "), second) || second != first)
            return Error::invalid(tr("The two passwords differ; nothing was changed."));
    }
    return QString::fromStdString(first);
}

} // namespace ow::admin
