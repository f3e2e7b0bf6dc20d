/*
 * parser/charset.c -- encoding sniffing and conversion to UTF-8 (iconv).
 * See charset.h for the rules.
 */
#include "parser/charset.h"
#include "parser/charset_detect.h"

#include <errno.h>
#include <stdio.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char utf8_replacement[3] = {'\xEF', '\xBF', '\xBD'};

/* WHATWG-style label aliases mapped to names glibc iconv knows. */
static const struct {
    const char *label;
    const char *iconv_name;
} charset_aliases[] = {
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"}, {"x-cp1252", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"}, {"ibm819", "WINDOWS-1252"},
    {"iso-ir-100", "WINDOWS-1252"}, {"csisolatin1", "WINDOWS-1252"},
    {"ansi_x3.4-1968", "WINDOWS-1252"}, {"x-user-defined", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
    {"tis-620", "WINDOWS-874"}, {"iso-8859-11", "WINDOWS-874"},
    {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
    {"gb_2312-80", "GB18030"}, {"chinese", "GB18030"},
    {"csgb2312", "GB18030"},
    {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
    {"windows-949", "CP949"}, {"korean", "CP949"},
    {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"},
    {"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
    {"csshiftjis", "CP932"},
    {"big5", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},
    {"x-mac-cyrillic", "MAC-CYRILLIC"}, {"win-1251", "WINDOWS-1251"},
};

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];

    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* Bytes from p below 0x80, eight at a time; with no_nul, NUL bytes
 * end the run too.  Most of an HTML page is ASCII: this is what makes
 * the checks below run at memory speed. */
static size_t ascii_run(const unsigned char *p, size_t n, bool no_nul)
{
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t w, bad;

        memcpy(&w, p + i, 8);
        bad = w;
        if (no_nul)
            bad |= (w - ones) & ~w;     /* high bit of each zero byte */
        if (bad & highs)
            break;
    }
    while (i < n && p[i] < 0x80 && (p[i] || !no_nul))
        i++;
    return i;
}

cc_result charset_utf8_clean(const char *s, size_t len, struct cc_buf *b)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    cc_result result;

    while (i < len) {
        size_t k;

        i += ascii_run(p + i, len - i, true);
        if (i >= len)
            break;
        k = p[i] ? utf8_seq(p + i, len - i) : 0;
        if (k) {
            i += k;
            continue;
        }
        if (i > run && (result = cc_buf_add(b, s + run, i - run)) != CC_OK)
            return result;
        if (p[i] && (result = cc_buf_add(b, utf8_replacement, 3)) != CC_OK)
            return result;
        i++;
        run = i;
    }
    if (len > run)
        return cc_buf_add(b, s + run, len - run);
    return cc_buf_add(b, "", 0);
}

void charset_utf8_tally(const char *s, size_t len, size_t *multi,
                        size_t *invalid)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    *multi = *invalid = 0;
    while (i < len) {
        size_t k;

        i += ascii_run(p + i, len - i, false);
        if (i >= len)
            break;
        k = utf8_seq(p + i, len - i);
        if (k) {
            (*multi)++;
            i += k;
        } else {
            (*invalid)++;
            i++;
        }
    }
}

/* Map a raw label to an iconv name in out; false when it is not a
 * plausible label. */
static bool normalize_label(const char *raw, size_t n, char *out,
                            size_t outlen)
{
    char low[CHARSET_LABEL_MAX];
    size_t k = 0;

    while (n && (*raw == ' ' || *raw == '\t' || *raw == '"' ||
                 *raw == '\''))
        raw++, n--;
    while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t' ||
                 raw[n - 1] == '"' || raw[n - 1] == '\''))
        n--;
    if (n == 0 || n >= sizeof low || outlen < CHARSET_LABEL_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = raw[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.' || c == ':'))
            return false;
        low[k++] = c;
    }
    low[k] = '\0';
    for (size_t i = 0; i < sizeof charset_aliases / sizeof *charset_aliases;
         i++) {
        if (strcmp(low, charset_aliases[i].label) == 0) {
            snprintf(out, outlen, "%s", charset_aliases[i].iconv_name);
            return true;
        }
    }
    for (size_t i = 0; i <= k; i++)
        out[i] = (char)(low[i] >= 'a' && low[i] <= 'z' ? low[i] - 'a' + 'A'
                                                        : low[i]);
    return true;
}

/* Find "charset=" in s[0..n) and normalize its value into out. */
static bool charset_param(const char *s, size_t n, char *out, size_t outlen)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        size_t j, v;

        if (strncasecmp(s + i, "charset", 7) != 0)
            continue;
        j = i + 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '"' ||
                         s[j] == '\''))
            j++;
        v = j;
        while (j < n && s[j] != ';' && s[j] != '"' && s[j] != '\'' &&
               s[j] != ' ' && s[j] != ',' && s[j] != '>')
            j++;
        return normalize_label(s + v, j - v, out, outlen);
    }
    return false;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Parse one attribute of a tag at s[*i..n): name and value spans.
 * Returns false at the end of the tag. */
static bool next_attr(const char *s, size_t n, size_t *i, size_t *ns,
                      size_t *nl, size_t *vs, size_t *vl)
{
    size_t j = *i;

    while (j < n && (is_space(s[j]) || s[j] == '/'))
        j++;
    if (j >= n || s[j] == '>')
        return false;
    *ns = j;
    while (j < n && !is_space(s[j]) && s[j] != '=' && s[j] != '>' &&
           s[j] != '/')
        j++;
    *nl = j - *ns;
    *vs = j;
    *vl = 0;
    while (j < n && is_space(s[j]))
        j++;
    if (j < n && s[j] == '=') {
        j++;
        while (j < n && is_space(s[j]))
            j++;
        if (j < n && (s[j] == '"' || s[j] == '\'')) {
            char q = s[j++];

            *vs = j;
            while (j < n && s[j] != q)
                j++;
            *vl = j - *vs;
            if (j < n)
                j++;
        } else {
            *vs = j;
            while (j < n && !is_space(s[j]) && s[j] != '>')
                j++;
            *vl = j - *vs;
        }
    }
    if (*nl == 0)
        j++;   /* a stray '=' or quote: step over it */
    *i = j;
    return true;
}

/* Look at one <meta ...> starting after "<meta". */
static bool meta_charset(const char *s, size_t n, size_t i, char *out,
                         size_t outlen)
{
    size_t ns, nl, vs, vl, cs = 0, cl = 0;
    bool http_ct = false, have_content = false;

    while (next_attr(s, n, &i, &ns, &nl, &vs, &vl)) {
        if (nl == 7 && strncasecmp(s + ns, "charset", 7) == 0)
            return normalize_label(s + vs, vl, out, outlen);
        if (nl == 10 && strncasecmp(s + ns, "http-equiv", 10) == 0 &&
            vl == 12 && strncasecmp(s + vs, "content-type", 12) == 0)
            http_ct = true;
        if (nl == 7 && strncasecmp(s + ns, "content", 7) == 0) {
            cs = vs;
            cl = vl;
            have_content = true;
        }
    }
    return http_ct && have_content && charset_param(s + cs, cl, out, outlen);
}

/* Prescan the first bytes for <meta> or <?xml encoding?>. */
static bool prescan(const char *s, size_t n, char *out, size_t outlen)
{
    if (n > CHARSET_SNIFF_BYTES)
        n = CHARSET_SNIFF_BYTES;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);

            if (!e)
                return false;
            i = (size_t)(e - s) + 2;
        } else if (i + 6 <= n && strncasecmp(s + i, "<meta", 5) == 0 &&
                   (is_space(s[i + 5]) || s[i + 5] == '/')) {
            if (meta_charset(s, n, i + 5, out, outlen))
                return true;
        } else if (i + 5 <= n && strncasecmp(s + i, "<?xml", 5) == 0) {
            const char *e = memchr(s + i, '>', n - i);
            size_t end = e ? (size_t)(e - s) : n;

            for (size_t j = i; j + 8 < end; j++) {
                if (strncasecmp(s + j, "encoding", 8) == 0) {
                    size_t k = j + 8, v;

                    while (k < end && (is_space(s[k]) || s[k] == '=' ||
                                       s[k] == '"' || s[k] == '\''))
                        k++;
                    v = k;
                    while (k < end && s[k] != '"' && s[k] != '\'' &&
                           !is_space(s[k]) && s[k] != '?')
                        k++;
                    if (normalize_label(s + v, k - v, out, outlen))
                        return true;
                    break;
                }
            }
        }
    }
    return false;
}

enum charset_source charset_sniff(const char *data, size_t len,
                                  const char *content_type, char *label,
                                  size_t labellen)
{
    const unsigned char *p = (const unsigned char *)data;

    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        snprintf(label, labellen, "UTF-8");
        return CHARSET_BOM;
    }
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        snprintf(label, labellen, "UTF-16LE");
        return CHARSET_BOM;
    }
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        snprintf(label, labellen, "UTF-16BE");
        return CHARSET_BOM;
    }
    if (content_type &&
        charset_param(content_type, strlen(content_type), label, labellen))
        return CHARSET_HEADER;
    if (prescan(data, len, label, labellen)) {
        /* A document that could be read to find its <meta> is not UTF-16. */
        if (strncmp(label, "UTF-16", 6) == 0 ||
            strncmp(label, "UTF-32", 6) == 0)
            snprintf(label, labellen, "UTF-8");
        return CHARSET_META;
    }
    snprintf(label, labellen, "UTF-8");
    return CHARSET_DEFAULT;
}

/* Convert with iconv into b; invalid input becomes U+FFFD. */
static cc_result convert(iconv_t cd, const char *data, size_t len,
                         struct cc_buf *b)
{
    char chunk[16384];
    char *in = (char *)data;
    size_t inleft = len;
    cc_result result = CC_OK;

    for (;;) {
        char *outp = chunk;
        size_t outleft = sizeof chunk;
        size_t r = iconv(cd, inleft ? &in : NULL, &inleft, &outp, &outleft);
        int e = errno;

        if ((result = cc_buf_add(b, chunk, sizeof chunk - outleft)) != CC_OK)
            return result;
        if (r != (size_t)-1) {
            if (inleft == 0)
                break;
            continue;
        }
        if (e == E2BIG)
            continue;
        if ((result = cc_buf_add(b, utf8_replacement, 3)) != CC_OK)
            return result;
        if (e == EILSEQ && inleft > 0) {
            in++;
            inleft--;
            continue;
        }
        break;   /* EINVAL: truncated sequence at the end */
    }
    {   /* flush shift state */
        char *outp = chunk;
        size_t outleft = sizeof chunk;

        iconv(cd, NULL, NULL, &outp, &outleft);
        result = cc_buf_add(b, chunk, sizeof chunk - outleft);
    }
    return result;
}

cc_result charset_decode(const char *data, size_t len,
                         const char *content_type, size_t max, char **out,
                         size_t *outlen, char *label, size_t labellen,
                         enum charset_source *source)
{
    char name[CHARSET_LABEL_MAX];
    enum charset_source src;
    struct cc_buf b;
    cc_result result = CC_OK;

    src = charset_sniff(data, len, content_type, name, sizeof name);
    src = charset_detect_fix(data, len, src, name, sizeof name); /* uchardet */
    if (src == CHARSET_BOM) {
        size_t skip = strcmp(name, "UTF-8") == 0 ? 3 : 2;

        data += skip;
        len -= skip;
    }
    if (strcmp(name, "UTF-8") == 0 &&
        (src == CHARSET_DEFAULT || src == CHARSET_META)) {
        size_t multi, invalid;

        charset_utf8_tally(data, len, &multi, &invalid);
        if (invalid > 0 && invalid > 4 * multi) {
            snprintf(name, sizeof name, "WINDOWS-1252");
            src = CHARSET_GUESS;
        }
    }
    cc_buf_init(&b, max);
    if (strcmp(name, "UTF-8") != 0) {
        iconv_t cd = iconv_open("UTF-8", name);

        if (cd == (iconv_t)-1) {
            snprintf(name, sizeof name, "UTF-8");
        } else {
            struct cc_buf raw;

            cc_buf_init(&raw, max);
            result = convert(cd, data, len, &raw);
            iconv_close(cd);
            if (result == CC_OK)
                result = charset_utf8_clean(raw.data ? raw.data : "",
                                            raw.len, &b);
            cc_buf_free(&raw);
        }
    }
    if (result == CC_OK && strcmp(name, "UTF-8") == 0)
        result = charset_utf8_clean(data, len, &b);
    if (result != CC_OK) {
        cc_buf_free(&b);
        return result;
    }
    *outlen = b.len;
    /* the buffer grew by doubling: give the slack back, since the page
     * reader keeps this copy alive while Gumbo's tree is built on it */
    if (b.data && b.cap > b.len + 1 + b.len / 16)
        b.data = cc_realloc(b.data, b.len + 1);
    *out = cc_buf_take(&b);
    if (label)
        snprintf(label, labellen, "%s", name);
    if (source)
        *source = src;
    return CC_OK;
}
