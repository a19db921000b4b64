#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the built Debian packages on a clean Debian 12 system and runs what a user
# runs first: a throwaway root made with debootstrap, the packages installed with apt
# (which must resolve every dependency from the archive alone), the programs started,
# then removed again. On demand (it downloads a minimal system), as root:
#
#   packaging/test-install.sh PACKAGES_DIR [ROOT_DIR]
#
# PACKAGES_DIR holds leads_*.deb and leads-server_*.deb (./dev package). ROOT_DIR is
# reused when it already holds a system, so a second run only reinstalls the packages.
set -euo pipefail

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] || fail "usage: $0 PACKAGES_DIR [ROOT_DIR]"
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap and chroot need it)"
pkgdir=$(realpath "$1")
client_deb=$(ls "$pkgdir"/leads_*.deb 2>/dev/null | head -n1)
server_deb=$(ls "$pkgdir"/leads-server_*.deb 2>/dev/null | head -n1)
[ -n "$client_deb" ] && [ -n "$server_deb" ] || fail "no leads_*.deb and leads-server_*.deb in $pkgdir"
root=${2:-/var/tmp/leads-install-root}

# The same archive this machine installs from (the first one in its apt sources).
mirror=$(grep -hoE '^(deb|URIs:)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+' \
           /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
         | grep -oE 'https?://[^[:space:]]+' | grep -v security | head -n1 || true)
[ -n "$mirror" ] || fail "no Debian archive found in the apt sources"

if ! command -v debootstrap >/dev/null; then
  step "Installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap || fail "apt-get install debootstrap"
fi

mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ ! -x "$root/usr/bin/apt-get" ]; then
  step "Creating a minimal Debian 12 system in $root"
  rm -rf "$root"
  start=$(date +%s)
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -n 20 "$root.debootstrap.log"; fail "debootstrap (log: $root.debootstrap.log)"; }
  echo "done in $(( $(date +%s) - start )) s"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc" && mounted+=("$root/proc")

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "Installing the packages with apt (dependencies from the archive only)"
mkdir -p "$root/tmp/packages"
cp "$client_deb" "$server_deb" "$root/tmp/packages/"
in_root apt-get update -q >/dev/null || fail "apt-get update in the new system"
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q --no-install-recommends \
  "/tmp/packages/$(basename "$client_deb")" "/tmp/packages/$(basename "$server_deb")" \
  || fail "apt-get install of the packages"

step "Running the installed programs"
in_root leads --version || fail "leads --version"
in_root leadsctl --version || fail "leadsctl --version"
in_root leads-server --version || fail "leads-server --version"
in_root leadsctl seed --leads 2000 --db /tmp/check.sqlite || fail "leadsctl seed"
in_root env QT_QPA_PLATFORM=offscreen leads --screenshots /tmp/shots \
  || fail "leads --screenshots (the client's first window)"
[ -s "$root/tmp/shots/leads-page.png" ] || fail "the client drew no window"
for f in /usr/share/applications/org.leads.Leads.desktop /usr/share/metainfo/org.leads.Leads.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/leads.svg /lib/systemd/system/leads-server.service; do
  [ -e "$root$f" ] || fail "missing after install: $f"
done
echo "leads, leadsctl and leads-server run; desktop entry, metainfo, icon and systemd unit in place"

step "Removing the packages"
DEBIAN_FRONTEND=noninteractive in_root apt-get purge -y -q leads leads-server >/dev/null || fail "apt-get purge"
for f in /usr/bin/leads /usr/bin/leadsctl /usr/bin/leads-server /usr/share/applications/org.leads.Leads.desktop; do
  [ ! -e "$root$f" ] || fail "left behind after purge: $f"
done
printf '\n\033[1;32mInstall test passed\033[0m: %s and %s on a clean Debian 12 root\n' \
  "$(basename "$client_deb")" "$(basename "$server_deb")"
