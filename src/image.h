/* image.h -- what layout needs to know about a picture file before placing it:
 * its format and pixel size, read from the PNG or JPEG header (the PDF
 * writer embeds the file itself). */
#ifndef KH_IMAGE_H
#define KH_IMAGE_H

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

#endif
