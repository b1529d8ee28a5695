/* fuzz_image.c -- libFuzzer target for pictures: any bytes through the size
 * reader layout uses (kh_image_probe_mem), the PNG decoder (kh_png_decode),
 * the JPEG check (kh_jpeg_check) and, for what they accept, the PDF writer
 * (the bytes as a file, drawn on one page, rendered to memory).  Nothing may
 * crash, leak, abort or hang; an accepted picture must make a PDF whose size
 * agrees with the header.  A PNG goes through twice: as given and with
 * every chunk CRC made right, so that mutations reach libpng rather than
 * stopping at the checksum test.  Messages go to /dev/null. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "diag.h"
#include "image.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;
static char path[64];

static void remove_file(void)
{
	unlink(path);
}

/* Draw the file at path on a page; the render must succeed. */
static void render(void)
{
	kh_dl *dl = kh_dl_new();
	kh_dl_page *pg = kh_dl_add_page(dl, 100, 100);
	kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
	unsigned char *pdf;
	size_t len;
	im->path = path;
	im->x = im->y = 10;
	im->w = im->h = 50;
	if (kh_pdf_render(dl, NULL, NULL, &pdf, &len) != 0 || len < 8 || memcmp(pdf, "%PDF-1.4", 8) != 0)
		abort(); /* accepted by the checks, refused by the writer */
	free(pdf);
	kh_dl_drop(dl);
}

/* A copy of a PNG with the CRC of every whole chunk recomputed. */
static uint8_t *fix_crcs(const uint8_t *data, size_t size)
{
	uint8_t *d = malloc(size ? size : 1);
	size_t i = 8;
	memcpy(d, data, size);
	while (size - i >= 12) {
		uint32_t len = (uint32_t)d[i] << 24 | (uint32_t)d[i + 1] << 16 | (uint32_t)d[i + 2] << 8 | d[i + 3];
		uLong c;
		if (len > size - i - 12)
			break;
		c = crc32(0, d + i + 4, len + 4);
		d[i + 8 + len] = (uint8_t)(c >> 24);
		d[i + 9 + len] = (uint8_t)(c >> 16);
		d[i + 10 + len] = (uint8_t)(c >> 8);
		d[i + 11 + len] = (uint8_t)c;
		i += 12 + (size_t)len;
	}
	return d;
}

static void one(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size);
	if (size >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) {
		uint8_t *fixed = fix_crcs(data, size);
		one(fixed, size);
		free(fixed);
	}
	return 0;
}

static void one(const uint8_t *data, size_t size)
{
	kh_image_format fmt;
	int w = 0, h = 0, ok = 0;
	kh_image_status st;
	kh_pixels px;
	kh_jpeg_info info;
	kh_buf clean = KH_BUF_INIT;
	FILE *f;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		kh_diag_set_output(devnull);
		snprintf(path, sizeof path, "/tmp/kh-fuzz-image.%ld", (long)getpid());
		atexit(remove_file);
	}
	kh_diag_reset();
	st = kh_image_probe_mem(data, (unsigned long)size, &fmt, &w, &h);
	if (st == KH_IMG_OK && fmt == KH_IMG_PNG) {
		/* keep runs fast: the decoder's own limit is 100 megapixels */
		if ((uint64_t)w * (uint64_t)h > 4000000u)
			return;
		if (!kh_png_decode(data, size, &px)) {
			if (px.width != w || px.height != h || !px.color)
				abort();
			kh_pixels_free(&px);
			ok = 1;
		}
	} else if (st == KH_IMG_OK && fmt == KH_IMG_JPEG) {
		if (!kh_jpeg_check(data, size, &info, &clean)) {
			if (info.width != w || info.height != h || clean.len > size)
				abort();
			ok = 1;
		}
		kh_buf_free(&clean);
	} else {
		/* refused by the probe: the decoders must refuse too */
		if (!kh_png_decode(data, size, &px) || !kh_jpeg_check(data, size, &info, NULL))
			abort();
	}
	/* the whole writer path: accepted pictures and a sample of the rest */
	if (ok || (size & 7) == 0) {
		f = fopen(path, "wb");
		if (!f)
			return;
		fwrite(data, 1, size, f);
		fclose(f);
		if (ok) {
			render();
		} else {
			kh_dl *dl = kh_dl_new();
			kh_dl_page *pg = kh_dl_add_page(dl, 100, 100);
			unsigned char *pdf = NULL;
			size_t len;
			kh_dl_image *im = &kh_dl_add(dl, pg, KH_DL_IMAGE)->u.image;
			im->path = path;
			im->w = im->h = 50;
			if (kh_pdf_render(dl, NULL, NULL, &pdf, &len) == 0)
				free(pdf);
			kh_dl_drop(dl);
		}
	}
}
