/*
 * common/cc.c -- allocation, bounded buffers, messages and calendar helpers
 * shared by every module.  See cc.h for the contracts.
 */
#include "common/cc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *cc_result_name(cc_result result)
{
    switch (result) {
    case CC_OK: return "ok";
    case CC_ENOMEM: return "memory";
    case CC_EIO: return "io";
    case CC_ENET: return "network";
    case CC_EHTTP: return "http";
    case CC_EPARSE: return "parse";
    case CC_ELIMIT: return "limit";
    case CC_EDB: return "db";
    case CC_EUSAGE: return "usage";
    }
    return "unknown";
}

void cc_errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The one place an allocation failure ends the program. */
void cc_oom(void)
{
    static const char msg[] = "citecheck: out of memory\n";

    fwrite(msg, 1, sizeof msg - 1, stderr);
    abort();
}

void *cc_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        cc_oom();
    return p;
}

void *cc_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (!p)
        cc_oom();
    return p;
}

void *cc_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q)
        cc_oom();
    return q;
}

void *cc_grow(void *arr, size_t *cap, size_t need, size_t size)
{
    size_t ncap;

    if (need <= *cap)
        return arr;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            cc_oom();
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        cc_oom();
    arr = cc_realloc(arr, ncap * size);
    *cap = ncap;
    return arr;
}

char *cc_strdup(const char *s)
{
    return s ? cc_strndup(s, strlen(s)) : NULL;
}

char *cc_strndup(const char *s, size_t n)
{
    size_t len;
    char *p;

    if (!s)
        return NULL;
    len = strnlen(s, n);
    p = cc_malloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *cc_asprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    int n;
    char *p;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return cc_strdup("");
    }
    p = cc_malloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

/* ---- bounded buffer ------------------------------------------------- */

void cc_buf_init(struct cc_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

char *cc_buf_room(struct cc_buf *b, size_t n)
{
    size_t need;

    if (n > b->max || b->len > b->max - n)
        return NULL;
    need = b->len + n + 1;
    if (need > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;

        while (ncap < need)
            ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
        b->data = cc_realloc(b->data, ncap);
        b->cap = ncap;
    }
    return b->data + b->len;
}

void cc_buf_added(struct cc_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

cc_result cc_buf_add(struct cc_buf *b, const void *p, size_t n)
{
    char *room = cc_buf_room(b, n);

    if (!room)
        return CC_ELIMIT;
    if (n)
        memcpy(room, p, n);
    cc_buf_added(b, n);
    return CC_OK;
}

cc_result cc_buf_add_upto(struct cc_buf *b, const void *p, size_t n)
{
    if (cc_buf_add(b, p, n) == CC_OK)
        return CC_OK;
    (void)cc_buf_add(b, p, b->max - b->len);
    return CC_ELIMIT;
}

cc_result cc_buf_addstr(struct cc_buf *b, const char *s)
{
    return cc_buf_add(b, s, strlen(s));
}

cc_result cc_buf_addc(struct cc_buf *b, char c)
{
    return cc_buf_add(b, &c, 1);
}

cc_result cc_buf_printf(struct cc_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;
    cc_result result;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return CC_EPARSE;
    if ((size_t)n < sizeof small)
        return cc_buf_add(b, small, (size_t)n);
    {
        char *big = cc_malloc((size_t)n + 1);

        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        result = cc_buf_add(b, big, (size_t)n);
        free(big);
    }
    return result;
}

void cc_buf_reset(struct cc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *cc_buf_take(struct cc_buf *b)
{
    char *p = b->data ? b->data : cc_strdup("");

    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}

void cc_buf_free(struct cc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

cc_result cc_read_file(const char *path, size_t max, char **out, size_t *len,
                       char *err, size_t errlen)
{
    FILE *f;
    struct cc_buf b;
    char chunk[65536];
    size_t n;
    struct stat st;
    cc_result result = CC_OK;

    *out = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0) {
        f = stdin;
    } else {
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            cc_errf(err, errlen, "%s: is a directory", path);
            return CC_EIO;
        }
        f = fopen(path, "rb");
        if (!f) {
            cc_errf(err, errlen, "%s: %s", path, strerror(errno));
            return CC_EIO;
        }
    }
    cc_buf_init(&b, max);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (cc_buf_add(&b, chunk, n) != CC_OK) {
            cc_errf(err, errlen, "%s: larger than %zu bytes", path, max);
            result = CC_ELIMIT;
            break;
        }
    }
    if (result == CC_OK && ferror(f)) {
        cc_errf(err, errlen, "%s: read error: %s", path, strerror(errno));
        result = CC_EIO;
    }
    if (f != stdin)
        fclose(f);
    if (result != CC_OK) {
        cc_buf_free(&b);
        return result;
    }
    *len = b.len;
    *out = cc_buf_take(&b);
    return CC_OK;
}

/* ---- calendar -------------------------------------------------------- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cc_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    return m == 2 && leap(y) ? 29 : dm[m - 1];
}

bool cc_date_set(struct cc_date d)
{
    return d.y != 0;
}

bool cc_date_valid(struct cc_date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= cc_days_in_month(d.y, d.m);
}

/* Howard Hinnant's days_from_civil algorithm (public domain description). */
long cc_date_days(struct cc_date d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

struct cc_date cc_date_from_days(long z)
{
    struct cc_date r;
    long era, doe, yoe, y, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(y + (r.m <= 2));
    return r;
}

int cc_date_cmp(struct cc_date a, struct cc_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

void cc_date_fmt(struct cc_date d, char *buf, size_t n)
{
    if (!cc_date_set(d)) {
        if (n)
            buf[0] = '\0';
        return;
    }
    if (d.m == 0)
        snprintf(buf, n, "%04d", d.y);
    else if (d.d == 0)
        snprintf(buf, n, "%04d-%02d", d.y, d.m);
    else
        snprintf(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

int cc_digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool cc_date_parse_iso(const char *s, struct cc_date *out)
{
    struct cc_date d;

    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return false;
    d.y = cc_digits(s, 4);
    d.m = cc_digits(s + 5, 2);
    d.d = cc_digits(s + 8, 2);
    if (d.y < 0 || d.m < 0 || d.d < 0 || !cc_date_valid(d))
        return false;
    if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return false;
    *out = d;
    return true;
}

struct cc_date cc_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    struct cc_date d = {0, 0, 0};

    if (gmtime_r(&now, &tm)) {
        d.y = tm.tm_year + 1900;
        d.m = tm.tm_mon + 1;
        d.d = tm.tm_mday;
    }
    return d;
}

struct cc_period cc_period_year(int y)
{
    struct cc_period p = {{y, 1, 1}, {y, 12, 31}};

    return p;
}

struct cc_period cc_period_months(int y, int m1, int m2)
{
    struct cc_period p = {{y, m1, 1}, {y, m2, cc_days_in_month(y, m2)}};

    return p;
}

bool cc_period_set(struct cc_period p)
{
    return cc_date_set(p.start);
}

bool cc_period_equal(struct cc_period a, struct cc_period b)
{
    return cc_date_cmp(a.start, b.start) == 0 &&
           cc_date_cmp(a.end, b.end) == 0;
}

bool cc_period_contains(struct cc_period outer, struct cc_period inner)
{
    return cc_date_cmp(outer.start, inner.start) <= 0 &&
           cc_date_cmp(inner.end, outer.end) <= 0;
}

bool cc_period_overlaps(struct cc_period a, struct cc_period b)
{
    return cc_date_cmp(a.start, b.end) <= 0 &&
           cc_date_cmp(b.start, a.end) <= 0;
}

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

void cc_period_fmt(struct cc_period p, char *buf, size_t n)
{
    struct cc_date s = p.start, e = p.end;
    bool month_start = s.d == 1;
    bool month_end = e.d == cc_days_in_month(e.y, e.m);

    if (!cc_period_set(p)) {
        snprintf(buf, n, "no period");
        return;
    }
    if (cc_date_cmp(s, e) == 0) {
        cc_date_fmt(s, buf, n);
        return;
    }
    if (s.y == e.y && month_start && month_end) {
        if (s.m == 1 && e.m == 12)
            snprintf(buf, n, "%04d", s.y);
        else if (s.m == e.m)
            snprintf(buf, n, "%s %04d", month_names[s.m - 1], s.y);
        else
            snprintf(buf, n, "%s\u2013%s %04d", month_names[s.m - 1],
                     month_names[e.m - 1], s.y);
        return;
    }
    if (month_start && month_end && s.m == 1 && e.m == 12) {
        snprintf(buf, n, "%04d\u2013%04d", s.y, e.y);
        return;
    }
    {
        char a[16], b[16];

        cc_date_fmt(s, a, sizeof a);
        cc_date_fmt(e, b, sizeof b);
        snprintf(buf, n, "%s\u2013%s", a, b);
    }
}
