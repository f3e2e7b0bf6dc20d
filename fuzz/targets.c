/*
 * fuzz/targets.c -- the fuzz entry points (see targets.h).
 */
#include "fuzz/targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config/config.h"
#include "crawler/archive.h"
#include "crawler/decode.h"
#include "crawler/fetch.h"
#include "crawler/robots.h"
#include "crawler/warc.h"
#include "parser/document.h"
#include "parser/page.h"
#include "verify/extract.h"

int fuzz_document(const uint8_t *data, size_t len)
{
    struct doc *d = NULL;
    char err[CC_ERRLEN];

    if (doc_parse_text("fuzz.txt", (const char *)data, len, &d, err,
                       sizeof err) == CC_OK) {
        for (size_t i = 0; i < d->nsentences; i++)
            (void)doc_sentence_line(&d->sentences[i], d->sentences[i].len);
        doc_free(&d);
    }
    return 0;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* An HTML page, read twice: with long text runs moved out of Gumbo's way
 * (html_prescan.h) and without; the two pages must be the same. */
int fuzz_page(const uint8_t *data, size_t len)
{
    struct page *p = NULL, *q = NULL;
    char err[CC_ERRLEN], err2[CC_ERRLEN];
    cc_result a, b;

    a = page_parse((const char *)data, len, "text/html",
                   "https://fuzz.example/a/b", &p, err, sizeof err);
    page_text_stash(false);
    b = page_parse((const char *)data, len, "text/html",
                   "https://fuzz.example/a/b", &q, err2, sizeof err2);
    page_text_stash(true);
    if (a != b)
        abort();
    if (a == CC_OK &&
        (p->text_len != q->text_len || memcmp(p->text, q->text, p->text_len) ||
         !same_str(p->title, q->title) || !same_str(p->site, q->site) ||
         !same_str(p->author, q->author) || !same_str(p->lang, q->lang) ||
         !same_str(p->canonical, q->canonical) ||
         !same_str(p->note, q->note) ||
         memcmp(&p->published, &q->published, sizeof p->published) ||
         memcmp(&p->modified, &q->modified, sizeof p->modified)))
        abort();        /* moving text out changed what was read */
    page_free(&p);
    page_free(&q);
    return 0;
}

int fuzz_extract(const uint8_t *data, size_t len)
{
    struct extract_result r;
    struct extract_opts o;
    char err[CC_ERRLEN];

    memset(&r, 0, sizeof r);
    memset(&o, 0, sizeof o);
    o.ref_date.y = 2025;
    o.ref_date.m = 6;
    o.ref_date.d = 15;
    (void)extract_text((const char *)data, len, &o, &r, err, sizeof err);
    for (size_t i = 0; i < r.nq; i++)
        if (r.q[i].end > len || r.q[i].start > r.q[i].end || !r.q[i].text)
            abort();  /* spans must stay inside the input */
    extract_result_clear(&r);
    return 0;
}

int fuzz_url(const uint8_t *data, size_t len)
{
    char *s = cc_strndup((const char *)data, len);
    char why[CC_ERRLEN];

    (void)fetch_url_ok(s, why, sizeof why);
    free(s);
    return 0;
}

int fuzz_argv(const uint8_t *data, size_t len)
{
    char *buf = cc_malloc(len + 1);
    char *argv[64];
    int argc = 1;
    struct cc_config c;
    char err[CC_ERRLEN];

    memcpy(buf, data, len);
    buf[len] = '\0';
    argv[0] = "citecheck";
    for (size_t i = 0; i < len && argc < 63;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    cfg_defaults(&c);
    (void)cfg_load(&c, argc, argv, err, sizeof err);
    cfg_free(&c);
    free(buf);
    return 0;
}

/* A robots.txt body, then the paths a fetch would ask about; the first
 * line of the input is tried as a path too. */
int fuzz_robots(const uint8_t *data, size_t len)
{
    static const char *const paths[] = {"/", "/a/b.html?x=1", "/%7Euser/",
                                        "/private/", ""};
    struct robots *r = robots_parse((const char *)data, len, NULL);
    const char *nl = memchr(data, '\n', len);
    char *first = cc_strndup((const char *)data,
                             nl ? (size_t)(nl - (const char *)data) : len);

    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        (void)robots_allowed(r, paths[i]);
    (void)robots_allowed(r, first);
    (void)robots_nrules(r);
    robots_free(&r);
    free(first);
    return 0;
}

/* What an archive sends back: the bytes as a Link header value, an
 * availability answer (JSON), an HTTP-date and a raw header block. */
int fuzz_archive(const uint8_t *data, size_t len)
{
    char *s = cc_strndup((const char *)data, len);
    struct archive_links l = {0};
    char why[CC_ERRLEN], *snap = NULL, *ts = NULL, *v;
    long long secs;

    (void)archive_links_parse(s, &l, why, sizeof why);
    for (size_t i = 0; i < l.n; i++)
        (void)archive_rel_has(l.v[i].rel, "memento");
    archive_links_clear(&l);
    if (archive_parse_answer((const char *)data, len, &snap, &ts, why,
                             sizeof why)) {
        free(snap);
        free(ts);
    }
    (void)archive_http_date_parse(s, &secs);
    v = archive_header(s, "Link");
    free(v);
    v = archive_header(s, "memento-datetime");
    free(v);
    free(s);
    return 0;
}

/* A WARC file given to --replay (through a memory file, since the reader
 * takes a path): indexed, then asked for the first WARC-Target-URI it
 * names and for a URL it lacks. */
int fuzz_warc(const uint8_t *data, size_t len)
{
    static const char key[] = "WARC-Target-URI: ";
    int fd = memfd_create("fuzz.warc", 0);
    char path[64], err[CC_ERRLEN], *urls[2];
    struct warc_archive *a = NULL;
    const char *k;

    if (fd < 0)
        return 0;
    if (len && write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return 0;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (warc_archive_open(path, &a, err, sizeof err) == CC_OK) {
        k = memmem(data, len, key, sizeof key - 1);
        if (k) {
            const char *u = k + sizeof key - 1, *end = (const char *)data + len;
            const char *e = u;

            while (e < end && *e != '\r' && *e != '\n')
                e++;
            urls[0] = cc_strndup(u, (size_t)(e - u));
        } else {
            urls[0] = cc_strdup("http://fuzz.example/");
        }
        urls[1] = cc_strdup("http://fuzz.example/not-there");
        for (int i = 0; i < 2; i++) {
            struct fetch_result r;

            memset(&r, 0, sizeof r);
            r.url = urls[i];
            (void)warc_replay(a, &r, err, sizeof err);
            r.url = NULL;
            fetch_result_clear(&r);
            free(urls[i]);
        }
        warc_archive_free(&a);
    }
    close(fd);
    return 0;
}

/* A response body under a Content-Encoding: the first byte picks the
 * codings (bits 0-2), the chunk size (bits 3-5) and the cap (bit 7); the
 * rest is the body.  Decoded whole (libdeflate) and streaming (zlib):
 * what zlib decodes, libdeflate decodes to the same bytes.  Not the
 * converse: libdeflate accepts some malformed Huffman tables zlib refuses
 * (a bit-length repeat with no previous length), and failures may differ
 * in kind (with stacked codings the whole way can run out of room in an
 * inner step where streaming finds the next step's data bad first). */
static enum decode_status fuzz_decode_one(const char *ce, const uint8_t *p,
                                          size_t n, size_t step, bool stream,
                                          size_t max, struct cc_buf *out)
{
    struct decode d;
    enum decode_status st = DECODE_OK;
    char why[128];

    cc_buf_init(out, max);
    decode_init(&d);
    decode_header(&d, ce, strlen(ce));
    for (size_t i = 0; i < n && st == DECODE_OK; i += step)
        st = decode_add(&d, p + i, n - i < step ? n - i : step, stream, out,
                        why, sizeof why);
    if (st == DECODE_OK)
        st = decode_end(&d, out, why, sizeof why);
    decode_free(&d);
    return st;
}

int fuzz_decode(const uint8_t *data, size_t len)
{
    static const char *const ces[] = { "gzip", "deflate", "gzip, gzip",
                                       "deflate, gzip", "x-gzip, identity",
                                       "gzip, deflate, gzip" };
    struct cc_buf whole, streamed;
    enum decode_status a, b;
    const char *ce;
    size_t step, max;

    if (len < 1)
        return 0;
    ce = ces[(data[0] & 7) % 6];
    step = (size_t)1 << (data[0] >> 3 & 7) * 2;    /* 1 .. 16384 */
    max = data[0] & 0x80 ? 4096 : 1u << 20;
    a = fuzz_decode_one(ce, data + 1, len - 1, step, false, max, &whole);
    b = fuzz_decode_one(ce, data + 1, len - 1, step, true, max, &streamed);
    if (b == DECODE_OK && (a != DECODE_OK || whole.len != streamed.len ||
                           memcmp(whole.data, streamed.data,
                                  whole.len) != 0))
        abort();    /* the two decoders disagree */
    cc_buf_free(&whole);
    cc_buf_free(&streamed);
    return 0;
}

const struct fuzz_target fuzz_targets[] = {
    {"document", fuzz_document},
    {"page", fuzz_page},
    {"extract", fuzz_extract},
    {"url", fuzz_url},
    {"argv", fuzz_argv},
    {"robots", fuzz_robots},
    {"archive", fuzz_archive},
    {"warc", fuzz_warc},
    {"decode", fuzz_decode},
};
const size_t fuzz_ntargets = sizeof fuzz_targets / sizeof *fuzz_targets;
