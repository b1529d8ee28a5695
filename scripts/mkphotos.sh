#!/bin/sh
# mkphotos.sh -- make the flagship brochure's placeholder photos.
#
# The brochure shows three photos of the 7th ASEAN-Japan High-Level Officials
# Meeting.  The project ships no third-party images: these are drawn here
# with ImageMagick (soft gradients and simple shapes suggesting a meeting
# room, a site visit and a facility visit, muted colours, a small label), and
# the JPEGs are committed under data/photos/ so that a build does not need
# ImageMagick.  Run it from anywhere; it rewrites data/photos/*.jpg.
#
#   sh scripts/mkphotos.sh            600x450 JPEGs, quality 80, metadata stripped
set -e
cd "$(dirname "$0")/.."
out=data/photos
mkdir -p "$out"
command -v convert >/dev/null || { echo "mkphotos: ImageMagick 'convert' is not installed" >&2; exit 1; }

W=600 H=450
FONT=Liberation-Sans
# One figure (a seated or standing person): head and shoulders.
# person X Y SCALE COLOUR -> ImageMagick draw primitives
person() {
	x=$1 y=$2 s=$3 c=$4
	hr=$((7 * s / 10)) bw=$((16 * s / 10)) bh=$((26 * s / 10))
	echo "fill $c circle $x,$((y - bh / 2 - hr)) $((x + hr)),$((y - bh / 2 - hr))"
	echo "fill $c roundrectangle $((x - bw / 2)),$((y - bh / 2)) $((x + bw / 2)),$((y + bh / 2)) $((bw / 3)),$((bw / 3))"
}
# finish TMP OUT LABEL: soften like a photo, a slight vignette, the discreet
# label in the lower right corner, metadata stripped.
finish() {
	convert "$1" -blur 0x1.2 \
		\( -size ${W}x${H} radial-gradient:'#FFFFFF'-'#B8B8B8' \) -compose multiply -composite \
		-gravity southeast -font $FONT -pointsize 13 -fill '#FFFFFFC0' -annotate +12+10 "$3" \
		-strip -sampling-factor 4:2:0 -quality 80 "$2"
	rm -f "$1"
}

# 1. Plenary session: wall with a screen, a long conference table, delegates.
tmp=$out/.plenary.png
draw=$( {
	echo "fill #C9C2B4 rectangle 0,300 $W,$H"                 # floor
	echo "fill #8E9BB0 rectangle 170,55 430,175"                # screen
	echo "fill #A9B6CA rectangle 178,63 422,167"
	echo "fill #6F7F99 rectangle 0,196 $W,203"                  # wainscot rail
	for x in 95 160 225 290 355 420 485; do person $x 265 12 '#4A5874'; done
	echo "fill #7A5C45 polygon 40,290 560,290 600,340 0,340"    # table top
	echo "fill #5E4534 rectangle 0,340 $W,356"
	for x in 70 150 230 310 390 470 550; do echo "fill #F2EFE8 rectangle $((x - 14)),300 $((x + 14)),312"; done  # papers
	for x in 60 190 320 450 560; do person $x 420 13 '#39465F'; done
} | tr '\n' ' ')
convert -size ${W}x${H} gradient:'#E7E1D6'-'#B9B2A4' -draw "$draw" "$tmp"
finish "$tmp" "$out/meeting07-plenary.jpg" "Placeholder image: plenary session"

# 2. Site visit: sky, low buildings, a group of visitors on a path.
tmp=$out/.visit.png
draw=$( {
	echo "fill #B7C6A5 rectangle 0,270 $W,$H"                   # lawn
	echo "fill #D8D2C2 polygon 250,270 350,270 520,$H 80,$H"    # path
	echo "fill #C8CCD2 rectangle 30,150 230,270"                # buildings
	echo "fill #B3B9C2 rectangle 230,185 400,270"
	echo "fill #CFC8BB rectangle 400,130 580,270"
	for y in 170 205 240; do for x in 50 95 140 185; do echo "fill #9AA6B6 rectangle $x,$y $((x + 25)),$((y + 18))"; done; done
	for y in 150 190 230; do for x in 420 465 510; do echo "fill #A8A293 rectangle $x,$y $((x + 30)),$((y + 22))"; done; done
	echo "fill #7E9270 circle 245,240 245,205"                  # trees
	echo "fill #728868 circle 590,250 590,215"
	for p in "200 350 12" "245 345 12" "290 352 12" "335 348 12" "380 355 12" "160 372 14" "425 376 14"; do set -- $p; person $1 $2 $3 '#4B5670'; done
} | tr '\n' ' ')
convert -size ${W}x${H} gradient:'#CFDCE8'-'#EEF0EE' -draw "$draw" "$tmp"
finish "$tmp" "$out/meeting07-visit.jpg" "Placeholder image: site visit"

# 3. Facility visit: a bright room with windows, a bed, visitors and staff.
tmp=$out/.facility.png
draw=$( {
	echo "fill #CFC6B8 rectangle 0,310 $W,$H"                   # floor
	for x in 40 230 420; do echo "fill #F4F3EC rectangle $x,50 $((x + 140)),210"; echo "fill #DCE5EC rectangle $((x + 8)),58 $((x + 132)),202"; echo "fill #C9D3DC rectangle $((x + 68)),58 $((x + 72)),202"; done
	echo "fill #E9E6DF rectangle 60,270 300,320"                # bed
	echo "fill #FFFFFF rectangle 70,258 140,282"
	echo "fill #9EAFC4 rectangle 140,262 300,296"
	echo "fill #8A8F98 rectangle 60,320 70,350"
	echo "fill #8A8F98 rectangle 290,320 300,350"
	for p in "360 300 13 #4A5874" "415 296 13 #56627C" "470 302 13 #4A5874" "525 298 13 #6A7A8E"; do set -- $p; person $1 $2 $3 "$4"; done
	echo "fill #F3F1EC roundrectangle 205,285 245,345 10,10"    # staff in white
	echo "fill #E8D9C8 circle 225,268 234,268"
} | tr '\n' ' ')
convert -size ${W}x${H} gradient:'#ECE8E0'-'#D7D0C3' -draw "$draw" "$tmp"
finish "$tmp" "$out/meeting07-facility.jpg" "Placeholder image: facility visit"

ls -l "$out"/*.jpg | awk '{print $5, $NF}'
