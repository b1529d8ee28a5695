#!/bin/sh
# Install the Debian packages kumihan needs to build, run and test.
# As root: installs what is missing.  Otherwise: prints the command and stops.
set -e
PKGS="build-essential pkg-config libhpdf-dev libcsv-dev libyaml-dev libicu-dev libharfbuzz-dev \
libfontconfig-dev libpng-dev zlib1g-dev fonts-ipaexfont fonts-ipamj-mincho fonts-liberation2 fonts-urw-base35 poppler-utils qpdf imagemagick unicode-data \
bc time"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "kumihan needs these Debian packages:$missing" >&2
	echo "run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
