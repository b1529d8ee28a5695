#!/bin/sh
# Pictures: the time to embed the flagship's three photos (data/photos/*.jpg,
# passed through as DCT after the marker check) and a 2000x1500 RGBA PNG
# (decoded by libpng, then an RGB image plus a grey soft mask, their rows
# PNG-filtered and deflated by png.c), each drawn on one A4 page and
# rendered to memory by kh_pdf_render.
# Medians of several in-process runs; the time of the same page without the
# picture is subtracted.  For the PNG, the decode alone and the render with
# compression off split the time into decoding and deflating, and the
# render with libharu deflating the samples itself (no PNG prediction:
# kh_pdf_opts.plain_images) gives the ratios, measured in the same run.
# The PNGs are drawn here with ImageMagick, 8-bit with an alpha ramp: plasma
# noise (fixed seed, blurred a little: hard to compress) and a flagship photo
# enlarged (smooth); without `convert` that part is skipped.
cd "$(dirname "$0")/.." || exit 2
B=${B:-build}
out=$B/bench/images
mkdir -p "$out"
objs="pdf png image font display util utf8 diag"
make -s B="$B" $(for o in $objs; do printf '%s/obj/%s.o ' "$B" "$o"; done) || exit 1
cat > "$out/imgbench.c" <<'CEOF'
/* imgbench.c (written by bench/25-images.sh): imgbench RUNS FILE...
 * prints key=value figures for the files drawn on one page together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "image.h"
#include "pdf.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}
static kh_dl *page(int n, char **files)
{
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 595.276, 841.89);
	for (int i = 0; i < n; i++) {
		kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
		im->path = files[i];
		im->x = 50;
		im->y = 50 + 250 * i;
		im->w = 300;
		im->h = 225;
	}
	return dl;
}
/* median seconds of runs renders; *bytes = PDF size */
static double timed(kh_dl *dl, const kh_pdf_opts *o, int runs, size_t *bytes)
{
	double t[64];
	for (int r = 0; r < runs; r++) {
		unsigned char *pdf;
		size_t len;
		double s = now();
		if (kh_pdf_render(dl, NULL, o, &pdf, &len) != 0)
			exit(1);
		t[r] = now() - s;
		*bytes = len;
		free(pdf);
	}
	qsort(t, (size_t)runs, sizeof *t, cmp);
	return runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
}
int main(int argc, char **argv)
{
	int runs = atoi(argv[1]), n = argc - 2;
	kh_pdf_opts plain = {0, 0, 0}, libharu = {0, 1, 1};
	size_t empty_bytes, bytes, plain_bytes, lh_bytes, in_bytes = 0;
	kh_dl *none = page(0, NULL), *dl = page(n, argv + 2);
	double t0 = timed(none, NULL, runs, &empty_bytes);
	double t1 = timed(dl, NULL, runs, &bytes);
	double t2 = timed(dl, &plain, runs, &plain_bytes);
	double t3 = timed(dl, &libharu, runs, &lh_bytes);
	double dec[64];
	for (int r = 0; r < runs; r++) {
		double s = now();
		for (int i = 0; i < n; i++) {
			char *d;
			size_t len;
			kh_pixels px;
			if (kh_file_read(argv[2 + i], &d, &len) < 0)
				return 1;
			if (r == 0)
				in_bytes += len;
			if (!kh_png_decode((unsigned char *)d, len, &px))
				kh_pixels_free(&px);
			free(d);
		}
		dec[r] = now() - s;
	}
	qsort(dec, (size_t)runs, sizeof *dec, cmp);
	printf("runs=%d files=%d in_bytes=%zu empty_s=%.6f render_s=%.6f embed_s=%.6f uncompressed_s=%.6f "
	       "libharu_s=%.6f read_decode_s=%.6f pdf_bytes=%zu uncompressed_bytes=%zu libharu_bytes=%zu\n",
	       runs, n, in_bytes, t0, t1, t1 - t0, t2 - t0, t3 - t0,
	       runs % 2 ? dec[runs / 2] : (dec[runs / 2 - 1] + dec[runs / 2]) / 2, bytes - empty_bytes, plain_bytes,
	       lh_bytes - empty_bytes);
	kh_dl_drop(none);
	kh_dl_drop(dl);
	return 0;
}
CEOF
cc -std=c17 -D_GNU_SOURCE -O2 -Isrc -o "$out/imgbench" "$out/imgbench.c" \
	$(for o in $objs; do printf '%s/obj/%s.o ' "$B" "$o"; done) \
	$(pkg-config --libs harfbuzz harfbuzz-subset fontconfig libpng zlib) -lhpdf -lm || exit 1

val() { echo "$1" | sed -n "s/.*[ ^]$2=\([0-9.]*\).*/\1/p"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
status=0

photos=$(ls data/photos/*.jpg 2>/dev/null)
if [ -n "$photos" ]; then
	r=" $("$out/imgbench" 15 $photos)" || status=1
	echo "3 photos (data/photos, $(val "$r" in_bytes) bytes of JPEG), median of 15:"
	echo "  embed: $(awk -v s="$(val "$r" embed_s)" 'BEGIN { printf "%.0f", s * 1e6 }') us" \
		"(page alone $(ms "$(val "$r" empty_s)") ms); PDF grows by $(val "$r" pdf_bytes) bytes"
else
	echo "3 photos: skipped (no data/photos/*.jpg)"
fi

# one_png NAME FILE: the figures for one PNG
one_png() {
	r=" $("$out/imgbench" 5 "$2")" || { status=1; return; }
	e=$(val "$r" embed_s); d=$(val "$r" read_decode_s); u=$(val "$r" uncompressed_s); l=$(val "$r" libharu_s)
	echo "$1 ($(val "$r" in_bytes) bytes), median of 5:"
	echo "  embed: $(ms "$e") ms = read+decode $(ms "$d") ms + filter, deflate, copy, write"
	echo "  embed without compression: $(ms "$u") ms"
	echo "  PDF grows by $(val "$r" pdf_bytes) bytes (uncompressed PDF $(val "$r" uncompressed_bytes) bytes)"
	echo "  libharu deflating the samples itself: $(ms "$l") ms, $(val "$r" libharu_bytes) bytes"
	echo "  ratios predicted/libharu: time $(awk -v a="$e" -v b="$l" 'BEGIN { printf "%.2f", a / b }')," \
		"bytes $(awk -v a="$(val "$r" pdf_bytes)" -v b="$(val "$r" libharu_bytes)" 'BEGIN { printf "%.2f", a / b }')"
}

ramp="-size 1500x2000 gradient:white-black -rotate 90"
png=$out/alpha-2000x1500.png
if [ ! -f "$png" ] && command -v convert >/dev/null; then
	convert -size 2000x1500 -seed 1 plasma:steelblue-orange -blur 0x1 \( $ramp \) \
		-alpha off -compose copy_opacity -composite -strip -depth 8 -define png:color-type=6 PNG:"$png" || status=1
fi
photo=$out/photo-2000x1500.png
if [ ! -f "$photo" ] && command -v convert >/dev/null && [ -f data/photos/meeting07-plenary.jpg ]; then
	convert data/photos/meeting07-plenary.jpg -resize '2000x1500!' \( $ramp \) \
		-alpha off -compose copy_opacity -composite -strip -depth 8 -define png:color-type=6 PNG:"$photo" || status=1
fi
if [ -f "$png" ]; then
	one_png "2000x1500 RGBA PNG, plasma noise" "$png"
	[ -f "$photo" ] && one_png "2000x1500 RGBA PNG, a flagship photo enlarged" "$photo"
else
	echo "2000x1500 PNG: skipped (ImageMagick 'convert' not installed)"
fi
exit $status
