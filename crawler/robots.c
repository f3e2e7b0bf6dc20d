/*
 * crawler/robots.c -- robots.txt parsing and matching (RFC 9309).  See
 * robots.h for the contract.
 */
#include "crawler/robots.h"

#include "common/cc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ROBOTS_MAX_RULES 100000    /* more is certainly hostile */

struct robots_rule {
    char *pat;                     /* normalised, '$' removed */
    size_t len;                    /* specificity: octets of the rule */
    bool allow;
    bool anchored;                 /* ended with '$' */
};

struct rule_list {
    struct robots_rule *v;
    size_t n, cap;
};

struct robots {
    struct rule_list rules;
};

static bool unreserved(int c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Normalised copy of s[0..n): see robots.h.  Caller frees. */
static char *normalise(const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = cc_malloc(n * 3 + 1);
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
            hexval(s[i + 2]) >= 0) {
            int v = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);

            if (unreserved(v)) {
                out[o++] = (char)v;
            } else {
                out[o++] = '%';
                out[o++] = hex[v >> 4];
                out[o++] = hex[v & 15];
            }
            i += 2;
        } else if (c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c)) {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}

/* Does pat match a prefix of s (all of s when anchored)?  '*' matches any
 * run of octets.  Greedy with one backtrack point: O(len(pat) * len(s))
 * at worst, never exponential. */
static bool glob_match(const char *pat, bool anchored, const char *s)
{
    size_t p = 0, i = 0, star = (size_t)-1, mark = 0;
    size_t m = strlen(pat), n = strlen(s);

    for (;;) {
        if (p == m && (!anchored || i == n))
            return true;
        if (p < m && pat[p] == '*') {
            star = p++;
            mark = i;
            continue;
        }
        if (p < m && i < n && pat[p] == s[i]) {
            p++;
            i++;
            continue;
        }
        if (star != (size_t)-1 && mark < n) {
            p = star + 1;
            i = ++mark;
            continue;
        }
        return false;
    }
}

static void list_add(struct rule_list *l, bool allow, const char *v,
                     size_t n)
{
    struct robots_rule *r;
    bool anchored = false;

    if (n == 0 || l->n >= ROBOTS_MAX_RULES)
        return;                 /* an empty rule says nothing (RFC 2.2.2) */
    if (v[n - 1] == '$') {
        anchored = true;
        n--;
    }
    l->v = cc_grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    r = &l->v[l->n++];
    r->pat = normalise(v, n);
    r->len = strlen(r->pat) + (anchored ? 1 : 0);
    r->allow = allow;
    r->anchored = anchored;
}

static void list_free(struct rule_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].pat);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* The product token at the start of v[0..n): letters, '-' and '_'. */
static bool token_is(const char *v, size_t n, const char *agent)
{
    size_t k = 0, alen = strlen(agent);

    while (k < n && (isalpha((unsigned char)v[k]) || v[k] == '-' ||
                     v[k] == '_'))
        k++;
    return k > 0 && k == alen && strncasecmp(v, agent, k) == 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

struct parse_state {
    const char *agent;
    bool in_agents;       /* the last record was a user-agent line */
    bool cur_mine, cur_star;
    bool any_mine;
    struct rule_list mine, star;
};

static void parse_line(struct parse_state *ps, const char *line, size_t n)
{
    const char *hash = memchr(line, '#', n);
    const char *colon, *key, *val;
    size_t klen, vlen;

    if (hash)
        n = (size_t)(hash - line);
    colon = memchr(line, ':', n);
    if (!colon)
        return;
    key = line;
    klen = (size_t)(colon - line);
    val = colon + 1;
    vlen = n - klen - 1;
    trim(&key, &klen);
    trim(&val, &vlen);
    if (klen == 10 && strncasecmp(key, "user-agent", 10) == 0) {
        if (!ps->in_agents)
            ps->cur_mine = ps->cur_star = false;
        ps->in_agents = true;
        if (vlen == 1 && val[0] == '*') {
            ps->cur_star = true;
        } else if (token_is(val, vlen, ps->agent)) {
            ps->cur_mine = true;
            ps->any_mine = true;
        }
        return;
    }
    if ((klen == 5 && strncasecmp(key, "allow", 5) == 0) ||
        (klen == 8 && strncasecmp(key, "disallow", 8) == 0)) {
        bool allow = klen == 5;

        ps->in_agents = false;
        if (ps->cur_mine)
            list_add(&ps->mine, allow, val, vlen);
        if (ps->cur_star)
            list_add(&ps->star, allow, val, vlen);
    }
}

struct robots *robots_parse(const char *body, size_t len, const char *agent)
{
    struct parse_state ps;
    struct robots *r = cc_calloc(1, sizeof *r);
    size_t a = 0;

    memset(&ps, 0, sizeof ps);
    ps.agent = agent && *agent ? agent : ROBOTS_AGENT_DEFAULT;
    if (!body)
        len = 0;
    if (len > ROBOTS_MAX_BYTES)
        len = ROBOTS_MAX_BYTES;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        a = 3;
    while (a < len) {
        size_t b = a;

        while (b < len && body[b] != '\n' && body[b] != '\r')
            b++;
        parse_line(&ps, body + a, b - a);
        a = b + 1;
    }
    if (ps.any_mine) {
        r->rules = ps.mine;
        list_free(&ps.star);
    } else {
        r->rules = ps.star;
        list_free(&ps.mine);
    }
    return r;
}

bool robots_allowed(const struct robots *r, const char *path)
{
    size_t best_allow = 0, best_dis = 0;
    bool any_allow = false, any_dis = false;
    char *p;

    if (!r || r->rules.n == 0)
        return true;
    if (!path || !*path)
        path = "/";
    if (strcmp(path, "/robots.txt") == 0)
        return true;
    p = normalise(path, strlen(path));
    for (size_t i = 0; i < r->rules.n; i++) {
        const struct robots_rule *ru = &r->rules.v[i];

        if (!glob_match(ru->pat, ru->anchored, p))
            continue;
        if (ru->allow && (!any_allow || ru->len > best_allow)) {
            best_allow = ru->len;
            any_allow = true;
        } else if (!ru->allow && (!any_dis || ru->len > best_dis)) {
            best_dis = ru->len;
            any_dis = true;
        }
    }
    free(p);
    if (!any_dis)
        return true;
    return any_allow && best_allow >= best_dis;
}

size_t robots_nrules(const struct robots *r)
{
    return r ? r->rules.n : 0;
}

void robots_free(struct robots **r)
{
    if (!r || !*r)
        return;
    list_free(&(*r)->rules);
    free(*r);
    *r = NULL;
}
