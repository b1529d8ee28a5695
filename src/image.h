/* image.h -- picture files: what layout needs to know before placing one
 * (its format and pixel size, from the PNG or JPEG header), and what the PDF
 * writer needs to embed it (a PNG decoded to 8-bit pixels, a JPEG checked
 * marker by marker and passed on as it is).  No third-party header here:
 * image.c reads headers by hand, png.c owns libpng. */
#ifndef KH_IMAGE_H
#define KH_IMAGE_H

#include <stddef.h>

#include "util.h"

typedef enum { KH_IMG_PNG = 1, KH_IMG_JPEG = 2 } kh_image_format;

typedef enum {
	KH_IMG_OK = 0,
	KH_IMG_MISSING,     /* cannot open the file (errno says why) */
	KH_IMG_UNKNOWN,     /* neither PNG nor JPEG */
	KH_IMG_CORRUPT      /* a PNG/JPEG header without a readable size */
} kh_image_status;

/* Read the header of path.  On KH_IMG_OK sets *format and the size in
 * pixels (both > 0). */
kh_image_status kh_image_probe(const char *path, kh_image_format *format, int *width, int *height);
/* The same from memory (the first bytes of a file; len may be the whole file). */
kh_image_status kh_image_probe_mem(const unsigned char *p, unsigned long len, kh_image_format *format,
                                   int *width, int *height);

/* The largest PNG decoded: a side and the pixel count. */
#define KH_PNG_MAX_SIDE 30000
#define KH_PNG_MAX_PIXELS 100000000u

/* A decoded picture: 8 bits a component, rows top to bottom, no padding. */
typedef struct kh_pixels {
	int width, height;
	int gray;             /* 1: one component a pixel (DeviceGray); 0: three (RGB) */
	unsigned char *color; /* width * height * (gray ? 1 : 3) bytes */
	unsigned char *alpha; /* width * height bytes; NULL when every pixel is opaque */
} kh_pixels;

/* Decode a whole PNG file held in memory (png.c).  Every colour type and
 * depth: palettes and depths below 8 are expanded, tRNS becomes alpha,
 * 16-bit is scaled to 8, interlaced files are deinterlaced; samples are
 * passed on as stored (gamma, colour profiles and text chunks are ignored).
 * Returns NULL and fills *px (release with kh_pixels_free), or a phrase
 * saying what is wrong for "cannot read image: %s" (*px is then empty).
 * Never aborts on any input. */
const char *kh_png_decode(const unsigned char *data, size_t len, kh_pixels *px);
void kh_pixels_free(kh_pixels *px);

/* zlib level of kh_png_deflate (measured in bench/25-images.sh). */
#ifndef KH_PNG_DEFLATE_LEVEL
#define KH_PNG_DEFLATE_LEVEL 4
#endif
/* 8-bit samples (components 1..4 a pixel, rows top to bottom, no padding)
 * as a zlib stream of PNG-filtered rows, each row with the filter a PNG
 * encoder would choose: the data of a FlateDecode stream with
 * << /Predictor 15 /Colors components /BitsPerComponent 8 /Columns width >>.
 * Returns malloc'd bytes, their count in *len. */
unsigned char *kh_png_deflate(const unsigned char *s, int width, int height, int components, size_t *len);

/* A JPEG as the PDF writer embeds it (DCTDecode, the bytes unchanged). */
typedef struct kh_jpeg_info {
	int width, height;
	int components;  /* 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK */
	int adobe;       /* an Adobe APP14 marker: 4-component data is stored inverted */
	int progressive; /* SOF2 */
} kh_jpeg_info;

/* Check a whole JPEG file held in memory: every marker segment up to the
 * end-of-image marker, through the entropy-coded data of every scan.
 * Refused: anything cut short, a frame PDF readers cannot decode (not 8-bit,
 * lossless, hierarchical, arithmetic-coded), other than 1, 3 or 4
 * components.  Returns NULL, fills *info and, when out is not NULL, appends
 * the file as libharu can read it (fill bytes and stray standalone markers
 * before the first scan dropped, nothing after the end marker); or a phrase
 * for "cannot read image: %s".  The image data itself is not decoded. */
const char *kh_jpeg_check(const unsigned char *p, size_t len, kh_jpeg_info *info, kh_buf *out);

#endif
