/* image.c -- the pixel size of PNG and JPEG files, from their headers.
 *
 * PNG: the IHDR chunk right after the signature.  JPEG: the first
 * start-of-frame marker (SOF0..SOF15 except DHT, JPG and DAC), found by
 * walking the marker segments.  Only the first 1 MiB is read: a JPEG whose
 * frame header lies further (huge EXIF thumbnails) is reported as corrupt.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
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
		unsigned long i = 2;
		*format = KH_IMG_JPEG;
		while (i + 4 <= len) {
			unsigned m, seglen;
			if (p[i] != 0xFF)
				return KH_IMG_CORRUPT;
			m = p[i + 1];
			if (m == 0xFF) { /* fill byte */
				i++;
				continue;
			}
			if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length */
				i += 2;
				continue;
			}
			if (m == 0xD9 || m == 0xDA) /* end of image, start of scan: no frame header */
				return KH_IMG_CORRUPT;
			seglen = be16(p + i + 2);
			if (seglen < 2)
				return KH_IMG_CORRUPT;
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				unsigned w, h;
				if (i + 9 > len || seglen < 7)
					return KH_IMG_CORRUPT;
				h = be16(p + i + 5);
				w = be16(p + i + 7);
				if (w == 0 || h == 0)
					return KH_IMG_CORRUPT;
				*width = (int)w;
				*height = (int)h;
				return KH_IMG_OK;
			}
			i += 2 + seglen;
		}
		return KH_IMG_CORRUPT;
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
