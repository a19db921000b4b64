// SPDX-License-Identifier: GPL-3.0-or-later
#include "intentlexicon.h"

#include <QList>

#include <array>
#include <vector>

namespace Leads {

namespace {

struct Stem
{
    IntentLexicon::Intent intent;
    const char16_t *text;
};

// Word starts, lower case; any run of spaces or punctuation in a message matches the
// single space of a phrase. Accented and plain spellings are both listed because
// people type without accents on phones.
constexpr Stem kStems[] = {
    // price
    {IntentLexicon::Price, u"price"}, {IntentLexicon::Price, u"pricing"},
    {IntentLexicon::Price, u"how much"}, {IntentLexicon::Price, u"cost"},
    {IntentLexicon::Price, u"quote"}, {IntentLexicon::Price, u"quotation"},
    {IntentLexicon::Price, u"precio"}, {IntentLexicon::Price, u"cuanto cuesta"},
    {IntentLexicon::Price, u"cuánto cuesta"}, {IntentLexicon::Price, u"cotizaci"},
    {IntentLexicon::Price, u"presupuesto"}, {IntentLexicon::Price, u"prix"},
    {IntentLexicon::Price, u"tarif"}, {IntentLexicon::Price, u"combien"},
    {IntentLexicon::Price, u"devis"}, {IntentLexicon::Price, u"coût"},
    {IntentLexicon::Price, u"preis"}, {IntentLexicon::Price, u"kosten"},
    {IntentLexicon::Price, u"wie viel"}, {IntentLexicon::Price, u"wieviel"}, {IntentLexicon::Price, u"kostet"},
    {IntentLexicon::Price, u"angebot"}, {IntentLexicon::Price, u"preço"},
    {IntentLexicon::Price, u"preco"}, {IntentLexicon::Price, u"quanto custa"},
    {IntentLexicon::Price, u"orçamento"}, {IntentLexicon::Price, u"orcamento"},
    {IntentLexicon::Price, u"prezz"}, {IntentLexicon::Price, u"quanto costa"},
    {IntentLexicon::Price, u"preventiv"},
    // buy
    {IntentLexicon::Buy, u"buy"}, {IntentLexicon::Buy, u"purchas"},
    {IntentLexicon::Buy, u"sign up"}, {IntentLexicon::Buy, u"subscribe"},
    {IntentLexicon::Buy, u"comprar"}, {IntentLexicon::Buy, u"compraria"},
    {IntentLexicon::Buy, u"compraría"}, {IntentLexicon::Buy, u"adquirir"},
    {IntentLexicon::Buy, u"contratar"}, {IntentLexicon::Buy, u"acheter"},
    {IntentLexicon::Buy, u"achat"}, {IntentLexicon::Buy, u"achète"},
    {IntentLexicon::Buy, u"achete"}, {IntentLexicon::Buy, u"kaufen"},
    {IntentLexicon::Buy, u"kaufe"}, {IntentLexicon::Buy, u"erwerben"},
    {IntentLexicon::Buy, u"comprare"}, {IntentLexicon::Buy, u"compro"},
    {IntentLexicon::Buy, u"acquist"},
    // demo
    {IntentLexicon::Demo, u"demo"}, {IntentLexicon::Demo, u"trial"},
    {IntentLexicon::Demo, u"walkthrough"}, {IntentLexicon::Demo, u"demostraci"},
    {IntentLexicon::Demo, u"prueba gratis"}, {IntentLexicon::Demo, u"démo"},
    {IntentLexicon::Demo, u"démonstration"}, {IntentLexicon::Demo, u"essai"},
    {IntentLexicon::Demo, u"vorführung"}, {IntentLexicon::Demo, u"vorfuhrung"},
    {IntentLexicon::Demo, u"testversion"}, {IntentLexicon::Demo, u"demonstraç"},
    {IntentLexicon::Demo, u"demonstrac"}, {IntentLexicon::Demo, u"teste grátis"},
    {IntentLexicon::Demo, u"teste gratis"}, {IntentLexicon::Demo, u"dimostrazione"},
    {IntentLexicon::Demo, u"prova gratuita"},
    // order
    {IntentLexicon::Order, u"order"}, {IntentLexicon::Order, u"invoice"},
    {IntentLexicon::Order, u"deliver"}, {IntentLexicon::Order, u"shipping"},
    {IntentLexicon::Order, u"pedido"}, {IntentLexicon::Order, u"factura"},
    {IntentLexicon::Order, u"envío"}, {IntentLexicon::Order, u"entrega"},
    {IntentLexicon::Order, u"commande"}, {IntentLexicon::Order, u"commander"},
    {IntentLexicon::Order, u"facture"}, {IntentLexicon::Order, u"livraison"},
    {IntentLexicon::Order, u"bestell"}, {IntentLexicon::Order, u"rechnung"},
    {IntentLexicon::Order, u"lieferung"}, {IntentLexicon::Order, u"encomenda"},
    {IntentLexicon::Order, u"fatura"}, {IntentLexicon::Order, u"ordine"},
    {IntentLexicon::Order, u"ordinare"}, {IntentLexicon::Order, u"fattura"},
    {IntentLexicon::Order, u"consegna"}, {IntentLexicon::Order, u"spedizione"},
    // interest
    {IntentLexicon::Interest, u"interested"}, {IntentLexicon::Interest, u"interest"},
    {IntentLexicon::Interest, u"more info"}, {IntentLexicon::Interest, u"tell me more"},
    {IntentLexicon::Interest, u"details"}, {IntentLexicon::Interest, u"interesa"},
    {IntentLexicon::Interest, u"más informaci"}, {IntentLexicon::Interest, u"mas informaci"},
    {IntentLexicon::Interest, u"intéress"}, {IntentLexicon::Interest, u"interess"},
    {IntentLexicon::Interest, u"plus d info"}, {IntentLexicon::Interest, u"mehr info"},
    {IntentLexicon::Interest, u"mais informaç"}, {IntentLexicon::Interest, u"mais informac"},
    {IntentLexicon::Interest, u"maggiori informazioni"},
    // refusals
    {IntentLexicon::NotInterested, u"not interested"}, {IntentLexicon::NotInterested, u"no interest"},
    {IntentLexicon::NotInterested, u"no thanks"}, {IntentLexicon::NotInterested, u"no thank you"},
    {IntentLexicon::NotInterested, u"unsubscribe"}, {IntentLexicon::NotInterested, u"stop"},
    {IntentLexicon::NotInterested, u"remove me"}, {IntentLexicon::NotInterested, u"too expensive"},
    {IntentLexicon::NotInterested, u"no me interesa"}, {IntentLexicon::NotInterested, u"no estoy interesad"},
    {IntentLexicon::NotInterested, u"no gracias"}, {IntentLexicon::NotInterested, u"demasiado caro"},
    {IntentLexicon::NotInterested, u"pas intéress"}, {IntentLexicon::NotInterested, u"pas interess"},
    {IntentLexicon::NotInterested, u"non merci"}, {IntentLexicon::NotInterested, u"désabonn"},
    {IntentLexicon::NotInterested, u"desabonn"}, {IntentLexicon::NotInterested, u"trop cher"},
    {IntentLexicon::NotInterested, u"kein interesse"}, {IntentLexicon::NotInterested, u"nicht interessiert"},
    {IntentLexicon::NotInterested, u"nein danke"}, {IntentLexicon::NotInterested, u"abbestell"},
    {IntentLexicon::NotInterested, u"zu teuer"}, {IntentLexicon::NotInterested, u"não tenho interesse"},
    {IntentLexicon::NotInterested, u"nao tenho interesse"}, {IntentLexicon::NotInterested, u"não estou interessad"},
    {IntentLexicon::NotInterested, u"nao estou interessad"}, {IntentLexicon::NotInterested, u"não obrigad"},
    {IntentLexicon::NotInterested, u"nao obrigad"}, {IntentLexicon::NotInterested, u"muito caro"},
    {IntentLexicon::NotInterested, u"descadastr"}, {IntentLexicon::NotInterested, u"non mi interessa"},
    {IntentLexicon::NotInterested, u"non sono interessat"}, {IntentLexicon::NotInterested, u"no grazie"},
    {IntentLexicon::NotInterested, u"troppo caro"}, {IntentLexicon::NotInterested, u"disiscriv"},
};

constexpr char16_t kSpace = u' ';

inline bool isWordChar(char16_t c)
{
    if (c < 0x80)
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    return QChar(c).isLetterOrNumber();
}

inline char16_t fold(char16_t c)
{
    if (c < 0x80)
        return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
    return QChar(c).toLower().unicode();
}

// A character trie over the stems: one pass over a message visits each character a few
// times at most, which keeps scoring a million leads fast.
class Trie
{
public:
    Trie()
    {
        m_nodes.emplace_back();
        m_rootAscii.fill(-1);
        for (const Stem &stem : kStems)
            insert(stem);
        // Most words start with an ASCII letter: index the root directly.
        for (const auto &[ch, index] : m_nodes.front().next) {
            if (ch < 128)
                m_rootAscii[ch] = index;
        }
    }

    std::uint8_t scan(QStringView text) const
    {
        std::uint8_t found = 0;
        const qsizetype n = text.size();
        const char16_t *s = text.utf16();
        bool prevWord = false;
        for (qsizetype i = 0; i < n; ++i) {
            const bool word = isWordChar(s[i]);
            if (word && !prevWord)
                found |= walk(s, i, n);
            prevWord = word;
        }
        if (found & IntentLexicon::NotInterested)
            found &= std::uint8_t(~IntentLexicon::Interest);
        return found;
    }

private:
    struct Node
    {
        std::vector<std::pair<char16_t, int>> next;
        std::uint8_t intents = 0;
    };

    int child(int node, char16_t c) const
    {
        if (node == 0 && c < 128)
            return m_rootAscii[c];
        for (const auto &[ch, index] : m_nodes[size_t(node)].next) {
            if (ch == c)
                return index;
        }
        return -1;
    }

    int slowChild(int node, char16_t c) const
    {
        for (const auto &[ch, index] : m_nodes[size_t(node)].next) {
            if (ch == c)
                return index;
        }
        return -1;
    }

    void insert(const Stem &stem)
    {
        int node = 0;
        for (const char16_t *p = stem.text; *p; ++p) {
            const char16_t c = isWordChar(*p) ? fold(*p) : kSpace;
            int next = slowChild(node, c);
            if (next < 0) {
                next = int(m_nodes.size());
                m_nodes[size_t(node)].next.emplace_back(c, next);
                m_nodes.emplace_back();
            }
            node = next;
        }
        m_nodes[size_t(node)].intents |= stem.intent;
    }

    std::uint8_t walk(const char16_t *s, qsizetype i, qsizetype n) const
    {
        std::uint8_t found = 0;
        int node = 0;
        while (i < n) {
            char16_t c = s[i];
            if (isWordChar(c)) {
                c = fold(c);
                ++i;
            } else {
                c = kSpace;
                while (i < n && !isWordChar(s[i]))
                    ++i;
            }
            node = child(node, c);
            if (node < 0)
                break;
            found |= m_nodes[size_t(node)].intents;
        }
        return found;
    }

    std::vector<Node> m_nodes;
    std::array<int, 128> m_rootAscii;
};

const Trie &trie()
{
    static const Trie t;
    return t;
}

} // namespace

std::uint8_t IntentLexicon::detect(QStringView text)
{
    return trie().scan(text);
}

QString IntentLexicon::id(Intent intent)
{
    switch (intent) {
    case Price: return QStringLiteral("price");
    case Buy: return QStringLiteral("buy");
    case Demo: return QStringLiteral("demo");
    case Order: return QStringLiteral("order");
    case Interest: return QStringLiteral("interest");
    case NotInterested: return QStringLiteral("not_interested");
    }
    return {};
}

} // namespace Leads
