#!/bin/sh
# make.sh -- the test pictures for tests/unit/test_pdf.c and the fuzz seeds,
# drawn here with ImageMagick (no third-party image).  Committed, so the
# tests need no ImageMagick; run this to make them again (from anywhere).
#
# Every picture is 8x6 pixels in four 4x3 quadrants:
#   top left red (255,0,0) opaque      top right green (0,255,0) alpha 128
#   bottom left blue (0,0,255) alpha 0  bottom right grey (200,200,200) opaque
# The grey pictures are the same through -colorspace gray; the ones without
# alpha drop it; the -trns ones have binary alpha (blue transparent, tRNS).  test_pdf.c checks those values at the quadrant centres.
cd "$(dirname "$0")" || exit 2
command -v convert >/dev/null || { echo "make.sh: ImageMagick 'convert' is not installed" >&2; exit 1; }
set -e
src=$(mktemp /tmp/kh-images.XXXXXX.png)
trap 'rm -f "$src"' EXIT
convert -size 4x3 xc:'rgba(255,0,0,1)' xc:'rgba(0,255,0,0.50196)' +append \
	\( -size 4x3 xc:'rgba(0,0,255,0)' xc:'rgba(200,200,200,1)' +append \) -append "$src"
# no timestamps or other metadata: the same bytes every run
png() { convert "$src" -strip -define png:exclude-chunks=date,time,bKGD "$@"; }
png -alpha off -colorspace gray -define png:color-type=0 -define png:bit-depth=8 PNG:gray8.png
png -alpha off -colorspace gray -define png:color-type=0 -define png:bit-depth=16 PNG:gray16.png
png -alpha off -colorspace gray -threshold 50% -define png:color-type=0 -define png:bit-depth=1 PNG:gray1.png
png -colorspace gray -define png:color-type=4 -define png:bit-depth=8 PNG:graya8.png
png -alpha off -define png:color-type=2 -define png:bit-depth=8 PNG:rgb8.png
png -alpha off -define png:color-type=2 -define png:bit-depth=16 PNG:rgb16.png
png -define png:color-type=6 -define png:bit-depth=8 PNG:rgba8.png
png -define png:color-type=6 -define png:bit-depth=16 PNG:rgba16.png
png -alpha off -define png:color-type=2 -define png:bit-depth=8 -interlace PNG PNG:rgb8-interlaced.png
png -define png:color-type=6 -define png:bit-depth=16 -interlace PNG PNG:rgba16-interlaced.png
png -alpha off -define png:color-type=3 -define png:bit-depth=8 PNG8:palette.png
png PNG8:palette-trns.png
png -channel A -threshold 1% +channel -colorspace gray -define png:color-type=0 -define png:bit-depth=8 PNG:gray8-trns.png
png -channel A -threshold 1% +channel -define png:color-type=2 -define png:bit-depth=8 PNG:rgb8-trns.png
png -alpha opaque -define png:color-type=6 -define png:bit-depth=8 PNG:rgba8-opaque.png
jpg() { convert "$src" -strip -background white -alpha remove -quality 90 "$@"; }
jpg -sampling-factor 1x1 JPEG:rgb.jpg
jpg -colorspace gray JPEG:gray.jpg
jpg -sampling-factor 1x1 -interlace JPEG JPEG:progressive.jpg
jpg -colorspace CMYK -sampling-factor 1x1 JPEG:cmyk.jpg
