/*
 * parser/html_prescan.c -- bound nesting before Gumbo sees the markup.
 * See html_prescan.h.
 */
#include "parser/html_prescan.h"
#include "parser/html_tree.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAME_MAX_LEN 12     /* longer tag names are compared truncated */
#define POP_SEARCH 256      /* end tags look this far down the stack */

struct tagname {
    char s[NAME_MAX_LEN];
};

static const char *const void_or_optional[] = {
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame",
    "hr", "image", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
    /* end tag optional: closed implicitly by the tree builder */
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rtc",
    "rp", "html", "head", "body",
};

static const char *const raw_text[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
    "noframes", "plaintext",
};

static const char *const formatting[] = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small",
    "strike", "strong", "tt", "u",
};
#define NFORMATTING (sizeof formatting / sizeof *formatting)

static int find(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return (int)i;
    return -1;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Read a tag name at buf[i..len), lowercased and truncated into t.
 * Returns the end of the name. */
static size_t read_name(const char *buf, size_t len, size_t i,
                        struct tagname *t)
{
    size_t n = 0;

    while (i < len && !ht_is_ws(buf[i]) && buf[i] != '/' && buf[i] != '>') {
        char c = buf[i++];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (n + 1 < NAME_MAX_LEN)
            t->s[n++] = c;
    }
    t->s[n] = '\0';
    return i;
}

/* From just after the tag name, find the end of the tag (one past '>')
 * honouring quoted attribute values.  *self_closing is set for "/>". */
static size_t tag_end(const char *buf, size_t len, size_t i,
                      bool *self_closing)
{
    *self_closing = false;
    while (i < len) {
        char c = buf[i];

        if (c == '>') {
            *self_closing = buf[i - 1] == '/';
            return i + 1;
        }
        if (c == '=') {
            i++;
            while (i < len && ht_is_ws(buf[i]))
                i++;
            if (i < len && (buf[i] == '"' || buf[i] == '\'')) {
                const char *q = memchr(buf + i + 1, buf[i], len - i - 1);

                i = q ? (size_t)(q - buf) + 1 : len;
            }
            continue;
        }
        i++;
    }
    return len;
}

/* Does s[0..n) contain word (ASCII, case-insensitive)? */
static bool has_ci(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);

    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, word, k) == 0)
            return true;
    return false;
}

/* Find "</name" (case-insensitive) from i; returns its offset or len. */
static size_t find_end_tag(const char *buf, size_t len, size_t i,
                           const char *name)
{
    size_t n = strlen(name);

    while (i < len) {
        const char *lt = memchr(buf + i, '<', len - i);

        if (!lt)
            return len;
        i = (size_t)(lt - buf);
        if (i + 2 + n <= len && buf[i + 1] == '/' &&
            strncasecmp(buf + i + 2, name, n) == 0)
            return i;
        i++;
    }
    return len;
}

/* ---- the text stash ---------------------------------------------------- */

/* Bytes of the character at buf[i] when the tokenizer copies it to a text
 * node unchanged and it may be stashed, else 0 (see html_prescan.h). */
static size_t plain_len(const unsigned char *p, size_t i, size_t stop)
{
    unsigned c = p[i], cp;
    size_t k;

    if (c < 0x80)
        return (c >= 0x20 && c != 0x7F && c != '&' && c != '>') ||
               c == '\t' || c == '\n' || c == '\f';   /* not CR */
    k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (k == 0 || k > stop - i)
        return 0;
    cp = c & (0x7F >> k);
    for (size_t j = 1; j < k; j++) {
        if ((p[i + j] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i + j] & 0x3F);
    }
    if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp < (k == 2   ? 0x80u
                                                 : k == 3 ? 0x800u
                                                          : 0x10000u))
        return 0;
    return k;
}

/* Bytes of what is not stashed at buf[i]: a character reference with its
 * name ("&amp;", "&#x26;", "&copy2024"), or one character. */
static size_t breaker_len(const unsigned char *p, size_t i, size_t stop)
{
    size_t j = i + 1;

    if (p[i] != '&')
        return 1;
    while (j < stop && (isalnum(p[j]) || p[j] == '#'))
        j++;
    if (j < stop && p[j] == ';')
        j++;
    return j - i;
}

static void stash_add(struct html_stash *st, const char *run, size_t n)
{
    (void)cc_buf_add(&st->text, run, n);   /* no max: bounded by the page */
    st->end = cc_grow(st->end, &st->cap, st->n + 1, sizeof *st->end);
    st->end[st->n++] = st->text.len;
}

/* Write text buf[start..stop) at buf + w (w <= start) with its long
 * plain runs replaced by markers; returns the new w.  *saved grows by
 * the bytes the markers save. */
static size_t put_text(char *buf, size_t start, size_t stop, size_t w,
                       struct html_stash *st, size_t *saved)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = start, emit = start;

    while (i < stop) {
        size_t first = SIZE_MAX, last = 0, k;

        while (i < stop && (k = plain_len(p, i, stop)) > 0) {
            if (!ht_is_ws((char)p[i])) {
                if (first == SIZE_MAX)
                    first = i;
                last = i + k;
            }
            i += k;
        }
        if (first != SIZE_MAX && last - first >= HTML_STASH_MIN) {
            char mark[32];
            int m;

            memmove(buf + w, buf + emit, first - emit);
            w += first - emit;
            stash_add(st, buf + first, last - first);   /* before the mark */
            m = snprintf(mark, sizeof mark, HTML_STASH_OPEN "%zu"
                         HTML_STASH_CLOSE, st->n - 1);
            memcpy(buf + w, mark, (size_t)m);
            w += (size_t)m;
            *saved += last - first - (size_t)m;
            emit = last;
        }
        if (i < stop)
            i += breaker_len(p, i, stop);
    }
    memmove(buf + w, buf + emit, stop - emit);
    return w + (stop - emit);
}

/* Pages whose text is left in place (see html_prescan.h). */
static bool stash_allowed(const char *buf, size_t len)
{
    const char *q = buf, *end = buf + len;

    if (memmem(buf, len, HTML_STASH_OPEN, 3) ||
        memmem(buf, len, HTML_STASH_CLOSE, 3) ||
        memmem(buf, len, "<![CDATA[", 9))
        return false;
    while ((q = memchr(q, '<', (size_t)(end - q))) != NULL) {
        q++;
        if (end - q >= 8 && strncasecmp(q, "frameset", 8) == 0)
            return false;
    }
    return true;
}

cc_result html_stash_expand(const struct html_stash *st, const char *s,
                            size_t len, struct cc_buf *out)
{
    size_t i = 0;
    cc_result result = CC_OK;

    while (i < len && result == CC_OK) {
        const char *m = st && st->n ? memmem(s + i, len - i, HTML_STASH_OPEN,
                                             3)
                                    : NULL;
        size_t at = m ? (size_t)(m - s) : len, j, k = 0;

        if (at > i)
            result = cc_buf_add(out, s + i, at - i);
        if (!m || result != CC_OK)
            break;
        for (j = at + 3; j < len && j - at - 3 < 19 && isdigit((unsigned char)s[j]);
             j++)
            k = k * 10 + (size_t)(s[j] - '0');
        if (j > at + 3 && len - j >= 3 &&
            memcmp(s + j, HTML_STASH_CLOSE, 3) == 0 && k < st->n) {
            size_t from = k ? st->end[k - 1] : 0;

            result = cc_buf_add(out, st->text.data + from,
                                st->end[k] - from);
            i = j + 3;
        } else {
            result = cc_buf_add(out, s + at, 3);
            i = at + 3;
        }
    }
    return result;
}

void html_stash_free(struct html_stash *st)
{
    cc_buf_free(&st->text);
    free(st->end);
    memset(st, 0, sizeof *st);
}

/* ---- the pass ---------------------------------------------------------- */

size_t html_prescan_flatten(char *buf, size_t len, size_t max_depth,
                            struct html_prescan_stats *st)
{
    return html_prescan_stash(buf, len, max_depth, st, NULL);
}

size_t html_prescan_stash(char *buf, size_t len, size_t max_depth,
                          struct html_prescan_stats *st,
                          struct html_stash *stash)
{
    struct tagname *stack = cc_malloc((max_depth + 1) * sizeof *stack);
    size_t fmt_open[NFORMATTING] = {0};
    size_t depth = 0, excess = 0, fmt_total = 0, foreign = 0, deep = 0;
    size_t tags = 0, over = 0, saved = 0;
    size_t r = 0, w = 0;
    bool stashing = false;

    if (stash) {
        memset(stash, 0, sizeof *stash);
        cc_buf_init(&stash->text, SIZE_MAX / 2);
        stashing = stash_allowed(buf, len);
    }
    while (r < len) {
        size_t start = r, end, body = 0;
        bool keep = true, text = false;

        if (buf[r] != '<') {
            const char *lt = memchr(buf + r, '<', len - r);

            end = lt ? (size_t)(lt - buf) : len;
            text = true;
        } else if (r + 4 <= len && memcmp(buf + r, "<!--", 4) == 0) {
            const char *e = memmem(buf + r + 4, len - r - 4, "-->", 3);

            end = e ? (size_t)(e - buf) + 3 : len;
            keep = false;
        } else if (tags >= HTML_PRESCAN_MAX_TAGS &&
                   r + 1 < len && (is_alpha(buf[r + 1]) ||
                                   buf[r + 1] == '/' || buf[r + 1] == '!' ||
                                   buf[r + 1] == '?')) {
            bool sc;
            struct tagname t;

            end = tag_end(buf, len, read_name(buf, len, r + 1, &t), &sc);
            keep = false;
            over++;
        } else if (r + 1 < len && (buf[r + 1] == '!' || buf[r + 1] == '?')) {
            const char *e = memchr(buf + r, '>', len - r);

            end = e ? (size_t)(e - buf) + 1 : len;
        } else if (r + 2 < len && buf[r + 1] == '/' && is_alpha(buf[r + 2])) {
            struct tagname t;
            size_t k, floor;
            int f;
            bool sc;

            end = tag_end(buf, len, read_name(buf, len, r + 2, &t), &sc);
            if ((f = find(formatting, NFORMATTING, t.s)) >= 0 &&
                fmt_open[f] > 0) {
                fmt_open[f]--;
                fmt_total--;
            }
            if (find(void_or_optional, sizeof void_or_optional /
                                           sizeof *void_or_optional,
                     t.s) < 0) {
                if (excess > 0) {
                    excess--;
                    keep = false;
                    deep++;
                } else {
                    floor = depth > POP_SEARCH ? depth - POP_SEARCH : 0;
                    for (k = depth; k > floor; k--) {
                        if (strcmp(stack[k - 1].s, t.s) == 0)
                            break;
                    }
                    if (k > floor) {
                        for (size_t x = k - 1; x < depth; x++)
                            if (!strcmp(stack[x].s, "svg") ||
                                !strcmp(stack[x].s, "math"))
                                foreign--;
                        depth = k - 1;
                    }
                }
            }
        } else if (r + 1 < len && is_alpha(buf[r + 1])) {
            struct tagname t;
            bool sc;
            int f;

            end = tag_end(buf, len, read_name(buf, len, r + 1, &t), &sc);
            f = find(formatting, NFORMATTING, t.s);
            tags++;
            if (find(raw_text, sizeof raw_text / sizeof *raw_text, t.s) >=
                0) {
                /* script and style bodies are never read (JSON-LD aside):
                 * Gumbo need not tokenize and copy them */
                if ((!strcmp(t.s, "script") &&
                     !has_ci(buf + start, end - start, "ld+json")) ||
                    !strcmp(t.s, "style"))
                    body = end;
                end = strcmp(t.s, "plaintext") == 0
                          ? len
                          : find_end_tag(buf, len, end, t.s);
            } else if (find(void_or_optional, sizeof void_or_optional /
                                                  sizeof *void_or_optional,
                            t.s) >= 0 ||
                       (sc && foreign > 0)) {
                /* nothing opened */
            } else if (depth >= max_depth ||
                       (f >= 0 && fmt_total >= HTML_PRESCAN_MAX_FORMATTING)) {
                keep = false;
                deep++;
                if (f < 0)
                    excess++;
            } else {
                stack[depth++] = t;
                if (!strcmp(t.s, "svg") || !strcmp(t.s, "math"))
                    foreign++;
                if (f >= 0) {
                    fmt_open[f]++;
                    fmt_total++;
                }
            }
        } else {
            end = r + 1;
        }
        /* a run is moved only where the tokenizer starts it in the data
         * state: at the start, or after a '>' (not after a lone '<', nor
         * glued to text or half a character reference left before a
         * removed comment) */
        if (keep && text && stashing && (w == 0 || buf[w - 1] == '>')) {
            w = put_text(buf, start, end, w, stash, &saved);
        } else if (keep) {
            size_t stop = body ? body : end;

            if (w != start)
                memmove(buf + w, buf + start, stop - start);
            w += stop - start;
        }
        r = end;
    }
    free(stack);
    if (st) {
        st->deep = deep;
        st->over_cap = over;
        st->kept = tags > deep + over ? tags - deep - over : 0;
        st->unstashed = w + saved;
    }
    return w;
}
