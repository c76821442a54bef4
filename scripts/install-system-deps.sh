#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests need, if any is missing: Chromium (UI tests), GNOME Keyring and
# D-Bus (the real OS keychain), oathtool (the independent oracle for codes), secret-tool (reads the keychain back independently),
# argon2 (the reference Argon2 CLI: an independent oracle for the importers' key derivation), zip (Info-ZIP: makes
# the password zips the WinAuth reader is tested on), python3-cryptography (independent readers of the files we export).
set -euo pipefail
needed=(chromium oathtool gnome-keyring dbus libsecret-tools argon2 zip python3-cryptography)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Please install: ${missing[*]} (this script knows only apt-get)." >&2
  exit 1
fi
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing system packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
