// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "widgets/statusdelegate.h"
#include "widgets/statuspalette.h"

#include <QFontDatabase>
#include <QFontInfo>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QStandardItemModel>
#include <QStyleOptionViewItem>

#include <cstdlib>
#include <set>

using Leads::LeadStatus;
using Leads::StatusDelegate;
using Leads::StatusPalette;

namespace {

std::string sid(LeadStatus s)
{
    return Leads::Status::id(s).toStdString();
}

QPalette makePalette(bool dark)
{
    QPalette p;
    const QColor window = dark ? QColor(0x2B, 0x2B, 0x2B) : QColor(0xF3, 0xF3, 0xF3);
    const QColor base = dark ? QColor(0x1E, 0x1E, 0x1E) : QColor(0xFF, 0xFF, 0xFF);
    const QColor text = dark ? QColor(0xEE, 0xEE, 0xEE) : QColor(0x11, 0x11, 0x11);
    // A highlight no status uses, so finding it in an image can only mean "selection".
    const QColor highlight = dark ? QColor(0x26, 0x4F, 0x78) : QColor(0x30, 0x8C, 0xC6);
    for (auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(group, QPalette::Window, window);
        p.setColor(group, QPalette::Base, base);
        p.setColor(group, QPalette::AlternateBase, base);
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Highlight, highlight);
        p.setColor(group, QPalette::HighlightedText, QColor(Qt::white));
    }
    return p;
}

QFont testFont()
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(13);
    return f;
}

int countExact(const QImage &image, const QColor &color, const QRect &area = {})
{
    const QRect r = area.isNull() ? image.rect() : area.intersected(image.rect());
    const QRgb want = color.rgb();
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            if ((image.pixel(x, y) & 0xFFFFFF) == (want & 0xFFFFFF))
                ++n;
        }
    }
    return n;
}

int countNear(const QImage &image, const QColor &color, int tolerance)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= tolerance && std::abs(c.green() - color.green()) <= tolerance
                && std::abs(c.blue() - color.blue()) <= tolerance)
                ++n;
        }
    }
    return n;
}

struct Cell
{
    QStandardItemModel model;
    StatusDelegate delegate;
    explicit Cell(const QVariant &value, int role = Qt::DisplayRole)
        : delegate(role)
    {
        auto *item = new QStandardItem;
        item->setData(value, role);
        model.appendRow(item);
    }
    QModelIndex index() const { return model.index(0, 0); }
};

QStyleOptionViewItem makeOption(const QRect &rect, const QPalette &palette, bool selected)
{
    QStyleOptionViewItem opt;
    opt.rect = rect;
    opt.palette = palette;
    opt.font = testFont();
    opt.fontMetrics = QFontMetrics(opt.font);
    opt.state = QStyle::State_Enabled | QStyle::State_Active;
    if (selected)
        opt.state |= QStyle::State_Selected;
    return opt;
}

QImage renderCell(const Cell &cell, const QPalette &palette, bool selected, QSize size = {160, 30},
                  int cellWidth = -1)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    const QRect rect(0, 0, cellWidth < 0 ? size.width() : cellWidth, size.height());
    cell.delegate.paint(&painter, makeOption(rect, palette, selected), cell.index());
    painter.end();
    return image;
}

} // namespace

TEST_CASE("contrastRatio follows WCAG 2.x", "[corewidgets][palette]")
{
    CHECK(StatusPalette::contrastRatio(Qt::black, Qt::white) == Approx(21.0).epsilon(1e-6));
    CHECK(StatusPalette::contrastRatio(Qt::white, Qt::black) == Approx(21.0).epsilon(1e-6));
    CHECK(StatusPalette::contrastRatio(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)) == Approx(1.0));
    // #767676 is the well-known lightest grey that passes AA on white; #777777 just fails.
    CHECK(StatusPalette::contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) >= 4.5);
    CHECK(StatusPalette::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
}

TEST_CASE("every status label is readable on its pill (WCAG AA)", "[corewidgets][palette]")
{
    for (bool dark : {false, true}) {
        for (LeadStatus s : Leads::kAllStatuses) {
            const StatusPalette::Colors c = StatusPalette::colors(s, dark);
            const double ratio = StatusPalette::contrastRatio(c.text, c.background);
            INFO(sid(s) << (dark ? " dark " : " light ") << c.text.name().toStdString() << " on "
                                      << c.background.name().toStdString() << " = " << ratio);
            CHECK(c.text.isValid());
            CHECK(c.background.isValid());
            CHECK(c.border.isValid());
            CHECK(ratio >= 4.5);
        }
    }
}

TEST_CASE("statuses have distinct backgrounds and final ones look closed", "[corewidgets][palette]")
{
    for (bool dark : {false, true}) {
        std::set<QRgb> backgrounds;
        for (LeadStatus s : Leads::kAllStatuses)
            backgrounds.insert(StatusPalette::colors(s, dark).background.rgb());
        CHECK(backgrounds.size() == Leads::kAllStatuses.size());

        for (LeadStatus s : Leads::kAllStatuses) {
            INFO(sid(s) << (dark ? " dark" : " light"));
            const StatusPalette::Colors c = StatusPalette::colors(s, dark);
            if (Leads::Status::isFinal(s)) {
                // Solid fill: white text on a saturated colour, no separate outline.
                CHECK(c.text == QColor(Qt::white));
                CHECK(c.border == c.background);
            } else {
                // Open: an outline that differs from the fill.
                CHECK(c.border != c.background);
                if (!dark)
                    CHECK(StatusPalette::relativeLuminance(c.background) > StatusPalette::relativeLuminance(c.text));
            }
        }
    }
}

TEST_CASE("isDark and colors(status, palette) follow the window colour", "[corewidgets][palette]")
{
    const QPalette light = makePalette(false);
    const QPalette dark = makePalette(true);
    CHECK_FALSE(StatusPalette::isDark(light));
    CHECK(StatusPalette::isDark(dark));
    CHECK_FALSE(StatusPalette::isDark(QPalette(Qt::white)));
    CHECK(StatusPalette::isDark(QPalette(QColor(0x35, 0x35, 0x35))));

    for (LeadStatus s : Leads::kAllStatuses) {
        INFO(sid(s));
        CHECK(StatusPalette::colors(s, light).background == StatusPalette::colors(s, false).background);
        CHECK(StatusPalette::colors(s, dark).background == StatusPalette::colors(s, true).background);
        CHECK(StatusPalette::colors(s, dark).text == StatusPalette::colors(s, true).text);
    }
    CHECK(StatusPalette::colors(LeadStatus::New, light).background
          != StatusPalette::colors(LeadStatus::New, dark).background);
}

TEST_CASE("statusFromData accepts ids and indexes only", "[corewidgets][delegate]")
{
    CHECK(StatusDelegate::statusFromData(QStringLiteral("follow_up")) == LeadStatus::FollowUp);
    CHECK(StatusDelegate::statusFromData(Leads::Status::index(LeadStatus::Lost)) == LeadStatus::Lost);
    CHECK(StatusDelegate::statusFromData(QVariant(qlonglong(0))) == LeadStatus::New);
    CHECK_FALSE(StatusDelegate::statusFromData(QStringLiteral("Follow-up")).has_value());
    CHECK_FALSE(StatusDelegate::statusFromData(8).has_value());
    CHECK_FALSE(StatusDelegate::statusFromData(-1).has_value());
    CHECK_FALSE(StatusDelegate::statusFromData(QVariant()).has_value());
}

TEST_CASE("delegate paints a pill with glyph and label for every status", "[corewidgets][delegate]")
{
    for (bool dark : {false, true}) {
        const QPalette palette = makePalette(dark);
        for (LeadStatus s : Leads::kAllStatuses) {
            INFO(sid(s) << (dark ? " dark" : " light"));
            const StatusPalette::Colors c = StatusPalette::colors(s, dark);
            const Cell cell(Leads::Status::id(s));

            const QImage plain = renderCell(cell, palette, false);
            CHECK(countExact(plain, c.background) > 200);
            CHECK(countNear(plain, c.text, 40) >= 8);
            CHECK(countExact(plain, palette.color(QPalette::Highlight)) == 0);
            // Left-aligned with a margin: the first columns are still the row background.
            CHECK(countExact(plain, palette.color(QPalette::Base), QRect(0, 0, 3, 30)) == 3 * 30);

            const QImage selected = renderCell(cell, palette, true);
            // The whole cell carries the selection around the pill, not just a patch.
            const QColor highlight = palette.color(QPalette::Highlight);
            CHECK(countExact(selected, highlight, QRect(0, 0, 3, 30)) == 3 * 30);
            CHECK(countExact(selected, highlight, QRect(150, 0, 10, 30)) == 10 * 30);
            CHECK(countExact(selected, highlight, QRect(0, 0, 160, 2)) == 160 * 2);
            CHECK(countExact(selected, c.background) > 200);
            CHECK(countNear(selected, c.text, 40) >= 8);
        }
    }
}

TEST_CASE("delegate reads an int index from a custom role", "[corewidgets][delegate]")
{
    const QPalette palette = makePalette(false);
    const int role = Qt::UserRole + 7;
    const Cell cell(Leads::Status::index(LeadStatus::Converted), role);
    const QImage image = renderCell(cell, palette, false);
    CHECK(countExact(image, StatusPalette::colors(LeadStatus::Converted, false).background) > 200);
}

TEST_CASE("delegate keeps a narrow pill inside its column", "[corewidgets][delegate]")
{
    const QPalette palette = makePalette(false);
    const Cell cell(Leads::Status::id(LeadStatus::Qualifying));
    const QImage image = renderCell(cell, palette, false, {160, 30}, 50);
    const StatusPalette::Colors c = StatusPalette::colors(LeadStatus::Qualifying, false);
    CHECK(countExact(image, c.background) > 50);
    // Nothing painted past the 50 px column.
    CHECK(countExact(image, palette.color(QPalette::Base), QRect(50, 0, 110, 30)) == 110 * 30);
}

TEST_CASE("sizeHint fits the whole pill", "[corewidgets][delegate]")
{
    const QPalette palette = makePalette(false);
    for (LeadStatus s : Leads::kAllStatuses) {
        INFO(sid(s));
        const Cell cell(Leads::Status::id(s));
        const QStyleOptionViewItem opt = makeOption(QRect(0, 0, 100, 30), palette, false);
        const QSize hint = cell.delegate.sizeHint(opt, cell.index());
        const QSize pill = StatusDelegate::pillSize(s, QFontMetrics(StatusDelegate::pillFont(opt.font)));
        CHECK_FALSE(hint.isEmpty());
        CHECK(hint.width() >= pill.width());
        CHECK(hint.height() >= pill.height());
        // Label and glyph need more than the bare label: the glyph is never dropped.
        CHECK(pill.width() > QFontMetrics(StatusDelegate::pillFont(opt.font)).horizontalAdvance(Leads::Status::label(s)));
    }
}

TEST_CASE("paintPill draws a rounded pill at its rect", "[corewidgets][delegate]")
{
    const QPalette palette = makePalette(false);
    const QFont font = StatusDelegate::pillFont(testFont());
    const QSize size = StatusDelegate::pillSize(LeadStatus::Converted, QFontMetrics(font));
    QImage image(size + QSize(20, 20), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    const QRect rect(QPoint(10, 10), size);
    StatusDelegate::paintPill(&painter, rect, LeadStatus::Converted, palette, font);
    painter.end();

    const StatusPalette::Colors c = StatusPalette::colors(LeadStatus::Converted, palette);
    // Solid fill at the left inner edge, midway down.
    CHECK(image.pixelColor(rect.left() + 3, rect.center().y()) == c.background);
    // Rounded: the bounding rect's corner stays untouched.
    CHECK(image.pixelColor(rect.topLeft()) == QColor(Qt::white));
    CHECK(image.pixelColor(rect.bottomRight()) == QColor(Qt::white));
    CHECK(countNear(image, c.text, 20) >= 8);
    // Outside the rect is untouched.
    CHECK(countExact(image, QColor(Qt::white), QRect(0, 0, image.width(), 10)) == image.width() * 10);
}

TEST_CASE("DejaVu Sans has every status glyph", "[corewidgets][font]")
{
    const QFont font(QStringLiteral("DejaVu Sans"));
    if (!QFontInfo(font).family().startsWith(QStringLiteral("DejaVu Sans"))) {
        WARN("DejaVu Sans is not installed (fonts-dejavu-core); glyph coverage not checked");
        return;
    }
    const QFontMetrics metrics(font);
    for (LeadStatus s : Leads::kAllStatuses) {
        INFO(sid(s));
        const QList<uint> codepoints = Leads::Status::glyph(s).toUcs4();
        REQUIRE_FALSE(codepoints.isEmpty());
        for (uint cp : codepoints)
            CHECK(metrics.inFontUcs4(cp));
    }
}

TEST_CASE("pill sheet renders for light and dark", "[corewidgets][delegate]")
{
    // A contact sheet of every pill, plain and selected; saved for a visual review when
    // LEADS_PILLS_PNG names a file.
    const int rowHeight = 30;
    const int colWidth = 150;
    QImage sheet(4 * colWidth, static_cast<int>(Leads::kAllStatuses.size()) * rowHeight,
                 QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&sheet);
    int column = 0;
    for (bool dark : {false, true}) {
        const QPalette palette = makePalette(dark);
        for (bool selected : {false, true}) {
            int row = 0;
            for (LeadStatus s : Leads::kAllStatuses) {
                const Cell cell(Leads::Status::id(s));
                const QRect rect(column * colWidth, row * rowHeight, colWidth, rowHeight);
                painter.fillRect(rect, palette.color(row % 2 ? QPalette::AlternateBase : QPalette::Base));
                cell.delegate.paint(&painter, makeOption(rect, palette, selected), cell.index());
                ++row;
            }
            ++column;
        }
    }
    painter.end();
    CHECK(countExact(sheet, StatusPalette::colors(LeadStatus::Lost, true).background) > 200);
    const QString out = qEnvironmentVariable("LEADS_PILLS_PNG");
    if (!out.isEmpty())
        CHECK(sheet.scaled(sheet.size() * 2).save(out));
}
