/* util.c -- allocation, arenas, growable strings, files, "did you mean". */
#define _XOPEN_SOURCE 700 /* realpath */

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"

void kh_die(const char *fmt, ...)
{
	va_list ap;
	fputs("kumihan: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *kh_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		kh_die("out of memory (%zu bytes)", n);
	return p;
}

void *kh_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		kh_die("out of memory (%zu x %zu bytes)", count, size);
	return p;
}

void *kh_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		kh_die("out of memory (%zu bytes)", n);
	return q;
}

char *kh_xstrdup(const char *s)
{
	return kh_xstrndup(s, strlen(s));
}

char *kh_xstrndup(const char *s, size_t n)
{
	char *p = kh_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void kh_grow(void *items_ptr, size_t elemsize, size_t need, size_t *cap)
{
	void **items = items_ptr;
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need)
		c = c / 2 * 3 + 8;
	*items = kh_xrealloc(*items, c * elemsize);
	*cap = c;
}

/* ---- arena ---- */

typedef struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
} block;

struct kh_arena {
	block *head;
	size_t total;
};

#define BLOCK_SIZE (64 * 1024)

kh_arena *kh_arena_new(void)
{
	return kh_xcalloc(1, sizeof(kh_arena));
}

void kh_arena_drop(kh_arena *a)
{
	block *b, *next;
	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *kh_arena_alloc(kh_arena *a, size_t n)
{
	block *b = a->head;
	void *p;
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		block *nb = kh_xmalloc(sizeof(block) + size);
		nb->size = size;
		nb->used = 0;
		if (n > BLOCK_SIZE / 4 && b) {
			/* big request: its own block, behind the one still being filled */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
		a->total += size;
	}
	p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

size_t kh_arena_used(const kh_arena *a)
{
	return a->total;
}

char *kh_arena_strndup(kh_arena *a, const char *s, size_t n)
{
	char *p = kh_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *kh_arena_strdup(kh_arena *a, const char *s)
{
	return kh_arena_strndup(a, s, strlen(s));
}

char *kh_arena_printf(kh_arena *a, const char *fmt, ...)
{
	kh_buf b = KH_BUF_INIT;
	va_list ap;
	char *p;
	va_start(ap, fmt);
	kh_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = kh_arena_strndup(a, kh_buf_cstr(&b), b.len);
	kh_buf_free(&b);
	return p;
}

/* ---- kh_buf ---- */

void kh_buf_add(kh_buf *b, const void *p, size_t n)
{
	kh_grow(&b->s, 1, b->len + n + 1, &b->cap);
	if (n) /* p may be NULL when n is 0 */
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

void kh_buf_puts(kh_buf *b, const char *s)
{
	kh_buf_add(b, s, strlen(s));
}

void kh_buf_putc(kh_buf *b, int c)
{
	char ch = (char)c;
	kh_buf_add(b, &ch, 1);
}

void kh_buf_vprintf(kh_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	kh_grow(&b->s, 1, b->len + (size_t)n + 1, &b->cap);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void kh_buf_printf(kh_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kh_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *kh_buf_cstr(kh_buf *b)
{
	if (!b->s)
		kh_buf_add(b, "", 0);
	return b->s;
}

char *kh_buf_detach(kh_buf *b)
{
	char *s;
	kh_buf_cstr(b);
	s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void kh_buf_reset(kh_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

void kh_buf_free(kh_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* ---- files ---- */

int kh_file_read(const char *path, char **data, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	/* one read for a regular file of known size; growing for pipes */
	cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 65536;
	buf = kh_xmalloc(cap + 1);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			cap += cap / 2 + 65536;
			buf = kh_xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			free(buf);
			close(fd);
			errno = err;
			return -2;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	*len = n;
	return 0;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -2;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Not a regular file (a pipe, a terminal, /dev/stdout): write straight
 * through, since nothing can be renamed over it. */
static int write_through(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC), err;
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return close(fd);
}

/* The temporary file beside path is "PATH.tmp-HOST-PID-XXXXXX": the host
 * and process that write it, so that a later build can tell a file left by
 * a writer that was killed (kill -9, a power cut) from one still being
 * written, here or, on storage shared by a cluster, on another host. */
static void tmp_owner(char *out, size_t cap)
{
	char host[65] = "";
	size_t n = 0;
	if (gethostname(host, sizeof host - 1) != 0 || !host[0])
		strcpy(host, "host");
	/* only characters that are safe in a file name and cannot be '-' */
	for (const char *p = host; *p && n + 1 < cap && n < 64; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.')
			out[n++] = *p;
	out[n] = 0;
}

/* Remove the temporary files of path that this host's processes left
 * behind and that no running process owns.  Best effort: a file that cannot
 * be removed stays, and the write goes on. */
static void remove_stale_tmp(const char *path, const char *owner)
{
	char *dir = kh_path_dir(path);
	const char *base = strrchr(path, '/');
	char prefix[512];
	size_t plen;
	DIR *d;
	struct dirent *de;
	base = base ? base + 1 : path;
	if (snprintf(prefix, sizeof prefix, "%s.tmp-%s-", base, owner) >= (int)sizeof prefix || !(d = opendir(dir))) {
		free(dir);
		return;
	}
	plen = strlen(prefix);
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid;
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		errno = 0;
		pid = strtol(de->d_name + plen, &end, 10);
		if (errno || end == de->d_name + plen || *end != '-' || strlen(end) != 7 || pid <= 0 ||
		    pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* alive, or not ours to signal: its owner is still there */
		char *stale = kh_path_join(dir, de->d_name);
		unlink(stale);
		free(stale);
	}
	closedir(d);
	free(dir);
}

int kh_file_write_atomic(const char *path, const void *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_through(path, data, len);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* a link to a regular file: replace the file it names, keep the link */
		char *real = realpath(path, NULL);
		int rc, err;
		if (!real)
			return -1;
		rc = kh_file_write_atomic(real, data, len);
		err = errno;
		free(real);
		errno = err;
		return rc;
	}
	char owner[80], tail[128];
	tmp_owner(owner, sizeof owner);
	remove_stale_tmp(path, owner);
	snprintf(tail, sizeof tail, ".tmp-%s-%ld-XXXXXX", owner, (long)getpid());
	size_t plen = strlen(path), tlen = strlen(tail);
	char *tmp = kh_xmalloc(plen + tlen + 1);
	const unsigned char *p = data;
	int fd, err;
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, tail, tlen + 1);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	if (write_all(fd, p, len) < 0)
		goto fail;
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = err;
	return -1;
}

char *kh_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return kh_xstrdup(".");
	if (slash == path)
		return kh_xstrdup("/");
	return kh_xstrndup(path, (size_t)(slash - path));
}

/* Lexically drop "." parts and "name/.." pairs (the user reads these paths in
 * messages; "layouts/../data/x.csv" says less than "data/x.csv"). */
static char *path_normalize(char *path)
{
	char **parts = NULL;
	size_t n = 0, cap = 0;
	int abs = path[0] == '/';
	kh_buf b = KH_BUF_INIT;
	for (char *tok = strtok(path, "/"); tok; tok = strtok(NULL, "/")) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && n > 0 && strcmp(parts[n - 1], "..")) {
			n--;
			continue;
		}
		if (!strcmp(tok, "..") && abs)
			continue;
		kh_grow(&parts, sizeof *parts, n + 1, &cap);
		parts[n++] = tok;
	}
	if (abs)
		kh_buf_putc(&b, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			kh_buf_putc(&b, '/');
		kh_buf_puts(&b, parts[i]);
	}
	if (b.len == 0)
		kh_buf_putc(&b, '.');
	free(parts);
	free(path);
	return kh_buf_detach(&b);
}

char *kh_path_join(const char *dir, const char *rel)
{
	kh_buf b = KH_BUF_INIT;
	if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
		return path_normalize(kh_xstrdup(rel));
	kh_buf_puts(&b, dir);
	if (dir[strlen(dir) - 1] != '/')
		kh_buf_putc(&b, '/');
	kh_buf_puts(&b, rel);
	return path_normalize(kh_buf_detach(&b));
}

/* ---- did you mean ---- */

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of neighbours ("titel" is one edit from "title"). */
int kh_edit_distance(const char *a, const char *b)
{
	uint32_t *ca, *cb;
	size_t na = kh_utf8_decode_all(a, strlen(a), &ca);
	size_t nb = kh_utf8_decode_all(b, strlen(b), &cb);
	int *rows = kh_xmalloc(3 * (nb + 1) * sizeof(int));
	int *prev2 = rows, *prev = rows + nb + 1, *cur = rows + 2 * (nb + 1);
	int d;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int cost = ca[i - 1] == cb[j - 1] ? 0 : 1;
			int best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[nb];
	free(rows);
	free(ca);
	free(cb);
	return d;
}

const char *kh_closest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	int bestd = 1 << 30;
	size_t wl = kh_utf8_length(word, strlen(word));
	for (size_t i = 0; i < n; i++) {
		int d = kh_edit_distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	/* a typo: at most a third of the word wrong (and at least one edit allowed) */
	if (best && bestd <= (int)(wl / 3 > 0 ? wl / 3 : 1) + (wl >= 6 ? 1 : 0) && bestd > 0)
		return best;
	return NULL;
}
