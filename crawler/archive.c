/*
 * crawler/archive.c -- Wayback availability queries and Memento TimeGate
 * answers.  See archive.h.  jansson reads the availability answer.
 */
#include "crawler/archive.h"

#include "crawler/fetch_util.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ARCHIVE_MAX_LINKS 1000

enum archive_kind archive_spec(const char *spec, const char **endpoint)
{
    if (strncasecmp(spec, "memento:", 8) == 0) {
        *endpoint = spec + 8;
        return ARCHIVE_MEMENTO;
    }
    *endpoint = strncasecmp(spec, "wayback:", 8) == 0 ? spec + 8 : spec;
    return ARCHIVE_WAYBACK;
}

/* Percent-encode everything but RFC 3986 unreserved characters. */
static char *url_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *o = cc_malloc(3 * n + 1), *p = o;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~') {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    *p = '\0';
    return o;
}

char *archive_query_url(const char *endpoint, const char *url,
                        struct cc_date date)
{
    char *enc = url_encode(url);
    const char *sep = strchr(endpoint, '?') ? "&" : "?";
    char *q;

    if (cc_date_set(date))
        q = cc_asprintf("%s%surl=%s&timestamp=%04d%02d%02d", endpoint, sep,
                        enc, date.y, date.m ? date.m : 7,
                        date.d ? date.d : (date.m ? 15 : 1));
    else
        q = cc_asprintf("%s%surl=%s", endpoint, sep, enc);
    free(enc);
    return q;
}

bool archive_parse_answer(const char *json, size_t len, char **snapshot,
                          char **timestamp, char *why, size_t whylen)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    json_t *closest, *avail, *u, *ts;
    bool ok = false;

    *snapshot = *timestamp = NULL;
    if (!root) {
        cc_errf(why, whylen, "archive: answer is not JSON (%s)", je.text);
        return false;
    }
    closest = json_object_get(json_object_get(root, "archived_snapshots"),
                              "closest");
    avail = json_object_get(closest, "available");
    u = json_object_get(closest, "url");
    ts = json_object_get(closest, "timestamp");
    if (!closest) {
        cc_errf(why, whylen, "archive: no archived copy");
    } else if ((avail && !json_is_true(avail)) || !json_is_string(u) ||
               !*json_string_value(u)) {
        cc_errf(why, whylen, "archive: no usable archived copy");
    } else {
        *snapshot = cc_strdup(json_string_value(u));
        *timestamp = cc_strdup(json_is_string(ts) ? json_string_value(ts) : "");
        ok = true;
    }
    json_decref(root);
    return ok;
}

/* ---- Memento ----------------------------------------------------------- */

static const char wdays[7][4] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue",
                                 "Wed"};   /* 1970-01-01 was a Thursday */
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char *archive_timegate_url(const char *timegate, const char *url)
{
    return cc_asprintf("%s%s", timegate, url);
}

/* Days and seconds of the day of secs (floor division). */
static void split_secs(long long secs, long *days, long *sod)
{
    long long d = secs / 86400, r = secs % 86400;

    if (r < 0) {
        r += 86400;
        d--;
    }
    *days = (long)d;
    *sod = (long)r;
}

void archive_http_date_fmt(long long secs, char *buf, size_t n)
{
    long days, sod;
    struct cc_date d;

    split_secs(secs, &days, &sod);
    d = cc_date_from_days(days);
    cc_errf(buf, n, "%s, %02d %s %04d %02ld:%02ld:%02ld GMT",
            wdays[((days % 7) + 7) % 7], d.d, months[d.m - 1], d.y,
            sod / 3600, sod / 60 % 60, sod % 60);
}

void archive_timestamp_fmt(long long secs, char *buf, size_t n)
{
    long days, sod;
    struct cc_date d;

    split_secs(secs, &days, &sod);
    d = cc_date_from_days(days);
    cc_errf(buf, n, "%04d%02d%02d%02ld%02ld%02ld", d.y, d.m, d.d,
            sod / 3600, sod / 60 % 60, sod % 60);
}

/* Noon UTC of d (a month alone: its 15th, a year alone: 1 July) in
 * seconds since 1970; false for an unset or invalid date. */
static bool wanted_secs(struct cc_date d, long long *secs)
{
    if (!cc_date_set(d))
        return false;
    if (!d.m) {
        d.m = 7;
        d.d = 1;
    } else if (!d.d) {
        d.d = 15;
    }
    if (!cc_date_valid(d))
        return false;
    *secs = (long long)cc_date_days(d) * 86400 + 12 * 3600;
    return true;
}

char *archive_accept_datetime(struct cc_date d)
{
    char buf[40];
    long long secs;

    if (!wanted_secs(d, &secs))
        return NULL;
    archive_http_date_fmt(secs, buf, sizeof buf);
    return cc_asprintf("Accept-Datetime: %s", buf);
}

/* Reads exactly n digits at *p into *v (cc_digits) and steps past them. */
static bool digits(const char **p, int n, int *v)
{
    if ((*v = cc_digits(*p, n)) < 0)     /* stops at a NUL */
        return false;
    *p += n;
    return true;
}

static bool skip_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* "Nov" (any case) at *p: month 1..12 into *m, stepping past it. */
static bool month_name(const char **p, int *m)
{
    for (int k = 0; k < 12; k++) {
        if (strncasecmp(*p, months[k], 3) == 0) {
            *m = k + 1;
            *p += 3;
            return true;
        }
    }
    return false;
}

/* "08:49:37" */
static bool time_of_day(const char **p, int *hh, int *mm, int *ss)
{
    return digits(p, 2, hh) && skip_char(p, ':') && digits(p, 2, mm) &&
           skip_char(p, ':') && digits(p, 2, ss);
}

/* rfc850-date's two-digit year: a year more than 50 years ahead of
 * today is the latest past year with those digits (RFC 7231 7.1.1.1). */
static int full_year(int yy)
{
    int now = cc_date_today().y, y = now - now % 100 + yy;

    while (y > now + 50)
        y -= 100;
    return y;
}

bool archive_http_date_parse(const char *s, long long *secs)
{
    const char *p = s;
    struct cc_date d = {0, 0, 0};
    int hh, mm, ss, k = 0;
    bool ok;

    while (*p == ' ' || *p == '\t')
        p++;
    while (isalpha((unsigned char)p[k]))    /* weekday: not checked */
        k++;
    if (k == 3 && p[k] == ' ') {
        /* asctime-date: "Sun Nov  6 08:49:37 1994" */
        p += 4;
        ok = month_name(&p, &d.m) && skip_char(&p, ' ');
        if (ok && *p == ' ') {
            p++;
            ok = digits(&p, 1, &d.d);
        } else if (ok) {
            ok = digits(&p, 2, &d.d);
        }
        ok = ok && skip_char(&p, ' ') && time_of_day(&p, &hh, &mm, &ss) &&
             skip_char(&p, ' ') && digits(&p, 4, &d.y);
    } else if (k >= 6 && p[k] == ',') {
        /* rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT" */
        p += k + 1;
        ok = skip_char(&p, ' ') && digits(&p, 2, &d.d) &&
             skip_char(&p, '-') && month_name(&p, &d.m) &&
             skip_char(&p, '-') && digits(&p, 2, &d.y) &&
             skip_char(&p, ' ') && time_of_day(&p, &hh, &mm, &ss) &&
             skip_char(&p, ' ') && strncmp(p, "GMT", 3) == 0;
        if (ok) {
            d.y = full_year(d.y);
            p += 3;
        }
    } else if (k == 0 || (k == 3 && p[k] == ',')) {
        /* IMF-fixdate, the weekday optional: "Sun, 06 Nov 1994 08:49:37
         * GMT" */
        if (k) {
            p += 4;
            while (*p == ' ')
                p++;
        }
        ok = digits(&p, 2, &d.d) && skip_char(&p, ' ') &&
             month_name(&p, &d.m) && skip_char(&p, ' ') &&
             digits(&p, 4, &d.y) && skip_char(&p, ' ') &&
             time_of_day(&p, &hh, &mm, &ss) && skip_char(&p, ' ') &&
             strncmp(p, "GMT", 3) == 0;
        if (ok)
            p += 3;
    } else {
        return false;
    }
    if (!ok)
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p || !cc_date_valid(d) || hh > 23 || mm > 59 || ss > 60)
        return false;
    *secs = (long long)cc_date_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
    return true;
}

/* ---- Link headers (RFC 8288) -------------------------------------------- */

static bool is_tchar(char c)
{
    return isalnum((unsigned char)c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *skip_ows(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* A token or quoted-string at *p (quoted-pairs unescaped); NULL when
 * neither.  Caller frees. */
static char *param_value(const char **p)
{
    const char *s = *p;
    struct cc_buf b;

    if (*s != '"') {
        const char *e = s;

        while (is_tchar(*e) || *e == '/' || *e == ':')   /* lenient: URLs */
            e++;
        if (e == s)
            return NULL;
        *p = e;
        return cc_strndup(s, (size_t)(e - s));
    }
    cc_buf_init(&b, strlen(s) + 1);
    for (s++; *s && *s != '"'; s++) {
        if (*s == '\\' && s[1])
            s++;
        (void)cc_buf_addc(&b, *s);   /* bounded by the input's length */
    }
    if (*s != '"') {
        cc_buf_free(&b);
        return NULL;
    }
    *p = s + 1;
    return cc_buf_take(&b);
}

static void link_free(struct archive_link *l)
{
    free(l->url);
    free(l->rel);
    free(l->datetime);
}

/* One link-value at *p into *l; false on a syntax error. */
static bool parse_link(const char **pp, struct archive_link *l)
{
    const char *p = *pp, *e;

    memset(l, 0, sizeof *l);
    if (*p != '<' || !(e = strchr(p + 1, '>')))
        return false;
    l->url = cc_strndup(p + 1, (size_t)(e - p - 1));
    p = skip_ows(e + 1);
    while (*p == ';') {
        const char *name = p = skip_ows(p + 1);
        size_t nlen;
        char *v = NULL;

        while (is_tchar(*p))
            p++;
        nlen = (size_t)(p - name);
        p = skip_ows(p);
        if (nlen && *p == '=') {
            p = skip_ows(p + 1);
            if (!(v = param_value(&p)))
                nlen = 0;
            p = skip_ows(p);
        }
        if (!nlen) {            /* no name, or "name=" without a value */
            link_free(l);
            return false;
        }
        if (nlen == 3 && strncasecmp(name, "rel", 3) == 0 && !l->rel && v) {
            for (char *c = v; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            l->rel = v;
        } else if (nlen == 8 && strncasecmp(name, "datetime", 8) == 0 &&
                   !l->datetime && v) {
            l->datetime = v;
        } else {
            free(v);
        }
    }
    *pp = p;
    if (*p && *p != ',') {
        link_free(l);
        return false;
    }
    return true;
}

cc_result archive_links_parse(const char *value, struct archive_links *out,
                              char *why, size_t whylen)
{
    const char *p = value ? value : "";
    size_t n0 = out->n, cap = out->n;

    for (;;) {
        struct archive_link l;

        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            return CC_OK;
        if (out->n - n0 >= ARCHIVE_MAX_LINKS || !parse_link(&p, &l)) {
            cc_errf(why, whylen, "archive: %s in Link header near \"%.40s\"",
                    out->n - n0 >= ARCHIVE_MAX_LINKS ? "too many links"
                                                     : "syntax error", p);
            while (out->n > n0)
                link_free(&out->v[--out->n]);
            return CC_EPARSE;
        }
        out->v = cc_grow(out->v, &cap, out->n + 1, sizeof *out->v);
        out->v[out->n++] = l;
    }
}

void archive_links_clear(struct archive_links *l)
{
    for (size_t i = 0; i < l->n; i++)
        link_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

bool archive_rel_has(const char *rel, const char *token)
{
    size_t tl = strlen(token);

    while (rel && *rel) {
        size_t n;

        rel += strspn(rel, " \t");
        n = strcspn(rel, " \t");
        if (n && n == tl && strncasecmp(rel, token, n) == 0)
            return true;
        rel += n;
    }
    return false;
}

char *archive_header(const char *raw, const char *name)
{
    size_t nl = strlen(name);
    struct cc_buf b;
    bool any = false;
    const char *p = raw;

    if (!raw)
        return NULL;
    cc_buf_init(&b, strlen(raw) + 1);
    while (*p) {
        size_t len = strcspn(p, "\r\n");

        if (len > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1;
            size_t vl = len - nl - 1;

            while (vl && (*v == ' ' || *v == '\t')) {
                v++;
                vl--;
            }
            while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
                vl--;
            if (any)
                (void)cc_buf_add(&b, ", ", 2);
            (void)cc_buf_add(&b, v, vl);   /* bounded by raw's length */
            any = true;
        }
        p += len;
        p += strspn(p, "\r\n");
    }
    if (!any) {
        cc_buf_free(&b);
        return NULL;
    }
    return cc_buf_take(&b);
}

/* A memento that could be chosen. */
struct cand {
    char *url;                /* absolute */
    long long secs;
    bool timed;               /* secs known */
};

/* rel="memento" links with a datetime, from the Link headers of raw,
 * resolved against base, appended to *c. */
static void link_cands(const char *raw, const char *base, struct cand **c,
                       size_t *n, size_t *cap)
{
    char *v = archive_header(raw, "Link");
    struct archive_links ls = {NULL, 0};

    if (!v || archive_links_parse(v, &ls, NULL, 0) != CC_OK) {
        archive_links_clear(&ls);
        free(v);
        return;
    }
    for (size_t i = 0; i < ls.n; i++) {
        long long secs;
        char *u;

        if (!archive_rel_has(ls.v[i].rel, "memento") || !ls.v[i].datetime ||
            !archive_http_date_parse(ls.v[i].datetime, &secs) ||
            !(u = fetch_url_resolve(base, ls.v[i].url)))
            continue;
        *c = cc_grow(*c, cap, *n + 1, sizeof **c);
        (*c)[(*n)++] = (struct cand){u, secs, true};
    }
    archive_links_clear(&ls);
    free(v);
}

/* |a - b| without overflow worries for dates in 0001..9999. */
static long long dist(long long a, long long b)
{
    return a > b ? a - b : b - a;
}

bool archive_memento_pick(const struct fetch_result *r, struct cc_date want,
                          struct archive_memento *m, char *why,
                          size_t whylen)
{
    const char *final = r->final_url ? r->final_url : r->url;
    struct cand *c = NULL, got = {NULL, 0, false};
    size_t n = 0, cap = 0, best = (size_t)-1;
    char *mdt, ts[32];
    long long target = 0;
    bool have_got = false, dated = wanted_secs(want, &target);

    memset(m, 0, sizeof *m);
    if (r->error) {
        cc_errf(why, whylen, "archive: TimeGate: %s", r->error);
        return false;
    }
    if (r->status != 200) {
        cc_errf(why, whylen, "archive: no memento (TimeGate answered HTTP "
                "%ld)", r->status);
        return false;
    }
    link_cands(r->redirect_headers, r->url, &c, &n, &cap);
    link_cands(r->raw_headers, final, &c, &n, &cap);
    /* the memento in hand */
    mdt = archive_header(r->raw_headers, "Memento-Datetime");
    if (mdt && archive_http_date_parse(mdt, &got.secs)) {
        char *cl = r->nredirects ? NULL
                                 : archive_header(r->raw_headers,
                                                  "Content-Location");

        got.url = cl ? fetch_url_resolve(final, cl) : NULL;
        if (!got.url)
            got.url = cc_strdup(final);
        got.timed = have_got = true;
        free(cl);
    } else if (r->nredirects) {
        /* 302 to a copy without Memento-Datetime: its link may date it */
        got.url = cc_strdup(final);
        have_got = true;
        for (size_t i = 0; i < n && !got.timed; i++)
            if (strcmp(c[i].url, final) == 0 ||
                strcmp(c[i].url, r->redirects[0]) == 0) {
                got.secs = c[i].secs;
                got.timed = true;
            }
    }
    free(mdt);
    for (size_t i = 0; i < n; i++) {
        if (best == (size_t)-1)
            best = i;
        else if (dated ? dist(c[i].secs, target) < dist(c[best].secs, target)
                       : c[i].secs > c[best].secs)
            best = i;
    }
    if (have_got && (best == (size_t)-1 || !dated ||
                     (got.timed && dist(got.secs, target) <=
                                       dist(c[best].secs, target)))) {
        m->url = got.url;
        got.url = NULL;
        m->in_hand = true;
        if (got.timed)
            archive_timestamp_fmt(got.secs, ts, sizeof ts);
        m->timestamp = cc_strdup(got.timed ? ts : "");
    } else if (best != (size_t)-1) {
        m->url = c[best].url;
        c[best].url = NULL;
        archive_timestamp_fmt(c[best].secs, ts, sizeof ts);
        m->timestamp = cc_strdup(ts);
    }
    free(got.url);
    for (size_t i = 0; i < n; i++)
        free(c[i].url);
    free(c);
    if (!m->url) {
        cc_errf(why, whylen, "archive: the TimeGate's answer names no "
                "memento");
        return false;
    }
    return true;
}

void archive_memento_clear(struct archive_memento *m)
{
    free(m->url);
    free(m->timestamp);
    memset(m, 0, sizeof *m);
}
