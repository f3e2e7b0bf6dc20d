/*
 * report/markup.c -- untrusted text written into XML (JUnit), HTML and
 * Markdown, URL and URI helpers, and the SHA-256 digest the HTML report's
 * Content-Security-Policy needs for its inline style and script.
 *
 * The rules (one place for every markup writer):
 *   - invalid UTF-8 bytes become U+FFFD, so the output is well-formed;
 *   - C0 controls other than \t \n \r, DEL, C1 controls and U+FFFE/U+FFFF
 *     are dropped (XML 1.0 forbids most of them; none is ever wanted);
 *   - bidi controls and U+2028/U+2029 are shown as the text "\u{202E}",
 *     as in the terminal report, so no reordering trick reaches a reader;
 *   - XML and HTML: & < > " ' as character references (never CDATA);
 *   - Markdown: & < > as references, and \ ` * _ [ ] ( ) | ~ # ! $ with
 *     a backslash ($ opens math on GitHub), so untrusted text cannot open a link, an emphasis, a
 *     code span, a table cell or raw HTML.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "report/report_int.h"

static bool bidi_control(unsigned cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool dropped(unsigned cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE ||
           cp == 0xFFFF;
}

static bool is_space(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* The escape of an ASCII character in mode m, or NULL to write it as is. */
static const char *ascii_escape(enum report_markup m, unsigned c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return m == RM_MD ? NULL : "&quot;";
    case '\'':
        return m == RM_MD ? NULL : "&#39;";
    default:
        break;
    }
    if (m == RM_MD && c < 0x80 && strchr("\\`*_[]()|~#!$", (int)c))
        return "";   /* backslash, then the character */
    return NULL;
}

/*
 * Write s[0..len) to out escaped for mode m (see the file comment).  With
 * RM_ONELINE in flags every run of whitespace becomes one space and
 * leading/trailing whitespace is dropped (attributes, table cells,
 * headings).  maxchars > 0 cuts after that many characters and writes
 * "…".  s may be NULL (nothing is written).  Write errors stay in out's
 * error flag.
 */
void report_markup(FILE *out, enum report_markup m, const char *s,
                   size_t len, size_t maxchars, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, chars = 0;
    bool pending_space = false, any = false;
    unsigned cp = 0;

    if (!s)
        return;
    while (i < len) {
        size_t n = report_utf8_seq(p + i, len - i, &cp);
        const char *esc;

        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        i += n;
        if (dropped(cp))
            continue;
        if ((flags & RM_ONELINE) && is_space(cp)) {
            pending_space = any;
            continue;
        }
        if (maxchars && chars >= maxchars) {
            fputs("\u2026", out);
            return;
        }
        if (pending_space) {
            fputc(' ', out);
            pending_space = false;
        }
        any = true;
        chars++;
        if (cp == 0xFFFD && n == 1) {
            fputs("\xEF\xBF\xBD", out);
        } else if (bidi_control(cp)) {
            fprintf(out, m == RM_MD ? "\\\\u{%04X}" : "\\u{%04X}", cp);
        } else if (cp < 0x80 && (esc = ascii_escape(m, cp)) != NULL) {
            if (*esc)
                fputs(esc, out);
            else
                fprintf(out, "\\%c", (int)cp);
        } else {
            fwrite(p + i - n, 1, n, out);
        }
    }
}

/* report_markup() of a NUL-terminated string. */
void report_markup_str(FILE *out, enum report_markup m, const char *s,
                       size_t maxchars, unsigned flags)
{
    if (s)
        report_markup(out, m, s, strlen(s), maxchars, flags);
}

/* True when url is an absolute http(s) URL with no whitespace or control
 * characters: the only URLs a report turns into links. */
bool report_url_linkable(const char *url)
{
    size_t skip;

    if (!url)
        return false;
    if (strncasecmp(url, "http://", 7) == 0)
        skip = 7;
    else if (strncasecmp(url, "https://", 8) == 0)
        skip = 8;
    else
        return false;
    if (!url[skip] || url[skip] == '/')
        return false;
    for (const unsigned char *q = (const unsigned char *)url; *q; q++)
        if (*q <= 0x20 || *q == 0x7F)
            return false;
    return report_utf8_valid(url, strlen(url));
}

/*
 * A URI reference for a file path, as SARIF's artifactLocation.uri wants:
 * bytes outside A-Z a-z 0-9 - . _ ~ / percent-encoded; an absolute path
 * becomes "file://" + path.  Caller frees with free().
 */
char *report_path_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = path ? strlen(path) : 0, o = 0;
    char *buf;

    if (len > (SIZE_MAX - 8) / 3)
        cc_oom();
    buf = cc_malloc(len * 3 + 8);
    if (len && path[0] == '/') {
        memcpy(buf, "file://", 7);
        o = 7;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || strchr("-._~/", c)) {
            buf[o++] = (char)c;
        } else {
            buf[o++] = '%';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    buf[o] = '\0';
    return buf;
}

/* ---- SHA-256 (FIPS 180-4) ------------------------------------------- */

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static void sha_block(uint32_t h[8], const unsigned char *b)
{
    uint32_t w[64], v[8];

    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)b[4 * t] << 24 | (uint32_t)b[4 * t + 1] << 16 |
               (uint32_t)b[4 * t + 2] << 8 | b[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^
                      (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^
                      (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    memcpy(v, h, sizeof v);
    for (int t = 0; t < 64; t++) {
        uint32_t e = v[4], a = v[0];
        uint32_t t1 = v[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
                      ((e & v[5]) ^ (~e & v[6])) + sha_k[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) +
                      ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        h[i] += v[i];
}

/* SHA-256 of s[0..len) into out (32 bytes). */
void report_sha256(const void *s, size_t len, unsigned char out[32])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const unsigned char *p = s;
    unsigned char tail[128];
    size_t full = len / 64 * 64, rest = len - full, tlen;
    uint64_t bits = (uint64_t)len * 8;

    for (size_t i = 0; i < full; i += 64)
        sha_block(h, p + i);
    memset(tail, 0, sizeof tail);
    if (rest)
        memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    tlen = rest < 56 ? 64 : 128;
    for (int i = 0; i < 8; i++)
        tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t i = 0; i < tlen; i += 64)
        sha_block(h, tail + i);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(h[i] >> 8);
        out[4 * i + 3] = (unsigned char)h[i];
    }
}

/* "sha256-<base64>" of s, as a CSP source expression, into buf (>= 52
 * bytes). */
void report_csp_hash(const char *s, char *buf, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char d[33];
    char enc[48];
    size_t o = 0;

    report_sha256(s, strlen(s), d);
    d[32] = 0;
    for (size_t i = 0; i < 33; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 |
                     (i + 2 < 33 ? d[i + 2] : 0);
        enc[o++] = b64[(v >> 18) & 63];
        enc[o++] = b64[(v >> 12) & 63];
        enc[o++] = b64[(v >> 6) & 63];
        enc[o++] = b64[v & 63];
    }
    /* 32 bytes -> 43 characters and one '=' */
    enc[43] = '=';
    enc[44] = '\0';
    snprintf(buf, n, "sha256-%s", enc);
}
