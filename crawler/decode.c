/*
 * crawler/decode.c -- content codings of response bodies.  See decode.h.
 */
#include "crawler/decode.h"

#include <ctype.h>
#include <libdeflate.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

enum { CODING_GZIP = 1, CODING_DEFLATE = 2 };

#define DECODE_CHUNK 8192       /* streaming output per inflate call */

/* Streaming state of one coding. */
struct decode_layer {
    z_stream zs;
    bool init;          /* inflateInit2 done */
    bool ended;         /* a stream (gzip member) ended, no other began */
    bool rest_ignored;  /* bytes after the last member: not gzip, skipped */
};

static const char *coding_name(unsigned char c)
{
    return c == CODING_GZIP ? "gzip" : "deflate";
}

void decode_init(struct decode *d)
{
    memset(d, 0, sizeof *d);
    cc_buf_init(&d->raw, DECODE_WHOLE_MAX);
}

static void layers_free(struct decode *d)
{
    if (!d->layers)
        return;
    for (int k = 0; k < d->ncodings; k++)
        if (d->layers[k].init)
            inflateEnd(&d->layers[k].zs);
    free(d->layers);
    d->layers = NULL;
}

void decode_reset(struct decode *d)
{
    layers_free(d);
    d->ncodings = 0;
    d->bad[0] = '\0';
    d->stream = false;
    d->seen = 0;
    cc_buf_reset(&d->raw);
}

void decode_free(struct decode *d)
{
    layers_free(d);
    cc_buf_free(&d->raw);
    if (d->dc)
        libdeflate_free_decompressor(d->dc);
    memset(d, 0, sizeof *d);
}

bool decode_active(const struct decode *d)
{
    return d->ncodings > 0 || d->bad[0];
}

/* Names in messages keep to token characters (the value is the
 * server's). */
static void set_unsupported(struct decode *d, const char *v, size_t len)
{
    char name[24];
    size_t k = 0;

    for (size_t i = 0; i < len && k + 1 < sizeof name; i++)
        if (isalnum((unsigned char)v[i]) || v[i] == '-' || v[i] == '.' ||
            v[i] == '_')
            name[k++] = v[i];
    name[k] = '\0';
    cc_errf(d->bad, sizeof d->bad, "unsupported content coding '%s'", name);
}

void decode_header(struct decode *d, const char *v, size_t len)
{
    size_t a = 0;

    while (a < len && !d->bad[0]) {
        size_t b = a, s, e;

        while (b < len && v[b] != ',')
            b++;
        s = a;
        e = b;
        while (s < e && (v[s] == ' ' || v[s] == '\t'))
            s++;
        while (e > s && (v[e - 1] == ' ' || v[e - 1] == '\t'))
            e--;
        a = b + 1;
        if (e == s || (e - s == 8 && strncasecmp(v + s, "identity", 8) == 0))
            continue;
        if (d->ncodings == DECODE_MAX_CODINGS) {
            cc_errf(d->bad, sizeof d->bad, "more than %d content codings",
                    DECODE_MAX_CODINGS);
        } else if ((e - s == 4 && strncasecmp(v + s, "gzip", 4) == 0) ||
                   (e - s == 6 && strncasecmp(v + s, "x-gzip", 6) == 0)) {
            d->codings[d->ncodings++] = CODING_GZIP;
        } else if (e - s == 7 && strncasecmp(v + s, "deflate", 7) == 0) {
            d->codings[d->ncodings++] = CODING_DEFLATE;
        } else {
            set_unsupported(d, v + s, e - s);
        }
    }
}

/* The coding that layer k undoes: the last applied first. */
static unsigned char layer_coding(const struct decode *d, int k)
{
    return d->codings[d->ncodings - 1 - k];
}

/* ---- streaming (zlib) ------------------------------------------------ */

/* Does a "deflate" body start with a zlib header (RFC 1950: method 8,
 * window <= 32 KiB) or is it raw DEFLATE?  Decided on the first byte, so
 * both ways decide alike however the bytes arrive. */
static bool zlib_header(const unsigned char *p)
{
    return (p[0] & 0x0f) == 8 && (p[0] >> 4) <= 7;
}

/* Layer k inflates in[0..n); its output goes to layer k + 1, the last
 * layer's to out. */
static enum decode_status feed(struct decode *d, int k,
                               const unsigned char *in, size_t n,
                               struct cc_buf *out, char *why, size_t whylen)
{
    struct decode_layer *L;
    unsigned char buf[DECODE_CHUNK];

    if (k == d->ncodings)
        return cc_buf_add_upto(out, in, n) == CC_OK ? DECODE_OK : DECODE_OVER;
    L = &d->layers[k];
    while (n > 0 && !L->rest_ignored) {
        uInt give = n > UINT_MAX ? UINT_MAX : (uInt)n;
        int rc;

        if (L->ended) {
            /* another gzip member, or bytes to ignore */
            if (layer_coding(d, k) != CODING_GZIP || in[0] != 0x1f) {
                L->rest_ignored = true;
                break;
            }
            inflateReset(&L->zs);
            L->ended = false;
        }
        if (!L->init) {
            int bits = layer_coding(d, k) == CODING_GZIP ? 15 + 16
                       : zlib_header(in)                 ? 15
                                                         : -15;

            if (inflateInit2(&L->zs, bits) != Z_OK)
                cc_oom();
            L->init = true;
        }
        L->zs.next_in = (Bytef *)in;
        L->zs.avail_in = give;
        do {
            size_t made;

            L->zs.next_out = buf;
            L->zs.avail_out = sizeof buf;
            rc = inflate(&L->zs, Z_NO_FLUSH);
            made = sizeof buf - L->zs.avail_out;
            if (made) {
                enum decode_status st = feed(d, k + 1, buf, made, out, why,
                                             whylen);

                if (st != DECODE_OK)
                    return st;
            }
            if (rc == Z_STREAM_END) {
                L->ended = true;
                break;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                cc_errf(why, whylen, "%s: %s", coding_name(layer_coding(d, k)),
                        L->zs.msg ? L->zs.msg : "invalid data");
                return DECODE_BAD;
            }
        } while (rc == Z_OK && (L->zs.avail_in > 0 || L->zs.avail_out == 0));
        in += give - L->zs.avail_in;
        n -= give - L->zs.avail_in;
        if (!L->ended && L->zs.avail_in > 0) {
            cc_errf(why, whylen, "%s: decoder made no progress",
                    coding_name(layer_coding(d, k)));
            return DECODE_BAD;
        }
    }
    return DECODE_OK;
}

static enum decode_status stream_start(struct decode *d, struct cc_buf *out,
                                       char *why, size_t whylen)
{
    enum decode_status st = DECODE_OK;

    d->stream = true;
    d->layers = cc_calloc((size_t)d->ncodings, sizeof *d->layers);
    if (d->raw.len)
        st = feed(d, 0, (const unsigned char *)d->raw.data, d->raw.len, out,
                  why, whylen);
    cc_buf_free(&d->raw);
    cc_buf_init(&d->raw, DECODE_WHOLE_MAX);
    return st;
}

enum decode_status decode_add(struct decode *d, const void *p, size_t n,
                              bool stream, struct cc_buf *out, char *why,
                              size_t whylen)
{
    if (d->bad[0]) {
        cc_errf(why, whylen, "%s", d->bad);
        return DECODE_BAD;
    }
    d->seen += n;
    if (!d->stream && !stream && cc_buf_add(&d->raw, p, n) == CC_OK)
        return DECODE_OK;
    if (!d->stream) {
        enum decode_status st = stream_start(d, out, why, whylen);

        if (st != DECODE_OK)
            return st;
    }
    return feed(d, 0, p, n, out, why, whylen);
}

/* ---- whole (libdeflate) ---------------------------------------------- */

/* One coding of in[0..n) into out[0..cap): *got bytes. */
static enum libdeflate_result inflate_once(struct libdeflate_decompressor *dc,
                                           unsigned char coding,
                                           const unsigned char *in, size_t n,
                                           unsigned char *out, size_t cap,
                                           size_t *got)
{
    enum libdeflate_result r;
    size_t used = 0, part = 0, pos = 0;

    *got = 0;
    if (coding == CODING_DEFLATE) {
        if (n > 0 && zlib_header(in))
            return libdeflate_zlib_decompress(dc, in, n, out, cap, got);
        return libdeflate_deflate_decompress(dc, in, n, out, cap, got);
    }
    do {        /* gzip members, one after another */
        r = libdeflate_gzip_decompress_ex(dc, in + pos, n - pos, out + *got,
                                          cap - *got, &used, &part);
        if (r != LIBDEFLATE_SUCCESS)
            return r;
        pos += used;
        *got += part;
    } while (pos < n && in[pos] == 0x1f);   /* as feed() decides */
    return LIBDEFLATE_SUCCESS;
}

/* The decoded size to try first: a gzip body's trailer says it (modulo
 * 2^32, and only for its last member, so it is a guess). */
static size_t first_guess(unsigned char coding, const unsigned char *in,
                          size_t n, size_t max)
{
    size_t g = n * 4;

    if (coding == CODING_GZIP && n >= 18)
        g = (size_t)in[n - 4] | (size_t)in[n - 3] << 8 |
            (size_t)in[n - 2] << 16 | (size_t)in[n - 1] << 24;
    if (g < 4096)
        g = 4096;
    return g < max ? g : max;
}

/* Decodes one coding into dst (emptied first), at most max bytes. */
static enum decode_status whole_layer(struct decode *d, unsigned char coding,
                                      const unsigned char *in, size_t n,
                                      struct cc_buf *dst, size_t max,
                                      char *why, size_t whylen)
{
    size_t cap = first_guess(coding, in, n, max);

    for (;;) {
        size_t got = 0;
        char *room;
        enum libdeflate_result r;

        cc_buf_reset(dst);
        room = cc_buf_room(dst, cap);
        if (!room)
            return DECODE_OVER;
        r = inflate_once(d->dc, coding, in, n, (unsigned char *)room, cap,
                         &got);
        if (r == LIBDEFLATE_SUCCESS) {
            cc_buf_added(dst, got);
            return DECODE_OK;
        }
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE) {
            cc_errf(why, whylen, "%s: invalid or truncated data",
                    coding_name(coding));
            return DECODE_BAD;
        }
        if (cap >= max)
            return DECODE_OVER;
        cap = cap > max / 2 ? max : cap * 2;
    }
}

static enum decode_status whole(struct decode *d, struct cc_buf *out,
                                char *why, size_t whylen)
{
    struct cc_buf cur = d->raw, next;
    enum decode_status st = DECODE_OK;

    if (!d->dc) {
        d->dc = libdeflate_alloc_decompressor();
        if (!d->dc)
            cc_oom();
    }
    cc_buf_init(&d->raw, DECODE_WHOLE_MAX);     /* cur owns the bytes */
    /* stacked codings: each step is held to the cap; the last one is
     * decoded straight into out (empty: nothing was written before) */
    for (int k = 0; k < d->ncodings && st == DECODE_OK; k++) {
        struct cc_buf *dst = k == d->ncodings - 1 ? out : &next;

        cc_buf_init(&next, out->max);
        st = whole_layer(d, layer_coding(d, k),
                         (const unsigned char *)cur.data, cur.len, dst,
                         out->max, why, whylen);
        cc_buf_free(&cur);
        cur = next;
    }
    cc_buf_free(&cur);
    return st;
}

enum decode_status decode_end(struct decode *d, struct cc_buf *out,
                              char *why, size_t whylen)
{
    if (d->seen == 0)
        return DECODE_OK;       /* no body: nothing to decode */
    if (d->bad[0]) {
        cc_errf(why, whylen, "%s", d->bad);
        return DECODE_BAD;
    }
    if (!d->stream)
        return whole(d, out, why, whylen);
    for (int k = 0; k < d->ncodings; k++) {
        if (!d->layers[k].ended && !d->layers[k].rest_ignored) {
            cc_errf(why, whylen, "%s: truncated data",
                    coding_name(layer_coding(d, k)));
            return DECODE_BAD;
        }
    }
    return DECODE_OK;
}
