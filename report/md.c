/*
 * report/md.c -- the `check` report as GitHub-flavoured Markdown, for a
 * pull-request comment: per document a summary table by severity and by
 * kind, then one section per footnote with findings (a table of them and
 * the claims and evidence in a collapsible <details> block).
 *
 * Untrusted text goes through report_markup(RM_MD): & < > as character
 * references and Markdown's active characters backslash-escaped, so a
 * page title cannot add links, images, emphasis, table cells or HTML.
 * Links are written only for http(s) URLs, percent-encoding the
 * characters that would end a link destination.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define MESSAGE_CHARS 300
#define SNIPPET_CHARS 200
#define TITLE_CHARS 120

static void md(FILE *out, const char *s, size_t maxchars)
{
    report_markup_str(out, RM_MD, s, maxchars, RM_ONELINE);
}

/* url (report_url_linkable) as a link destination: characters that
 * would end or change it percent-encoded. */
static void md_url(FILE *out, const char *url)
{
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (strchr("()<>\"'`\\[]|*_ ", *p) && *p)
            fprintf(out, "%%%02X", *p);
        else
            fputc(*p, out);
    }
}

static void md_link(FILE *out, const char *text, const char *url)
{
    if (!report_url_linkable(url)) {
        md(out, text ? text : url, TITLE_CHARS);
        return;
    }
    fputc('[', out);
    md(out, text && *text ? text : url, TITLE_CHARS);
    fputs("](", out);
    md_url(out, url);
    fputc(')', out);
}

static void summary(FILE *out, const struct report_doc *rd)
{
    size_t by_kind[FK_COUNT_] = {0}, by_sev[3] = {0};
    const struct check_report *rep = rd->rep;
    char date[32] = "";

    for (size_t i = 0; rep && i < rep->nf; i++) {
        if ((unsigned)rep->f[i].kind < FK_COUNT_)
            by_kind[rep->f[i].kind]++;
        if ((unsigned)rep->f[i].severity <= SEV_ERROR)
            by_sev[rep->f[i].severity]++;
    }
    fputs("## citecheck: ", out);
    md(out, rd->doc->path ? rd->doc->path : "-", 0);
    fputs("\n\n", out);
    if (cc_date_set(rd->as_of))
        cc_date_fmt(rd->as_of, date, sizeof date);
    fprintf(out, "%zu claim%s checked, %zu reference%s%s%s.\n\n",
            rep ? rep->nclaims : 0, rep && rep->nclaims == 1 ? "" : "s",
            rd->doc->nrefs, rd->doc->nrefs == 1 ? "" : "s",
            *date ? ", as of " : "", date);
    fputs("| severity | findings |\n|---|---:|\n", out);
    fprintf(out, "| :red_circle: error | %zu |\n", by_sev[SEV_ERROR]);
    fprintf(out, "| :warning: warning | %zu |\n", by_sev[SEV_WARNING]);
    fprintf(out, "| :information_source: info | %zu |\n\n", by_sev[SEV_INFO]);
    fputs("<details><summary>Findings by kind</summary>\n\n"
          "| kind | severity | findings | meaning |\n|---|---|---:|---|\n",
          out);
    for (int k = 0; k < FK_COUNT_; k++)
        if (by_kind[k])
            fprintf(out, "| `%s` | %s | %zu | %s |\n", finding_kind_name(k),
                    severity_name(finding_kind_severity(k)), by_kind[k],
                    report_kind_meaning(k));
    fputs("\n</details>\n\n", out);
}

static void finding_row(FILE *out, const struct doc *d,
                        const struct finding *f)
{
    char where[64];

    report_where(d, f->line, where, sizeof where);
    /* the column is "line": a bare number unless it is a PDF's page */
    fprintf(out, "| %s ", strncmp(where, "line ", 5) == 0 ? where + 5
                                                          : where);
    fprintf(out, "| %s | `%s` | ", severity_name(f->severity),
            finding_kind_name(f->kind));
    md(out, f->message, MESSAGE_CHARS);
    fputs(" |\n", out);
}

static void finding_detail(FILE *out, const struct doc *d,
                           const struct finding *f)
{
    char facts[256], where[64];

    report_fmt_facts(facts, sizeof facts, f->has_value, f->value, f->unit,
                     sizeof f->unit, f->approx, f->period, f->deadline_year);
    fprintf(out, "- **%s** `%s`", severity_name(f->severity),
            finding_kind_name(f->kind));
    if (f->line > 0) {
        report_where(d, f->line, where, sizeof where);
        fprintf(out, " %s", where);
    }
    if (*facts) {
        fputs(" (", out);
        md(out, facts, 0);
        fputc(')', out);
    }
    fputs(": ", out);
    md(out, f->claim_text ? f->claim_text : f->message, SNIPPET_CHARS);
    fputc('\n', out);
    report_evidence_lines(out, RM_MD, f, "  - source \\[", "\\]: ",
                          "  - article line ", SNIPPET_CHARS);
}

/* The section of findings whose footnote is label (ref may be NULL: a
 * label the reference list lacks, or "" for findings without one). */
static void section(FILE *out, const struct report_doc *rd,
                    const struct doc_ref *ref, const char *label)
{
    const struct check_report *rep = rd->rep;
    const struct check_source *s = ref ? report_source_of(rd, ref) : NULL;
    size_t n = 0, bad = 0;
    char lbl[DOC_MAX_LABEL + 1];

    for (size_t i = 0; rep && i < rep->nf; i++)
        if (report_label_eq(rep->f[i].ref, label)) {
            n++;
            bad += rep->f[i].kind != FK_SUPPORTED;
        }
    if (n == 0)
        return;
    report_label_copy(lbl, label);
    if (*lbl) {
        fputs("### \\[", out);
        md(out, lbl, 0);
        fputs("\\] ", out);
        if (ref)
            md(out, ref->title ? ref->title : ref->text, TITLE_CHARS);
        else
            fputs("(not in the reference list)", out);
    } else {
        fputs("### Without a footnote", out);
    }
    fputs("\n\n", out);
    if (ref && ref->url) {
        fputs("Source: ", out);
        md_link(out, s && s->page && s->page->title ? s->page->title
                                                    : ref->url,
                ref->url);
        if (s && s->error) {
            fputs(" (not fetched: ", out);
            md(out, s->error, TITLE_CHARS);
            fputc(')', out);
        } else if (s && s->status) {
            fprintf(out, " (HTTP %ld)", s->status);
        }
        fputs("\n\n", out);
    }
    if (bad) {
        fputs("| line | severity | kind | message |\n|---:|---|---|---|\n",
              out);
        for (size_t i = 0; i < rep->nf; i++)
            if (report_label_eq(rep->f[i].ref, label) &&
                rep->f[i].kind != FK_SUPPORTED)
                finding_row(out, rd->doc, &rep->f[i]);
        fputc('\n', out);
    }
    if (n > bad)
        fprintf(out, ":white_check_mark: %zu claim%s supported.\n\n", n - bad,
                n - bad == 1 ? "" : "s");
    fputs("<details><summary>Claims and evidence</summary>\n\n", out);
    for (size_t i = 0; i < rep->nf; i++)
        if (report_label_eq(rep->f[i].ref, label))
            finding_detail(out, rd->doc, &rep->f[i]);
    fputs("\n</details>\n\n", out);
}

static bool label_in_doc(const struct doc *d, const char *label)
{
    for (size_t i = 0; i < d->nrefs; i++)
        if (report_label_eq(d->refs[i].label, label))
            return true;
    return false;
}

static void document(FILE *out, const struct report_doc *rd)
{
    const struct doc *d = rd->doc;
    const struct check_report *rep = rd->rep;
    const struct doc_ref **order = NULL;

    summary(out, rd);
    if (d->nrefs) {
        order = cc_calloc(d->nrefs, sizeof *order);
        for (size_t i = 0; i < d->nrefs; i++)
            order[i] = &d->refs[i];
        qsort(order, d->nrefs, sizeof *order, report_ref_cmp);
    }
    for (size_t i = 0; i < d->nrefs; i++)
        if (i == 0 || !report_label_eq(order[i - 1]->label, order[i]->label))
            section(out, rd, order[i], order[i]->label);
    free(order);
    for (size_t i = 0; rep && i < rep->nf; i++) {
        const struct finding *f = &rep->f[i];
        bool seen = false;
        if (!f->ref[0] || label_in_doc(d, f->ref))
            continue;
        for (size_t j = 0; j < i && !seen; j++)
            seen = report_label_eq(rep->f[j].ref, f->ref);
        if (!seen)
            section(out, rd, NULL, f->ref);
    }
    section(out, rd, NULL, "");
}

/*
 * The `check` report as Markdown (see the file comment).  Errors as
 * report_check().
 */
cc_result report_md_check(FILE *out, const struct report_doc *docs,
                          size_t ndocs, char *err, size_t errlen)
{
    for (size_t i = 0; i < ndocs; i++) {
        if (i)
            fputs("---\n\n", out);
        document(out, &docs[i]);
    }
    fprintf(out, "<sub>citecheck %s</sub>\n", CC_VERSION);
    return report_finish(out, err, errlen);
}
