/*
 * report/junit.c -- the `check` report as JUnit XML for CI dashboards.
 *
 * One <testsuite> per document, one <testcase> per claim: the findings of
 * one footnote about one figure (value, unit, period) in one sentence.  A
 * claim fails with one <failure> per error or warning finding (type = the
 * kind, message = the finding's message); info findings (supported,
 * no_url, ...) pass and are listed in the testcase's <system-out>.
 *
 * The output is XML 1.0 in UTF-8 with no CDATA: every untrusted string
 * goes through report_markup(RM_XML), which escapes & < > " ', drops the
 * control characters XML 1.0 forbids and repairs invalid UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define NAME_CHARS 80
#define MESSAGE_CHARS 1000
#define SNIPPET_CHARS 300

static void attr(FILE *out, const char *name, const char *v, size_t maxchars)
{
    fprintf(out, " %s=\"", name);
    report_markup_str(out, RM_XML, v ? v : "", maxchars, RM_ONELINE);
    fputc('"', out);
}

static void text(FILE *out, const char *v, size_t maxchars)
{
    report_markup_str(out, RM_XML, v, maxchars, RM_ONELINE);
}

/* True when a and b are findings about the same claim. */
static bool same_claim(const struct finding *a, const struct finding *b)
{
    if (a->line != b->line || !report_label_eq(a->ref, b->ref) ||
        a->has_value != b->has_value || a->deadline_year != b->deadline_year ||
        !cc_period_equal(a->period, b->period))
        return false;
    if (a->has_value &&
        (a->value != b->value || strncmp(a->unit, b->unit, sizeof a->unit)))
        return false;
    if (!a->claim_text || !b->claim_text)
        return a->claim_text == b->claim_text;
    return strcmp(a->claim_text, b->claim_text) == 0;
}

/* "line 72: $4.3 billion (2021)"; without a value, the sentence's start. */
static void claim_name(const struct doc *d, const struct finding *f,
                       char *buf, size_t n)
{
    char val[128] = "", per[96] = "", line[64];

    if (f->line > 0)
        report_where(d, f->line, line, sizeof line);
    else
        snprintf(line, sizeof line, "reference");
    if (cc_period_set(f->period))
        cc_period_fmt(f->period, per, sizeof per);
    else if (f->deadline_year)
        snprintf(per, sizeof per, "by %d", f->deadline_year);
    if (f->has_value) {
        report_fmt_value(val, sizeof val, f->value, f->unit, sizeof f->unit);
        if (*per)
            snprintf(buf, n, "%s: %s%s (%s)", line, f->approx ? "~" : "",
                     val, per);
        else
            snprintf(buf, n, "%s: %s%s", line, f->approx ? "~" : "", val);
        return;
    }
    snprintf(buf, n, "%s: %s", line, finding_kind_name(f->kind));
}

static void finding_detail(FILE *out, const struct finding *f)
{
    fprintf(out, "%s %s: ", severity_name(f->severity),
            finding_kind_name(f->kind));
    text(out, f->message, MESSAGE_CHARS);
    fputc('\n', out);
    if (f->claim_text) {
        fputs("claim: ", out);
        text(out, f->claim_text, SNIPPET_CHARS);
        fputc('\n', out);
    }
    report_evidence_lines(out, RM_XML, f, "evidence [", "]: ",
                          "evidence line ", SNIPPET_CHARS);
}

/* The testcase for the claim of rep->f[first]; marks its findings done. */
static void testcase(FILE *out, const struct doc *d,
                     const struct check_report *rep, size_t first, bool *done)
{
    const struct finding *f0 = &rep->f[first];
    char name[400], lbl[DOC_MAX_LABEL + 1];
    bool info = false;

    claim_name(d, f0, name, sizeof name);
    report_label_copy(lbl, f0->ref);
    fputs("    <testcase", out);
    attr(out, "name", name, NAME_CHARS);
    attr(out, "classname", *lbl ? lbl : "(no footnote)", 0);
    fputs(" time=\"0\">\n", out);
    for (size_t i = first; i < rep->nf; i++) {
        const struct finding *f = &rep->f[i];
        if (done[i] || !same_claim(f0, f))
            continue;
        if (f->severity == SEV_INFO) {
            info = true;
            continue;
        }
        done[i] = true;
        fputs("      <failure", out);
        attr(out, "type", finding_kind_name(f->kind), 0);
        attr(out, "message", f->message, MESSAGE_CHARS);
        fputs(">", out);
        finding_detail(out, f);
        fputs("</failure>\n", out);
    }
    if (info) {
        fputs("      <system-out>", out);
        for (size_t i = first; i < rep->nf; i++)
            if (!done[i] && same_claim(f0, &rep->f[i])) {
                done[i] = true;
                finding_detail(out, &rep->f[i]);
            }
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
}

/* Claims (testcases) of rep and how many of them fail. */
static void count_claims(const struct check_report *rep, size_t *tests,
                         size_t *failed)
{
    bool *seen = cc_calloc(rep->nf + 1, sizeof *seen);

    *tests = *failed = 0;
    for (size_t i = 0; i < rep->nf; i++) {
        bool fails = false;
        if (seen[i])
            continue;
        (*tests)++;
        for (size_t j = i; j < rep->nf; j++)
            if (!seen[j] && same_claim(&rep->f[i], &rep->f[j])) {
                seen[j] = true;
                fails = fails || rep->f[j].severity != SEV_INFO;
            }
        if (fails)
            (*failed)++;
    }
    free(seen);
}

/*
 * The `check` report as JUnit XML (see the file comment).  Errors as
 * report_check().
 */
cc_result report_junit_check(FILE *out, const struct report_doc *docs,
                             size_t ndocs, char *err, size_t errlen)
{
    size_t all_tests = 0, all_failed = 0;
    static const struct check_report empty;

    for (size_t d = 0; d < ndocs; d++) {
        size_t t, fl;
        count_claims(docs[d].rep ? docs[d].rep : &empty, &t, &fl);
        all_tests += t;
        all_failed += fl;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<testsuites name=\"citecheck\" tests=\"%zu\" failures=\"%zu\" "
            "errors=\"0\" skipped=\"0\" time=\"0\">\n",
            all_tests, all_failed);
    for (size_t d = 0; d < ndocs; d++) {
        const struct check_report *rep = docs[d].rep ? docs[d].rep : &empty;
        bool *done = cc_calloc(rep->nf + 1, sizeof *done);
        size_t t, fl;
        char date[32] = "";

        count_claims(rep, &t, &fl);
        fputs("  <testsuite", out);
        attr(out, "name", docs[d].doc->path ? docs[d].doc->path : "-", 0);
        fprintf(out,
                " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" "
                "time=\"0\">\n",
                t, fl);
        if (cc_date_set(docs[d].as_of)) {
            cc_date_fmt(docs[d].as_of, date, sizeof date);
            fprintf(out,
                    "    <properties>\n      <property name=\"as_of\" "
                    "value=\"%s\"/>\n    </properties>\n",
                    date);
        }
        for (size_t i = 0; i < rep->nf; i++)
            if (!done[i])
                testcase(out, docs[d].doc, rep, i, done);
        fputs("  </testsuite>\n", out);
        free(done);
    }
    fputs("</testsuites>\n", out);
    return report_finish(out, err, errlen);
}
