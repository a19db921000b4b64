// SPDX-License-Identifier: GPL-3.0-or-later
// leadsctl simulate: a seeded stream of broadcast replies, chat messages and integration
// leads sent to a leads-server, signed like a real integration, with some re-deliveries.
#include "commands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <map>
#include <vector>

namespace LeadsCtl {

namespace {

const char *const kFirstNames[] = {"Ana", "Luis", "Marta", "Jon", "Sofía", "Pedro", "Lucía", "Omar",
                                   "Elena", "Iker", "Nadia", "Raúl", "Carmen", "Tomás", "Irene", "Hugo"};
const char *const kLastNames[] = {"García", "López", "Martín", "Sánchez", "Pérez", "Gómez", "Ruiz",
                                  "Díaz", "Moreno", "Navarro", "Torres", "Romero"};
const char *const kCampaigns[] = {"Spring sale", "Webinar invite", "New branch opening", "Loyalty offer"};
const char *const kReplies[] = {"YES", "Yes, call me please", "How much is it?", "Stop",
                                "Interested!", "Maybe next month", "yes", "Send me details"};
const char *const kChatIn[] = {"Hi, do you ship to Valencia?", "What are your opening hours?",
                               "Can I get a quote?", "Is the offer still valid?", "Thanks!"};
const char *const kChatOut[] = {"Hello! Yes, we do.", "We open 9 to 18.", "Sure, what do you need?",
                                "Until the end of the month."};
const char *const kCompanies[] = {"", "Acme SL", "Nube Tech", "Horno Ruiz", "Talleres Díaz", "Verde Energía"};
const char *const kDetails[] = {"Pricing page form", "Contact form", "Facebook lead ad", "Partner referral"};

template<typename T, size_t N>
QString pick(QRandomGenerator &rng, const T (&list)[N])
{
    return QString::fromUtf8(list[rng.bounded(int(N))]);
}

// A contact of the simulated audience: the same person writes again with the number
// typed another way, which the server must recognise.
struct Person {
    QString name;
    QString digits; // national number, 9 digits
    QString email;
};

QString formatPhone(QRandomGenerator &rng, const QString &digits)
{
    switch (rng.bounded(4)) {
    case 0:
        return QStringLiteral("+34") + digits;
    case 1:
        return QStringLiteral("+34 %1 %2 %3").arg(digits.left(3), digits.mid(3, 3), digits.mid(6));
    case 2:
        return QStringLiteral("0034-%1-%2-%3").arg(digits.left(3), digits.mid(3, 2), digits.mid(5));
    default:
        return QStringLiteral("(+34) %1%2").arg(digits.left(3), digits.mid(3));
    }
}

struct Delivery {
    QString path;
    QByteArray body;
};

struct Counts {
    qint64 sent = 0, created = 0, appended = 0, duplicate = 0, recorded = 0, ignored = 0, error = 0;
    std::map<int, qint64> errorsByStatus;
};

} // namespace

int simulate(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Send a seeded, realistic mix of broadcast replies, chat messages and integration leads to a\n"
        "leads-server, signed with an integration's secret (an admin creates it: POST /v1/integrations).\n"
        "About 5% of the events are delivered twice, as real webhooks sometimes are."));
    p.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server base URL."), QStringLiteral("url"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Events per second (default 10)."),
                                  QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Seconds to run (default 10)."),
                                      QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                                  QStringLiteral("s"), QStringLiteral("1"));
    const QCommandLineOption integration(QStringLiteral("integration"),
                                         QStringLiteral("Integration name (default \"simulator\")."),
                                         QStringLiteral("name"), QStringLiteral("simulator"));
    const QCommandLineOption secret(QStringLiteral("secret"),
                                    QStringLiteral("The integration's secret (default $LEADS_INGEST_SECRET)."),
                                    QStringLiteral("secret"));
    p.addOptions({server, rate, duration, seed, integration, secret});
    p.process(args);

    const QUrl base(p.value(server));
    if (!p.isSet(server) || !base.isValid() || base.scheme().isEmpty()) {
        err << "leadsctl simulate: --server URL is required (e.g. http://127.0.0.1:8080)\n";
        return 2;
    }
    bool okRate = false, okDuration = false, okSeed = false;
    const double perSecond = p.value(rate).toDouble(&okRate);
    const double seconds = p.value(duration).toDouble(&okDuration);
    const quint32 seedValue = p.value(seed).toUInt(&okSeed);
    if (!okRate || perSecond <= 0 || perSecond > 100000 || !okDuration || seconds <= 0 || !okSeed) {
        err << "leadsctl simulate: --rate and --duration are positive numbers, --seed an unsigned integer\n";
        return 2;
    }
    const QByteArray key = (p.isSet(secret) ? p.value(secret)
                                            : QProcessEnvironment::systemEnvironment().value(
                                                  QStringLiteral("LEADS_INGEST_SECRET")))
                               .toUtf8();
    if (key.isEmpty()) {
        err << "leadsctl simulate: give the integration's secret with --secret or $LEADS_INGEST_SECRET\n";
        return 2;
    }
    const QString name = p.value(integration);

    QRandomGenerator rng(seedValue);
    const qint64 total = qMax<qint64>(1, qint64(perSecond * seconds));
    // A pool a third the size of the stream: many contacts write more than once.
    std::vector<Person> people;
    const qint64 poolSize = qMax<qint64>(5, total / 3);
    for (qint64 i = 0; i < poolSize; ++i) {
        Person person;
        person.name = pick(rng, kFirstNames) + u' ' + pick(rng, kLastNames);
        person.digits = QStringLiteral("6%1").arg(rng.bounded(10000000, 99999999));
        if (rng.bounded(2) == 0)
            person.email = QStringLiteral("%1.%2@example.com").arg(person.name.section(u' ', 0, 0).toLower()).arg(i);
        people.push_back(person);
    }
    // Ids are unique per run; everything else follows the seed.
    const QString runId = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);

    std::vector<Delivery> sentSoFar;
    const auto makeEvent = [&](qint64 n) -> Delivery {
        if (!sentSoFar.empty() && rng.bounded(100) < 5)
            return sentSoFar[size_t(rng.bounded(int(sentSoFar.size())))];
        const Person &person = people[size_t(rng.bounded(int(people.size())))];
        QJsonObject e {{QStringLiteral("eventId"), QStringLiteral("sim-%1-%2-%3").arg(runId).arg(seedValue).arg(n)},
                       {QStringLiteral("phone"), formatPhone(rng, person.digits)},
                       {QStringLiteral("name"), person.name}};
        QString suffix;
        const int kind = rng.bounded(100);
        if (kind < 40) {
            suffix = QStringLiteral("/broadcast-reply");
            e.insert(QStringLiteral("campaign"), pick(rng, kCampaigns));
            e.insert(QStringLiteral("text"), pick(rng, kReplies));
        } else if (kind < 75) {
            suffix = QStringLiteral("/chat-message");
            const bool in = rng.bounded(100) < 65;
            e.insert(QStringLiteral("direction"), in ? QStringLiteral("in") : QStringLiteral("out"));
            e.insert(QStringLiteral("text"), in ? pick(rng, kChatIn) : pick(rng, kChatOut));
            e.insert(QStringLiteral("conversationId"), QString(QStringLiteral("conv-") + person.digits));
            if (in && rng.bounded(100) < 15)
                e.insert(QStringLiteral("flagAsLead"), true);
        } else {
            if (!person.email.isEmpty())
                e.insert(QStringLiteral("email"), person.email);
            const QString company = pick(rng, kCompanies);
            if (!company.isEmpty())
                e.insert(QStringLiteral("company"), company);
            e.insert(QStringLiteral("sourceDetail"), pick(rng, kDetails));
            e.insert(QStringLiteral("attributes"),
                     QJsonObject {{QStringLiteral("budget"), 500 * (1 + rng.bounded(40))},
                                  {QStringLiteral("employees"), QStringLiteral("%1").arg(1 + rng.bounded(500))}});
        }
        Delivery d {QStringLiteral("/v1/ingest/") + name + suffix, QJsonDocument(e).toJson(QJsonDocument::Compact)};
        sentSoFar.push_back(d);
        return d;
    };

    QNetworkAccessManager network;
    Counts counts;
    qint64 inFlight = 0;
    qint64 issued = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    const auto send = [&](const Delivery &d) {
        QUrl url = base;
        url.setPath(base.path().chopped(base.path().endsWith(u'/') ? 1 : 0) + d.path);
        QNetworkRequest request(url);
        const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
        mac.addData(ts + '.' + d.body);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Leads-Timestamp", ts);
        request.setRawHeader("X-Leads-Signature", "sha256=" + mac.result().toHex());
        QNetworkReply *reply = network.post(request, d.body);
        ++inFlight;
        ++counts.sent;
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString outcome
                = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("outcome")).toString();
            if ((status == 200 || status == 201) && outcome == QLatin1String("created"))
                ++counts.created;
            else if (status == 200 && outcome == QLatin1String("appended"))
                ++counts.appended;
            else if (status == 200 && outcome == QLatin1String("duplicate"))
                ++counts.duplicate;
            else if (status == 200 && outcome == QLatin1String("recorded"))
                ++counts.recorded;
            else if (status == 200 && outcome == QLatin1String("ignored"))
                ++counts.ignored;
            else {
                ++counts.error;
                ++counts.errorsByStatus[status];
            }
            reply->deleteLater();
            --inFlight;
            if (issued >= total && inFlight == 0)
                loop.quit();
        });
    };
    // Paced by the wall clock, so a slow answer does not lower the offered rate.
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, &loop, [&] {
        const qint64 due = qMin(total, qint64(double(clock.nsecsElapsed()) / 1e9 * perSecond) + 1);
        while (issued < due) {
            send(makeEvent(issued));
            ++issued;
        }
        if (issued >= total) {
            pacer.stop();
            if (inFlight == 0)
                loop.quit();
        }
    });
    pacer.start(qBound(1, int(1000 / perSecond), 50));
    loop.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;

    out << "sent " << counts.sent << "  created " << counts.created << "  appended " << counts.appended
        << "  duplicate " << counts.duplicate << "  recorded " << counts.recorded << "  ignored " << counts.ignored
        << "  error " << counts.error << '\n';
    for (const auto &[status, n] : counts.errorsByStatus)
        out << "  HTTP " << (status == 0 ? QStringLiteral("no answer") : QString::number(status)) << ": " << n << '\n';
    out << QStringLiteral("%1 events in %2 s (%3 events/s)\n")
               .arg(counts.sent)
               .arg(elapsed, 0, 'f', 1)
               .arg(double(counts.sent) / elapsed, 0, 'f', 1);
    return counts.error == 0 ? 0 : 1;
}

} // namespace LeadsCtl
