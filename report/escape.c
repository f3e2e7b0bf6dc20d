/*
 * report/escape.c -- making untrusted bytes safe to show: well-formed
 * UTF-8 for JSON, and escapes for terminals (no control sequences, no
 * bidi tricks, no invalid bytes reach the screen).
 */
#include <stdint.h>
#include <string.h>

#include "report/report_int.h"

size_t report_utf8_seq(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned c, min;
    size_t n;

    if (len == 0)
        return 0;
    c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

bool report_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    unsigned cp;

    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = report_utf8_seq(p + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

char *report_utf8_clean(const char *s, size_t len, size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    unsigned cp;
    char *buf;

    if (len > (SIZE_MAX - 1) / 3)
        cc_oom();
    buf = cc_malloc(len * 3 + 1);   /* each bad byte grows to 3 bytes */
    while (i < len) {
        size_t n = report_utf8_seq(p + i, len - i, &cp);
        if (n == 0) {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(buf + o, p + i, n);
            o += n;
            i += n;
        }
    }
    buf[o] = '\0';
    *outlen = o;
    return buf;
}

/* Code points a terminal must not receive raw: C0 controls, DEL, C1
 * controls (some terminals take U+009B as CSI), bidi embeddings,
 * overrides, isolates and marks (Trojan Source), line/paragraph
 * separators. */
static bool term_unsafe(unsigned cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return true;
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F)
        return true;
    if (cp >= 0x2028 && cp <= 0x202E)   /* LS, PS, LRE..RLO */
        return true;
    if (cp >= 0x2066 && cp <= 0x2069)   /* LRI, RLI, FSI, PDI */
        return true;
    return false;
}

/*
 * Write s[0..len) for a terminal: well-formed, printable UTF-8 as is;
 * \n, \t and \r as those two-character escapes; other C0 controls, DEL
 * and invalid bytes as \xNN; C1 controls, bidi controls and U+2028/2029
 * as \u{XXXX}.  Backslashes are left alone (this is for people, not a
 * reversible encoding).  s may be NULL (nothing is written).  Write
 * errors stay in out's error flag for the caller to check.
 */
void report_term_escape(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    unsigned cp = 0;

    if (!s)
        return;
    while (i < len) {
        size_t n = report_utf8_seq(p + i, len - i, &cp);

        if (n != 0 && !term_unsafe(cp)) {
            i += n;
            continue;
        }
        if (i > run)
            fwrite(p + run, 1, i - run, out);
        if (n == 0) {
            fprintf(out, "\\x%02X", p[i]);
            n = 1;
        } else if (cp == '\n') {
            fputs("\\n", out);
        } else if (cp == '\t') {
            fputs("\\t", out);
        } else if (cp == '\r') {
            fputs("\\r", out);
        } else if (cp < 0x80) {
            fprintf(out, "\\x%02X", cp);
        } else {
            fprintf(out, "\\u{%04X}", cp);
        }
        i += n;
        run = i;
    }
    if (i > run)
        fwrite(p + run, 1, i - run, out);
}
