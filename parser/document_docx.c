/*
 * parser/document_docx.c -- Word (.docx) articles into the document
 * model, with libzip (the package) and libxml2 (its XML parts).
 *
 * Read: word/document.xml (body), word/footnotes.xml and
 * word/endnotes.xml (the notes a w:footnoteReference / w:endnoteReference
 * points at, by w:id), word/_rels/<part>.rels (hyperlink targets, by
 * r:id, separately for each part), and the footnote numbering start
 * (w:footnotePr/w:numStart in document.xml or word/settings.xml).
 *
 *   - A "line" is a paragraph number: the n-th w:p of document.xml
 *     (table cells included).  A note's line is the paragraph of its
 *     marker.
 *   - Marker labels are what Word shows: numStart + the marker's order
 *     (footnotes and endnotes counted apart; endnotes are "e1", "e2", ...
 *     when the document also has footnotes), or the custom mark text
 *     (w:customMarkFollows).
 *   - Hyperlinks: w:hyperlink r:id and HYPERLINK field codes.  In the
 *     body they become references "L1", ...; in a note the target is
 *     added to the note's text when the text differs.
 *   - Headings: paragraph styles named Heading* or Title.
 *   - Deleted text (w:del, w:delText) and field instructions are skipped.
 * Entries are read up to DOCX_MAX_PART bytes each (zip bombs); XML is
 * parsed without network access, and parts with a DTD are refused.
 */
#include "parser/document_fmt.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define DOCX_MAX_PART (64u << 20)
#define DOCX_MAX_DEPTH 256

struct rel {
    char *id;
    char *target;
};

struct rels {
    struct rel *r;
    size_t n, cap;
};

struct note {
    char *id;
    bool endnote;
    char label[DOC_MAX_LABEL];
    int line;
    struct doc_tb t;
    bool space;
};

struct dx {
    struct docb b;
    struct rels drels, frels, erels;
    const struct rels *rels;    /* of the part being read */
    struct note *notes;
    size_t nnotes, cnotes;
    struct note *cur;           /* note being read, or NULL (body) */
    int para;
    int fn_start, fn_count, en_count;
    bool has_footnotes;
    struct note *custom;        /* waiting for its custom mark text */
    char *fld_url;              /* HYPERLINK field being read */
    size_t fld_start;
    bool fld_result;
};

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

/* Attribute by local name (w:id, r:id, w:val ...); caller frees. */
static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? cc_strdup((const char *)v) : NULL;

    xmlFree(v);
    return s;
}

/* ---- the package ---------------------------------------------------------- */

/* Entry `name` of z into *buf (NUL-terminated, caller frees); *buf is
 * NULL when the entry is absent. */
static cc_result read_entry(zip_t *z, const char *name, char **buf,
                            size_t *len, char *err, size_t errlen)
{
    zip_stat_t st;
    zip_file_t *f;
    zip_int64_t got;
    size_t cap = 1 << 16, n = 0;

    *buf = NULL;
    *len = 0;
    if (zip_stat(z, name, 0, &st) != 0)
        return CC_OK;
    f = zip_fopen(z, name, 0);
    if (!f) {
        cc_errf(err, errlen, "%s: %s", name, zip_strerror(z));
        return CC_EPARSE;
    }
    *buf = cc_malloc(cap + 1);
    while ((got = zip_fread(f, *buf + n, cap - n)) > 0) {
        n += (size_t)got;
        if (n == cap) {
            if (cap >= DOCX_MAX_PART) {
                zip_fclose(f);
                free(*buf);
                *buf = NULL;
                cc_errf(err, errlen, "%s: larger than %u bytes", name,
                        DOCX_MAX_PART);
                return CC_ELIMIT;
            }
            cap *= 2;
            *buf = cc_realloc(*buf, cap + 1);
        }
    }
    zip_fclose(f);
    if (got < 0) {
        free(*buf);
        *buf = NULL;
        cc_errf(err, errlen, "%s: damaged entry", name);
        return CC_EPARSE;
    }
    (*buf)[n] = '\0';
    *len = n;
    return CC_OK;
}

/* A part as XML, or NULL.  Word never writes a DTD: a part with one is
 * refused outright (no entity expansion games, no external fetches). */
static xmlDoc *parse_xml(const char *buf, size_t len)
{
    if (!buf || len > (size_t)0x7fffffff ||
        memmem(buf, len, "<!DOCTYPE", 9) || memmem(buf, len, "<!ENTITY", 8))
        return NULL;
    return xmlReadMemory(buf, (int)len, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                         XML_PARSE_NOWARNING);
}

static void load_rels(struct rels *out, const char *buf, size_t len)
{
    xmlDoc *x = parse_xml(buf, len);
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;

    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        char *id, *target, *mode;

        if (!named(c, "Relationship"))
            continue;
        id = prop(c, "Id");
        target = prop(c, "Target");
        mode = prop(c, "TargetMode");
        if (id && target && mode && strcasecmp(mode, "External") == 0) {
            out->r = cc_grow(out->r, &out->cap, out->n + 1, sizeof *out->r);
            out->r[out->n++] = (struct rel){id, target};
            id = target = NULL;
        }
        free(id);
        free(target);
        free(mode);
    }
    xmlFreeDoc(x);
}

static const char *rel_target(const struct rels *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->n; i++)
        if (strcmp(r->r[i].id, id) == 0)
            return r->r[i].target;
    return NULL;
}

static void free_rels(struct rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->r[i].id);
        free(r->r[i].target);
    }
    free(r->r);
}

/* w:footnotePr/w:numStart anywhere under n; 0 when absent. */
static int num_start(const xmlNode *n, int depth)
{
    for (; n && depth < DOCX_MAX_DEPTH; n = n->next) {
        int v;

        if (named(n, "footnotePr")) {
            for (const xmlNode *c = n->children; c; c = c->next) {
                if (named(c, "numStart")) {
                    char *s = prop(c, "val");
                    long l = s ? strtol(s, NULL, 10) : 0;

                    free(s);
                    if (l > 0 && l < 100000)
                        return (int)l;
                }
            }
        }
        if (n->type == XML_ELEMENT_NODE &&
            (v = num_start(n->children, depth + 1)) > 0)
            return v;
    }
    return 0;
}

/* ---- text ------------------------------------------------------------- */

static size_t cur_len(const struct dx *x)
{
    return x->cur ? x->cur->t.len : x->b.seg.len;
}

static const char *cur_text(const struct dx *x)
{
    const struct doc_tb *t = x->cur ? &x->cur->t : &x->b.seg;

    return t->s ? t->s : "";
}

static void put(struct dx *x, const char *s, size_t n)
{
    if (x->cur)
        docb_tb_text(&x->cur->t, &x->cur->space, s, n, x->cur->line);
    else
        docb_text(&x->b, s, n, x->para);
}

/* A hyperlink whose text starts at offset start ends here. */
static void link_end(struct dx *x, const char *url, size_t start)
{
    const char *text = cur_text(x);
    size_t len = cur_len(x);

    if (!url || !*url || start > len)
        return;
    if (!x->cur) {
        if (strncasecmp(url, "http://", 7) == 0 ||
            strncasecmp(url, "https://", 8) == 0)
            docb_link(&x->b, text + start, len - start, url, strlen(url),
                      x->para);
        return;
    }
    if (!strstr(text, url)) {
        x->cur->space = true;
        put(x, url, strlen(url));
    }
}

/* "HYPERLINK "https://..." \o "tip"": the URL, or NULL (caller frees). */
static char *field_url(const char *instr)
{
    const char *p = instr, *q;

    while (*p == ' ')
        p++;
    if (strncasecmp(p, "HYPERLINK", 9) != 0)
        return NULL;
    p = strchr(p, '"');
    q = p ? strchr(p + 1, '"') : NULL;
    return q ? cc_strndup(p + 1, (size_t)(q - p - 1)) : NULL;
}

static struct note *new_note(struct dx *x, const char *id, bool endnote)
{
    struct note *nt;

    x->notes = cc_grow(x->notes, &x->cnotes, x->nnotes + 1, sizeof *x->notes);
    nt = &x->notes[x->nnotes++];
    memset(nt, 0, sizeof *nt);
    nt->id = cc_strdup(id);
    nt->endnote = endnote;
    nt->line = x->para;
    return nt;
}

static void walk(struct dx *x, const xmlNode *n, int depth);

static void marker(struct dx *x, const xmlNode *n, bool endnote)
{
    char *id = prop(n, "id"), *custom = prop(n, "customMarkFollows");
    struct note *nt;

    if (!id || x->cur) {
        free(id);
        free(custom);
        return;
    }
    nt = new_note(x, id, endnote);
    if (custom && (strcmp(custom, "1") == 0 || strcmp(custom, "true") == 0)) {
        x->custom = nt;
    } else if (endnote) {
        snprintf(nt->label, sizeof nt->label, "%s%d",
                 x->has_footnotes ? "e" : "", ++x->en_count);
    } else {
        snprintf(nt->label, sizeof nt->label, "%d",
                 x->fn_start + x->fn_count++);
    }
    if (!x->custom)
        docb_marker(&x->b, nt->label, x->para);
    free(id);
    free(custom);
}

static void text_node(struct dx *x, const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    const char *s = v ? (const char *)v : "";

    if (x->custom) {
        /* the run after w:customMarkFollows holds the mark itself */
        docb_label(x->custom->label, s, strlen(s));
        docb_marker(&x->b, x->custom->label, x->para);
        x->custom = NULL;
    } else {
        put(x, s, strlen(s));
    }
    xmlFree(v);
}

static bool heading_style(const xmlNode *p)
{
    for (const xmlNode *c = p->children; c; c = c->next) {
        if (!named(c, "pPr"))
            continue;
        for (const xmlNode *s = c->children; s; s = s->next) {
            if (named(s, "pStyle")) {
                char *v = prop(s, "val");
                bool h = v && (strncasecmp(v, "heading", 7) == 0 ||
                               strcasecmp(v, "title") == 0);

                free(v);
                return h;
            }
        }
    }
    return false;
}

static void element(struct dx *x, const xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;

    if (strcmp(name, "p") == 0) {
        if (!x->cur)
            x->para++;
        walk(x, n->children, depth + 1);
        if (x->cur)
            x->cur->space = x->cur->t.len > 0;
        else
            docb_break(&x->b, heading_style(n));
    } else if (strcmp(name, "t") == 0) {
        text_node(x, n);
    } else if (strcmp(name, "tab") == 0 || strcmp(name, "br") == 0 ||
               strcmp(name, "cr") == 0) {
        put(x, " ", 1);
    } else if (strcmp(name, "noBreakHyphen") == 0) {
        put(x, "-", 1);
    } else if (strcmp(name, "footnoteReference") == 0) {
        marker(x, n, false);
    } else if (strcmp(name, "endnoteReference") == 0) {
        marker(x, n, true);
    } else if (strcmp(name, "hyperlink") == 0) {
        char *id = prop(n, "id");
        size_t start = cur_len(x);

        walk(x, n->children, depth + 1);
        link_end(x, rel_target(x->rels, id), start);
        free(id);
    } else if (strcmp(name, "instrText") == 0) {
        xmlChar *v = xmlNodeGetContent(n);
        char *u = field_url(v ? (const char *)v : "");

        if (u) {
            free(x->fld_url);
            x->fld_url = u;
        }
        xmlFree(v);
    } else if (strcmp(name, "fldChar") == 0) {
        char *t = prop(n, "fldCharType");

        if (t && strcmp(t, "separate") == 0) {
            x->fld_start = cur_len(x);
            x->fld_result = true;
        } else if (t && strcmp(t, "end") == 0) {
            if (x->fld_url && x->fld_result)
                link_end(x, x->fld_url, x->fld_start);
            free(x->fld_url);
            x->fld_url = NULL;
            x->fld_result = false;
        }
        free(t);
    } else if (strcmp(name, "fldSimple") == 0) {
        char *instr = prop(n, "instr");
        char *u = field_url(instr ? instr : "");
        size_t start = cur_len(x);

        walk(x, n->children, depth + 1);
        link_end(x, u, start);
        free(u);
        free(instr);
    } else if (strcmp(name, "del") == 0 || strcmp(name, "delText") == 0 ||
               strcmp(name, "footnoteRef") == 0 ||
               strcmp(name, "endnoteRef") == 0 || strcmp(name, "rPr") == 0 ||
               strcmp(name, "pPr") == 0 || strcmp(name, "sectPr") == 0 ||
               strcmp(name, "instrText") == 0 || strcmp(name, "fldData") == 0) {
        /* nothing to read */
    } else {
        walk(x, n->children, depth + 1);
    }
}

static void walk(struct dx *x, const xmlNode *n, int depth)
{
    if (depth > DOCX_MAX_DEPTH)
        return;
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            element(x, n, depth);
}

/* Read the notes of one part (footnotes.xml or endnotes.xml). */
static void read_notes(struct dx *x, xmlDoc *doc, bool endnote,
                       const struct rels *rels)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;

    x->rels = rels;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        char *id;

        if (!named(c, endnote ? "endnote" : "footnote"))
            continue;
        id = prop(c, "id");
        for (size_t i = 0; id && i < x->nnotes; i++) {
            if (x->notes[i].endnote != endnote ||
                strcmp(x->notes[i].id, id) != 0 || x->notes[i].t.len > 0)
                continue;
            x->cur = &x->notes[i];
            walk(x, c->children, 1);
            x->cur = NULL;
        }
        free(id);
    }
}

static bool has_refs(const xmlNode *n, const char *name, int depth)
{
    for (; n && depth < DOCX_MAX_DEPTH; n = n->next) {
        if (named(n, name))
            return true;
        if (n->type == XML_ELEMENT_NODE && has_refs(n->children, name,
                                                    depth + 1))
            return true;
    }
    return false;
}

struct parts {
    char *doc, *fn, *en, *drel, *frel, *erel, *settings;
    size_t ndoc, nfn, nen, ndrel, nfrel, nerel, nsettings;
};

static cc_result read_parts(zip_t *z, struct parts *p, char *err,
                            size_t errlen)
{
    struct {
        const char *name;
        char **buf;
        size_t *len;
    } want[] = {
        {"word/document.xml", &p->doc, &p->ndoc},
        {"word/footnotes.xml", &p->fn, &p->nfn},
        {"word/endnotes.xml", &p->en, &p->nen},
        {"word/_rels/document.xml.rels", &p->drel, &p->ndrel},
        {"word/_rels/footnotes.xml.rels", &p->frel, &p->nfrel},
        {"word/_rels/endnotes.xml.rels", &p->erel, &p->nerel},
        {"word/settings.xml", &p->settings, &p->nsettings},
    };

    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        cc_result result = read_entry(z, want[i].name, want[i].buf,
                                      want[i].len, err, errlen);

        if (result != CC_OK)
            return result;
    }
    return CC_OK;
}

static void free_parts(struct parts *p)
{
    free(p->doc);
    free(p->fn);
    free(p->en);
    free(p->drel);
    free(p->frel);
    free(p->erel);
    free(p->settings);
}

static cc_result build(struct dx *x, const struct parts *p, char *err,
                       size_t errlen)
{
    xmlDoc *doc = parse_xml(p->doc, p->ndoc), *fn, *en, *set;
    xmlNode *root;

    if (!doc) {
        cc_errf(err, errlen, "word/document.xml is not well-formed XML");
        return CC_EPARSE;
    }
    root = xmlDocGetRootElement(doc);
    fn = parse_xml(p->fn, p->nfn);
    en = parse_xml(p->en, p->nen);
    set = parse_xml(p->settings, p->nsettings);
    load_rels(&x->drels, p->drel, p->ndrel);
    load_rels(&x->frels, p->frel, p->nfrel);
    load_rels(&x->erels, p->erel, p->nerel);
    x->fn_start = num_start(root, 0);
    if (x->fn_start == 0 && set)
        x->fn_start = num_start(xmlDocGetRootElement(set), 0);
    if (x->fn_start == 0)
        x->fn_start = 1;
    x->has_footnotes = has_refs(root, "footnoteReference", 0);
    x->rels = &x->drels;
    walk(x, root, 0);
    read_notes(x, fn, false, &x->frels);
    read_notes(x, en, true, &x->erels);
    for (size_t i = 0; i < x->nnotes; i++) {
        struct note *nt = &x->notes[i];

        while (nt->t.len > 0 && nt->t.s[nt->t.len - 1] == ' ')
            nt->t.s[--nt->t.len] = '\0';
        if (nt->label[0])
            docb_ref(&x->b, nt->label, nt->line, &nt->t, NULL);
    }
    xmlFreeDoc(doc);
    xmlFreeDoc(fn);
    xmlFreeDoc(en);
    xmlFreeDoc(set);
    return CC_OK;
}

cc_result doc_parse_docx(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen)
{
    struct dx x = {0};
    struct parts p = {0};
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    char msg[CC_ERRLEN] = "";
    cc_result result;

    *out = NULL;
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        cc_errf(err, errlen, "%s: binary file: a zip that cannot be read "
                "as DOCX (%s)",
                docb_shown(path), zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return CC_EUSAGE;
    }
    zip_error_fini(&ze);
    result = read_parts(z, &p, msg, sizeof msg);
    zip_discard(z);
    if (result == CC_OK && !p.doc) {
        cc_errf(msg, sizeof msg, "a zip without word/document.xml "
                "(not a Word document)");
        result = CC_EUSAGE;
    }
    if (result == CC_OK) {
        docb_init(&x.b, path, DOC_FMT_DOCX);
        x.b.flat = true;
        result = build(&x, &p, msg, sizeof msg);
    }
    free_parts(&p);
    for (size_t i = 0; i < x.nnotes; i++) {
        free(x.notes[i].id);
        doc_tb_free(&x.notes[i].t);
    }
    free(x.notes);
    free(x.fld_url);
    free_rels(&x.drels);
    free_rels(&x.frels);
    free_rels(&x.erels);
    if (result != CC_OK) {
        if (x.b.d)
            docb_abort(&x.b);
        cc_errf(err, errlen, "%s: %s", docb_shown(path), msg);
        return result == CC_EPARSE || result == CC_ELIMIT ? CC_EUSAGE
                                                          : result;
    }
    return docb_finish(&x.b, x.para, out, err, errlen);
}
