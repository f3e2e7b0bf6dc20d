/*
 * crawler/decode.h -- content codings of HTTP response bodies (RFC 9110
 * 8.4): gzip (x-gzip), deflate (zlib or raw, as servers send it) and
 * identity, stacked at most DECODE_MAX_CODINGS deep.  fetch.c asks for
 * "gzip, deflate" and decodes here instead of in libcurl
 * (CURLOPT_HTTP_CONTENT_DECODING off).
 *
 * Two ways to the same bytes:
 * - whole: the encoded body is kept (at most DECODE_WHOLE_MAX bytes) and
 *   decoded in one call when it is complete, by libdeflate, which inflates
 *   two to three times faster than zlib (libcurl's zlib inflate and CRC
 *   were 44 % of `citecheck fetch`'s CPU in bench/fetch.sh);
 * - streaming: past DECODE_WHOLE_MAX encoded bytes, or from the first byte
 *   when asked (robots.txt keeps the first bytes of a file that is too
 *   long), each chunk goes through zlib's inflate as it arrives, so the
 *   decoded size is counted against the cap as the bytes come in: a gzip
 *   bomb is stopped after at most DECODE_WHOLE_MAX bytes of it.
 * Either way the decoded body never grows past out->max bytes, and a
 * stream that does not end (truncated) or does not decode is an error.
 * A gzip body may hold several members (RFC 1952 2.2); bytes after the
 * last member that do not start another are ignored, as gzip(1) does.
 */
#ifndef CC_CRAWLER_DECODE_H
#define CC_CRAWLER_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/cc.h"

#define DECODE_MAX_CODINGS 5            /* libcurl's limit too */
#define DECODE_WHOLE_MAX (256u * 1024)  /* encoded bytes decoded at once */

enum decode_status {
    DECODE_OK,
    DECODE_OVER,        /* out is full: out->max bytes were decoded */
    DECODE_BAD          /* not decodable; why says what */
};

struct decode_layer;

struct decode {
    unsigned char codings[DECODE_MAX_CODINGS];  /* in the order applied */
    int ncodings;
    char bad[96];           /* non-empty: the codings cannot be decoded */
    bool stream;            /* decoding as the bytes come (zlib) */
    size_t seen;            /* encoded bytes received */
    struct cc_buf raw;      /* whole: the encoded bytes so far */
    struct decode_layer *layers;       /* streaming: one per coding */
    struct libdeflate_decompressor *dc;    /* whole */
};

void decode_init(struct decode *d);
/* A new response: no codings, nothing received (memory is kept). */
void decode_reset(struct decode *d);
/* One Content-Encoding header line's value (not NUL-terminated). */
void decode_header(struct decode *d, const char *v, size_t len);
/* True when the body has to go through decode_add/decode_end. */
bool decode_active(const struct decode *d);
/* Encoded body bytes as they arrive; stream asks for streaming from the
 * start.  Decoded bytes go to out.  DECODE_OVER: out holds its first
 * out->max decoded bytes and the rest should not be read. */
enum decode_status decode_add(struct decode *d, const void *p, size_t n,
                              bool stream, struct cc_buf *out, char *why,
                              size_t whylen);
/* The body is complete: decode what is kept (whole) or check that every
 * stream ended (streaming).  An empty body is not an error. */
enum decode_status decode_end(struct decode *d, struct cc_buf *out,
                              char *why, size_t whylen);
void decode_free(struct decode *d);

#endif
