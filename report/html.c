/*
 * report/html.c -- the `check` report as one self-contained HTML file: the
 * article's sentences with each claim highlighted by its most severe
 * finding, a panel beside them with the findings (message, evidence
 * snippets, the source and its link) of the sentence clicked, filters by
 * kind and footnote, and a summary table per document.
 *
 * Safety: the page makes no network request and runs only its own code.
 * Its Content-Security-Policy is default-src 'none' with the SHA-256
 * hashes of the one inline <style> and the one inline <script> (both
 * constant, below); no inline event handler or style attribute is used.
 * Every untrusted string goes through report_markup(RM_HTML) (& < > " '
 * escaped, controls dropped, invalid UTF-8 repaired, bidi controls shown
 * as text), and only http(s) URLs become links (rel="noopener
 * noreferrer").  Without JavaScript everything is shown, unfiltered.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define MESSAGE_CHARS 1000
#define SNIPPET_CHARS 600
#define TITLE_CHARS 200

static const char css[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;"
    "background:#fafafa}"
    "header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}"
    "h1{font-size:20px;margin:0 0 6px}h2{font-size:18px;margin:18px 0 4px}"
    "main{padding:0 20px 40px}"
    "fieldset{display:inline;border:0;margin:0;padding:0}"
    "#filters label{margin-right:10px;white-space:nowrap;font-size:13px}"
    "#count{font-size:13px;color:#555;margin-left:8px}"
    "table.summary{border-collapse:collapse;margin:8px 0;font-size:13px}"
    "table.summary td,table.summary th{border:1px solid #ddd;padding:3px 8px;"
    "text-align:left;background:#fff}"
    "td.n{text-align:right}"
    ".sums{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}"
    "footer{padding:0 20px 20px}"
    ".cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);"
    "gap:20px;align-items:start}"
    "article{background:#fff;border:1px solid #ddd;padding:8px 18px;"
    "line-height:1.7}"
    "article h3{font-size:15px;margin:14px 0 4px}"
    "aside{position:sticky;top:10px;max-height:calc(100vh - 20px);"
    "overflow:auto}"
    "mark.claim{background:none;color:inherit;border-radius:3px;"
    "cursor:pointer;padding:1px 0}"
    "mark.claim::before{content:attr(data-line);font-size:10px;color:#666;"
    "vertical-align:super;margin-right:2px}"
    "mark.sev-error{background:#fbd3d0;border-bottom:2px solid #c62828}"
    "mark.sev-warning{background:#fff0c2;border-bottom:2px solid #b7791f}"
    "mark.sev-info{background:#dbe9ff;border-bottom:2px solid #1f6feb}"
    "mark.sev-ok{background:#dcf2e2;border-bottom:2px solid #2e7d32}"
    "mark.sel{outline:2px solid #333}"
    ".fig{font-weight:600;border-radius:2px;padding:0 1px}"
    ".fig.sev-error{background:#f19a94}.fig.sev-warning{background:#f7d774}"
    ".fig.sev-info{background:#a9c8ff}.fig.sev-ok{background:#a6dcb5}"
    ".finding{background:#fff;border:1px solid #ddd;border-left:5px solid "
    "#999;padding:6px 10px;margin:0 0 10px;font-size:14px}"
    ".finding.sev-error{border-left-color:#c62828}"
    ".finding.sev-warning{border-left-color:#b7791f}"
    ".finding.sev-info{border-left-color:#1f6feb}"
    ".finding.sev-ok{border-left-color:#2e7d32}"
    ".badge{font-weight:bold;text-transform:uppercase;font-size:12px}"
    ".finding p{margin:4px 0}.finding ul{margin:4px 0;padding-left:18px}"
    ".snip{color:#333}.facts,.meta{color:#555;font-size:13px}"
    ".showall{font-size:13px;margin:0 0 8px}"
    "[hidden]{display:none!important}";

static const char js[] =
    "(function(){'use strict';"
    "var q=function(s){return Array.prototype.slice.call("
    "document.querySelectorAll(s));};"
    "var cards=q('.finding'),marks=q('mark.claim'),boxes=q('input.fk'),"
    "figs=q('span.fig');"
    "var sel=document.getElementById('fref'),alls=q('.showall'),"
    "count=document.getElementById('count');"
    "var rank={ok:0,info:1,warning:2,error:3},chosen=null;"
    "function apply(){var kinds={},vis={},n=0;"
    "boxes.forEach(function(b){if(b.checked)kinds[b.value]=true;});"
    "cards.forEach(function(c){var ok=!!kinds[c.dataset.kind]&&"
    "(sel.value==='*'||c.dataset.ref===sel.value);if(ok){vis[c.id]=c;n++;}"
    "c.hidden=!ok||(chosen!==null&&c.dataset.s!==chosen);});"
    "marks.forEach(function(m){var best=-1,cls='';"
    "m.dataset.f.split(' ').forEach(function(id){var c=vis[id];"
    "if(c&&rank[c.dataset.sev]>best){best=rank[c.dataset.sev];"
    "cls=c.dataset.sev;}});"
    "m.className='claim'+(best>=0?' sev-'+cls:'')+(m.id===chosen?' sel':'');"
    "});figs.forEach(function(g){var best=-1,cls='';"
    "g.dataset.f.split(' ').forEach(function(id){var c=vis[id];"
    "if(c&&rank[c.dataset.sev]>best){best=rank[c.dataset.sev];"
    "cls=c.dataset.sev;}});g.className='fig'+(best>=0?' sev-'+cls:'');});alls.forEach(function(b){b.hidden=chosen===null;});"
    "var sh=cards.filter(function(c){return !c.hidden;}).length;"
    "count.textContent=chosen===null?n+' of '+cards.length+' findings shown'"
    ":sh+' finding'+(sh===1?'':'s')+' of the selected sentence shown';}"
    "function choose(m){chosen=chosen===m.id?null:m.id;apply();"
    "if(chosen!==null){var p=document.getElementById('panel-'+m.dataset.doc);"
    "if(p)p.scrollTop=0;}}"
    "marks.forEach(function(m){m.addEventListener('click',function(){"
    "choose(m);});m.addEventListener('keydown',function(e){"
    "if(e.key==='Enter'||e.key===' '){e.preventDefault();choose(m);}});});"
    "boxes.forEach(function(b){b.addEventListener('change',apply);});"
    "sel.addEventListener('change',apply);"
    "alls.forEach(function(b){b.addEventListener('click',function(){"
    "chosen=null;apply();});});"
    "apply();})();";

static void h(FILE *out, const char *s, size_t maxchars)
{
    report_markup_str(out, RM_HTML, s, maxchars, RM_ONELINE);
}

static const char *sev_class(const struct finding *f)
{
    if (f->kind == FK_SUPPORTED)
        return "ok";
    return severity_name(f->severity);
}

static int sev_rank(const struct finding *f)
{
    return f->kind == FK_SUPPORTED ? 0 : 1 + (int)f->severity;
}

/* The sentence of d that carries f, or -1: the one whose lines hold
 * f->line and whose text is f's claim text; else the first whose lines
 * hold it. */
static long sentence_of(const struct doc *d, const struct finding *f)
{
    long any = -1;

    if (f->line <= 0)
        return -1;
    for (size_t i = 0; i < d->nsentences; i++) {
        const struct doc_sentence *s = &d->sentences[i];
        int last = s->len && s->line_at ? s->line_at[s->len - 1] : s->line;
        if (f->line < s->line || f->line > last)
            continue;
        if (f->claim_text && strcmp(f->claim_text, s->text) == 0)
            return (long)i;
        if (any < 0)
            any = (long)i;
    }
    return any;
}

static void link(FILE *out, const char *url, const char *text)
{
    if (report_url_linkable(url)) {
        fputs("<a href=\"", out);
        h(out, url, 0);
        fputs("\" rel=\"noopener noreferrer\" target=\"_blank\">", out);
        h(out, text && *text ? text : url, TITLE_CHARS);
        fputs("</a>", out);
    } else {
        h(out, text && *text ? text : url, TITLE_CHARS);
    }
}

/* "Source [16]: <a>title</a> · HTTP 200 · published 2024-04-07" */
static void source_line(FILE *out, const struct report_doc *rd,
                        const char *label)
{
    char lbl[DOC_MAX_LABEL + 1], date[32];
    const struct doc_ref *ref;
    const struct check_source *s;

    report_label_copy(lbl, label);
    ref = *lbl ? doc_find_ref(rd->doc, lbl) : NULL;
    if (!ref)
        return;
    s = report_source_of(rd, ref);
    fputs("<p class=\"meta\">Source [", out);
    h(out, lbl, 0);
    fputs("]: ", out);
    if (ref->url)
        link(out, ref->url,
             s && s->page && s->page->title ? s->page->title : ref->url);
    else
        h(out, ref->text, TITLE_CHARS);
    if (s && s->error) {
        fputs(" · not fetched: ", out);
        h(out, s->error, TITLE_CHARS);
    } else if (s && s->status) {
        fprintf(out, " · HTTP %ld", s->status);
    }
    if (s && s->page && cc_date_set(s->page->published)) {
        cc_date_fmt(s->page->published, date, sizeof date);
        fprintf(out, " · published %s", date);
    }
    fputs("</p>\n", out);
}

static void card(FILE *out, const struct report_doc *rd, size_t di,
                 size_t fi, long si)
{
    const struct finding *f = &rd->rep->f[fi];
    char lbl[DOC_MAX_LABEL + 1], facts[256];

    report_label_copy(lbl, f->ref);
    fprintf(out, "<div class=\"finding sev-%s\" id=\"d%zuf%zu\" "
                 "data-kind=\"%s\" data-sev=\"%s\" data-ref=\"",
            sev_class(f), di, fi, finding_kind_name(f->kind), sev_class(f));
    h(out, lbl, 0);
    if (si >= 0)
        fprintf(out, "\" data-s=\"d%zus%ld\">\n", di, si);
    else
        fputs("\" data-s=\"\">\n", out);
    fprintf(out, "<p><span class=\"badge\">%s</span> <code>%s</code>",
            f->kind == FK_SUPPORTED ? "supported" : severity_name(f->severity),
            finding_kind_name(f->kind));
    if (*lbl) {
        fputs(" [", out);
        h(out, lbl, 0);
        fputc(']', out);
    }
    if (f->line > 0) {
        char where[64];

        report_where(rd->doc, f->line, where, sizeof where);
        fprintf(out, " <span class=\"meta\">%s</span>", where);
    }
    fputs("</p>\n<p>", out);
    h(out, f->message, MESSAGE_CHARS);
    fputs("</p>\n", out);
    report_fmt_facts(facts, sizeof facts, f->has_value, f->value, f->unit,
                     sizeof f->unit, f->approx, f->period, f->deadline_year);
    if (*facts) {
        fputs("<p class=\"facts\">Claim: ", out);
        h(out, facts, 0);
        fputs("</p>\n", out);
    }
    if (f->nev)
        fputs("<ul>\n", out);
    for (size_t i = 0; i < f->nev; i++) {
        const struct evidence *e = &f->ev[i];
        char el[DOC_MAX_LABEL + 1];

        report_label_copy(el, e->ref);
        if (*el) {
            fputs("<li>[", out);
            h(out, el, 0);
            fputs("] ", out);
        } else {
            fprintf(out, "<li>article line %d: ", e->line);
        }
        fputs("<span class=\"snip\">“", out);
        h(out, e->snippet, SNIPPET_CHARS);
        fputs("”</span>", out);
        report_fmt_facts(facts, sizeof facts, e->has_value, e->value, e->unit,
                         sizeof e->unit, false, e->period, e->deadline_year);
        if (*facts) {
            fputs(" <span class=\"facts\">(", out);
            h(out, facts, 0);
            fputs(")</span>", out);
        }
        fputs("</li>\n", out);
    }
    if (f->nev)
        fputs("</ul>\n", out);
    source_line(out, rd, f->ref);
    for (size_t i = 0; i < f->nev; i++)
        if (f->ev[i].ref[0] && !report_label_eq(f->ev[i].ref, f->ref)) {
            bool dup = false;
            for (size_t j = 0; j < i && !dup; j++)
                dup = report_label_eq(f->ev[j].ref, f->ev[i].ref);
            if (!dup)
                source_line(out, rd, f->ev[i].ref);
        }
    fputs("</div>\n", out);
}

static void summary_table(FILE *out, const struct report_doc *rd)
{
    size_t by_kind[FK_COUNT_] = {0}, by_sev[3] = {0};
    const struct check_report *rep = rd->rep;

    for (size_t i = 0; rep && i < rep->nf; i++) {
        if ((unsigned)rep->f[i].kind < FK_COUNT_)
            by_kind[rep->f[i].kind]++;
        if ((unsigned)rep->f[i].severity <= SEV_ERROR)
            by_sev[rep->f[i].severity]++;
    }
    fprintf(out,
            "<table class=\"summary\"><thead><tr><th>severity</th>"
            "<th>findings</th></tr></thead><tbody>\n"
            "<tr><td>error</td><td class=\"n\">%zu</td></tr>\n"
            "<tr><td>warning</td><td class=\"n\">%zu</td></tr>\n"
            "<tr><td>info</td><td class=\"n\">%zu</td></tr>\n"
            "</tbody></table>\n",
            by_sev[SEV_ERROR], by_sev[SEV_WARNING], by_sev[SEV_INFO]);
    fputs("<table class=\"summary\"><thead><tr><th>kind</th><th>severity</th>"
          "<th>findings</th><th>meaning</th></tr></thead><tbody>\n",
          out);
    for (int k = 0; k < FK_COUNT_; k++)
        if (by_kind[k])
            fprintf(out,
                    "<tr><td><code>%s</code></td><td>%s</td>"
                    "<td class=\"n\">%zu</td><td>%s</td></tr>\n",
                    finding_kind_name(k),
                    severity_name(finding_kind_severity(k)), by_kind[k],
                    report_kind_meaning(k));
    fputs("</tbody></table>\n", out);
}

/* Sentence si's text with each figure that findings are about wrapped
 * in <span class="fig sev-…" data-f="…"> (the worst severity of the
 * findings on that figure), from the spans the checker kept.  Figures
 * overlapping an earlier one are left plain; all text is escaped. */
static void sentence_text(FILE *out, const struct report_doc *rd, size_t di,
                          size_t si, const long *sent)
{
    const struct doc_sentence *s = &rd->doc->sentences[si];
    size_t nf = rd->rep ? rd->rep->nf : 0, pos = 0;

    for (;;) {
        const struct finding *first = NULL;
        int best = -1;
        const char *cls = "";

        /* the next figure at or after pos: the smallest start */
        for (size_t f = 0; f < nf; f++) {
            const struct finding *x = &rd->rep->f[f];

            if (sent[f] != (long)si || x->fig_end <= x->fig_start ||
                x->fig_start < pos || x->fig_end > s->len)
                continue;
            if (!first || x->fig_start < first->fig_start ||
                (x->fig_start == first->fig_start &&
                 x->fig_end > first->fig_end))
                first = x;
        }
        if (!first)
            break;
        for (size_t f = 0; f < nf; f++) {
            const struct finding *x = &rd->rep->f[f];

            if (sent[f] == (long)si && x->fig_start == first->fig_start &&
                x->fig_end == first->fig_end && sev_rank(x) > best) {
                best = sev_rank(x);
                cls = sev_class(x);
            }
        }
        report_markup(out, RM_HTML, s->text + pos, first->fig_start - pos, 0,
                      0);
        fprintf(out, "<span class=\"fig sev-%s\" data-f=\"", cls);
        for (size_t f = 0, n = 0; f < nf; f++) {
            const struct finding *x = &rd->rep->f[f];

            if (sent[f] == (long)si && x->fig_start == first->fig_start &&
                x->fig_end == first->fig_end)
                fprintf(out, "%sd%zuf%zu", n++ ? " " : "", di, f);
        }
        fputs("\">", out);
        report_markup(out, RM_HTML, s->text + first->fig_start,
                      first->fig_end - first->fig_start, 0, 0);
        fputs("</span>", out);
        pos = first->fig_end;
    }
    report_markup(out, RM_HTML, s->text + pos, s->len - pos, 0, 0);
}

/* The article's sentences with their claims marked; sent[i] is the
 * sentence of finding i (-1 for none). */
static void article(FILE *out, const struct report_doc *rd, size_t di,
                    const long *sent)
{
    const struct doc *d = rd->doc;
    size_t nf = rd->rep ? rd->rep->nf : 0;
    bool open = false;

    fputs("<article>\n", out);
    for (size_t i = 0; i < d->nsentences; i++) {
        const struct doc_sentence *s = &d->sentences[i];
        int best = -1, line = 0;
        const char *cls = "";

        if (s->heading) {
            if (open)
                fputs("</p>\n", out);
            open = false;
            fputs("<h3>", out);
            report_markup(out, RM_HTML, s->text, s->len, 0, RM_ONELINE);
            fputs("</h3>\n", out);
            continue;
        }
        if (!open)
            fputs("<p>", out);
        open = true;
        for (size_t f = 0; f < nf; f++) {
            if (sent[f] != (long)i)
                continue;
            if (sev_rank(&rd->rep->f[f]) > best) {
                best = sev_rank(&rd->rep->f[f]);
                cls = sev_class(&rd->rep->f[f]);
            }
            if (!line || rd->rep->f[f].line < line)
                line = rd->rep->f[f].line;   /* the claim's first line */
        }
        if (best < 0) {
            report_markup(out, RM_HTML, s->text, s->len, 0, RM_ONELINE);
            fputc(' ', out);
            continue;
        }
        fprintf(out,
                "<mark class=\"claim sev-%s\" id=\"d%zus%zu\" data-doc=\"%zu\" "
                "data-line=\"%d\" tabindex=\"0\" data-f=\"",
                cls, di, i, di, line);
        for (size_t f = 0, k = 0; f < nf; f++)
            if (sent[f] == (long)i)
                fprintf(out, "%sd%zuf%zu", k++ ? " " : "", di, f);
        fputs("\" title=\"", out);   /* hover: the kinds, worst first */
        {
            bool seen[FK_COUNT_] = {false};
            int k = 0;
            for (int r = 3; r >= 0; r--)
                for (size_t f = 0; f < nf; f++) {
                    const struct finding *g = &rd->rep->f[f];
                    if (sent[f] != (long)i || sev_rank(g) != r ||
                        (unsigned)g->kind >= FK_COUNT_ || seen[g->kind])
                        continue;
                    seen[g->kind] = true;
                    fprintf(out, "%s%s", k++ ? ", " : "",
                            finding_kind_name(g->kind));
                }
        }
        fputs("\">", out);
        sentence_text(out, rd, di, i, sent);
        fputs("</mark> ", out);
    }
    if (open)
        fputs("</p>\n", out);
    fputs("</article>\n", out);
}

static void document(FILE *out, const struct report_doc *rd, size_t di)
{
    const struct check_report *rep = rd->rep;
    size_t nf = rep ? rep->nf : 0;
    long *sent = cc_calloc(nf + 1, sizeof *sent);
    char date[32] = "";

    for (size_t i = 0; i < nf; i++)
        sent[i] = sentence_of(rd->doc, &rep->f[i]);
    fputs("<section class=\"doc\">\n<h2>", out);
    h(out, rd->doc->path ? rd->doc->path : "-", 0);
    fputs("</h2>\n<p class=\"meta\">", out);
    if (cc_date_set(rd->as_of)) {
        cc_date_fmt(rd->as_of, date, sizeof date);
        fprintf(out, "As of %s · ", date);
    }
    fprintf(out, "%zu reference%s · %zu claim%s checked · %zu finding%s</p>\n",
            rd->doc->nrefs, rd->doc->nrefs == 1 ? "" : "s",
            rep ? rep->nclaims : 0, rep && rep->nclaims == 1 ? "" : "s", nf,
            nf == 1 ? "" : "s");
    fputs("<div class=\"sums\">\n", out);
    summary_table(out, rd);
    fputs("</div>\n", out);
    fputs("<div class=\"cols\">\n", out);
    article(out, rd, di, sent);
    fprintf(out,
            "<aside id=\"panel-%zu\">\n<button type=\"button\" "
            "class=\"showall\" hidden>Show all findings</button>\n",
            di);
    for (size_t i = 0; i < nf; i++)
        card(out, rd, di, i, sent[i]);
    fputs("</aside>\n</div>\n</section>\n", out);
    free(sent);
}

/* Kind checkboxes and the footnote select, over all documents. */
static void filters(FILE *out, const struct report_doc *docs, size_t ndocs)
{
    size_t by_kind[FK_COUNT_] = {0}, nlabels = 0, cap = 0;
    const char **labels = NULL;
    bool nolabel = false;

    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; docs[d].rep && i < docs[d].rep->nf; i++) {
            const struct finding *f = &docs[d].rep->f[i];
            bool seen = false;
            if ((unsigned)f->kind < FK_COUNT_)
                by_kind[f->kind]++;
            if (!f->ref[0]) {
                nolabel = true;
                continue;
            }
            for (size_t j = 0; j < nlabels && !seen; j++)
                seen = report_label_eq(labels[j], f->ref);
            if (!seen) {
                labels = cc_grow(labels, &cap, nlabels + 1, sizeof *labels);
                labels[nlabels++] = f->ref;
            }
        }
    for (size_t i = 1; i < nlabels; i++)   /* insertion sort, few labels */
        for (size_t j = i; j > 0 && report_label_cmp(labels[j - 1],
                                                     labels[j]) > 0; j--) {
            const char *t = labels[j];
            labels[j] = labels[j - 1];
            labels[j - 1] = t;
        }
    fputs("<form id=\"filters\"><fieldset><legend>Kinds:</legend> ", out);
    for (int k = 0; k < FK_COUNT_; k++)
        if (by_kind[k])
            fprintf(out,
                    "<label><input type=\"checkbox\" class=\"fk\" "
                    "value=\"%s\" checked> %s (%zu)</label>\n",
                    finding_kind_name(k), finding_kind_name(k), by_kind[k]);
    fputs("</fieldset> <label>Footnote: <select id=\"fref\">"
          "<option value=\"*\">all</option>",
          out);
    for (size_t i = 0; i < nlabels; i++) {
        char lbl[DOC_MAX_LABEL + 1];
        report_label_copy(lbl, labels[i]);
        fputs("<option value=\"", out);
        h(out, lbl, 0);
        fputs("\">[", out);
        h(out, lbl, 0);
        fputs("]</option>", out);
    }
    if (nolabel)
        fputs("<option value=\"\">no footnote</option>", out);
    fputs("</select></label> <span id=\"count\"></span></form>\n", out);
    free(labels);
}

/*
 * The `check` report as one HTML page (see the file comment).  Errors as
 * report_check().
 */
cc_result report_html_check(FILE *out, const struct report_doc *docs,
                            size_t ndocs, char *err, size_t errlen)
{
    char css_hash[64], js_hash[64];

    report_csp_hash(css, css_hash, sizeof css_hash);
    report_csp_hash(js, js_hash, sizeof js_hash);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; style-src '%s'; script-src '%s'; "
            "base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n<title>citecheck: ",
            css_hash, js_hash);
    for (size_t d = 0; d < ndocs; d++) {
        if (d)
            fputs(", ", out);
        h(out, docs[d].doc->path ? docs[d].doc->path : "-", TITLE_CHARS);
    }
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
                 "<h1>citecheck report</h1>\n",
            css);
    filters(out, docs, ndocs);
    fputs("</header>\n<main>\n<p class=\"meta\">Click a highlighted sentence "
          "to see its findings beside it; click it again to see all.</p>\n",
          out);
    for (size_t d = 0; d < ndocs; d++)
        document(out, &docs[d], d);
    fprintf(out, "</main>\n<footer class=\"meta\">citecheck %s</footer>\n"
                 "<script>%s</script>\n</body>\n</html>\n",
            CC_VERSION, js);
    return report_finish(out, err, errlen);
}
