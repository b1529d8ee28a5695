/* png.c -- PNG files to 8-bit pixels for the PDF writer, through libpng.
 *
 * The chunk structure is checked here first (lengths, CRCs, the header, the
 * critical chunks), so those faults are reported in our words; then only the
 * critical chunks and tRNS go on to libpng: no colour profile, gamma or text
 * chunk is read, and the samples reach the PDF as stored (as libharu's own
 * PNG reader did).  libpng reports errors by longjmp back here and warnings
 * are ignored, so no input ends the process (libharu 2.3.0 lets libpng call
 * abort() on damaged compressed data).  The only other file that knows
 * about PNG is image.c, which reads the size from the header.
 *
 * kh_png_deflate goes the other way for the PDF writer: samples as PNG-
 * filtered rows, deflated (FlateDecode with Predictor 15), about half the
 * size of the deflated samples and faster than libharu's own deflate.
 */
#include "image.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zlib.h>

#define CUT "the file is cut short"
#define BAD_PNG "not a valid PNG file"

/* ---- the chunk structure ---- */

static uint32_t crc_table[256];

static uint32_t png_crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	if (!crc_table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t v = i;
			for (int k = 0; k < 8; k++)
				v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
			crc_table[i] = v;
		}
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int is_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Returns NULL (and in *out the signature, the critical chunks and tRNS) or
 * what is wrong with the file. */
static const char *png_clean(const unsigned char *d, size_t n, kh_buf *out)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	size_t i = 8;
	int seen_ihdr = 0, seen_idat = 0, seen_iend = 0, seen_plte = 0, depth = 0, type = 0;
	if (n < 8 || memcmp(d, sig, 8) != 0)
		return BAD_PNG;
	kh_buf_add(out, d, 8);
	while (i < n && !seen_iend) {
		uint32_t len;
		const unsigned char *tag;
		if (n - i < 12)
			return CUT;
		len = be32(d + i);
		tag = d + i + 4;
		if (len > 0x7FFFFFFFu || n - i - 12 < len)
			return CUT;
		if (png_crc(tag, (size_t)len + 4) != be32(d + i + 8 + len))
			return "the file is damaged (a checksum does not match)";
		if (!is_letter(tag[0]) || !is_letter(tag[1]) || !is_letter(tag[2]) || !is_letter(tag[3]))
			return BAD_PNG;
		if (!seen_ihdr && memcmp(tag, "IHDR", 4) != 0)
			return BAD_PNG;
		if (memcmp(tag, "IHDR", 4) == 0) {
			const unsigned char *h = tag + 4;
			uint32_t wd, ht;
			if (len != 13 || seen_ihdr)
				return BAD_PNG;
			wd = be32(h);
			ht = be32(h + 4);
			depth = h[8];
			type = h[9];
			if (wd == 0 || ht == 0)
				return BAD_PNG;
			if (wd > KH_PNG_MAX_SIDE || ht > KH_PNG_MAX_SIDE || (uint64_t)wd * ht > KH_PNG_MAX_PIXELS)
				return "the image is too large (at most 30000 pixels a side, 100 megapixels)";
			if (h[10] != 0 || h[11] != 0 || h[12] > 1)
				return BAD_PNG;
			if (!((type == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
			      (type == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
			      ((type == 2 || type == 4 || type == 6) && (depth == 8 || depth == 16))))
				return BAD_PNG;
			seen_ihdr = 1;
		} else if (memcmp(tag, "IDAT", 4) == 0) {
			seen_idat = 1;
		} else if (memcmp(tag, "IEND", 4) == 0) {
			seen_iend = 1;
		} else if (memcmp(tag, "PLTE", 4) == 0 || memcmp(tag, "tRNS", 4) == 0) {
			seen_plte |= tag[0] == 'P';
		} else if (!(tag[0] & 0x20)) {
			return "the PNG uses a critical chunk kumihan does not know";
		} else {
			i += 12 + (size_t)len; /* ancillary: dropped */
			continue;
		}
		kh_buf_add(out, d + i, 12 + (size_t)len);
		i += 12 + (size_t)len;
	}
	if (!seen_iend || !seen_idat)
		return CUT;
	if (type == 3 && !seen_plte)
		return "not a valid PNG file (a palette image without a palette)";
	return NULL;
}

/* ---- decoding ---- */

/* Everything the error path needs, off the stack: locals changed between
 * setjmp and longjmp would be indeterminate. */
typedef struct decoder {
	jmp_buf jb;
	const unsigned char *p;
	size_t len, pos;
	const char *why;      /* what a libpng error at this stage means */
	unsigned char *buf;   /* the decoded image, channels interleaved */
	png_bytep *rows;
} decoder;

static void on_error(png_structp png, png_const_charp msg)
{
	decoder *d = png_get_error_ptr(png);
	(void)msg; /* libpng's wording: ours is d->why */
	longjmp(d->jb, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
	decoder *d = png_get_io_ptr(png);
	if (d->len - d->pos < n)
		png_error(png, "cut short");
	memcpy(out, d->p + d->pos, n);
	d->pos += n;
}

static png_voidp on_malloc(png_structp png, png_alloc_size_t n)
{
	(void)png;
	return kh_xmalloc(n ? n : 1);
}

static void on_free(png_structp png, png_voidp p)
{
	(void)png;
	free(p);
}

/* The decoded rows (channels 1..4, 8-bit) into px: colour and alpha planes. */
static void split(const decoder *d, int channels, kh_pixels *px)
{
	size_t n = (size_t)px->width * (size_t)px->height;
	int cc = channels >= 3 ? 3 : 1;
	unsigned char *src = d->buf;
	px->gray = cc == 1;
	if (channels == 1 || channels == 3) {
		px->color = src;
		return;
	}
	/* colour compacted in place (each write lands at or before its read),
	 * alpha to its own plane unless every pixel is opaque */
	{
		unsigned char *alpha = kh_xmalloc(n);
		int opaque = 1;
		for (size_t i = 0; i < n; i++) {
			const unsigned char *s = src + i * (size_t)channels;
			unsigned char a = s[cc];
			memmove(src + i * (size_t)cc, s, (size_t)cc);
			alpha[i] = a;
			opaque &= a == 255;
		}
		if (opaque) {
			free(alpha);
			alpha = NULL;
		}
		px->color = kh_xrealloc(src, n * (size_t)cc);
		px->alpha = alpha;
	}
}

static const char *decode(const unsigned char *p, size_t len, kh_pixels *px)
{
	decoder *d = kh_xcalloc(1, sizeof *d);
	png_structp png;
	png_infop info;
	png_uint_32 w, h;
	int channels;
	const char *why = NULL;

	d->p = p;
	d->len = len;
	png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, d, on_error, on_warning, NULL, on_malloc, on_free);
	if (!png) {
		free(d);
		return "the PNG library cannot be started";
	}
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		free(d);
		return "the PNG library cannot be started";
	}
	if (setjmp(d->jb)) {
		why = d->why;
		png_destroy_read_struct(&png, &info, NULL);
		free(d->buf);
		free(d->rows);
		free(d);
		memset(px, 0, sizeof *px);
		return why;
	}
	d->why = BAD_PNG;
	png_set_read_fn(png, d, on_read);
	png_set_benign_errors(png, 1);
	png_read_info(png, info);
	w = png_get_image_width(png, info);
	h = png_get_image_height(png, info);
	png_set_expand(png); /* palette to RGB, grey below 8 bits to 8, tRNS to alpha */
	png_set_scale_16(png);
	(void)png_set_interlace_handling(png);
	png_read_update_info(png, info);
	channels = png_get_channels(png, info);
	if (png_get_bit_depth(png, info) != 8 || channels < 1 || channels > 4 ||
	    png_get_rowbytes(png, info) != (size_t)w * (size_t)channels)
		png_error(png, "unexpected row format");
	d->buf = kh_xmalloc((size_t)w * h * (size_t)channels);
	d->rows = kh_xmalloc(h * sizeof *d->rows);
	for (png_uint_32 y = 0; y < h; y++)
		d->rows[y] = d->buf + (size_t)y * w * (size_t)channels;
	d->why = "the compressed image data is damaged";
	png_read_image(png, d->rows);
	png_destroy_read_struct(&png, &info, NULL);

	px->width = (int)w;
	px->height = (int)h;
	split(d, channels, px);
	free(d->rows);
	free(d);
	return NULL;
}

const char *kh_png_decode(const unsigned char *data, size_t len, kh_pixels *px)
{
	kh_buf clean = KH_BUF_INIT;
	const char *why;
	memset(px, 0, sizeof *px);
	why = png_clean(data, len, &clean);
	if (!why)
		why = decode((const unsigned char *)clean.s, clean.len, px);
	kh_buf_free(&clean);
	return why;
}

void kh_pixels_free(kh_pixels *px)
{
	free(px->color);
	free(px->alpha);
	memset(px, 0, sizeof *px);
}

/* ---- PNG-predicted deflate (for the PDF writer) ---- */

static int paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Row filter f (ISO/IEC 15948 9.2) of row (up: the row above, zeros for the
 * first) into c; returns the sum of the outputs as signed bytes' magnitudes,
 * the measure PNG encoders minimise. */
#define MAG(v) ((unsigned)abs((int)(signed char)(v)))
static unsigned long filter_row(int f, const unsigned char *row, const unsigned char *up, size_t n, size_t bpp,
                                unsigned char *c)
{
	size_t i;
	unsigned long sum = 0;
	switch (f) {
	case 0:
		for (i = 0; i < n; i++) {
			c[i] = row[i];
			sum += MAG(c[i]);
		}
		break;
	case 1:
		for (i = 0; i < bpp && i < n; i++) {
			c[i] = row[i];
			sum += MAG(c[i]);
		}
		for (; i < n; i++) {
			c[i] = (unsigned char)(row[i] - row[i - bpp]);
			sum += MAG(c[i]);
		}
		break;
	case 2:
		for (i = 0; i < n; i++) {
			c[i] = (unsigned char)(row[i] - up[i]);
			sum += MAG(c[i]);
		}
		break;
	case 3:
		for (i = 0; i < bpp && i < n; i++) {
			c[i] = (unsigned char)(row[i] - (up[i] >> 1));
			sum += MAG(c[i]);
		}
		for (; i < n; i++) {
			c[i] = (unsigned char)(row[i] - ((row[i - bpp] + up[i]) >> 1));
			sum += MAG(c[i]);
		}
		break;
	default:
		for (i = 0; i < bpp && i < n; i++) {
			c[i] = (unsigned char)(row[i] - up[i]);
			sum += MAG(c[i]);
		}
		for (; i < n; i++) {
			c[i] = (unsigned char)(row[i] - paeth(row[i - bpp], up[i], up[i - bpp]));
			sum += MAG(c[i]);
		}
		break;
	}
	return sum;
}
#undef MAG

unsigned char *kh_png_deflate(const unsigned char *s, int width, int height, int components, size_t *len)
{
	size_t bpp = (size_t)components, n = (size_t)width * bpp, h = (size_t)height;
	unsigned char *cand = kh_xmalloc(5 * (n + 1)), *zero = kh_xcalloc(n ? n : 1, 1), *out;
	z_stream z;
	uLong cap;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, KH_PNG_DEFLATE_LEVEL, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		kh_die("out of memory");
	cap = deflateBound(&z, (uLong)(h * (n + 1)));
	out = kh_xmalloc(cap);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	for (size_t y = 0; y < h; y++) {
		const unsigned char *row = s + y * n, *up = y ? row - n : zero;
		size_t best = 0;
		unsigned long best_sum = (unsigned long)-1;
		for (int f = 0; f < 5; f++) {
			unsigned long sum = filter_row(f, row, up, n, bpp, cand + (size_t)f * (n + 1) + 1);
			if (sum < best_sum) {
				best_sum = sum;
				best = (size_t)f;
			}
		}
		cand[best * (n + 1)] = (unsigned char)best;
		z.next_in = cand + best * (n + 1);
		z.avail_in = (uInt)(n + 1);
		if (deflate(&z, y + 1 == h ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
			kh_die("deflate failed");
	}
	if (h == 0)
		deflate(&z, Z_FINISH);
	*len = (size_t)z.total_out;
	deflateEnd(&z);
	free(cand);
	free(zero);
	return out;
}
