/* image.c -- picture headers read by hand: the pixel size of PNG and JPEG
 * files for layout, and the marker-by-marker check of a JPEG the PDF writer
 * embeds as it is (png.c decodes PNGs).
 *
 * PNG: the IHDR chunk right after the signature.  JPEG: the marker segments
 * from the start-of-image marker; the size is in the first start-of-frame
 * segment (SOF0..SOF15 except DHT, JPG and DAC).  kh_image_probe reads only
 * the first 1 MiB: a JPEG whose frame header lies further (huge EXIF
 * thumbnails) is reported as corrupt.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CUT "the file is cut short"
#define BAD_JPEG "not a valid JPEG file"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static int is_sof(unsigned m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Walk the markers of a JPEG (p starts with FF D8).  whole = 0: stop at the
 * frame header (its size in *info, possibly 0); whole = 1: check everything
 * up to the end-of-image marker, as kh_jpeg_check says. */
static const char *jpeg_walk(const unsigned char *p, size_t len, kh_jpeg_info *info, kh_buf *out, int whole)
{
	size_t i = 2, first_scan = 0;
	int seen_sof = 0, scans = 0;
	memset(info, 0, sizeof *info);
	if (out)
		kh_buf_add(out, p, 2);
	for (;;) {
		unsigned m, seglen;
		const unsigned char *seg;
		if (i >= len)
			return CUT;
		if (p[i] != 0xFF)
			return BAD_JPEG;
		while (i + 1 < len && p[i + 1] == 0xFF) /* fill bytes */
			i++;
		if (i + 2 > len)
			return CUT;
		m = p[i + 1];
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* standalone: TEM, RSTn out of place */
			i += 2;
			continue;
		}
		if (m == 0x00 || m == 0xD8)
			return BAD_JPEG;
		if (m == 0xD9) { /* end of image */
			if (!scans)
				return BAD_JPEG;
			if (out)
				kh_buf_add(out, p + first_scan, i + 2 - first_scan);
			return NULL;
		}
		if (len - i < 4)
			return CUT;
		seglen = be16(p + i + 2);
		if (seglen < 2)
			return BAD_JPEG;
		if (len - i - 2 < seglen)
			return CUT;
		seg = p + i + 4;
		if (is_sof(m)) {
			unsigned n = seglen - 2, nc;
			if (seen_sof || n < 6)
				return BAD_JPEG;
			seen_sof = 1;
			nc = seg[5];
			info->height = (int)be16(seg + 1);
			info->width = (int)be16(seg + 3);
			info->components = (int)nc;
			info->progressive = m == 0xC2;
			if (!whole)
				return NULL;
			if (n != 6 + 3 * nc)
				return BAD_JPEG;
			if (m == 0xC3 || (m >= 0xC5 && m <= 0xC7) || m >= 0xC9)
				return "a lossless, hierarchical or arithmetic-coded JPEG, which PDF readers do not take "
				       "(save it as baseline or progressive)";
			if (seg[0] != 8)
				return "a JPEG with more than 8 bits a component, which PDF readers do not take";
			if (nc != 1 && nc != 3 && nc != 4)
				return "a JPEG with a number of colour components PDF cannot hold (1, 3 or 4)";
			if (info->width == 0 || info->height == 0)
				return "the JPEG gives no width or height in its frame header";
		} else if (m == 0xEE && seglen - 2 >= 5 && memcmp(seg, "Adobe", 5) == 0) {
			info->adobe = 1;
		} else if (m == 0xDA) { /* start of scan: skip its entropy-coded data */
			if (!seen_sof)
				return BAD_JPEG;
			if (!whole)
				return BAD_JPEG;
			if (!scans)
				first_scan = i;
			scans++;
			i += 2 + (size_t)seglen;
			for (;;) {
				const unsigned char *q = i < len ? memchr(p + i, 0xFF, len - i) : NULL;
				unsigned nx;
				if (!q)
					return CUT;
				i = (size_t)(q - p);
				if (i + 1 >= len)
					return CUT;
				nx = p[i + 1];
				if (nx == 0x00 || (nx >= 0xD0 && nx <= 0xD7))
					i += 2; /* a stuffed FF, a restart marker */
				else if (nx == 0xFF)
					i++;
				else
					break; /* the next marker */
			}
			continue;
		}
		if (out && !scans)
			kh_buf_add(out, p + i, 2 + (size_t)seglen);
		i += 2 + (size_t)seglen;
	}
}

const char *kh_jpeg_check(const unsigned char *p, size_t len, kh_jpeg_info *info, kh_buf *out)
{
	if (len < 3 || p[0] != 0xFF || p[1] != 0xD8 || p[2] != 0xFF) {
		memset(info, 0, sizeof *info);
		return BAD_JPEG;
	}
	return jpeg_walk(p, len, info, out, 1);
}

kh_image_status kh_image_probe_mem(const unsigned char *p, unsigned long len, kh_image_format *format,
                                   int *width, int *height)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	if (len >= 8 && memcmp(p, png_sig, 8) == 0) {
		unsigned long w, h;
		*format = KH_IMG_PNG;
		if (len < 24 || memcmp(p + 12, "IHDR", 4) != 0)
			return KH_IMG_CORRUPT;
		w = be32(p + 16);
		h = be32(p + 20);
		if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF)
			return KH_IMG_CORRUPT;
		*width = (int)w;
		*height = (int)h;
		return KH_IMG_OK;
	}
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		kh_jpeg_info info;
		*format = KH_IMG_JPEG;
		if (jpeg_walk(p, len, &info, NULL, 0) || info.width == 0 || info.height == 0)
			return KH_IMG_CORRUPT;
		*width = info.width;
		*height = info.height;
		return KH_IMG_OK;
	}
	return KH_IMG_UNKNOWN;
}

kh_image_status kh_image_probe(const char *path, kh_image_format *format, int *width, int *height)
{
	enum { MAX = 1 << 20 };
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	size_t n;
	kh_image_status st;
	if (!f)
		return KH_IMG_MISSING;
	buf = kh_xmalloc(MAX);
	n = fread(buf, 1, MAX, f);
	fclose(f);
	st = kh_image_probe_mem(buf, (unsigned long)n, format, width, height);
	free(buf);
	return st;
}
