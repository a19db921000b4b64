#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the English singular and plural forms in leads_en.ts.

The source texts use Qt's plural convention ("%n lead(s)"); `lupdate -pluralonly` keeps
only those messages. This script writes "1 lead" / "2 leads" for every one still
unfinished, fixing the verb where "(s)" is not the only difference, and leaves finished
entries alone. Run it after `update_translations`:

    python3 translations/fillplurals.py translations/leads_en.ts
"""
import re
import sys
import xml.etree.ElementTree as ET

# Singular fixes applied after "(s)" is dropped: the verb or pronoun must agree too.
SINGULAR_FIXES = [
    (r"\b(change|lead|outcome|column|second) have\b", r"\1 has"),
    (r"\b(change|lead) are\b", r"\1 is"),
    (r"%n of the selected leads are\b", "%n of the selected leads is"),
    (r"\b(lead|change)(s?) keep\b", r"\1\2 keeps"),
    (r"\blead kept their\b", "lead kept its"),
    (r"(leads is converted, lost or archived) and keep their\b", r"\1 and keeps its"),
    (r"(change has not reached the server yet\.) They stay (.*) and are sent\b", r"\1 It stays \2 and is sent"),
]


def forms(source):
    singular = source.replace("(s)", "")
    for pattern, replacement in SINGULAR_FIXES:
        singular = re.sub(pattern, replacement, singular)
    plural = source.replace("(s)", "s")
    return singular, plural


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        del translation.attrib["type"]
        for text in forms(message.find("source").text):
            form = ET.SubElement(translation, "numerusform")
            form.text = text
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    # ElementTree drops the DOCTYPE lupdate writes; put it back so lupdate and Linguist
    # see the file they wrote.
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>', 1)
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    print(f"{path}: {filled} plural message(s) filled")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        main(arg)
