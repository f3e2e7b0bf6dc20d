/*
 * report/report.c -- format names and dispatch to the writers (text.c,
 * json.c with SARIF, junit.c, md.c, html.c), plus the small helpers they
 * share.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "report/report_int.h"

static const char *const format_names[] = {
    [RF_TEXT] = "text", [RF_JSON] = "json", [RF_SARIF] = "sarif",
    [RF_JUNIT] = "junit", [RF_HTML] = "html", [RF_MD] = "md",
};
#define NFORMATS (sizeof format_names / sizeof format_names[0])

static const struct report_opts default_opts = {.color = false,
                                                .verbose = false};

/* Parse a --format name (exact, lower case); -1 when unknown. */
int report_format_parse(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcmp(name, format_names[i]) == 0)
            return (int)i;
    return -1;
}

/* True for the formats this build writes: all six for `check`.  The
 * other commands write text and json only (report_extract() & co. say
 * "not supported for this command" for the rest). */
bool report_format_supported(enum report_format f)
{
    return (unsigned)f < NFORMATS;
}

const char *report_format_name(enum report_format f)
{
    if ((unsigned)f >= NFORMATS)
        return "?";
    return format_names[f];
}

/* CC_OK when f can be written, else CC_EUSAGE with the reason in err. */
static cc_result usable(enum report_format f, char *err, size_t errlen)
{
    if ((unsigned)f >= NFORMATS) {
        cc_errf(err, errlen, "unknown report format %d", (int)f);
        return CC_EUSAGE;
    }
    if (!report_format_supported(f)) {
        cc_errf(err, errlen, "format %s is not supported yet",
                format_names[f]);
        return CC_EUSAGE;
    }
    return CC_OK;
}

/* As usable(), and only text or json: what extract, page and fetch
 * write. */
static cc_result usable_simple(enum report_format f, const char *command,
                               char *err, size_t errlen)
{
    cc_result result = usable(f, err, errlen);

    if (result == CC_OK && f != RF_TEXT && f != RF_JSON) {
        cc_errf(err, errlen,
                "format %s is not supported for the %s command (use text "
                "or json)",
                format_names[f], command);
        result = CC_EUSAGE;
    }
    return result;
}

cc_result report_finish(FILE *out, char *err, size_t errlen)
{
    int e;

    errno = 0;
    if (fflush(out) == 0 && !ferror(out))
        return CC_OK;
    e = errno;
    cc_errf(err, errlen, "cannot write report: %s",
            e ? strerror(e) : "write error");
    return CC_EIO;
}

size_t report_newlines(const char *text, size_t len, size_t **nl)
{
    size_t n = 0, cap = 0;
    size_t *a = NULL;
    const char *p = text, *end = text ? text + len : NULL;

    while (p && p < end) {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        if (!q)
            break;
        a = cc_grow(a, &cap, n + 1, sizeof *a);
        a[n++] = (size_t)(q - text);
        p = q + 1;
    }
    *nl = a;
    return n;
}

int report_line_of(const size_t *nl, size_t nnl, size_t off)
{
    /* lines before off = number of newlines at offsets < off */
    size_t lo = 0, hi = nnl;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nl[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo >= INT_MAX ? INT_MAX : (int)lo + 1;
}

/*
 * The `check` report for docs[0..ndocs) in format f.  o may be NULL
 * (plain, not verbose).  Returns CC_OK; CC_EUSAGE for a format this
 * build does not write ("format sarif is not supported yet"); CC_EIO
 * when writing to out fails.  Nothing is written for an unsupported
 * format.
 */
cc_result report_check(FILE *out, enum report_format f,
                       const struct report_opts *o,
                       const struct report_doc *docs, size_t ndocs,
                       char *err, size_t errlen)
{
    cc_result result = usable(f, err, errlen);

    if (result != CC_OK)
        return result;
    assert(out && (docs || ndocs == 0));
    if (!o)
        o = &default_opts;
    switch (f) {
    case RF_JSON:
        return report_json_check(out, docs, ndocs, err, errlen);
    case RF_SARIF:
        return report_sarif_check(out, docs, ndocs, err, errlen);
    case RF_JUNIT:
        return report_junit_check(out, docs, ndocs, err, errlen);
    case RF_HTML:
        return report_html_check(out, docs, ndocs, err, errlen);
    case RF_MD:
        return report_md_check(out, docs, ndocs, err, errlen);
    case RF_TEXT:
        break;
    }
    return report_text_check(out, o, docs, ndocs, err, errlen);
}

/* `extract` output; see report.h.  Errors as report_check(); CC_EUSAGE
 * for formats other than text and json. */
cc_result report_extract(FILE *out, enum report_format f,
                         const struct report_opts *o, const char *text,
                         size_t len, const struct extract_result *r,
                         char *err, size_t errlen)
{
    cc_result result = usable_simple(f, "extract", err, errlen);

    if (result != CC_OK)
        return result;
    assert(out && r);
    if (!o)
        o = &default_opts;
    if (f == RF_JSON)
        return report_json_extract(out, text, len, r, err, errlen);
    return report_text_extract(out, o, text, len, r, err, errlen);
}

/* `page` output; see report.h.  Errors as report_extract(). */
cc_result report_page(FILE *out, enum report_format f,
                      const struct report_opts *o, const struct page *p,
                      char *err, size_t errlen)
{
    cc_result result = usable_simple(f, "page", err, errlen);

    if (result != CC_OK)
        return result;
    assert(out && p);
    if (!o)
        o = &default_opts;
    if (f == RF_JSON)
        return report_json_page(out, p, err, errlen);
    return report_text_page(out, o, p, err, errlen);
}

/* One `fetch` line; see report.h.  Errors as report_extract(). */
cc_result report_fetch_line(FILE *out, enum report_format f,
                            const struct report_opts *o, const char *cited_url,
                            const struct fetch_result *r, char *err,
                            size_t errlen)
{
    cc_result result = usable_simple(f, "fetch", err, errlen);

    if (result != CC_OK)
        return result;
    assert(out && r);
    if (!o)
        o = &default_opts;
    if (f == RF_JSON)
        return report_json_fetch_line(out, cited_url, r, err, errlen);
    return report_text_fetch_line(out, o, cited_url, r, err, errlen);
}
