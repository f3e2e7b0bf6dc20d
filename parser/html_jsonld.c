/*
 * parser/html_jsonld.c -- schema.org JSON-LD blocks (jansson).
 * See html_jsonld.h.
 */
#include "parser/html_jsonld.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OBJECTS 512   /* objects looked at per block */
#define MAX_DEPTH 8       /* nesting followed into a block */
#define MAX_NAMES 5       /* authors joined */
#define MAX_NESTING 64    /* deeper JSON is not parsed (jansson recurses) */

struct ctx {
    json_t *objs[MAX_OBJECTS];
    size_t n;
};

static void collect(struct ctx *c, json_t *v, int depth)
{
    if (depth > MAX_DEPTH || c->n >= MAX_OBJECTS)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;

        json_array_foreach(v, i, e) {
            if (c->n >= MAX_OBJECTS)
                break;
            collect(c, e, depth + 1);
        }
    } else if (json_is_object(v)) {
        const char *key;
        json_t *e;

        c->objs[c->n++] = v;
        json_object_foreach(v, key, e) {
            if (json_is_object(e) || json_is_array(e))
                collect(c, e, depth + 1);
        }
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int rank_of_type(const char *t)
{
    if (ends_with(t, "Article") || ends_with(t, "Posting") ||
        strcmp(t, "Report") == 0 || strcmp(t, "PressRelease") == 0)
        return 3;
    if (ends_with(t, "Page"))
        return 2;
    return 1;
}

static int type_rank(json_t *o)
{
    json_t *t = json_object_get(o, "@type"), *e;
    int best = 1;
    size_t i;

    if (json_is_string(t))
        return rank_of_type(json_string_value(t));
    json_array_foreach(t, i, e) {
        if (json_is_string(e)) {
            int r = rank_of_type(json_string_value(e));

            if (r > best)
                best = r;
        }
    }
    return best;
}

static bool has_type(json_t *o, const char *type)
{
    json_t *t = json_object_get(o, "@type"), *e;
    size_t i;

    if (json_is_string(t))
        return strcmp(json_string_value(t), type) == 0;
    json_array_foreach(t, i, e) {
        if (json_is_string(e) && strcmp(json_string_value(e), type) == 0)
            return true;
    }
    return false;
}

/* A string value, or the first string of an array. */
static const char *str_of(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v) > 0 &&
        json_is_string(json_array_get(v, 0)))
        return json_string_value(json_array_get(v, 0));
    return NULL;
}

static json_t *by_id(struct ctx *c, json_t *ref)
{
    json_t *id = json_object_get(ref, "@id");

    if (!json_is_string(id) || json_object_get(ref, "name"))
        return ref;
    for (size_t i = 0; i < c->n; i++) {
        json_t *o = c->objs[i];
        json_t *oid = json_object_get(o, "@id");

        if (o != ref && json_is_string(oid) &&
            strcmp(json_string_value(oid), json_string_value(id)) == 0 &&
            json_object_size(o) > 1)
            return o;
    }
    return ref;
}

/* Decode the few entities CMSs leave in JSON-LD strings and collapse
 * whitespace. */
static void clean_into(const char *s, struct cc_buf *b)
{
    static const struct {
        const char *ent;
        const char *txt;
    } ents[] = {
        {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#039;", "'"},
        {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "},
        {"&#8211;", "\xE2\x80\x93"}, {"&#8212;", "\xE2\x80\x94"},
        {"&#8216;", "\xE2\x80\x98"}, {"&#8217;", "\xE2\x80\x99"},
        {"&#8220;", "\xE2\x80\x9C"}, {"&#8221;", "\xE2\x80\x9D"},
    };
    bool space = false;

    for (const char *p = s; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = b->len > 0;
            p++;
            continue;
        }
        if (space)
            cc_buf_addc(b, ' ');
        space = false;
        if (*p == '&') {
            size_t k;

            for (k = 0; k < sizeof ents / sizeof *ents; k++) {
                size_t n = strlen(ents[k].ent);

                if (strncmp(p, ents[k].ent, n) == 0) {
                    cc_buf_addstr(b, ents[k].txt);
                    p += n;
                    break;
                }
            }
            if (k < sizeof ents / sizeof *ents)
                continue;
        }
        cc_buf_addc(b, *p++);
    }
}

static void set(struct html_jsonld *j, int f, int rank, const char *v)
{
    struct cc_buf b;

    if (!v || (j->value[f] && rank <= j->rank[f]))
        return;
    cc_buf_init(&b, strlen(v) + 1);
    clean_into(v, &b);
    if (b.len == 0) {
        cc_buf_free(&b);
        return;
    }
    free(j->value[f]);
    j->value[f] = cc_buf_take(&b);
    j->rank[f] = rank;
}

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Names of a person/organisation value: string, object, @id, array. */
static void names(struct ctx *c, json_t *v, struct cc_buf *out)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 1, count = 0;

    for (size_t i = 0; i < n && count < MAX_NAMES; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name = NULL;

        if (json_is_string(e)) {
            name = json_string_value(e);
        } else if (json_is_object(e)) {
            e = by_id(c, e);
            name = str_of(json_object_get(e, "name"));
        }
        if (!name || !*name || is_url(name))
            continue;
        if (out->len)
            cc_buf_addstr(out, ", ");
        cc_buf_addstr(out, name);
        count++;
    }
}

static void from_object(struct html_jsonld *j, struct ctx *c, json_t *o)
{
    int rank = type_rank(o);
    const char *v;
    struct cc_buf b;

    if (has_type(o, "WebSite"))
        set(j, JLD_SITE_NAME, 1, str_of(json_object_get(o, "name")));
    v = str_of(json_object_get(o, "datePublished"));
    if (!v)
        v = str_of(json_object_get(o, "dateCreated"));
    if (v && rank == 1 && !json_object_get(o, "@type"))
        rank = 0;
    set(j, JLD_PUBLISHED, rank, v);
    set(j, JLD_MODIFIED, rank, str_of(json_object_get(o, "dateModified")));
    if (rank < 2)
        return;
    v = str_of(json_object_get(o, "headline"));
    if (!v && rank == 3)
        v = str_of(json_object_get(o, "name"));
    set(j, JLD_HEADLINE, rank, v);
    cc_buf_init(&b, 4096);
    names(c, json_object_get(o, "author"), &b);
    if (b.len)
        set(j, JLD_AUTHOR, rank, b.data);
    cc_buf_reset(&b);
    names(c, json_object_get(o, "publisher"), &b);
    if (b.len)
        set(j, JLD_PUBLISHER, rank, b.data);
    cc_buf_free(&b);
}

/* Nesting depth of the JSON text (brackets outside strings). */
static int nesting(const char *s)
{
    int depth = 0, max = 0;
    bool str = false;

    for (; *s; s++) {
        if (str) {
            if (*s == '\\' && s[1])
                s++;
            else if (*s == '"')
                str = false;
        } else if (*s == '"') {
            str = true;
        } else if (*s == '{' || *s == '[') {
            if (++depth > max)
                max = depth;
        } else if (*s == '}' || *s == ']') {
            depth--;
        }
    }
    return max;
}

void html_jsonld_feed(struct html_jsonld *j, const char *text, size_t len)
{
    struct ctx *c;
    json_error_t jerr;
    json_t *root;
    char *copy;
    size_t start = 0;

    if (len > HTML_JSONLD_MAX_BYTES)
        return;
    while (start < len && text[start] != '{' && text[start] != '[')
        start++;
    if (start == len)
        return;
    /* Raw control characters (newlines inside strings are common) are
     * not valid JSON; outside strings they are only whitespace. */
    copy = cc_strndup(text + start, len - start);
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    root = nesting(copy) <= MAX_NESTING
               ? json_loads(copy, JSON_DISABLE_EOF_CHECK, &jerr)
               : NULL;
    free(copy);
    if (!root)
        return;
    c = cc_calloc(1, sizeof *c);
    collect(c, root, 0);
    for (size_t i = 0; i < c->n; i++)
        from_object(j, c, c->objs[i]);
    free(c);
    json_decref(root);
}

void html_jsonld_clear(struct html_jsonld *j)
{
    for (int f = 0; f < JLD_NFIELDS; f++) {
        free(j->value[f]);
        j->value[f] = NULL;
        j->rank[f] = 0;
    }
}
