/*
 * parser/document_ref.c -- what one reference says: its URL, title,
 * publisher and date.  See document_int.h.
 *
 * Reference styles recognised (the date is found first, at the end of
 * the text before the URL):
 *   "Title, Publisher, 7 Apr 2024. URL"   comma fields: the last is the
 *                                          date, the one before the
 *                                          publisher, the rest the title
 *                                          (which may hold commas)
 *   "Publisher. Title.2024.URL"            period fields: the short one
 *                                          (<= 5 words) is the publisher
 *   "Author, K.Y. (2025). Title. Journal, 05(03), 20-24."   APA
 *   anything else with no date: the text before the URL is the title.
 */
#include "parser/document_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- URLs ------------------------------------------------------------- */

static bool url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !strchr("<>\"{}|\\^`", c);
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* Last whitespace-separated token of s[0..n). */
static const char *last_token(const char *s, size_t n, size_t *tn)
{
    size_t e = n, b;

    while (e > 0 && s[e - 1] == ' ')
        e--;
    b = e;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    *tn = e - b;
    return s + b;
}

static bool token_urlish(const char *t, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (memcmp(t + i, "://", 3) == 0)
            return true;
    return n >= 4 && ieq(t, "www.", 4);
}

bool doc_url_open(const char *s, size_t n)
{
    size_t tn;
    const char *t = last_token(s, n, &tn);

    if (tn == 0 || !token_urlish(t, tn) || n == 0 || s[n - 1] == ' ')
        return false;
    return strchr("-/_=&.%~+", t[tn - 1]) != NULL;
}

bool doc_url_cont(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && s[i] != ' ') {
        if (!url_char((unsigned char)s[i]))
            return false;
        i++;
    }
    return i > 0;
}

bool doc_has_url(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(s + i, "://", 3) == 0 || ieq(s + i, "www.", 4) ||
            ieq(s + i, "doi:", 4))
            return true;
    return false;
}

/* Drop trailing artefacts ('?', '.', ',', quotes, an unbalanced ')'). */
static size_t url_trim(const char *u, size_t n)
{
    size_t open = 0, close = 0;

    for (size_t i = 0; i < n; i++)
        open += u[i] == '(', close += u[i] == ')';
    while (n > 0) {
        char c = u[n - 1];

        if (c == ')') {
            if (close <= open)
                break;
            close--;
        } else if (!strchr("?.,;:!'\"]>", c)) {
            break;
        }
        n--;
    }
    return n;
}

/* Why a URL with a scheme other than http(s) is refused. */
static const char *scheme_problem(const char *u, size_t n)
{
    static const char *const other[] = {
        "ftp", "ftps", "sftp", "file", "mailto", "gopher", "ws", "wss",
        "git", "ssh", "smb", "telnet", "news", "irc", "data", "javascript",
    };
    size_t k = 0;

    while (k < n && is_alpha(u[k]))
        k++;
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (strlen(other[i]) == k && ieq(u, other[i], k))
            return "not an http(s) URL";
    return "malformed URL (unknown scheme)";
}

/* Check an absolute http(s) URL; NULL when fine, else the reason. */
static const char *url_check(const char *u, size_t n)
{
    size_t i = 0, hs, he, dots = 0;
    const char *p;

    if (n >= 7 && ieq(u, "http://", 7))
        i = 7;
    else if (n >= 8 && ieq(u, "https://", 8))
        i = 8;
    else
        return scheme_problem(u, n);
    hs = i;
    while (i < n && u[i] != '/' && u[i] != '?' && u[i] != '#')
        i++;
    he = i;
    p = memchr(u + hs, '@', he - hs);
    if (p)
        return "malformed URL (credentials in the host)";
    if (he == hs)
        return "malformed URL (no host)";
    for (size_t k = hs; k < he; k++) {
        if (u[k] == ':') {          /* port */
            size_t d = k + 1;
            long port = 0;

            if (d == he)
                return "malformed URL (empty port)";
            for (; d < he; d++) {
                if (!is_digit(u[d]) || d - k > 5)
                    return "malformed URL (bad port)";
                port = port * 10 + (u[d] - '0');
            }
            if (port == 0 || port > 65535)
                return "malformed URL (bad port)";
            he = k;
            break;
        }
    }
    if (he == hs || u[hs] == '.' || u[hs] == '-' || u[he - 1] == '-')
        return "malformed URL (bad host)";
    for (size_t k = hs; k < he; k++) {
        char c = u[k];

        if (c == '.') {
            if (u[k - 1] == '.' || u[k - 1] == '-' ||
                (k + 1 < he && u[k + 1] == '-'))
                return "malformed URL (bad host)";
            dots++;
        } else if (!is_alpha(c) && !is_digit(c) && c != '-') {
            return "malformed URL (bad character in host)";
        }
    }
    if (dots == 0 && !(he - hs == 9 && ieq(u + hs, "localhost", 9)))
        return "malformed URL (host has no domain)";
    return NULL;
}

struct url_hit {
    size_t start, end;  /* in the text */
    char *url;          /* NULL when bad */
    const char *why;
};

/* Next URL-like thing at or after *pos.  Returns false when none. */
static bool next_url(const char *s, size_t len, size_t *pos,
                     struct url_hit *h)
{
    for (size_t i = *pos; i < len; i++) {
        size_t b = i, e;

        if (i + 3 <= len && memcmp(s + i, "://", 3) == 0) {
            while (b > 0 && is_alpha(s[b - 1]))
                b--;
            if (b == i) {
                continue;
            }
        } else if (i + 4 <= len && ieq(s + i, "www.", 4) &&
                   (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
                    s[i - 1] == '<')) {
            b = i;
        } else if (i + 4 <= len && ieq(s + i, "doi:", 4) &&
                   (i == 0 || !is_alpha(s[i - 1]))) {
            b = i;
        } else {
            continue;
        }
        e = i;
        while (e < len && url_char((unsigned char)s[e]))
            e++;
        e = b + url_trim(s + b, e - b);
        h->start = b;
        h->end = e;
        h->url = NULL;
        h->why = NULL;
        if (ieq(s + b, "doi:", 4)) {
            size_t d = b + 4;

            while (d < len && s[d] == ' ')
                d++;
            e = d;
            while (e < len && url_char((unsigned char)s[e]))
                e++;
            e = d + url_trim(s + d, e - d);
            h->end = e;
            if (e - d < 4 || memcmp(s + d, "10.", 3) != 0) {
                h->why = "malformed DOI";
            } else {
                h->url = cc_asprintf("https://doi.org/%.*s", (int)(e - d),
                                     s + d);
            }
        } else if (ieq(s + b, "www.", 4)) {
            /* a bare host: the web means https */
            h->url = cc_asprintf("https://%.*s", (int)(e - b), s + b);
            h->why = url_check(h->url, strlen(h->url));
        } else {
            h->url = cc_strndup(s + b, e - b);
            h->why = url_check(h->url, e - b);
        }
        if (h->why) {
            free(h->url);
            h->url = NULL;
        }
        *pos = e > i ? e : i + 1;
        return true;
    }
    return false;
}

/* Sets r->url/url_line/url_error; returns where the first URL starts
 * (len when none). */
static size_t find_url(struct doc_ref *r, const struct doc_tb *t)
{
    size_t pos = 0, first = t->len;
    struct url_hit h;
    bool any = false;

    while (next_url(t->s, t->len, &pos, &h)) {
        if (!any) {
            first = h.start;
            any = true;
            if (!h.url)
                r->url_error = cc_asprintf("%s: %.*s", h.why,
                                           (int)(h.end - h.start),
                                           t->s + h.start);
        }
        if (h.url) {
            r->url = h.url;
            r->url_line = t->ln[h.start];
            free(r->url_error);
            r->url_error = NULL;
            return first;
        }
    }
    return first;
}

/* ---- dates ------------------------------------------------------------ */

static const char *const months[][3] = {
    {"jan", "january", "yanvar"}, {"feb", "february", "fevral"},
    {"mar", "march", "mart"},     {"apr", "april", "aprel"},
    {"may", "may", "may"},        {"jun", "june", "iyun"},
    {"jul", "july", "iyul"},      {"aug", "august", "avgust"},
    {"sep", "september", "sentabr"}, {"oct", "october", "oktabr"},
    {"nov", "november", "noyabr"}, {"dec", "december", "dekabr"},
};

/* Month number of the word s[0..n) ("Apr", "April", "Sept", "aprel"). */
static int month_of(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 4 && ieq(s, "sept", 4))
        return 9;
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3; k++)
            if (strlen(months[m][k]) == n && ieq(s, months[m][k], n))
                return m + 1;
    return 0;
}

/* Digits ending at e: value and count (at most 4). */
static int digits_before(const char *s, size_t e, size_t *start)
{
    size_t b = e;
    int v = 0, mul = 1;

    while (b > 0 && is_digit(s[b - 1]) && e - b < 5)
        b--;
    for (size_t k = e; k > b; k--) {
        v += (s[k - 1] - '0') * mul;
        mul *= 10;
    }
    *start = b;
    return v;
}

static bool sep_before(const char *s, size_t b)
{
    return b == 0 || strchr(" ,.(;:", s[b - 1]) != NULL;
}

/* The word (letters and an optional '.') ending at e. */
static size_t word_before(const char *s, size_t e)
{
    size_t b = e;

    if (b > 0 && s[b - 1] == '.')
        b--;
    while (b > 0 && is_alpha(s[b - 1]))
        b--;
    return b;
}

bool doc_date_at_end(const char *s, size_t n, struct cc_date *d,
                     size_t *start)
{
    size_t yb, b, mb;
    int y, m, day;

    if (n == 0 || !is_digit(s[n - 1]))
        return false;
    y = digits_before(s, n, &yb);
    if (n - yb == 2 && yb >= 6 && (s[yb - 1] == '-')) {
        /* 2024-04-07 */
        size_t b2, b3;
        int dd = y, mm = digits_before(s, yb - 1, &b2);

        if (yb - 1 - b2 == 2 && b2 >= 5 && s[b2 - 1] == '-') {
            int yy = digits_before(s, b2 - 1, &b3);

            if (b2 - 1 - b3 == 4 && sep_before(s, b3)) {
                *d = (struct cc_date){yy, mm, dd};
                *start = b3;
                return cc_date_valid(*d);
            }
        }
        return false;
    }
    if (n - yb != 4 || y < 1800 || y > 2100)
        return false;
    if (yb >= 6 && (s[yb - 1] == '.' || s[yb - 1] == '/') &&
        is_digit(s[yb - 2])) {
        /* 07.04.2024 (day first) */
        size_t b2, b3;
        int mm = digits_before(s, yb - 1, &b2), dd;

        if (yb - 1 - b2 >= 1 && yb - 1 - b2 <= 2 && b2 >= 2 &&
            s[b2 - 1] == s[yb - 1]) {
            dd = digits_before(s, b2 - 1, &b3);
            if (b2 - 1 - b3 >= 1 && b2 - 1 - b3 <= 2 && sep_before(s, b3)) {
                *d = (struct cc_date){y, mm, dd};
                *start = b3;
                return cc_date_valid(*d);
            }
        }
    }
    *d = (struct cc_date){y, 0, 0};
    *start = yb;
    if (yb >= 2 && s[yb - 1] == ' ') {
        size_t e = yb - 1;

        /* "April 7, 2024" */
        if (e > 0 && s[e - 1] == ',') {
            day = digits_before(s, e - 1, &b);
            if (e - 1 - b >= 1 && e - 1 - b <= 2 && b >= 2 && s[b - 1] == ' ') {
                mb = word_before(s, b - 1);
                m = month_of(s + mb, b - 1 - mb);
                if (m && sep_before(s, mb) &&
                    cc_date_valid((struct cc_date){y, m, day})) {
                    *d = (struct cc_date){y, m, day};
                    *start = mb;
                    return true;
                }
            }
        }
        mb = word_before(s, e);
        m = month_of(s + mb, e - mb);
        if (m && mb < e) {
            *d = (struct cc_date){y, m, 0};
            *start = mb;
            /* "7 Apr 2024" */
            if (mb >= 2 && s[mb - 1] == ' ') {
                day = digits_before(s, mb - 1, &b);
                if (mb - 1 - b >= 1 && mb - 1 - b <= 2 && sep_before(s, b) &&
                    cc_date_valid((struct cc_date){y, m, day})) {
                    *d = (struct cc_date){y, m, day};
                    *start = b;
                }
            }
            return sep_before(s, *start);
        }
    }
    return sep_before(s, yb);
}

/* ---- metadata --------------------------------------------------------- */

static size_t rtrim(const char *s, size_t n, const char *drop)
{
    while (n > 0 && strchr(drop, s[n - 1]))
        n--;
    return n;
}

/* Copy of s[0..n) without surrounding spaces, quotes and trailing
 * punctuation; NULL when nothing is left. */
static char *field(const char *s, size_t n)
{
    static const char *const q[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xab",
                                     "\xc2\xbb", "\"", "'"};
    bool again = true;

    while (again) {
        again = false;
        while (n > 0 && *s == ' ')
            s++, n--;
        n = rtrim(s, n, " .,;:");
        for (size_t k = 0; k < sizeof q / sizeof *q; k++) {
            size_t ql = strlen(q[k]);

            if (n >= ql && memcmp(s, q[k], ql) == 0)
                s += ql, n -= ql, again = true;
            if (n >= ql && memcmp(s + n - ql, q[k], ql) == 0)
                n -= ql, again = true;
        }
    }
    return n ? cc_strndup(s, n) : NULL;
}

static size_t words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            in = false;
        else if (!in)
            in = true, w++;
    }
    return w;
}

/* Offset of the last ", " in s[0..n), or n. */
static size_t last_comma(const char *s, size_t n)
{
    for (size_t i = n; i >= 2; i--)
        if (s[i - 2] == ',' && s[i - 1] == ' ')
            return i - 2;
    return n;
}

/* "Title, Publisher" -> title, publisher. */
static void comma_fields(struct doc_ref *r, const char *s, size_t n)
{
    size_t c = last_comma(s, n);

    if (c < n && words(s + c + 2, n - c - 2) <= 8) {
        r->title = field(s, c);
        r->publisher = field(s + c + 2, n - c - 2);
    } else {
        r->title = field(s, n);
    }
}

/* End of the first sentence-like field of s[0..n) (its '.'), or n. */
static size_t first_period(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t e;

        if ((s[i] == '.' || s[i] == '?' || s[i] == '!') &&
            doc_sentence_end(s, n, i, &e))
            return s[i] == '.' ? i : i + 1;
    }
    return n;
}

/* "Publisher. Title" or "Title. Publisher". */
static void period_fields(struct doc_ref *r, const char *s, size_t n)
{
    size_t p = first_period(s, n), w0, w1;

    if (p >= n) {
        comma_fields(r, s, n);
        return;
    }
    w0 = words(s, p);
    w1 = words(s + p + 1, n - p - 1);
    if (w0 <= 5 && w0 < w1) {
        r->publisher = field(s, p);
        r->title = field(s + p + 1, n - p - 1);
    } else if (w1 <= 5 && w1 < w0) {
        r->title = field(s, p);
        r->publisher = field(s + p + 1, n - p - 1);
    } else {
        r->title = field(s, n);
    }
}

/* APA: "Author, K.Y. (2025). Title. Journal, 05(03), 20-24." */
static bool apa(struct doc_ref *r, const char *s, size_t n)
{
    for (size_t i = 1; i + 6 <= n; i++) {
        size_t j = i + 1, k, p;
        int y = 0;

        if (s[i] != '(' || (s[i - 1] != ' ' && s[i - 1] != '.'))
            continue;
        while (j < n && is_digit(s[j]) && j - i <= 4)
            y = y * 10 + (s[j++] - '0');
        if (j - i != 5 || y < 1800 || y > 2100)
            continue;
        k = j;
        while (k < n && s[k] != ')' && k - j < 24)
            k++;
        if (k >= n || s[k] != ')' || k + 1 >= n ||
            (s[k + 1] != '.' && s[k + 1] != ':'))
            continue;
        r->date = (struct cc_date){y, 0, 0};
        r->date_text = cc_strndup(s + i + 1, 4);
        if (k > j + 2 && s[j] == ',') {
            /* (2024, April 7) */
            size_t mb = j + 1, me;
            int m, d = 0;

            while (mb < k && s[mb] == ' ')
                mb++;
            me = mb;
            while (me < k && is_alpha(s[me]))
                me++;
            m = month_of(s + mb, me - mb);
            while (me < k && (s[me] == ' ' || s[me] == '.'))
                me++;
            while (me < k && is_digit(s[me]))
                d = d * 10 + (s[me++] - '0');
            if (m && cc_date_valid((struct cc_date){y, m, d ? d : 1})) {
                r->date = (struct cc_date){y, m, d};
                free(r->date_text);
                r->date_text = cc_strndup(s + i + 1, k - i - 1);
            }
        }
        k++;
        while (k < n && (s[k] == '.' || s[k] == ':' || s[k] == ' '))
            k++;
        p = k + first_period(s + k, n - k);
        r->title = field(s + k, p - k);
        if (p < n) {
            const char *rest = s + p + 1;
            size_t rn = n - p - 1, c = 0;
            const char *colon;

            while (c < rn && !(rest[c] == ',' || (rest[c] == '.' &&
                   (c + 1 == rn || rest[c + 1] == ' '))))
                c++;
            colon = memchr(rest, ':', c);
            if (colon && colon + 1 < rest + c && colon[1] == ' ')
                r->publisher = field(colon + 1, (size_t)(rest + c - colon - 1));
            else
                r->publisher = field(rest, c);
        }
        return true;
    }
    return false;
}

static void metadata(struct doc_ref *r, const char *s, size_t n)
{
    size_t ds, rn;
    struct cc_date d;

    n = rtrim(s, n, " .,;:");
    if (n == 0 || apa(r, s, n))
        return;
    if (n > 6 && s[n - 1] == ')' && s[n - 6] == '(' &&
        doc_date_at_end(s, n - 1, &d, &ds) && ds == n - 5) {
        /* "Title, Publisher, (2025)" */
        r->date = d;
        r->date_text = cc_strndup(s + ds, 4);
        ds = n - 6;
    } else if (doc_date_at_end(s, n, &d, &ds) && ds > 0) {
        r->date = d;
        r->date_text = cc_strndup(s + ds, n - ds);
    } else {
        ds = 0;
    }
    if (ds > 0) {
        rn = rtrim(s, ds, " ");
        if (rn > 0 && s[rn - 1] == '.')
            period_fields(r, s, rtrim(s, rn, " ."));
        else
            comma_fields(r, s, rtrim(s, rn, " ,;:"));
        return;
    }
    /* no date: "Title, Publisher" or just a title */
    comma_fields(r, s, n);
}

/* Replace the user:password part of every "scheme://user:pw@host" in s
 * with "***" (one of one or two bytes with as many "*"), in place, so the
 * text never grows and credentials cited in a footnote never reach the
 * database, reports or logs. */
static void redact_userinfo(char *s)
{
    char *p = s;

    while (s && (p = strstr(p, "://")) != NULL) {
        char *a = p + 3, *e = a;

        while (*e && *e != '/' && *e != '@' && *e != ' ' && *e != '?' &&
               *e != '#')
            e++;
        if (*e == '@' && e - a >= 3) {
            memcpy(a, "***", 3);
            memmove(a + 3, e, strlen(e) + 1);
            e = a + 3;
        } else if (*e == '@' && e > a) {
            memset(a, '*', (size_t)(e - a));  /* "p@": as long, no longer */
        }
        p = e;
    }
}

void doc_ref_analyse(struct doc_ref *r, const struct doc_tb *t)
{
    size_t u = find_url(r, t);

    metadata(r, t->s, u);
    redact_userinfo(r->text);
    redact_userinfo(r->url_error);
    redact_userinfo(r->title);
}
