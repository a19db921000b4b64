// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashreport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QVBoxLayout>
#include <QApplication>
#include <QClipboard>
#include <QPushButton>
#include <QLabel>

#include <csignal>
#include <cstring>
#include <execinfo.h>
#include <fcntl.h>
#include <unistd.h>

namespace Leads {

namespace {
// Everything the handler needs, prepared beforehand: no allocation after a crash.
char g_path[4096];
char g_header[512];

void writeAll(int fd, const char *text)
{
    size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(fd, text, left);
        if (n <= 0)
            return;
        text += n;
        left -= size_t(n);
    }
}

void onFatal(int sig)
{
    const int fd = ::open(g_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        writeAll(fd, g_header);
        writeAll(fd, "signal: ");
        const char *name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGBUS ? "SIGBUS"
                         : sig == SIGFPE  ? "SIGFPE"  : sig == SIGILL  ? "SIGILL"  : "other";
        writeAll(fd, name);
        writeAll(fd, "\nstack:\n");
        void *frames[64];
        const int count = backtrace(frames, 64);
        backtrace_symbols_fd(frames, count, fd);
        ::close(fd);
    }
    // Let the default action happen (core dump, exit status) as without us.
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}
} // namespace

QString CrashReport::reportPath(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("crash-report.txt"));
}

void CrashReport::install(const QString &directory, const QString &version)
{
    QDir().mkpath(directory);
    const QByteArray path = QFile::encodeName(reportPath(directory));
    if (size_t(path.size()) >= sizeof g_path)
        return;
    std::memcpy(g_path, path.constData(), size_t(path.size()) + 1);
    const QByteArray header = QStringLiteral("Leads %1 crashed.\nstarted: %2\nQt: %3\n")
                                  .arg(version, QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                                       QString::fromLatin1(qVersion()))
                                  .toUtf8();
    std::strncpy(g_header, header.constData(), sizeof g_header - 1);
    // Load the unwinder now: backtrace() may allocate on its first call.
    void *warm[1];
    backtrace(warm, 1);
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(sig, onFatal);
}

QString CrashReport::pending(const QString &directory)
{
    QFile file(reportPath(directory));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(256 * 1024));
}

void CrashReport::offer(const QString &directory, QWidget *parent)
{
    const QString report = pending(directory);
    if (report.isEmpty())
        return;
    QDialog dialog(parent);
    dialog.setWindowTitle(QApplication::translate("CrashReport", "Leads closed unexpectedly"));
    auto *text = new QPlainTextEdit(report, &dialog);
    text->setReadOnly(true);
    auto *intro = new QLabel(QApplication::translate("CrashReport",
                                                     "Leads stopped unexpectedly last time. Your leads are safe: every change "
                                                     "was saved when you made it. This report holds no lead data; sending it to "
                                                     "whoever supports Leads helps fix the cause."),
                             &dialog);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *copy = buttons->addButton(QApplication::translate("CrashReport", "Copy report"), QDialogButtonBox::ActionRole);
    QObject::connect(copy, &QPushButton::clicked, &dialog, [report] { QApplication::clipboard()->setText(report); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *v = new QVBoxLayout(&dialog);
    v->addWidget(intro);
    v->addWidget(text, 1);
    v->addWidget(buttons);
    dialog.resize(640, 420);
    dialog.exec();
    QFile::remove(reportPath(directory));
}

} // namespace Leads
