/*
 * report/util.c -- what several writers share: values written as people
 * write them, footnote labels, and the lookup of a reference's source.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

/* Byte length of the first maxchars characters of s[0..len) (an invalid
 * byte counts as one character). */
size_t report_prefix_chars(const char *s, size_t len, size_t maxchars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, chars = 0;
    unsigned cp;

    while (i < len && chars < maxchars) {
        size_t n = report_utf8_seq(p + i, len - i, &cp);
        i += n ? n : 1;
        chars++;
    }
    return i;
}

/* ---- values --------------------------------------------------------- */

/* v with at most maxdec decimals (trailing zeros dropped) and thousands
 * separators: 6500 -> "6,500", 4.30 -> "4.3". */
static void fmt_number(char *buf, size_t n, double v, int maxdec)
{
    char tmp[64], res[96];
    size_t i = 0, o = 0, ilen, start;
    char *frac;

    if (!isfinite(v) || fabs(v) >= 1e15) {
        snprintf(buf, n, "%.6g", v);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*f", maxdec, v);
    start = tmp[0] == '-' ? 1 : 0;
    ilen = start;
    while (tmp[ilen] >= '0' && tmp[ilen] <= '9')
        ilen++;
    frac = tmp + ilen;   /* the decimal separator (any locale) or "" */
    if (*frac) {
        size_t fl = strlen(frac);
        while (fl > 1 && frac[fl - 1] == '0')
            fl--;
        frac[fl == 1 ? 0 : fl] = '\0';
    }
    if (start) {
        bool zero = strspn(tmp + 1, "0") == ilen - 1 && !*frac;
        if (!zero)
            res[o++] = '-';
        i = 1;
    }
    for (; i < ilen; i++) {
        size_t left = ilen - i;   /* digits still to copy */
        res[o++] = tmp[i];
        if (left > 1 && (left - 1) % 3 == 0)
            res[o++] = ',';
    }
    if (*frac) {
        res[o++] = '.';
        for (const char *q = frac + 1; *q; q++)
            res[o++] = *q;
    }
    res[o] = '\0';
    snprintf(buf, n, "%s", res);
}

static bool is_currency(const char *unit)
{
    return strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z' &&
           unit[1] >= 'A' && unit[1] <= 'Z' && unit[2] >= 'A' &&
           unit[2] <= 'Z';
}

/* "$4.3 billion", "4.3 billion KZT", "6,500", "5.1%". */
void report_fmt_value(char *buf, size_t n, double v, const char *unit_field,
                      size_t unit_size)
{
    char unit[16], num[96];
    const char *scale = "";
    double a = fabs(v);
    size_t ul = strnlen(unit_field, unit_size);

    if (ul >= sizeof unit)
        ul = sizeof unit - 1;
    memcpy(unit, unit_field, ul);
    unit[ul] = '\0';
    if (strcmp(unit, "percent") == 0) {
        fmt_number(num, sizeof num, v, 2);
        snprintf(buf, n, "%s%%", num);
        return;
    }
    if (isfinite(v) && a >= 1e12 && a < 1e15) {
        scale = " trillion";
        v /= 1e12;
    } else if (a >= 1e9 && a < 1e12) {
        scale = " billion";
        v /= 1e9;
    } else if (a >= 1e6 && a < 1e9) {
        scale = " million";
        v /= 1e6;
    }
    fmt_number(num, sizeof num, v, *scale ? 3 : 2);
    if (strcmp(unit, "USD") == 0) {
        if (num[0] == '-')
            snprintf(buf, n, "-$%s%s", num + 1, scale);
        else
            snprintf(buf, n, "$%s%s", num, scale);
    } else if (is_currency(unit) || (ul && strcmp(unit, "count") != 0)) {
        snprintf(buf, n, "%s%s %s", num, scale, unit);
    } else {
        snprintf(buf, n, "%s%s", num, scale);
    }
}

/* "$4.3 billion, 2021, by 2030" from what is known; "" when nothing. */
void report_fmt_facts(char *buf, size_t n, bool has_value, double v,
                      const char *unit, size_t unit_size, bool approx,
                      struct cc_period p, int deadline)
{
    char val[128] = "", per[96] = "", dl[32] = "";

    if (has_value)
        report_fmt_value(val, sizeof val, v, unit, unit_size);
    if (cc_period_set(p))
        cc_period_fmt(p, per, sizeof per);
    if (deadline)
        snprintf(dl, sizeof dl, "by %d", deadline);
    snprintf(buf, n, "%s%s%s%s%s%s", approx && has_value ? "~" : "", val,
             *val && *per ? ", " : "", per, (*val || *per) && *dl ? ", " : "",
             dl);
}

/* ---- labels --------------------------------------------------------- */

/* A label field as a NUL-terminated string. */
void report_where(const struct doc *d, int line, char *buf, size_t n)
{
    int pl, page = doc_page_line(d, line, &pl);

    if (line <= 0)
        snprintf(buf, n, "-");
    else if (page > 0)
        snprintf(buf, n, "page %d, line %d", page, pl);
    else
        snprintf(buf, n, "line %d", line);
}

void report_evidence_lines(FILE *out, enum report_markup m,
                           const struct finding *f, const char *open,
                           const char *close, const char *line_prefix,
                           size_t snippet_chars)
{
    char facts[256];

    for (size_t i = 0; i < f->nev; i++) {
        const struct evidence *e = &f->ev[i];
        char lbl[DOC_MAX_LABEL + 1];

        report_label_copy(lbl, e->ref);
        if (*lbl) {
            fputs(open, out);
            report_markup_str(out, m, lbl, 0, RM_ONELINE);
            fputs(close, out);
        } else {
            fprintf(out, "%s%d: ", line_prefix, e->line);
        }
        report_markup_str(out, m, e->snippet, snippet_chars, RM_ONELINE);
        report_fmt_facts(facts, sizeof facts, e->has_value, e->value, e->unit,
                         sizeof e->unit, false, e->period, e->deadline_year);
        if (*facts) {
            fputs(" (", out);
            report_markup_str(out, m, facts, 0, RM_ONELINE);
            fputc(')', out);
        }
        fputc('\n', out);
    }
}

void report_label_copy(char dst[DOC_MAX_LABEL + 1], const char *src)
{
    size_t n = strnlen(src, DOC_MAX_LABEL);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

bool report_label_eq(const char *a, const char *b)
{
    return strncmp(a, b, DOC_MAX_LABEL) == 0;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Numeric labels in numeric order first, then the others by bytes. */
int report_label_cmp(const char *la, const char *lb)
{
    char a[DOC_MAX_LABEL + 1], b[DOC_MAX_LABEL + 1];
    bool da, db;

    report_label_copy(a, la);
    report_label_copy(b, lb);
    da = all_digits(a);
    db = all_digits(b);
    if (da && db) {
        const char *pa = a + strspn(a, "0"), *pb = b + strspn(b, "0");
        size_t na = strlen(pa), nb = strlen(pb);
        if (na != nb)
            return na < nb ? -1 : 1;
        return strcmp(pa, pb);
    }
    if (da != db)
        return da ? -1 : 1;
    return strcmp(a, b);
}

int report_ref_cmp(const void *x, const void *y)
{
    const struct doc_ref *a = *(const struct doc_ref *const *)x;
    const struct doc_ref *b = *(const struct doc_ref *const *)y;
    int c = report_label_cmp(a->label, b->label);

    if (c)
        return c;
    return a < b ? -1 : a > b;   /* keep document order for equal labels */
}

const struct check_source *report_source_of(const struct report_doc *rd,
                                            const struct doc_ref *ref)
{
    for (size_t i = 0; i < rd->nsrc; i++)
        if (rd->src[i].ref == ref)
            return &rd->src[i];
    return NULL;
}

/* ---- finding kinds ------------------------------------------------- */

static const struct {
    const char *meaning;
    const char *help;
} kinds[FK_COUNT_] = {
    [FK_SUPPORTED] = {"The cited source states the value for the claimed "
                      "period.",
                      "Nothing to do."},
    [FK_VALUE_MISMATCH] = {"The cited source gives another value for the "
                           "same quantity and period.",
                           "Correct the figure or cite a source that states "
                           "it."},
    [FK_PERIOD_MISMATCH] = {"The cited source gives the value, but for "
                            "another period.",
                            "Correct the period (year, months) the sentence "
                            "gives, or cite a source for it."},
    [FK_CONTRADICTED] = {"Another source of the same article gives another "
                         "value for that period.",
                         "Check which source is right and make the article "
                         "consistent."},
    [FK_SOURCE_PREDATES] = {"The source was published before the claimed "
                            "period ended or the event happened.",
                            "The source cannot support the claim: cite a "
                            "later one."},
    [FK_INTERNAL_CONFLICT] = {"The article itself gives one figure for two "
                              "periods, or two figures for one.",
                              "Make the article's figures agree."},
    [FK_SUM_MISMATCH] = {"Stated parts do not add up to the stated total.",
                         "Correct the parts or the total."},
    [FK_NOT_FOUND] = {"The cited source holds no matching figure.",
                      "Check the citation: the figure may come from another "
                      "source."},
    [FK_PERIOD_UNCONFIRMED] = {"The value is there, the claimed period or "
                               "deadline is not.",
                               "Check the period against the source."},
    [FK_PERIOD_INCOMPLETE] = {"The claimed period had not ended by the "
                              "article's date.",
                              "Say the figure is partial, or give the period "
                              "it covers."},
    [FK_NAME_NOT_IN_SOURCE] = {"A person named in the claim does not appear "
                               "in the source.",
                               "Check the name and the citation."},
    [FK_METADATA_MISMATCH] = {"The footnote's title, publisher or date "
                              "disagree with the page.",
                              "Correct the footnote."},
    [FK_UNREACHABLE] = {"The source could not be fetched.",
                        "Check the URL; cite an archived copy if the page is "
                        "gone."},
    [FK_NO_URL] = {"The reference has no URL to check.",
                   "Add a URL if the source is online."},
    [FK_UNCITED_CLAIM] = {"A figure in the text has no footnote.",
                          "Add a footnote; the evidence says where the "
                          "article's sources hold the figure, if anywhere."},
    [FK_SOURCES_DISAGREE] = {"Two of the article's sources give different "
                             "values for one quantity and period.",
                             "Say which figure the article relies on."},
};

const char *report_kind_meaning(enum finding_kind k)
{
    return (unsigned)k < FK_COUNT_ ? kinds[k].meaning : "";
}

const char *report_kind_help(enum finding_kind k)
{
    return (unsigned)k < FK_COUNT_ ? kinds[k].help : "";
}
