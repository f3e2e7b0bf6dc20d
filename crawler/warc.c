/*
 * crawler/warc.c -- WARC/1.1 writer and replay reader.  See warc.h.
 *
 * The only user of OpenSSL's libcrypto (SHA-1 digests, random record
 * ids).  Records are written with stdio; the reader keeps an index of
 * (type, target URI, block offset, length) sorted by URI and reads a block
 * only when a URL is replayed.
 */
#include "crawler/warc.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define WARC_LINE_MAX (64 * 1024)     /* one WARC header line */
#define WARC_HEAD_MAX (256 * 1024)    /* all WARC headers of a record */

struct warc_writer {
    FILE *f;
    char *path;
    char *user_agent;
};

/* ---- digests, ids, dates --------------------------------------------- */

void warc_sha1_b32(const void *data, size_t len, char *out, size_t outlen)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char b32[40];
    size_t k = 0;
    unsigned long long acc = 0;
    int bits = 0;

    if (EVP_Digest(data, len, md, &mdlen, EVP_sha1(), NULL) != 1 ||
        mdlen != 20) {
        cc_errf(out, outlen, "sha1:");
        return;
    }
    for (unsigned i = 0; i < mdlen; i++) {       /* 160 bits = 32 chars */
        acc = (acc << 8) | md[i];
        bits += 8;
        while (bits >= 5) {
            b32[k++] = alpha[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    b32[k] = '\0';
    cc_errf(out, outlen, "sha1:%s", b32);
}

/* "<urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx>" into out (>= 48). */
static void record_id(char *out, size_t outlen)
{
    unsigned char u[16];

    if (RAND_bytes(u, sizeof u) != 1) {
        /* not for security, only uniqueness: fall back to time + counter */
        static unsigned long n;
        unsigned long long t = (unsigned long long)time(NULL);

        for (size_t i = 0; i < sizeof u; i++)
            u[i] = (unsigned char)((i < 8 ? t >> (8 * i) : ++n >> 4) & 0xff);
    }
    u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
    cc_errf(out, outlen,
            "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
            "%02x%02x%02x%02x%02x%02x>",
            u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
            u[10], u[11], u[12], u[13], u[14], u[15]);
}

static void warc_date(char *out, size_t outlen)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    if (strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        cc_errf(out, outlen, "1970-01-01T00:00:00Z");
}

/* A header value must not break the record: CR, LF and other controls
 * become '?'.  Caller frees. */
static char *field_value(const char *s)
{
    char *v = cc_strdup(s ? s : "");

    for (char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return v;
}

/* ---- writer ------------------------------------------------------------ */

/* One record: the WARC headers named in extra (already "Name: value\r\n"
 * lines, may be "") plus the standard ones, then the block. */
static cc_result write_record(struct warc_writer *w, const char *type,
                              const char *id, const char *uri,
                              const char *ctype, const char *extra,
                              const char *block, size_t blen,
                              const char *payload_digest, char *err,
                              size_t errlen)
{
    char date[32], digest[48];
    char *u = uri ? field_value(uri) : NULL;
    int rc;

    warc_date(date, sizeof date);
    warc_sha1_b32(block, blen, digest, sizeof digest);
    rc = fprintf(w->f, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
                       "WARC-Date: %s\r\n", type, id, date);
    if (rc >= 0 && u)
        rc = fprintf(w->f, "WARC-Target-URI: %s\r\n", u);
    if (rc >= 0 && payload_digest)
        rc = fprintf(w->f, "WARC-Payload-Digest: %s\r\n", payload_digest);
    if (rc >= 0)
        rc = fprintf(w->f, "%sContent-Type: %s\r\nWARC-Block-Digest: %s\r\n"
                           "Content-Length: %zu\r\n\r\n", extra, ctype, digest,
                     blen);
    free(u);
    if (rc < 0 || (blen && fwrite(block, 1, blen, w->f) != blen) ||
        fputs("\r\n\r\n", w->f) == EOF) {
        cc_errf(err, errlen, "%s: write failed: %s", w->path, strerror(errno));
        return CC_EIO;
    }
    return CC_OK;
}

cc_result warc_writer_open(const char *path, const char *software,
                           const char *user_agent, struct warc_writer **out,
                           char *err, size_t errlen)
{
    struct warc_writer *w;
    const char *base = strrchr(path, '/');
    char id[64];
    char *info, *extra, *fname;
    cc_result result;

    *out = NULL;
    w = cc_calloc(1, sizeof *w);
    w->f = fopen(path, "wb");
    if (!w->f) {
        cc_errf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
        free(w);
        return CC_EIO;
    }
    w->path = cc_strdup(path);
    w->user_agent = field_value(user_agent ? user_agent : "citecheck");
    fname = field_value(base ? base + 1 : path);
    info = cc_asprintf("software: %s\r\nformat: WARC File Format 1.1\r\n"
                       "conformsTo: http://iipc.github.io/warc-specifications/"
                       "specifications/warc-format/warc-1.1/\r\n"
                       "http-header-user-agent: %s\r\n",
                       software ? software : "citecheck", w->user_agent);
    extra = cc_asprintf("WARC-Filename: %s\r\n", fname);
    record_id(id, sizeof id);
    result = write_record(w, "warcinfo", id, NULL, "application/warc-fields",
                          extra, info, strlen(info), NULL, err, errlen);
    free(extra);
    free(info);
    free(fname);
    if (result != CC_OK) {
        char e2[8];

        (void)warc_writer_close(&w, e2, sizeof e2);
        return result;
    }
    *out = w;
    return CC_OK;
}

/* Host[:port] and path?query of an absolute URL (fragment dropped).
 * Caller frees both. */
static void split_url(const char *url, char **host, char **path)
{
    const char *p = strstr(url, "://");
    const char *h = p ? p + 3 : url, *e, *at;
    size_t plen;

    e = h + strcspn(h, "/?#");
    at = memchr(h, '@', (size_t)(e - h));
    if (at)
        h = at + 1;
    *host = cc_strndup(h, (size_t)(e - h));
    plen = strcspn(e, "#");
    *path = plen ? cc_strndup(e, plen) : cc_strdup("/");
    if (**path == '?') {
        char *q = cc_asprintf("/%s", *path);

        free(*path);
        *path = q;
    }
}

static bool name_is(const char *line, size_t nlen, const char *name)
{
    return strlen(name) == nlen && strncasecmp(line, name, nlen) == 0;
}

/* The response block: status line and headers as received, transfer
 * headers renamed (the body is stored decoded), Content-Length of the
 * stored body, blank line, body. */
static void response_block(const struct fetch_result *r, struct cc_buf *b)
{
    const char *h = r->raw_headers;

    if (!h || strncmp(h, "HTTP/", 5) != 0) {
        /* a stored response (database cache): its headers as kept */
        char *v;

        (void)cc_buf_printf(b, "HTTP/1.1 %ld \r\n", r->status);
        if (r->content_type) {
            v = field_value(r->content_type);
            (void)cc_buf_printf(b, "Content-Type: %s\r\n", v);
            free(v);
        }
        if (r->resp_etag) {
            v = field_value(r->resp_etag);
            (void)cc_buf_printf(b, "ETag: %s\r\n", v);
            free(v);
        }
        if (r->resp_last_modified) {
            v = field_value(r->resp_last_modified);
            (void)cc_buf_printf(b, "Last-Modified: %s\r\n", v);
            free(v);
        }
        h = NULL;
    }
    while (h && *h) {
        size_t n = strcspn(h, "\n");
        const char *colon = memchr(h, ':', n);
        size_t line = n + (h[n] == '\n');
        size_t end = n;

        while (end && (h[end - 1] == '\r'))
            end--;
        if (end == 0)
            break;                          /* the blank line: ours follows */
        if (colon && h != r->raw_headers) {
            size_t nlen = (size_t)(colon - h);

            if (name_is(h, nlen, "Content-Encoding") ||
                name_is(h, nlen, "Transfer-Encoding") ||
                name_is(h, nlen, "Content-Length"))
                (void)cc_buf_addstr(b, "X-Citecheck-Orig-");
        }
        (void)cc_buf_add(b, h, end);
        (void)cc_buf_addstr(b, "\r\n");
        h += line;
    }
    (void)cc_buf_printf(b, "Content-Length: %zu\r\n\r\n", r->body_len);
    (void)cc_buf_add(b, r->body ? r->body : "", r->body_len);
}

cc_result warc_write_fetch(struct warc_writer *w, const struct fetch_result *r,
                           char *err, size_t errlen)
{
    char resp_id[64], req_id[64], meta_id[64], payload[48];
    const char *final = r->final_url ? r->final_url : r->url;
    struct cc_buf b, m;
    char *host = NULL, *path = NULL, *extra;
    cc_result result = CC_OK;

    if (r->body_len > WARC_MAX_BLOCK - WARC_HEAD_MAX) {
        cc_errf(err, errlen, "%s: body of %s too large for a record", w->path,
                r->url);
        return CC_ELIMIT;
    }
    cc_buf_init(&m, WARC_HEAD_MAX);   /* metadata: URLs, at most 64 KiB each */
    resp_id[0] = '\0';
    if (!r->error) {
        split_url(final, &host, &path);
        cc_buf_init(&b, WARC_MAX_BLOCK);   /* body checked above */
        (void)cc_buf_printf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\n"
                                "User-Agent: %s\r\nAccept: */*\r\n"
                                "Accept-Encoding: %s\r\n",
                            path, host, w->user_agent, FETCH_ACCEPT_ENCODING);
        /* the extra header fetch.c sent (it sends none holding CR/LF) */
        if (r->req_header && !strpbrk(r->req_header, "\r\n"))
            (void)cc_buf_printf(&b, "%s\r\n", r->req_header);
        (void)cc_buf_addstr(&b, "\r\n");
        record_id(resp_id, sizeof resp_id);
        record_id(req_id, sizeof req_id);
        extra = cc_asprintf("WARC-Concurrent-To: %s\r\n", resp_id);
        result = write_record(w, "request", req_id, final,
                              "application/http;msgtype=request", extra,
                              b.data, b.len, NULL, err, errlen);
        free(extra);
        cc_buf_reset(&b);
        if (result == CC_OK) {
            response_block(r, &b);
            warc_sha1_b32(r->body ? r->body : "", r->body_len, payload,
                          sizeof payload);
            result = write_record(w, "response", resp_id, final,
                                  "application/http;msgtype=response", "",
                                  b.data, b.len, payload, err, errlen);
        }
        cc_buf_free(&b);
        free(host);
        free(path);
        if (result != CC_OK)
            return result;
        if (r->nredirects == 0 && strcmp(final, r->url) == 0)
            return CC_OK;
        for (size_t i = 0; i < r->nredirects; i++) {
            char *v = field_value(r->redirects[i]);

            (void)cc_buf_printf(&m, "citecheck-redirect: %s\r\n", v);
            free(v);
        }
        /* the first hop's response headers, a line each (a Memento
         * TimeGate's 302 names its mementos in Link) */
        for (const char *h = r->redirect_headers; h && *h;) {
            size_t n = strcspn(h, "\r\n");

            if (n > 0) {
                char *v = cc_strndup(h, n), *fv = field_value(v);

                (void)cc_buf_printf(&m, "citecheck-redirect-header: %s\r\n",
                                    fv);
                free(fv);
                free(v);
            }
            h += n;
            h += strspn(h, "\r\n");
        }
        {
            char *v = field_value(final);

            (void)cc_buf_printf(&m, "citecheck-final-url: %s\r\n", v);
            free(v);
        }
    } else {
        char *v = field_value(r->error);

        (void)cc_buf_printf(&m, "citecheck-error: %s\r\n", v);
        free(v);
    }
    record_id(meta_id, sizeof meta_id);
    extra = resp_id[0] ? cc_asprintf("WARC-Refers-To: %s\r\n", resp_id)
                       : cc_strdup("");
    result = write_record(w, "metadata", meta_id, r->url,
                          "application/warc-fields", extra, m.data ? m.data : "",
                          m.len, NULL, err, errlen);
    free(extra);
    cc_buf_free(&m);
    return result;
}

cc_result warc_writer_close(struct warc_writer **wp, char *err, size_t errlen)
{
    struct warc_writer *w = wp ? *wp : NULL;
    cc_result result = CC_OK;

    if (!w)
        return CC_OK;
    if (fclose(w->f) != 0) {
        cc_errf(err, errlen, "%s: write failed: %s", w->path, strerror(errno));
        result = CC_EIO;
    }
    free(w->path);
    free(w->user_agent);
    free(w);
    *wp = NULL;
    return result;
}

/* ---- reader ------------------------------------------------------------ */

enum rec_type { REC_RESPONSE, REC_METADATA };

struct rec {
    char *uri;
    enum rec_type type;
    size_t seq;          /* order in the file: later wins */
    long long off;       /* block offset */
    size_t len;          /* block length */
};

struct warc_archive {
    FILE *f;
    char *path;
    struct rec *recs;
    size_t nrecs;
};

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    int c = strcmp(x->uri, y->uri);

    if (c)
        return c;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Read one line (up to LF) into buf; false at EOF.  *too_long when the
 * line did not fit. */
static bool read_line(FILE *f, char *buf, size_t n, bool *too_long)
{
    size_t len;

    *too_long = false;
    if (!fgets(buf, (int)n, f))
        return false;
    len = strlen(buf);
    if (len && buf[len - 1] != '\n' && !feof(f))
        *too_long = true;
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return true;
}

static const char *field(const char *line, const char *name)
{
    size_t n = strlen(name);

    if (strncasecmp(line, name, n) != 0 || line[n] != ':')
        return NULL;
    line += n + 1;
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

/* WARC-Target-URI may be written "<uri>" (WARC 1.0 examples). */
static char *uri_value(const char *v)
{
    size_t n = strlen(v);

    if (n >= 2 && v[0] == '<' && v[n - 1] == '>')
        return cc_strndup(v + 1, n - 2);
    return cc_strdup(v);
}

static cc_result parse_fail(struct warc_archive *a, long long off,
                            const char *why, char *err, size_t errlen)
{
    cc_errf(err, errlen, "%s: record at byte %lld: %s", a->path, off, why);
    return CC_EPARSE;
}

/* Index every record; positions a->f after each block. */
static cc_result index_records(struct warc_archive *a, char *err,
                               size_t errlen)
{
    char *line = cc_malloc(WARC_LINE_MAX);
    size_t cap = 0, seq = 0;
    cc_result result = CC_OK;

    for (;;) {
        long long start = ftello(a->f);
        char *type = NULL, *uri = NULL;
        long long clen = -1;
        size_t head = 0;
        bool long_line, got = false;

        /* skip blank lines between records */
        while ((got = read_line(a->f, line, WARC_LINE_MAX, &long_line)) &&
               !long_line && line[0] == '\0')
            start = ftello(a->f);
        if (!got)
            break;
        if (long_line || strncmp(line, "WARC/1.", 7) != 0) {
            result = parse_fail(a, start, "no WARC/1.x version line", err,
                                errlen);
            break;
        }
        while ((got = read_line(a->f, line, WARC_LINE_MAX, &long_line))) {
            const char *v;

            head += strlen(line) + 2;
            if (long_line || head > WARC_HEAD_MAX) {
                got = false;
                break;
            }
            if (line[0] == '\0')
                break;
            if ((v = field(line, "WARC-Type"))) {
                free(type);
                type = cc_strdup(v);
            } else if ((v = field(line, "WARC-Target-URI"))) {
                free(uri);
                uri = uri_value(v);
            } else if ((v = field(line, "Content-Length"))) {
                char *end;

                errno = 0;
                clen = strtoll(v, &end, 10);
                if (errno || end == v || *end || clen < 0)
                    clen = -1;
            }
        }
        if (!got || clen < 0 || (size_t)clen > WARC_MAX_BLOCK) {
            free(type);
            free(uri);
            result = parse_fail(a, start, !got ? "headers cut short or too "
                                "long" : "bad or missing Content-Length",
                                err, errlen);
            break;
        }
        if (type && uri && (strcmp(type, "response") == 0 ||
                            strcmp(type, "metadata") == 0)) {
            struct rec *r;

            a->recs = cc_grow(a->recs, &cap, a->nrecs + 1, sizeof *a->recs);
            r = &a->recs[a->nrecs++];
            r->uri = uri;
            uri = NULL;
            r->type = strcmp(type, "response") == 0 ? REC_RESPONSE
                                                     : REC_METADATA;
            r->seq = seq;
            r->off = ftello(a->f);
            r->len = (size_t)clen;
        }
        seq++;
        free(type);
        free(uri);
        if (fseeko(a->f, (off_t)clen, SEEK_CUR) != 0) {
            result = parse_fail(a, start, "block past the end", err, errlen);
            break;
        }
    }
    free(line);
    if (result == CC_OK && ferror(a->f)) {
        cc_errf(err, errlen, "%s: read failed: %s", a->path, strerror(errno));
        result = CC_EIO;
    }
    if (result == CC_OK && a->nrecs > 1)
        qsort(a->recs, a->nrecs, sizeof *a->recs, rec_cmp);
    return result;
}

cc_result warc_archive_open(const char *path, struct warc_archive **out,
                            char *err, size_t errlen)
{
    struct warc_archive *a;
    unsigned char magic[2] = {0, 0};
    cc_result result;

    *out = NULL;
    a = cc_calloc(1, sizeof *a);
    a->path = cc_strdup(path);
    a->f = fopen(path, "rb");
    if (!a->f) {
        cc_errf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        warc_archive_free(&a);
        return CC_EUSAGE;
    }
    if (fread(magic, 1, 2, a->f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        cc_errf(err, errlen, "%s: compressed WARC files are not supported "
                             "(gunzip it first)", path);
        warc_archive_free(&a);
        return CC_EUSAGE;
    }
    rewind(a->f);
    result = index_records(a, err, errlen);
    if (result != CC_OK) {
        warc_archive_free(&a);
        return result == CC_EPARSE ? CC_EUSAGE : result;
    }
    *out = a;
    return CC_OK;
}

void warc_archive_free(struct warc_archive **ap)
{
    struct warc_archive *a = ap ? *ap : NULL;

    if (!a)
        return;
    if (a->f)
        fclose(a->f);
    for (size_t i = 0; i < a->nrecs; i++)
        free(a->recs[i].uri);
    free(a->recs);
    free(a->path);
    free(a);
    *ap = NULL;
}

/* Latest record of that type for uri, or NULL. */
static const struct rec *find_rec(const struct warc_archive *a,
                                  const char *uri, enum rec_type type)
{
    size_t lo = 0, hi = a->nrecs;
    struct rec key;

    key.uri = (char *)uri;
    key.type = type;
    key.seq = (size_t)-1;
    while (lo < hi) {                    /* first record greater than key */
        size_t mid = (lo + hi) / 2;

        if (rec_cmp(&a->recs[mid], &key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    if (strcmp(a->recs[lo - 1].uri, uri) != 0 || a->recs[lo - 1].type != type)
        return NULL;
    return &a->recs[lo - 1];
}

/* The block of rec, NUL-terminated; caller frees. */
static cc_result read_block(struct warc_archive *a, const struct rec *rec,
                            char **out, char *err, size_t errlen)
{
    char *b = cc_malloc(rec->len + 1);

    if (fseeko(a->f, (off_t)rec->off, SEEK_SET) != 0 ||
        fread(b, 1, rec->len, a->f) != rec->len) {
        free(b);
        cc_errf(err, errlen, "%s: cannot read the record for %s", a->path,
                rec->uri);
        return CC_EIO;
    }
    b[rec->len] = '\0';
    *out = b;
    return CC_OK;
}

/* Value of the warc-fields line "name: value" in block, or NULL; caller
 * frees.  With `nth`, the nth such line (0-based). */
static char *fields_get(const char *block, const char *name, size_t nth)
{
    const char *p = block;

    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = cc_strndup(p, n);
        const char *v;
        size_t l = strlen(line);

        while (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if ((v = field(line, name)) && nth-- == 0) {
            char *out = cc_strdup(v);

            free(line);
            return out;
        }
        free(line);
        p += n + (p[n] == '\n');
    }
    return NULL;
}

/* Fill r from an application/http response block. */
static void parse_response(const char *block, size_t len,
                           struct fetch_result *r)
{
    const char *end = strstr(block, "\r\n\r\n");
    size_t hlen = end ? (size_t)(end - block) + 4 : len;
    const char *p = block, *sp;

    r->raw_headers = cc_strndup(block, hlen);
    sp = strchr(r->raw_headers, ' ');
    if (sp) {
        long st = 0;

        for (sp++; isdigit((unsigned char)*sp) && st < 1000; sp++)
            st = st * 10 + (*sp - '0');
        r->status = st;
    }
    p = r->raw_headers;
    p += strcspn(p, "\n");
    while (*p) {
        size_t n;
        const char *colon, *v;
        size_t nlen, vlen;

        p++;
        n = strcspn(p, "\n");
        colon = memchr(p, ':', n);
        if (colon) {
            nlen = (size_t)(colon - p);
            v = colon + 1;
            vlen = n - nlen - 1;
            while (vlen && (*v == ' ' || *v == '\t'))
                v++, vlen--;
            while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == ' '))
                vlen--;
            if (name_is(p, nlen, "Content-Type") && !r->content_type)
                r->content_type = cc_strndup(v, vlen);
            else if (name_is(p, nlen, "ETag") && !r->resp_etag)
                r->resp_etag = cc_strndup(v, vlen);
            else if (name_is(p, nlen, "Last-Modified") &&
                     !r->resp_last_modified)
                r->resp_last_modified = cc_strndup(v, vlen);
        }
        p += n;
    }
    r->body_len = len - hlen;
    r->body = cc_malloc(r->body_len + 1);
    memcpy(r->body, block + hlen, r->body_len);
    r->body[r->body_len] = '\0';
}

cc_result warc_replay(struct warc_archive *a, struct fetch_result *r,
                      char *err, size_t errlen)
{
    const struct rec *meta = find_rec(a, r->url, REC_METADATA);
    const struct rec *resp;
    char *final = NULL, *block = NULL;
    cc_result result;

    if (meta) {
        char *m = NULL, *v;

        result = read_block(a, meta, &m, err, errlen);
        if (result != CC_OK)
            return result;
        if ((v = fields_get(m, "citecheck-error", 0))) {
            r->error = v;
            free(m);
            return CC_OK;
        }
        for (size_t i = 0; (v = fields_get(m, "citecheck-redirect", i)); i++) {
            r->redirects = cc_realloc(r->redirects,
                                      (i + 1) * sizeof *r->redirects);
            r->redirects[i] = v;
            r->nredirects = i + 1;
        }
        final = fields_get(m, "citecheck-final-url", 0);
        if ((v = fields_get(m, "citecheck-redirect-header", 0))) {
            struct cc_buf hb;

            cc_buf_init(&hb, WARC_HEAD_MAX);
            for (size_t i = 0; v; v = fields_get(m,
                                                 "citecheck-redirect-header",
                                                 ++i)) {
                (void)cc_buf_printf(&hb, "%s\r\n", v);
                free(v);
            }
            (void)cc_buf_addstr(&hb, "\r\n");
            r->redirect_headers = cc_buf_take(&hb);
        }
        free(m);
    }
    resp = find_rec(a, final ? final : r->url, REC_RESPONSE);
    if (!resp) {
        free(final);
        r->error = cc_strdup("replay: not in WARC");
        return CC_OK;
    }
    result = read_block(a, resp, &block, err, errlen);
    if (result != CC_OK) {
        free(final);
        return result;
    }
    parse_response(block, resp->len, r);
    free(block);
    r->final_url = final ? final : cc_strdup(r->url);
    return CC_OK;
}
