// SPDX-License-Identifier: GPL-3.0-or-later
#include "languages.h"

#include <QCoreApplication>
#include <QHash>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <string_view>

namespace Leads::Translations {

namespace {

const QString kKey = QStringLiteral("preferences/language");

// Core code without QObject translates through a file-local helper with a short context
// ("LeadService"), while lupdate files those messages under the enclosing class's scoped
// name ("Leads::LeadService") or the namespace ("Leads"). Looking there on a miss keeps
// those messages translated without a hand-edited catalogue.
class ScopedContextTranslator : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        QString text = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!text.isNull() || context == nullptr || std::string_view(context).starts_with("Leads"))
            return text;
        const QByteArray scoped = QByteArrayLiteral("Leads::") + context;
        text = QTranslator::translate(scoped.constData(), sourceText, disambiguation, n);
        if (text.isNull())
            text = QTranslator::translate("Leads", sourceText, disambiguation, n);
        // Helpers defined inside another class's member functions land under that class.
        static const QHash<QByteArrayView, QList<const char *>> hosts = {
            {"LeadExporter", {"Leads::XlsxWriter", "Leads::CsvWriter"}},
            {"Permissions", {"Leads::PermissionMatrix"}},
            {"ContactIdentity", {"Leads::ActiveLeadRule"}},
        };
        for (const char *host : hosts.value(QByteArrayView(context))) {
            if (!text.isNull())
                break;
            text = QTranslator::translate(host, sourceText, disambiguation, n);
        }
        return text;
    }
};

// Owned here so a second install() replaces the first instead of stacking catalogues.
std::unique_ptr<QTranslator> &leadsTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

QString &currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

void remove(std::unique_ptr<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator.get());
        translator.reset();
    }
}

}

QString current()
{
    return currentLanguage();
}

QString preference()
{
    return QSettings().value(kKey, QStringLiteral("system")).toString();
}

void setPreference(const QString &language)
{
    QSettings().setValue(kKey, language);
}

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString resolve(const QString &preference, const QLocale &system)
{
    if (available().contains(preference))
        return preference;
    const QString systemLanguage = QLocale::languageToCode(system.language());
    return available().contains(systemLanguage) ? systemLanguage : QStringLiteral("en");
}

bool install(const QString &language)
{
    remove(leadsTranslator());
    remove(qtTranslator());
    currentLanguage() = language;

    // A German user on a de_AT system keeps Austrian formats; one who picked German on an
    // English system gets German ones.
    const QLocale system = QLocale::system();
    const QLocale locale = QLocale::languageToCode(system.language()) == language ? system : QLocale(language);
    QLocale::setDefault(locale);

    // Even English loads a catalogue: it holds the singular and plural of "%n lead(s)".
    auto own = std::make_unique<ScopedContextTranslator>();
    const bool loaded = own->load(QStringLiteral(":/i18n/leads_%1.qm").arg(language));
    if (loaded) {
        QCoreApplication::installTranslator(own.get());
        leadsTranslator() = std::move(own);
    }

    auto qt = std::make_unique<QTranslator>();
    if (language != QStringLiteral("en")
        && qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                    QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    return loaded;
}

}
