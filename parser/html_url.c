/*
 * parser/html_url.c -- relative URL resolution and host names.
 * See html_url.h.
 */
#include "parser/html_url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of "scheme:" at the start of s, or 0 when s has no scheme. */
static size_t scheme_len(const char *s)
{
    size_t i = 0;

    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (s[i] && s[i] != ':') {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return 0;
        i++;
    }
    return s[i] == ':' ? i + 1 : 0;
}

/* Remove "." and ".." segments from the path part of buf (in place).
 * The path is buf[start..] up to '?' or '#'. */
static void remove_dots(struct cc_buf *b, size_t start)
{
    char *p = b->data + start;
    size_t plen = strcspn(p, "?#");
    char *tail = cc_strdup(p + plen);
    char *out = cc_malloc(plen + 2);
    size_t o = 0, i = 0;

    while (i < plen) {
        size_t seg = i + 1;

        while (seg < plen && p[seg] != '/')
            seg++;
        /* segment is p[i+1 .. seg) after the '/' at p[i] */
        if (seg - i == 2 && p[i + 1] == '.') {
            if (seg == plen)
                out[o++] = '/';
        } else if (seg - i == 3 && p[i + 1] == '.' && p[i + 2] == '.') {
            while (o > 0 && out[--o] != '/')
                ;
            if (seg == plen)
                out[o++] = '/';
        } else {
            memcpy(out + o, p + i, seg - i);
            o += seg - i;
        }
        i = seg;
    }
    b->len = start;
    b->data[start] = '\0';
    if (o == 0)
        out[o++] = '/';
    cc_buf_add(b, out, o);
    cc_buf_addstr(b, tail);
    free(out);
    free(tail);
}

char *html_url_resolve(const char *base, const char *ref)
{
    size_t rlen, bs, auth_end, path_end;
    struct cc_buf b;
    char *r;

    if (!ref)
        return NULL;
    while (is_space(*ref))
        ref++;
    rlen = strlen(ref);
    while (rlen && is_space(ref[rlen - 1]))
        rlen--;
    if (rlen == 0)
        return NULL;
    r = cc_strndup(ref, rlen);
    if (scheme_len(r) || !base || !(bs = scheme_len(base)) ||
        strncmp(base + bs, "//", 2) != 0)
        return r;
    auth_end = bs + 2 + strcspn(base + bs + 2, "/?#");
    path_end = auth_end + strcspn(base + auth_end, "?#");
    cc_buf_init(&b, strlen(base) + rlen + 16);
    if (r[0] == '/' && r[1] == '/') {
        cc_buf_add(&b, base, bs);
        cc_buf_addstr(&b, r);
    } else if (r[0] == '/') {
        cc_buf_add(&b, base, auth_end);
        cc_buf_addstr(&b, r);
        remove_dots(&b, auth_end);
    } else if (r[0] == '?') {
        cc_buf_add(&b, base, path_end);
        cc_buf_addstr(&b, r);
    } else if (r[0] == '#') {
        cc_buf_add(&b, base, auth_end + strcspn(base + auth_end, "#"));
        cc_buf_addstr(&b, r);
    } else {
        size_t dir = path_end;

        while (dir > auth_end && base[dir - 1] != '/')
            dir--;
        if (dir == auth_end) {
            cc_buf_add(&b, base, auth_end);
            cc_buf_addc(&b, '/');
        } else {
            cc_buf_add(&b, base, dir);
        }
        cc_buf_addstr(&b, r);
        remove_dots(&b, auth_end);
    }
    free(r);
    return cc_buf_take(&b);
}

char *html_url_host(const char *url)
{
    size_t s, e, at;
    char *h;

    if (!url || !(s = scheme_len(url)) || strncmp(url + s, "//", 2) != 0)
        return NULL;
    s += 2;
    e = s + strcspn(url + s, "/?#");
    /* drop userinfo */
    for (at = e; at > s; at--) {
        if (url[at - 1] == '@') {
            s = at;
            break;
        }
    }
    if (url[s] == '[') {
        const char *rb = memchr(url + s, ']', e - s);

        if (rb)
            e = (size_t)(rb - url) + 1;
    } else {
        const char *colon = memchr(url + s, ':', e - s);

        if (colon)
            e = (size_t)(colon - url);
    }
    if (e - s > 4 && strncasecmp(url + s, "www.", 4) == 0)
        s += 4;
    if (e == s)
        return NULL;
    h = cc_strndup(url + s, e - s);
    for (char *p = h; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return h;
}
