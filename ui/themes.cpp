// SPDX-License-Identifier: GPL-3.0-or-later
#include "themes.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include <memory>

namespace Leads {

namespace {

QPalette fusionPalette()
{
    // Fusion draws both schemes faithfully on every platform.
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QApplication::style()->standardPalette();
}

void setBoth(QPalette &p, QPalette::ColorRole role, const QColor &color)
{
    p.setColor(QPalette::Active, role, color);
    p.setColor(QPalette::Inactive, role, color);
}

QPalette lightPalette()
{
    QPalette p = fusionPalette();
    // Fusion's selection blue gives white text only 3.7:1, its disabled grey 1.6:1.
    setBoth(p, QPalette::Highlight, QColor(0x1d, 0x5f, 0xa8));
    setBoth(p, QPalette::HighlightedText, Qt::white);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x76, 0x76, 0x76));
    return p;
}

QPalette darkPalette()
{
    QPalette p = fusionPalette();
    p.setColor(QPalette::Window, QColor(0x20, 0x23, 0x28));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1d));
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa1, 0xab));
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Link, QColor(0x7c, 0xb3, 0xff));
    p.setColor(QPalette::Mid, QColor(0x44, 0x49, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3e));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x91, 0x9b));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8a, 0x91, 0x9b));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8a, 0x91, 0x9b));
    return p;
}

QPalette highContrastPalette()
{
    QPalette p = fusionPalette();
    const QColor black(0, 0, 0);
    const QColor white(0xff, 0xff, 0xff);
    const QColor yellow(0xff, 0xff, 0x00);
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button,
                                     QPalette::ToolTipBase})
        p.setColor(role, role == QPalette::AlternateBase ? QColor(0x14, 0x14, 0x14) : black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                                     QPalette::ToolTipText, QPalette::BrightText})
        p.setColor(role, white);
    // Frames and separators must be visible lines, not shades of grey.
    for (QPalette::ColorRole role : {QPalette::Light, QPalette::Midlight, QPalette::Mid, QPalette::Dark, QPalette::Shadow})
        p.setColor(role, white);
    setBoth(p, QPalette::Highlight, yellow);
    setBoth(p, QPalette::HighlightedText, black);
    p.setColor(QPalette::PlaceholderText, QColor(0xd0, 0xd0, 0xd0));
    p.setColor(QPalette::Link, QColor(0x66, 0xe0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xe0, 0xa0, 0xff));
    // Disabled controls stay readable; the frame and the missing focus say "disabled".
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xb0, 0xb0, 0xb0));
    return p;
}

} // namespace

QStringList Themes::names()
{
    return {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("high-contrast")};
}

QString Themes::displayName(const QString &theme)
{
    if (theme == u"light")
        return QApplication::translate("Themes", "Light");
    if (theme == u"dark")
        return QApplication::translate("Themes", "Dark");
    if (theme == u"high-contrast")
        return QApplication::translate("Themes", "High contrast");
    return QApplication::translate("Themes", "Follow the system");
}

QPalette Themes::palette(const QString &theme)
{
    if (theme == u"light")
        return lightPalette();
    if (theme == u"dark")
        return darkPalette();
    if (theme == u"high-contrast")
        return highContrastPalette();
    return QApplication::style()->standardPalette();
}

void Themes::apply(const QString &theme)
{
    QApplication::setPalette(palette(theme));
}

} // namespace Leads
