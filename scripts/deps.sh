#!/usr/bin/env bash
# scripts/deps.sh -- install what citecheck needs to build and test, on
# Debian/Ubuntu.  Idempotent: when every library and tool is already there
# it prints one line and exits without touching apt.
#
# Checked: pkg-config modules libcurl gumbo libpcre2-8 sqlite3 jansson inih check
# zlib libcrypto uchardet libzip libxml-2.0 poppler-glib libxxhash
# libutf8proc libdeflate, the commands cc
# clang python3 pkg-config make curl timeout, and python3-cairo with the
# DejaVu fonts (the end-to-end tests write their PDF fixture with them).
# Installed when anything is missing (one apt-get update, one install):
PACKAGES="gcc clang make pkg-config libcurl4-openssl-dev libgumbo-dev \
libpcre2-dev libsqlite3-dev libjansson-dev libinih-dev check python3 curl \
ca-certificates zlib1g-dev libssl-dev libuchardet-dev libzip-dev \
libxml2-dev libpoppler-glib-dev libxxhash-dev libutf8proc-dev libdeflate-dev \
python3-cairo \
fonts-dejavu-core"

set -euo pipefail

missing=()
for cmd in cc clang python3 pkg-config make curl timeout; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("command:$cmd")
done
if command -v pkg-config >/dev/null 2>&1; then
    for mod in libcurl gumbo libpcre2-8 sqlite3 jansson inih check zlib \
               libcrypto uchardet libzip libxml-2.0 poppler-glib libxxhash \
               libutf8proc libdeflate; do
        pkg-config --exists "$mod" || missing+=("pkg-config:$mod")
    done
else
    missing+=("pkg-config modules")
fi
if [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then
    missing+=("ca-certificates")
fi
if [ ! -d /usr/lib/python3/dist-packages/cairo ]; then
    missing+=("python3-cairo")
fi
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
    missing+=("fonts-dejavu-core")
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all present"
    exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "deps: missing ${missing[*]}; not root and no sudo:" \
             "install as root: apt-get install $PACKAGES" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing ${missing[*]}; no apt-get here: install the" \
         "equivalents of: $PACKAGES" >&2
    exit 1
fi

echo "deps: missing ${missing[*]}; installing: $PACKAGES"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >/dev/null
# shellcheck disable=SC2086  # the package list is meant to split
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends $PACKAGES >/dev/null

still=()
for mod in libcurl gumbo libpcre2-8 sqlite3 jansson inih check libcrypto \
           uchardet libzip libxml-2.0 poppler-glib libxxhash libutf8proc; do
    pkg-config --exists "$mod" || still+=("$mod")
done
for cmd in cc clang python3 make curl; do
    command -v "$cmd" >/dev/null 2>&1 || still+=("$cmd")
done
if [ ${#still[@]} -ne 0 ]; then
    echo "deps: still missing after install: ${still[*]}" >&2
    exit 1
fi
echo "deps: installed"
