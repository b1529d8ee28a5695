/* pdf.c -- the PDF writer: display list to PDF.  libharu 2.3.0 keeps the
 * document structure (pages, images, info, outlines); the fonts and the text
 * in the page content are written here, through libharu's installed
 * internal headers where it has no API.
 *
 * Fonts: each font the display list uses is cut with hb-subset (font.c) to
 * the glyphs drawn and embedded as a Type0 font over a CIDFontType2 with
 * Identity-H and CIDToGIDMap /Identity: the 2-byte code written is the
 * glyph's ID in the subset.  W holds the exact widths of the glyphs used (in
 * 1/1000 em, reals); ToUnicode maps each glyph to the text it stands for
 * (UTF-16, surrogate pairs above U+FFFF, base + selector for a variation
 * sequence).
 *
 * Text is written run by run, without printf: the text state (font and
 * size, fill colour) only where it changes on the page, then one TJ per
 * stretch of glyphs on one baseline, glyph IDs as hex from a table and the
 * offsets where layout moved a glyph off the widths as numbers.  Glyphs with
 * KH_GLYPH_ROTATE are turned clockwise about the centre of their em box.
 * The PDF is rendered into memory and written atomically: never a partial
 * file.
 *
 * Images: each file once, however often it is drawn.  A PNG is decoded by
 * png.c (libpng, every error caught) and given to libharu as raw 8-bit grey
 * or RGB samples plus a grey soft mask for alpha, both deflated after PNG
 * row prediction (Predictor 15); a JPEG is
 * checked marker by marker by image.c and embedded unchanged (DCTDecode).
 * The header says PDF-1.4 (soft masks).
 */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "image.h"
#include "utf8.h"
#include "version.h"

/* What one glyph of a font stands for in the text (ToUnicode). */
typedef struct gtext {
	uint32_t off, len; /* UTF-8 in wfont.pool; len 0: not known yet */
	char clash;        /* drawn for two different texts: runs with it need /ActualText */
	char empty;        /* drawn as a later glyph of a cluster (for no text) */
} gtext;

typedef struct wfont {
	kh_font *kf;
	HPDF_Dict dict;    /* the Type0 font */
	uint16_t *gidmap;  /* font glyph ID -> subset glyph ID = CID (NULL: identity) */
	unsigned nglyphs;
	gtext *gt;         /* per font glyph ID */
	kh_buf pool;
} wfont;

typedef struct wimage {
	const char *path;
	HPDF_Image img; /* NULL: failed (reported once) */
} wimage;

typedef struct writer {
	HPDF_Doc pdf;
	HPDF_STATUS err, detail; /* the first libharu error since the last check */
	const kh_pdf_opts *opts;
	wfont *fonts;
	int nfonts;
	size_t fcap;
	wimage *images;
	int nimages;
	size_t icap;
	int failed;
	double page_h;
	/* text state of the page being written */
	const wfont *cur_font;
	double cur_size;
	kh_color cur_color;
	int color_set;    /* cur_color holds: the page's first run sets it */
	kh_buf out, span; /* content being built, flushed to the page's stream */
} writer;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	writer *w = user;
	if (!w->err) {
		w->err = error_no;
		w->detail = detail_no;
	}
}

/* What a libharu error means, in words (never its number). */
static const char *error_text(HPDF_STATUS e, HPDF_STATUS detail)
{
	switch (e) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_OPEN_ERROR:
	case HPDF_FILE_IO_ERROR: return detail ? strerror((int)detail) : "cannot read the file";
	case HPDF_INVALID_JPEG_DATA: return "not a valid JPEG file";
	case HPDF_UNSUPPORTED_JPEG_FORMAT: return "a kind of JPEG libharu cannot embed (use baseline RGB, grey or CMYK)";
	case HPDF_INVALID_IMAGE:
	case HPDF_INVALID_COLOR_SPACE:
	case HPDF_INVALID_BIT_PER_COMPONENT:
	case HPDF_CANNOT_GET_PALLET: return "an image format libharu cannot embed";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence (OS/2 fsType) forbids embedding or subsetting it";
	case HPDF_TTF_INVALID_CMAP: return "the font has no Unicode character map libharu can read";
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
	case HPDF_INVALID_TTC_FILE: return "the font file is not a TrueType font libharu can read";
	case HPDF_INVALID_TTC_INDEX: return "there is no such face in the font collection";
	case HPDF_PAGE_INVALID_SIZE: return "page size out of range (3 to 14400 pt)";
	case HPDF_ZLIB_ERROR: return "compression failed";
	case HPDF_STRING_OUT_OF_RANGE: return "a text run is too long";
	default: return "internal error in the PDF library";
	}
}

/* Report a pending libharu error (if any) about `what`; returns 1 if there was one. */
static int check(writer *w, const char *what)
{
	if (!w->err && HPDF_GetError(w->pdf)) {
		/* internal calls set the error without calling the handler */
		w->err = HPDF_GetError(w->pdf);
		w->detail = HPDF_GetErrorDetail(w->pdf);
	}
	if (!w->err)
		return 0;
	kh_error(KH_NOLOC, "cannot write PDF: %s: %s", what, error_text(w->err, w->detail));
	HPDF_ResetError(w->pdf);
	w->err = w->detail = 0;
	w->failed = 1;
	return 1;
}

/* ---- numbers and raw content ---- */

/* A real as PDF text, at most 4 decimals, no exponent, locale-independent. */
static void fmt_real(char *out, size_t n, double v)
{
	long long q = llround(v * 10000.0);
	const char *sign = q < 0 ? "-" : "";
	long long a = q < 0 ? -q : q;
	long long ip = a / 10000, fp = a % 10000;
	if (fp == 0) {
		snprintf(out, n, "%s%lld", q == 0 ? "" : sign, ip);
	} else {
		char frac[8];
		int len = 4;
		snprintf(frac, sizeof frac, "%04lld", fp);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = 0;
		snprintf(out, n, "%s%lld.%s", sign, ip, frac);
	}
}

static void raw(HPDF_Page page, const char *s)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)((HPDF_Dict)page)->attr;
	HPDF_Stream_WriteStr(attr->stream, s);
}

/* ---- fonts ---- */

static wfont *font_find(writer *w, const kh_font *kf)
{
	for (int i = 0; i < w->nfonts; i++)
		if (w->fonts[i].kf == kf)
			return &w->fonts[i];
	return NULL;
}

/* A subset tag from the subset's bytes: six capitals, stable run to run. */
static void subset_tag(const unsigned char *data, size_t len, int salt, char tag[7])
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)salt;
	for (size_t i = 0; i < len; i++)
		h = (h ^ data[i]) * 1099511628211ull;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = 0;
}

static const char hexd[] = "0123456789ABCDEF";

/* UTF-8 (valid: the display list's own) to UTF-16BE as hex digits. */
static void utf16_hex(kh_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		int k = kh_utf8_decode(s + i, len - i, &c);
		char h[8];
		unsigned u[2];
		int nu = 1;
		if (k < 0) {
			c = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (c > 0xFFFF) {
			u[0] = 0xD800 + ((c - 0x10000) >> 10);
			u[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
			nu = 2;
		} else {
			u[0] = c;
		}
		for (int j = 0; j < nu; j++) {
			h[0] = hexd[u[j] >> 12 & 15];
			h[1] = hexd[u[j] >> 8 & 15];
			h[2] = hexd[u[j] >> 4 & 15];
			h[3] = hexd[u[j] & 15];
			kh_buf_add(b, h, 4);
		}
	}
}

/* The ToUnicode CMap: each CID to the text its glyph stands for (UTF-16BE,
 * surrogate pairs above U+FFFF, a base character and its variation selector
 * both).  bfchar entries only, at most 100 a block: Ghostscript 10.0
 * misreads bfrange entries whose destination's high byte is not zero. */
static void tounicode_cmap(kh_buf *b, const wfont *wf, const uint32_t *gids, int n)
{
	int total = 0, done = 0;
	for (int i = 0; i < n; i++)
		total += wf->gt[gids[i]].len > 0;
	kh_buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	               "12 dict begin\n"
	               "begincmap\n"
	               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	               "/CMapName /Adobe-Identity-UCS def\n"
	               "/CMapType 2 def\n"
	               "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i++) {
		const gtext *g = &wf->gt[gids[i]];
		unsigned cid = wf->gidmap ? wf->gidmap[gids[i]] : gids[i];
		char h[7] = {'<', hexd[cid >> 12 & 15], hexd[cid >> 8 & 15], hexd[cid >> 4 & 15], hexd[cid & 15], '>', ' '};
		if (!g->len)
			continue;
		if (done % 100 == 0)
			kh_buf_printf(b, "%d beginbfchar\n", total - done < 100 ? total - done : 100);
		kh_buf_add(b, h, 7);
		kh_buf_putc(b, '<');
		utf16_hex(b, wf->pool.s + g->off, g->len);
		kh_buf_puts(b, ">\n");
		done++;
		if (done % 100 == 0 || done == total)
			kh_buf_puts(b, "endbfchar\n");
	}
	kh_buf_puts(b, "endcmap\n"
	               "CMapName currentdict /CMap defineresource pop\n"
	               "end\n"
	               "end\n");
}

/* A stream object holding data, deflated when the document is. */
static HPDF_Dict data_stream(writer *w, const void *data, size_t len)
{
	HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!d)
		return NULL;
	if (HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	if (w->opts->compress)
		d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return d;
}

/* A name as PDF allows it unescaped (PostScript names nearly always are). */
static void pdf_name(char *out, size_t n, const char *tag, const char *s)
{
	size_t k = 0;
	for (; *tag && k + 1 < n; tag++)
		out[k++] = *tag;
	if (k && k + 1 < n)
		out[k++] = '+';
	for (; *s && k + 1 < n && k < 120; s++) {
		unsigned char c = (unsigned char)*s;
		if (c > 32 && c < 127 && !strchr("()<>[]{}/%#", c))
			out[k++] = (char)c;
	}
	out[k] = 0;
}

/* The font as a Type0 font over a CIDFontType2 with Identity-H: the code
 * written is the CID, and the CID is the glyph ID in the embedded subset
 * (CIDToGIDMap /Identity).  The embedded program is the bare glyph program
 * (head hhea maxp hmtx loca glyf: no cmap, name, post or OS/2, ISO 32000-1
 * 9.9); W holds the exact widths of the glyphs used, ToUnicode the text each
 * stands for. */
static int load_font(writer *w, wfont *wf)
{
	kh_font *kf = wf->kf;
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Xref xref = w->pdf->xref;
	unsigned char *data = NULL;
	size_t len = 0;
	char tag[7], name[160];
	const uint32_t *gids;
	int n;
	kh_font_desc fd;
	kh_buf b = KH_BUF_INIT;
	HPDF_Dict type0, cid, desc, info, ff, tu;
	HPDF_Array desc_arr, warr, cur = NULL, bbox;
	HPDF_STATUS ret = HPDF_OK;
	unsigned prev = 0;

	if (w->opts->full_fonts && kh_font_file_data(kf, &data, &len) == 0) {
		wf->gidmap = NULL; /* the whole font: glyph IDs as they are, no subset tag */
		tag[0] = 0;
	} else if (kh_font_subset_program(kf, &data, &len, &wf->gidmap) < 0) {
		w->failed = 1;
		return -1;
	} else {
		subset_tag(data, len, (int)(wf - w->fonts), tag);
	}
	n = kh_font_used_glyphs(kf, &gids);
	pdf_name(name, sizeof name, tag, kh_font_postscript_name(kf));
	kh_font_descriptor(kf, &fd);

	type0 = HPDF_Dict_New(mm);
	cid = HPDF_Dict_New(mm);
	desc = HPDF_Dict_New(mm);
	info = HPDF_Dict_New(mm);
	ff = data_stream(w, data, len);
	free(data);
	if (!type0 || !cid || !desc || !info || !ff)
		return -1;
	ret += HPDF_Xref_Add(xref, type0);
	ret += HPDF_Xref_Add(xref, cid);
	ret += HPDF_Xref_Add(xref, desc);
	ret += HPDF_Dict_AddNumber(ff, "Length1", (HPDF_UINT32)len);

	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddName(desc, "FontName", name);
	ret += HPDF_Dict_AddNumber(desc, "Flags", fd.flags);
	bbox = HPDF_Array_New(mm);
	for (int i = 0; i < 4; i++)
		ret += HPDF_Array_AddNumber(bbox, fd.bbox[i]);
	ret += HPDF_Dict_Add(desc, "FontBBox", bbox);
	ret += HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)fd.italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(kh_font_ascent(kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "Descent", -(HPDF_INT32)lround(kh_font_descent(kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(kh_font_cap_height(kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "XHeight", (HPDF_INT32)lround(kh_font_x_height(kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "StemV", 0);
	ret += HPDF_Dict_Add(desc, "FontFile2", ff);

	ret += HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	ret += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	ret += HPDF_Dict_AddNumber(info, "Supplement", 0);

	ret += HPDF_Dict_AddName(cid, "Type", "Font");
	ret += HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	ret += HPDF_Dict_AddName(cid, "BaseFont", name);
	ret += HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	ret += HPDF_Dict_Add(cid, "FontDescriptor", desc);
	ret += HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	/* W: exact widths of the glyphs used, 1/1000 em, by CID */
	warr = HPDF_Array_New(mm);
	for (int i = 0; i < n; i++) {
		unsigned c = wf->gidmap ? wf->gidmap[gids[i]] : gids[i];
		if (!cur || c != prev + 1) {
			ret += HPDF_Array_AddNumber(warr, (HPDF_INT32)c);
			cur = HPDF_Array_New(mm);
			ret += HPDF_Array_Add(warr, cur);
		}
		ret += HPDF_Array_AddReal(cur, (HPDF_REAL)kh_font_glyph_advance(kf, gids[i], 1000.0));
		prev = c;
	}
	ret += HPDF_Dict_Add(cid, "W", warr);

	tounicode_cmap(&b, wf, gids, n);
	tu = data_stream(w, b.s, b.len);
	kh_buf_free(&b);
	if (!tu)
		return -1;

	ret += HPDF_Dict_AddName(type0, "Type", "Font");
	ret += HPDF_Dict_AddName(type0, "Subtype", "Type0");
	ret += HPDF_Dict_AddName(type0, "BaseFont", name);
	ret += HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
	desc_arr = HPDF_Array_New(mm);
	ret += HPDF_Array_Add(desc_arr, cid);
	ret += HPDF_Dict_Add(type0, "DescendantFonts", desc_arr);
	ret += HPDF_Dict_Add(type0, "ToUnicode", tu);
	wf->dict = type0;
	return ret == HPDF_OK ? 0 : -1;
}

/* Record what glyph i of t stands for; a glyph drawn for two different
 * texts is marked (its runs get /ActualText). */
static void note_glyph_text(wfont *wf, const kh_dl_text *t, int i)
{
	uint32_t a, e;
	unsigned gid = t->glyphs[i].gid;
	gtext *g;
	kh_dl_glyph_text(t, i, &a, &e);
	if (gid >= wf->nglyphs)
		return;
	g = &wf->gt[gid];
	if (e == a) {
		g->empty = 1; /* drawn for no text here (a later glyph of a cluster) */
		g->clash |= g->len > 0;
		return;
	}
	if (!g->len) {
		g->off = (uint32_t)wf->pool.len;
		g->len = e - a;
		g->clash |= g->empty;
		kh_buf_add(&wf->pool, t->text + a, e - a);
	} else if (g->len != e - a || memcmp(wf->pool.s + g->off, t->text + a, e - a) != 0) {
		g->clash = 1;
	}
}

/* ---- images ---- */

/* Written into an image dictionary whose stream holds data deflated here:
 * libharu writes a Filter entry only for data it deflates itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/* 8-bit samples as an image XObject: libharu's raw image, its stream then
 * replaced, when it is to be compressed, by PNG-predicted rows deflated by
 * png.c (Predictor 15: half the bytes of libharu's plain deflate for a
 * photo, and faster; bench/25-images.sh). */
static HPDF_Image raw_image(writer *w, const unsigned char *s, int wd, int ht, int gray)
{
	HPDF_Image img = HPDF_LoadRawImageFromMem(w->pdf, s, (HPDF_UINT)wd, (HPDF_UINT)ht,
	                                          gray ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	HPDF_Dict d = (HPDF_Dict)img;
	if (img && (d->filter & HPDF_STREAM_FILTER_FLATE_DECODE) && !w->opts->plain_images) {
		size_t len;
		unsigned char *z = kh_png_deflate(s, wd, ht, gray ? 1 : 3, &len);
		HPDF_Dict parms = HPDF_Dict_New(d->mmgr);
		HPDF_STATUS ret = HPDF_OK;
		if (!parms) {
			free(z);
			return NULL;
		}
		ret += HPDF_Dict_AddNumber(parms, "Predictor", 15);
		ret += HPDF_Dict_AddNumber(parms, "Colors", gray ? 1 : 3);
		ret += HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
		ret += HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)wd);
		ret += HPDF_Dict_Add(d, "DecodeParms", parms);
		HPDF_MemStream_FreeData(d->stream);
		ret += HPDF_Stream_Write(d->stream, z, (HPDF_UINT)len);
		free(z);
		d->filter = HPDF_STREAM_FILTER_NONE;
		d->write_fn = write_flate_filter;
		if (ret != HPDF_OK)
			return NULL;
	}
	return img;
}

/* A PNG is decoded here (png.c: libpng with its errors caught) and handed
 * to libharu as raw 8-bit samples, its alpha as a grey soft mask: libharu
 * 2.3.0's own PNG reader lets libpng call abort() on damaged compressed
 * data.  A soft mask needs PDF 1.4 (the header is 1.4 from the start). */
static HPDF_Image load_png(writer *w, const unsigned char *data, size_t len, const char **why)
{
	kh_pixels px;
	HPDF_Image img;
	*why = kh_png_decode(data, len, &px);
	if (*why)
		return NULL;
	img = raw_image(w, px.color, px.width, px.height, px.gray);
	free(px.color); /* libharu holds its own copy: keep the peak down */
	px.color = NULL;
	if (img && px.alpha) {
		HPDF_Image mask = raw_image(w, px.alpha, px.width, px.height, 1);
		if (mask)
			HPDF_Image_AddSMask(img, mask);
		if (w->pdf->pdf_version < HPDF_VER_14)
			w->pdf->pdf_version = HPDF_VER_14;
	}
	kh_pixels_free(&px);
	return img;
}

/* A JPEG is embedded as it is (DCTDecode) once image.c has walked every
 * marker: libharu reads only the frame header and would embed a file cut
 * short, a lossless or a 12-bit JPEG without a word.  libharu marks every
 * 4-component JPEG as inverted (Decode [1 0 1 0 1 0 1 0]); that is right only
 * for Adobe's (APP14), so the others lose the Decode array. */
static HPDF_Image load_jpeg(writer *w, const unsigned char *data, size_t len, const char **why)
{
	kh_jpeg_info info;
	kh_buf clean = KH_BUF_INIT;
	HPDF_Image img;
	*why = kh_jpeg_check(data, len, &info, &clean);
	if (*why) {
		kh_buf_free(&clean);
		return NULL;
	}
	img = HPDF_LoadJpegImageFromMem(w->pdf, (const HPDF_BYTE *)clean.s, (HPDF_UINT)clean.len);
	kh_buf_free(&clean);
	if (img && info.components == 4 && !info.adobe)
		HPDF_Dict_RemoveElement((HPDF_Dict)img, "Decode");
	return img;
}

/* The image of path, loaded once; NULL after reporting (once) why not. */
static HPDF_Image load_image(writer *w, const char *path)
{
	wimage *wi;
	char *d;
	size_t n;
	const unsigned char *u;
	const char *why = NULL;
	HPDF_Image img = NULL;

	for (int i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return w->images[i].img;
	kh_grow(&w->images, sizeof *w->images, (size_t)w->nimages + 1, &w->icap);
	wi = &w->images[w->nimages++];
	wi->path = path;
	wi->img = NULL;

	if (kh_file_read(path, &d, &n) < 0) {
		kh_error(kh_loc_make(path, 0, 0), "cannot read image: %s", strerror(errno));
		w->failed = 1;
		return NULL;
	}
	u = (const unsigned char *)d;
	if (n > 0x7FFFFFFFu)
		why = "the file is too large (at most 2 GB)";
	else if (n >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
		img = load_png(w, u, n, &why);
	else if (n >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
		img = load_jpeg(w, u, n, &why);
	else
		why = "not a PNG or JPEG file";
	free(d);
	if (!w->err && HPDF_GetError(w->pdf)) {
		w->err = HPDF_GetError(w->pdf);
		w->detail = HPDF_GetErrorDetail(w->pdf);
	}
	if (why || w->err || !img) {
		kh_error(kh_loc_make(path, 0, 0), "cannot read image: %s",
		         why ? why : w->err ? error_text(w->err, w->detail) : "libharu cannot load it");
		HPDF_ResetError(w->pdf);
		w->err = w->detail = 0;
		w->failed = 1;
		return NULL;
	}
	wi->img = img;
	return img;
}

/* ---- drawing ---- */

static void set_fill(HPDF_Page page, const kh_color *c)
{
	switch (c->space) {
	case KH_COLOR_RGB: HPDF_Page_SetRGBFill(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2]); break;
	case KH_COLOR_CMYK:
		HPDF_Page_SetCMYKFill(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2], (HPDF_REAL)c->v[3]);
		break;
	case KH_COLOR_GRAY: HPDF_Page_SetGrayFill(page, (HPDF_REAL)c->v[0]); break;
	default: HPDF_Page_SetGrayFill(page, 0); break;
	}
}

static void set_stroke(HPDF_Page page, const kh_color *c)
{
	switch (c->space) {
	case KH_COLOR_RGB: HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2]); break;
	case KH_COLOR_CMYK:
		HPDF_Page_SetCMYKStroke(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2], (HPDF_REAL)c->v[3]);
		break;
	case KH_COLOR_GRAY: HPDF_Page_SetGrayStroke(page, (HPDF_REAL)c->v[0]); break;
	default: HPDF_Page_SetGrayStroke(page, 0); break;
	}
}

static void draw_path(writer *w, HPDF_Page page, const kh_dl_path *p)
{
	int fill = p->fill.space != KH_COLOR_NONE, stroke = p->stroke.space != KH_COLOR_NONE;
	int dashed = stroke && p->ndash > 0;
	double H = w->page_h;
	if ((!fill && !stroke) || p->nseg == 0)
		return;
	HPDF_Page_GSave(page);
	if (fill)
		set_fill(page, &p->fill);
	if (stroke) {
		set_stroke(page, &p->stroke);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(p->line_width > 0 ? p->line_width : 0));
	}
	if (dashed) {
		/* libharu 2.3.0 takes integer dashes only: write the operator */
		kh_buf b = KH_BUF_INIT;
		char num[40];
		int nd = p->ndash < 4 ? p->ndash : 4;
		kh_buf_putc(&b, '[');
		for (int i = 0; i < nd; i++) {
			fmt_real(num, sizeof num, p->dash[i] > 0 ? p->dash[i] : 0);
			kh_buf_printf(&b, "%s%s", i ? " " : "", num);
		}
		kh_buf_puts(&b, "] 0 d\012");
		raw(page, b.s);
		kh_buf_free(&b);
	}
	for (int i = 0; i < p->nseg; i++) {
		const kh_path_seg *s = &p->segs[i];
		switch (s->op) {
		case KH_PATH_MOVE: HPDF_Page_MoveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0])); break;
		case KH_PATH_LINE: HPDF_Page_LineTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0])); break;
		case KH_PATH_CURVE:
			HPDF_Page_CurveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0]), (HPDF_REAL)s->x[1],
			                  (HPDF_REAL)(H - s->y[1]), (HPDF_REAL)s->x[2], (HPDF_REAL)(H - s->y[2]));
			break;
		case KH_PATH_CLOSE: HPDF_Page_ClosePath(page); break;
		}
	}
	if (fill && stroke)
		HPDF_Page_FillStroke(page);
	else if (fill)
		HPDF_Page_Fill(page);
	else
		HPDF_Page_Stroke(page);
	HPDF_Page_GRestore(page);
}

static void draw_image(writer *w, HPDF_Page page, const kh_dl_image *im)
{
	HPDF_Image img = load_image(w, im->path);
	double H = w->page_h;
	if (!img || im->w <= 0 || im->h <= 0 || (im->clipped && (im->clip_w <= 0 || im->clip_h <= 0)))
		return; /* nothing visible */
	HPDF_Page_GSave(page);
	if (im->clipped) {
		HPDF_Page_Rectangle(page, (HPDF_REAL)im->clip_x, (HPDF_REAL)(H - im->clip_y - im->clip_h),
		                    (HPDF_REAL)im->clip_w, (HPDF_REAL)im->clip_h);
		HPDF_Page_Clip(page);
		HPDF_Page_EndPath(page);
	}
	HPDF_Page_DrawImage(page, img, (HPDF_REAL)im->x, (HPDF_REAL)(H - im->y - im->h), (HPDF_REAL)im->w,
	                    (HPDF_REAL)im->h);
	HPDF_Page_GRestore(page);
}

/* ---- text: the content stream written here ---- */

/* Width of glyph gid in text space units at size, as the viewer will
 * compute it from the W array (a float of 1/1000 em). */
static double pdf_advance(kh_font *f, unsigned gid, double size)
{
	return (double)(HPDF_REAL)kh_font_glyph_advance(f, gid, 1000.0) * size / 1000.0;
}

#define POS_EPS 0.002 /* pt: how far a glyph may sit from where the widths put it */
#define WORD_GAP 0.1  /* em: an offset poppler takes for a word break (its minWordBreakSpace) */

/* A number as PDF text without printf: at most `dec` (<= 4) decimals, no
 * exponent, no "-0". */
static void put_num(kh_buf *b, double v, int dec)
{
	static const long long scale[] = {1, 10, 100, 1000, 10000};
	char tmp[32], *p = tmp + sizeof tmp;
	long long q, ip, fp;
	int neg, nd = dec;
	if (!(fabs(v) < 1e12))
		v = 0; /* validate() refuses what is not finite; a huge number would be nonsense */
	q = llround(v * (double)scale[dec]);
	neg = q < 0;
	if (neg)
		q = -q;
	ip = q / scale[dec];
	fp = q % scale[dec];
	while (nd > 0 && fp % 10 == 0 && fp) {
		fp /= 10;
		nd--;
	}
	if (fp) {
		for (int i = 0; i < nd; i++) {
			*--p = (char)('0' + fp % 10);
			fp /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (neg && q)
		*--p = '-';
	kh_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_op(kh_buf *b, const char *op)
{
	kh_buf_add(b, op, strlen(op));
}

static void put_color(kh_buf *b, const kh_color *c)
{
	switch (c->space) {
	case KH_COLOR_RGB:
		for (int i = 0; i < 3; i++) {
			put_num(b, c->v[i], 4);
			kh_buf_putc(b, ' ');
		}
		put_op(b, "rg\n");
		break;
	case KH_COLOR_CMYK:
		for (int i = 0; i < 4; i++) {
			put_num(b, c->v[i], 4);
			kh_buf_putc(b, ' ');
		}
		put_op(b, "k\n");
		break;
	case KH_COLOR_GRAY:
		put_num(b, c->v[0], 4);
		put_op(b, " g\n");
		break;
	default: put_op(b, "0 g\n"); break;
	}
}

static int same_color(const kh_color *a, const kh_color *b)
{
	return a->space == b->space && a->v[0] == b->v[0] && a->v[1] == b->v[1] && a->v[2] == b->v[2] &&
	       a->v[3] == b->v[3];
}

/* a b c d e f Tm */
static void put_tm(kh_buf *b, int rotated, double e, double f)
{
	put_op(b, rotated ? "0 -1 1 0 " : "1 0 0 1 ");
	put_num(b, e, 4);
	kh_buf_putc(b, ' ');
	put_num(b, f, 4);
	put_op(b, " Tm\n");
}

/* Does extraction through ToUnicode give t's text exactly?  Not with a
 * glyph drawn for two texts, nor with a space: poppler skips space
 * characters and guesses word breaks from the gaps, which loses the spaces
 * between one-letter words ("1 / 2" read as "1/2", "a b c" as "abc" by
 * pdftotext's default mode, Liberation and IPAex alike). */
static int maps_exactly(const wfont *wf, const kh_dl_text *t)
{
	for (int i = 0; i < t->n; i++) {
		unsigned gid = t->glyphs[i].gid;
		if (gid >= wf->nglyphs || wf->gt[gid].clash)
			return 0;
	}
	for (uint32_t i = 0; i < t->len; i++)
		if (t->text[i] == ' ' || t->text[i] == '\t' || ((unsigned char)t->text[i] == 0xC2 && i + 1 < t->len &&
		                                                 (unsigned char)t->text[i + 1] == 0xA0))
			return 0;
	return 1;
}

/* One run: BT, the text state where it changed, then one TJ per stretch of
 * glyphs on one baseline (glyph IDs as hex, where layout moved a glyph off
 * the widths the offset as a number), a rotated glyph on its own.
 *
 * /Span <</ActualText …>> BDC … EMC wraps a run whose text extraction
 * through ToUnicode alone would be wrong: a glyph drawn for two texts
 * (.notdef for several missing characters), a space (maps_exactly), a
 * rotated glyph or a second baseline, and an offset of more than WORD_GAP
 * em.  poppler reads glyph
 * boxes, not the text order: the blank half of 、」「 squeezed out (追い込み)
 * lays a box over its neighbour's and breaks the line there, and a
 * quarter-em 和欧間 or wide letter spacing reads as a space ("ASEAN 事務局",
 * "厚 生 労 働 省"; measured on the flagship).  Kerning and small spacing
 * need nothing: ToUnicode and the positions give the text. */
static void draw_text(writer *w, HPDF_Page page, const kh_dl_text *t)
{
	wfont *wf = font_find(w, t->font);
	kh_buf *b = &w->out;
	HPDF_Stream stream = ((HPDF_PageAttr)page->attr)->stream;
	double H = w->page_h, k;
	int actual, i = 0;
	if (!wf || t->n <= 0)
		return;
	kh_buf_reset(b);
	actual = !maps_exactly(wf, t);
	put_op(b, "BT\n");
	if (w->cur_font != wf || w->cur_size != t->size) {
		const char *res = HPDF_Page_GetLocalFontName(page, (HPDF_Font)wf->dict);
		if (!res) {
			if (!check(w, "a page's font resources")) {
				kh_error(KH_NOLOC, "cannot write PDF: a page's font resources: out of memory");
				w->failed = 1;
			}
			return;
		}
		kh_buf_putc(b, '/');
		put_op(b, res);
		kh_buf_putc(b, ' ');
		put_num(b, t->size, 4);
		put_op(b, " Tf\n");
		w->cur_font = wf;
		w->cur_size = t->size;
	}
	if (!w->color_set || !same_color(&w->cur_color, &t->color)) {
		put_color(b, &t->color);
		w->cur_color = t->color;
		w->color_set = 1;
	}
	k = 1000.0 / t->size;
	while (i < t->n) {
		const kh_glyph *g = &t->glyphs[i];
		double gx = t->x + g->x, gy = H - (t->y + g->y);
		unsigned cid;
		if (g->flags & KH_GLYPH_ROTATE) {
			double adv = pdf_advance(t->font, g->gid, t->size);
			double asc = kh_font_ascent(t->font, t->size), desc = kh_font_descent(t->font, t->size);
			double cx = gx + adv / 2, cy = gy + (asc - desc) / 2;
			char h[6];
			/* clockwise quarter turn about the em box centre (y up) */
			put_tm(b, 1, cx + (gy - cy), cy - (gx - cx));
			cid = wf->gidmap ? wf->gidmap[g->gid] : g->gid;
			h[0] = '<', h[1] = hexd[cid >> 12 & 15], h[2] = hexd[cid >> 8 & 15], h[3] = hexd[cid >> 4 & 15],
			h[4] = hexd[cid & 15], h[5] = '>';
			kh_buf_add(b, h, 6);
			put_op(b, " Tj\n");
			actual = 1;
			i++;
			continue;
		}
		if (i > 0)
			actual = 1; /* a second baseline, or after a rotated glyph */
		put_tm(b, 0, gx, gy);
		kh_buf_puts(b, "[<");
		{
			double pen = g->x;
			int j = i;
			while (j < t->n && !(t->glyphs[j].flags & KH_GLYPH_ROTATE) && t->glyphs[j].y == g->y) {
				const kh_glyph *h = &t->glyphs[j];
				char x[4];
				double d = h->x - pen;
				if (j > i && fabs(d) > POS_EPS) {
					if (fabs(d) > t->size * WORD_GAP)
						actual = 1;
					/* the offset in thousandths of an em, positive to the left */
					put_op(b, "> ");
					put_num(b, -d * k, 3);
					put_op(b, " <");
				}
				cid = wf->gidmap ? wf->gidmap[h->gid] : h->gid;
				x[0] = hexd[cid >> 12 & 15], x[1] = hexd[cid >> 8 & 15], x[2] = hexd[cid >> 4 & 15],
				x[3] = hexd[cid & 15];
				kh_buf_add(b, x, 4);
				pen = fabs(d) > POS_EPS ? h->x : pen;
				pen += pdf_advance(t->font, h->gid, t->size);
				j++;
			}
			i = j;
		}
		put_op(b, ">] TJ\n");
	}
	put_op(b, "ET\n");
	if (actual) {
		kh_buf *a = &w->span;
		kh_buf_reset(a);
		put_op(a, "/Span <</ActualText <FEFF");
		utf16_hex(a, t->text, t->len);
		put_op(a, ">>> BDC\n");
		HPDF_Stream_Write(stream, (const HPDF_BYTE *)a->s, (HPDF_UINT)a->len);
		put_op(b, "EMC\n");
	}
	HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->s, (HPDF_UINT)b->len);
}

/* TrimBox and BleedBox as exact reals (2.3.0 has no call for them). */
static void set_box(HPDF_Page page, const char *key, double x0, double y0, double x1, double y1)
{
	HPDF_Dict d = (HPDF_Dict)page;
	HPDF_Array a = HPDF_Array_New(d->mmgr);
	HPDF_Array_AddReal(a, (HPDF_REAL)x0);
	HPDF_Array_AddReal(a, (HPDF_REAL)y0);
	HPDF_Array_AddReal(a, (HPDF_REAL)x1);
	HPDF_Array_AddReal(a, (HPDF_REAL)y1);
	HPDF_Dict_Add(d, key, a);
}

/* ---- the document ---- */

static void free_fonts(writer *w)
{
	for (int i = 0; i < w->nfonts; i++) {
		free(w->fonts[i].gidmap);
		free(w->fonts[i].gt);
		kh_buf_free(&w->fonts[i].pool);
	}
	free(w->fonts);
	w->fonts = NULL;
	w->nfonts = 0;
}

/* Every number of an item is finite (a NaN would be written as text libharu
 * cannot format). */
static int item_finite(const kh_dl_item *it)
{
	int ok = 1;
	switch (it->kind) {
	case KH_DL_TEXT:
		ok = isfinite(it->u.text.x) && isfinite(it->u.text.y) && isfinite(it->u.text.size);
		for (int i = 0; ok && i < it->u.text.n; i++)
			ok = isfinite(it->u.text.glyphs[i].x) && isfinite(it->u.text.glyphs[i].y);
		break;
	case KH_DL_PATH:
		ok = isfinite(it->u.path.line_width);
		for (int i = 0; ok && i < it->u.path.ndash && i < 4; i++)
			ok = isfinite(it->u.path.dash[i]);
		for (int i = 0; ok && i < it->u.path.nseg; i++)
			for (int k = 0; ok && k < 3; k++)
				ok = isfinite(it->u.path.segs[i].x[k]) && isfinite(it->u.path.segs[i].y[k]);
		break;
	case KH_DL_IMAGE: {
		const kh_dl_image *im = &it->u.image;
		ok = isfinite(im->x) && isfinite(im->y) && isfinite(im->w) && isfinite(im->h) &&
		     (!im->clipped || (isfinite(im->clip_x) && isfinite(im->clip_y) && isfinite(im->clip_w) &&
		                       isfinite(im->clip_h)));
		break;
	}
	}
	return ok;
}

/* Check the display list before anything is written.  Records every glyph
 * as used and what text it stands for. */
static int validate(const kh_dl *dl, writer *w)
{
	int pageno = 0;
	for (const kh_dl_page *pg = dl->first; pg; pg = pg->next) {
		pageno++;
		if (!(pg->width >= HPDF_MIN_PAGE_SIZE && pg->width <= HPDF_MAX_PAGE_SIZE &&
		      pg->height >= HPDF_MIN_PAGE_SIZE && pg->height <= HPDF_MAX_PAGE_SIZE)) {
			kh_error(KH_NOLOC, "page %d: size %g x %g pt is outside what PDF allows (3 to 14400 pt)",
			         pageno, pg->width, pg->height);
			w->failed = 1;
		}
		if (pg->bleed < 0 || pg->bleed * 2 >= pg->width || pg->bleed * 2 >= pg->height) {
			kh_error(KH_NOLOC, "page %d: bleed %g pt does not fit the page", pageno, pg->bleed);
			w->failed = 1;
		}
		for (const kh_dl_item *it = pg->first; it; it = it->next) {
			const kh_dl_text *t;
			if (!item_finite(it)) {
				kh_error(KH_NOLOC, "page %d: an item has a position or size that is not a number", pageno);
				w->failed = 1;
				continue;
			}
			if (it->kind != KH_DL_TEXT)
				continue;
			t = &it->u.text;
			if (t->n > 0 && !t->font) {
				kh_error(KH_NOLOC, "page %d: a text run has no font", pageno);
				w->failed = 1;
				continue;
			}
			if (t->n > 0 && !(t->size > 0 && t->size <= HPDF_MAX_FONTSIZE)) {
				kh_error(KH_NOLOC, "page %d: text size %g pt is outside what PDF allows (above 0, at most %d pt)",
				         pageno, t->size, HPDF_MAX_FONTSIZE);
				w->failed = 1;
				continue;
			}
			if (!font_find(w, t->font) && t->font) {
				wfont *nf;
				kh_grow(&w->fonts, sizeof *w->fonts, (size_t)w->nfonts + 1, &w->fcap);
				nf = &w->fonts[w->nfonts++];
				memset(nf, 0, sizeof *nf);
				nf->kf = t->font;
				nf->nglyphs = kh_font_glyph_count(t->font);
				nf->gt = kh_xcalloc(nf->nglyphs ? nf->nglyphs : 1, sizeof *nf->gt);
			}
			{
				wfont *wf = font_find(w, t->font);
				for (int i = 0; i < t->n; i++) {
					if (t->glyphs[i].gid >= wf->nglyphs) {
						kh_error(KH_NOLOC, "page %d: glyph %u is not in font '%s' (it has %u)", pageno,
						         (unsigned)t->glyphs[i].gid, kh_font_family(t->font), wf->nglyphs);
						w->failed = 1;
						break;
					}
					kh_font_use_glyph(t->font, t->glyphs[i].gid);
					note_glyph_text(wf, t, i);
				}
			}
		}
	}
	return w->failed ? -1 : 0;
}

int kh_pdf_render(const kh_dl *dl, kh_fonts *fonts, const kh_pdf_opts *opts, unsigned char **data, size_t *len)
{
	static const kh_pdf_opts defaults = {0, 1, 0};
	kh_pdf_opts full;
	writer w;
	HPDF_UINT32 size;

	(void)fonts;
	*data = NULL;
	*len = 0;
	memset(&w, 0, sizeof w);
	w.opts = opts ? opts : &defaults;
	if (getenv("KH_PDF_FULL_FONTS") && *getenv("KH_PDF_FULL_FONTS") == '1') {
		/* make bench: the same document with libharu's whole-font embedding */
		full = *w.opts;
		full.full_fonts = 1;
		w.opts = &full;
	}

	if (!dl->first) {
		kh_error(KH_NOLOC, "cannot write PDF: the document has no pages");
		return -1;
	}
	if (validate(dl, &w) < 0) {
		free_fonts(&w);
		return -1;
	}
	w.pdf = HPDF_New(on_error, &w);
	if (!w.pdf)
		kh_die("out of memory");
	HPDF_SetCompressionMode(w.pdf, w.opts->compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(w.pdf);
	HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
	w.pdf->pdf_version = HPDF_VER_14; /* image soft masks */
	check(&w, "setting up");

	/* the fonts the display list uses, in first-use order */
	for (int i = 0; i < w.nfonts && !w.failed; i++) {
		char what[600];
		snprintf(what, sizeof what, "font '%s' (%s)", kh_font_family(w.fonts[i].kf), kh_font_path(w.fonts[i].kf));
		if ((load_font(&w, &w.fonts[i]) < 0 || check(&w, what)) && !w.failed) {
			kh_error(KH_NOLOC, "cannot write PDF: %s: out of memory", what);
			w.failed = 1;
		}
	}
	/* every image once, all problems reported before giving up */
	for (const kh_dl_page *pg = w.failed ? NULL : dl->first; pg; pg = pg->next)
		for (const kh_dl_item *it = pg->first; it && !kh_diag_too_many(); it = it->next)
			if (it->kind == KH_DL_IMAGE)
				load_image(&w, it->u.image.path);

	if (!w.failed) {
		const kh_dl_page *pg;
		int pageno = 0;
		char what[64];
		for (pg = dl->first; pg && !w.failed; pg = pg->next) {
			HPDF_Page page = HPDF_AddPage(w.pdf);
			pageno++;
			snprintf(what, sizeof what, "page %d", pageno);
			if (!page || check(&w, what))
				break;
			HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width);
			HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height);
			if (pg->bleed > 0) {
				double b = pg->bleed;
				set_box(page, "BleedBox", 0, 0, pg->width, pg->height);
				set_box(page, "TrimBox", b, b, pg->width - b, pg->height - b);
			}
			w.page_h = pg->height;
			w.cur_font = NULL;
			w.cur_size = 0;
			w.color_set = 0;
			for (const kh_dl_item *it = pg->first; it && !w.failed; it = it->next) {
				switch (it->kind) {
				case KH_DL_TEXT: draw_text(&w, page, &it->u.text); break;
				case KH_DL_PATH: draw_path(&w, page, &it->u.path); break;
				case KH_DL_IMAGE: draw_image(&w, page, &it->u.image); break;
				}
				check(&w, what);
			}
		}
	}
	if (!w.failed) {
		HPDF_SetInfoAttr(w.pdf, HPDF_INFO_CREATOR, "kumihan " KH_VERSION);
		if (dl->title && *dl->title)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_TITLE, dl->title);
		if (dl->author && *dl->author)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_AUTHOR, dl->author);
		if (dl->subject && *dl->subject)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_SUBJECT, dl->subject);
		if (dl->keywords && *dl->keywords)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_KEYWORDS, dl->keywords);
		if (dl->lang && *dl->lang) {
			HPDF_Dict cat = (HPDF_Dict)w.pdf->catalog;
			HPDF_Dict_Add(cat, "Lang", HPDF_String_New(w.pdf->mmgr, dl->lang, NULL));
		}
		check(&w, "document information");
	}
	if (!w.failed) {
		HPDF_SaveToStream(w.pdf);
		if (!check(&w, "saving")) {
			size = HPDF_GetStreamSize(w.pdf);
			*data = kh_xmalloc(size ? size : 1);
			{
				HPDF_UINT32 got = size;
				HPDF_ReadFromStream(w.pdf, *data, &got);
				if (w.err == HPDF_STREAM_EOF) {
					HPDF_ResetError(w.pdf);
					w.err = w.detail = 0;
				}
				if (check(&w, "saving") || got != size) {
					if (!w.failed)
						kh_error(KH_NOLOC, "cannot write PDF: saving: short read from libharu");
					w.failed = 1;
				}
				*len = got;
			}
		}
	}
	HPDF_Free(w.pdf);
	free_fonts(&w);
	kh_buf_free(&w.out);
	kh_buf_free(&w.span);
	free(w.images);
	if (w.failed) {
		free(*data);
		*data = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}

int kh_pdf_write(const kh_dl *dl, kh_fonts *fonts, const char *path, const kh_pdf_opts *opts)
{
	unsigned char *data;
	size_t len;
	if (kh_pdf_render(dl, fonts, opts, &data, &len) < 0)
		return -1;
	if (kh_file_write_atomic(path, data, len) < 0) {
		kh_error(KH_NOLOC, "cannot write '%s': %s", path, strerror(errno));
		free(data);
		return -1;
	}
	free(data);
	return 0;
}
