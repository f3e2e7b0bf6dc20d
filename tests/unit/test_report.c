/*
 * tests/unit/test_report.c -- report/: JSON shapes of CONTRACT.md, UTF-8
 * safety, terminal escaping, text layout, write errors.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/report_int.h"
#include "tests/unit/capture.h"

/* ---- fixture -------------------------------------------------------- */

static struct doc_ref refs[4];
static struct doc doc1, doc2;
static struct page page15, page16;
static struct check_source src[3];
static struct evidence ev_mismatch[2];
static struct finding findings[6];
static struct check_report rep1, rep2;
static struct report_doc rdocs[2];

#define TITLE_EVIL "Evil\x1b[31m title \xe2\x80\xae reversed"

static void setup(void)
{
    memset(refs, 0, sizeof refs);
    memset(&doc1, 0, sizeof doc1);
    memset(&doc2, 0, sizeof doc2);
    memset(&page15, 0, sizeof page15);
    memset(&page16, 0, sizeof page16);
    memset(src, 0, sizeof src);
    memset(ev_mismatch, 0, sizeof ev_mismatch);
    memset(findings, 0, sizeof findings);
    memset(&rep1, 0, sizeof rep1);
    memset(&rep2, 0, sizeof rep2);
    memset(rdocs, 0, sizeof rdocs);

    /* reference list out of label order on purpose: 15, 14, 16, 2 */
    snprintf(refs[0].label, sizeof refs[0].label, "%s", "15");
    refs[0].line = 107;
    refs[0].text = "Stat agency, Trade 2024, 7 Apr 2024, https://stat.example/t";
    refs[0].url = "https://stat.example/t";
    refs[0].title = "Trade 2024";
    refs[0].publisher = "Stat agency";
    refs[0].date = (struct cc_date){2024, 4, 7};

    snprintf(refs[1].label, sizeof refs[1].label, "%s", "14");
    refs[1].line = 105;
    refs[1].text = "Treaty of 1998";
    refs[1].title = "Treaty of 1998";
    refs[1].date = (struct cc_date){1998, 0, 0};

    snprintf(refs[2].label, sizeof refs[2].label, "%s", "16");
    refs[2].line = 109;
    refs[2].text = "News \xff\xfe bad bytes";
    refs[2].url = "https://news.example/a";
    refs[2].title = "Bad \xff title";
    refs[2].date = (struct cc_date){2024, 12, 0};

    snprintf(refs[3].label, sizeof refs[3].label, "%s", "2");
    refs[3].line = 100;
    refs[3].text = "Gov";
    refs[3].url = "https://gov.example/x";

    page15.url = "https://stat.example/t";
    page15.title = TITLE_EVIL;
    page15.site = "Stat";
    page15.published = (struct cc_date){2024, 4, 7};
    page15.text = "";

    page16.url = "https://news.example/a";
    page16.title = "Page \xc3\x28 invalid";
    page16.text = "";

    src[0] = (struct check_source){.ref = &refs[0], .status = 200,
                                   .final_url = "https://stat.example/t2",
                                   .page = &page15};
    src[1] = (struct check_source){.ref = &refs[2], .error = "timeout"};
    src[2] = (struct check_source){.ref = &refs[3], .status = 200,
                                   .final_url = "https://gov.example/x",
                                   .page = &page16};

    doc1.path = "article.txt";
    doc1.refs = refs;
    doc1.nrefs = 4;

    ev_mismatch[0] = (struct evidence){.snippet = "In 2021 trade was $3.9 bn.",
                                       .has_value = true, .value = 3.9e9,
                                       .unit = "USD",
                                       .period = cc_period_year(2021)};
    snprintf(ev_mismatch[0].ref, sizeof ev_mismatch[0].ref, "%s", "15");
    ev_mismatch[1] = (struct evidence){.line = 225,
                                       .snippet = "By 2030 \x1b]0;pwn\x07 ten.",
                                       .has_value = true, .value = 1e10,
                                       .unit = "USD", .deadline_year = 2030};

    findings[0] = (struct finding){.kind = FK_NO_URL, .severity = SEV_INFO,
                                   .line = 54,
                                   .claim_text = "Treaties of 1998.",
                                   .message = "Reference 14 has no URL."};
    snprintf(findings[0].ref, sizeof findings[0].ref, "%s", "14");
    findings[1] = (struct finding){.kind = FK_SUPPORTED, .severity = SEV_INFO,
                                   .line = 64,
                                   .claim_text = "SUPPORTED-CLAIM-TEXT in 2020.",
                                   .has_value = true, .value = 2.9e9,
                                   .unit = "USD", .approx = true,
                                   .period = cc_period_year(2020),
                                   .message = "Reference 15 states it."};
    snprintf(findings[1].ref, sizeof findings[1].ref, "%s", "15");
    findings[2] = (struct finding){.kind = FK_CONTRADICTED,
                                   .severity = SEV_ERROR, .line = 72,
                                   .claim_text = "Trade hit $4.3 bn in 2021.",
                                   .has_value = true, .value = 4.3e9,
                                   .unit = "USD",
                                   .period = cc_period_year(2021),
                                   .ev = ev_mismatch, .nev = 2,
                                   .message = "Reference 15 gives $3.9 billion "
                                              "for 2021."};
    snprintf(findings[2].ref, sizeof findings[2].ref, "%s", "16");
    findings[3] = (struct finding){.kind = FK_NOT_FOUND,
                                   .severity = SEV_WARNING, .line = 152,
                                   .claim_text = "More than 6,500 ventures.",
                                   .has_value = true, .value = 6500,
                                   .unit = "count", .approx = true,
                                   .message = "Not in the source."};
    snprintf(findings[3].ref, sizeof findings[3].ref, "%s", "2");
    findings[4] = (struct finding){.kind = FK_UNCITED_CLAIM,
                                   .severity = SEV_INFO, .line = 156,
                                   .claim_text = "A portfolio of 8 bn KZT.",
                                   .has_value = true, .value = 8e9,
                                   .unit = "KZT",
                                   .message = "No footnote."};
    findings[5] = (struct finding){.kind = FK_METADATA_MISMATCH,
                                   .severity = SEV_WARNING,
                                   .message = "Footnote title differs: "
                                              "\"" TITLE_EVIL "\"."};
    snprintf(findings[5].ref, sizeof findings[5].ref, "%s", "16");
    rep1.f = findings;
    rep1.nf = 6;
    rep1.nclaims = 5;

    doc2.path = "second.txt";
    rep2.nclaims = 2;

    rdocs[0] = (struct report_doc){.doc = &doc1,
                                   .as_of = (struct cc_date){2025, 11, 14},
                                   .src = src, .nsrc = 3, .rep = &rep1};
    rdocs[1] = (struct report_doc){.doc = &doc2, .rep = &rep2};
}

static json_t *check_json(void)
{
    struct cap c;
    char err[CC_ERRLEN] = "";
    json_error_t je;
    json_t *root;

    cap_open(&c);
    ck_assert_int_eq(report_check(c.f, RF_JSON, NULL, rdocs, 2, err,
                                  sizeof err), CC_OK);
    cap_close(&c);
    ck_assert(report_utf8_valid(c.buf, c.len));
    ck_assert_ptr_null(memchr(c.buf, 0xff, c.len));
    ck_assert_ptr_null(memchr(c.buf, 0x1b, c.len)); /* \u001b in JSON */
    root = json_loadb(c.buf, c.len, JSON_REJECT_DUPLICATES, &je);
    ck_assert_msg(root != NULL, "bad JSON: %s", je.text);
    free(c.buf);
    return root;
}

static json_t *get(json_t *o, const char *key)
{
    json_t *v;

    ck_assert_msg(json_is_object(o), "not an object looking up %s", key);
    v = json_object_get(o, key);
    ck_assert_msg(v != NULL, "missing key %s", key);
    return v;
}

static void assert_str(json_t *o, const char *key, const char *want)
{
    json_t *v = get(o, key);
    ck_assert_msg(json_is_string(v), "%s is not a string", key);
    ck_assert_str_eq(json_string_value(v), want);
}

static void assert_str_or_null(json_t *o, const char *key)
{
    json_t *v = get(o, key);
    ck_assert_msg(json_is_string(v) || json_is_null(v),
                  "%s is neither string nor null", key);
}

static void assert_period(json_t *p)
{
    if (json_is_null(p))
        return;
    ck_assert(json_is_object(p));
    ck_assert(json_is_string(get(p, "start")));
    ck_assert(json_is_string(get(p, "end")));
}

/* ---- tests ---------------------------------------------------------- */

START_TEST(test_format_parse)
{
    ck_assert_int_eq(report_format_parse("text"), RF_TEXT);
    ck_assert_int_eq(report_format_parse("json"), RF_JSON);
    ck_assert_int_eq(report_format_parse("sarif"), RF_SARIF);
    ck_assert_int_eq(report_format_parse("junit"), RF_JUNIT);
    ck_assert_int_eq(report_format_parse("html"), RF_HTML);
    ck_assert_int_eq(report_format_parse("md"), RF_MD);
    ck_assert_int_eq(report_format_parse("xml"), -1);
    ck_assert_int_eq(report_format_parse(""), -1);
    ck_assert_int_eq(report_format_parse(NULL), -1);
    for (int f = RF_TEXT; f <= RF_MD; f++)
        ck_assert(report_format_supported(f));
    ck_assert(!report_format_supported((enum report_format)42));
}
END_TEST

START_TEST(test_unsupported_format)
{
    struct cap c;
    char err[CC_ERRLEN] = "";
    struct fetch_result fr = {.url = "https://a.example/"};
    struct page pg = {.text = ""};
    struct extract_result er = {0};

    /* check writes all six; the other commands only text and json */
    cap_open(&c);
    ck_assert_int_eq(report_fetch_line(c.f, RF_HTML, NULL, NULL, &fr, err,
                                       sizeof err), CC_EUSAGE);
    ck_assert_str_eq(err, "format html is not supported for the fetch "
                          "command (use text or json)");
    ck_assert_int_eq(report_fetch_line(c.f, RF_SARIF, NULL, NULL, &fr, err,
                                       sizeof err), CC_EUSAGE);
    ck_assert_int_eq(report_page(c.f, RF_MD, NULL, &pg, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_int_eq(report_extract(c.f, RF_JUNIT, NULL, "", 0, &er, err,
                                    sizeof err), CC_EUSAGE);
    ck_assert_int_eq(report_check(c.f, (enum report_format)42, NULL, rdocs,
                                  2, err, sizeof err), CC_EUSAGE);
    cap_close(&c);
    ck_assert_uint_eq(c.len, 0);
    free(c.buf);
}
END_TEST

START_TEST(test_check_json_shape)
{
    json_t *root = check_json();
    json_t *tool = get(root, "tool"), *docs = get(root, "documents");
    json_t *d, *refs, *fs, *sum, *cnt;

    assert_str(tool, "name", "citecheck");
    assert_str(tool, "version", CC_VERSION);
    ck_assert(json_is_array(docs));
    ck_assert_uint_eq(json_array_size(docs), 2);
    d = json_array_get(docs, 0);
    assert_str(d, "path", "article.txt");
    assert_str(d, "as_of", "2025-11-14");
    ck_assert(json_is_null(get(json_array_get(docs, 1), "as_of")));

    refs = get(d, "references");
    ck_assert_uint_eq(json_array_size(refs), 4);
    for (size_t i = 0; i < 4; i++) {
        json_t *r = json_array_get(refs, i), *f, *p;
        assert_str_or_null(r, "label");
        ck_assert(json_is_integer(get(r, "line")));
        assert_str_or_null(r, "text");
        assert_str_or_null(r, "url");
        assert_str_or_null(r, "title");
        assert_str_or_null(r, "publisher");
        assert_str_or_null(r, "date");
        f = get(r, "fetch");
        if (!json_is_null(f)) {
            json_t *st = get(f, "status");
            ck_assert(json_is_integer(st) || json_is_null(st));
            assert_str_or_null(f, "final_url");
            assert_str_or_null(f, "error");
        }
        p = get(r, "page");
        if (!json_is_null(p)) {
            assert_str_or_null(p, "title");
            assert_str_or_null(p, "published");
            assert_str_or_null(p, "site");
        }
    }
    /* 15: fetched, with page */
    {
        json_t *r = json_array_get(refs, 0), *f = get(r, "fetch");
        assert_str(r, "label", "15");
        ck_assert_int_eq(json_integer_value(get(r, "line")), 107);
        assert_str(r, "date", "2024-04-07");
        assert_str(r, "publisher", "Stat agency");
        ck_assert_int_eq(json_integer_value(get(f, "status")), 200);
        assert_str(f, "final_url", "https://stat.example/t2");
        ck_assert(json_is_null(get(f, "error")));
        assert_str(get(r, "page"), "title", TITLE_EVIL);
        assert_str(get(r, "page"), "published", "2024-04-07");
        assert_str(get(r, "page"), "site", "Stat");
    }
    /* 14: no URL, year-only date, not fetched */
    {
        json_t *r = json_array_get(refs, 1);
        assert_str(r, "label", "14");
        ck_assert(json_is_null(get(r, "url")));
        ck_assert(json_is_null(get(r, "publisher")));
        assert_str(r, "date", "1998");
        ck_assert(json_is_null(get(r, "fetch")));
        ck_assert(json_is_null(get(r, "page")));
    }
    /* 16: fetch error, invalid UTF-8 replaced, month date */
    {
        json_t *r = json_array_get(refs, 2), *f = get(r, "fetch");
        assert_str(r, "title", "Bad \xef\xbf\xbd title");
        assert_str(r, "text", "News \xef\xbf\xbd\xef\xbf\xbd bad bytes");
        assert_str(r, "date", "2024-12");
        ck_assert(json_is_null(get(f, "status")));
        ck_assert(json_is_null(get(f, "final_url")));
        assert_str(f, "error", "timeout");
        ck_assert(json_is_null(get(r, "page")));
    }
    /* 2: page title with a truncated sequence */
    assert_str(get(json_array_get(refs, 3), "page"), "title",
               "Page \xef\xbf\xbd( invalid");

    fs = get(d, "findings");
    ck_assert_uint_eq(json_array_size(fs), 6);
    for (size_t i = 0; i < 6; i++) {
        json_t *f = json_array_get(fs, i), *c, *ev;
        ck_assert(json_is_string(get(f, "kind")));
        ck_assert(json_is_string(get(f, "severity")));
        assert_str_or_null(f, "reference");
        ck_assert(json_is_string(get(f, "message")));
        c = get(f, "claim");
        if (!json_is_null(c)) {
            json_t *v = get(c, "value");
            ck_assert(json_is_integer(get(c, "line")));
            assert_str_or_null(c, "text");
            ck_assert(json_is_number(v) || json_is_null(v));
            assert_str_or_null(c, "unit");
            ck_assert(json_is_boolean(get(c, "approx")));
            assert_period(get(c, "period"));
        }
        ev = get(f, "evidence");
        ck_assert(json_is_array(ev));
        for (size_t j = 0; j < json_array_size(ev); j++) {
            json_t *e = json_array_get(ev, j), *v = get(e, "value");
            assert_str_or_null(e, "reference");
            assert_str_or_null(e, "snippet");
            ck_assert(json_is_number(v) || json_is_null(v));
            assert_str_or_null(e, "unit");
            assert_period(get(e, "period"));
        }
    }
    {
        json_t *f = json_array_get(fs, 2), *c = get(f, "claim");
        json_t *e0 = json_array_get(get(f, "evidence"), 0);
        json_t *e1 = json_array_get(get(f, "evidence"), 1);
        assert_str(f, "kind", "contradicted_by_other_source");
        assert_str(f, "severity", "error");
        assert_str(f, "reference", "16");
        ck_assert_int_eq(json_integer_value(get(c, "line")), 72);
        ck_assert(json_is_real(get(c, "value")));
        ck_assert(json_real_value(get(c, "value")) == 4.3e9);
        assert_str(c, "unit", "USD");
        ck_assert(json_is_false(get(c, "approx")));
        assert_str(get(c, "period"), "start", "2021-01-01");
        assert_str(get(c, "period"), "end", "2021-12-31");
        assert_str(e0, "reference", "15");
        ck_assert(json_real_value(get(e0, "value")) == 3.9e9);
        ck_assert(json_object_get(e0, "line") == NULL);
        ck_assert(json_is_null(get(e1, "reference")));
        ck_assert_int_eq(json_integer_value(get(e1, "line")), 225);
        ck_assert_int_eq(json_integer_value(get(e1, "deadline")), 2030);
        ck_assert(json_is_null(get(e1, "period")));
        assert_str(e1, "snippet", "By 2030 \x1b]0;pwn\x07 ten.");
    }
    /* no value: value/unit null, line and text kept */
    {
        json_t *c = get(json_array_get(fs, 0), "claim");
        ck_assert(json_is_null(get(c, "value")));
        ck_assert(json_is_null(get(c, "unit")));
        ck_assert(json_is_false(get(c, "approx")));
        assert_str(c, "text", "Treaties of 1998.");
        ck_assert(json_is_true(get(get(json_array_get(fs, 1), "claim"),
                                   "approx")));
    }
    /* uncited: reference null; metadata finding without a line: claim null */
    ck_assert(json_is_null(get(json_array_get(fs, 4), "reference")));
    ck_assert(json_is_null(get(json_array_get(fs, 5), "claim")));

    sum = get(root, "summary");
    ck_assert_int_eq(json_integer_value(get(sum, "claims")), 7);
    cnt = get(sum, "findings");
    ck_assert_int_eq(json_integer_value(get(cnt, "error")), 1);
    ck_assert_int_eq(json_integer_value(get(cnt, "warning")), 2);
    ck_assert_int_eq(json_integer_value(get(cnt, "info")), 3);
    json_decref(root);
}
END_TEST

START_TEST(test_check_json_number_text)
{
    struct cap c;
    char err[CC_ERRLEN];

    cap_open(&c);
    ck_assert_int_eq(report_check(c.f, RF_JSON, NULL, rdocs, 1, err,
                                  sizeof err), CC_OK);
    cap_close(&c);
    ck_assert(cap_has(&c, "4300000000.0"));
    ck_assert(!cap_has(&c, "4299999999"));
    ck_assert(cap_has(&c, "\"version\": \"" CC_VERSION "\""));
    free(c.buf);
}
END_TEST

START_TEST(test_check_json_empty)
{
    struct cap c;
    char err[CC_ERRLEN];
    json_t *root;

    cap_open(&c);
    ck_assert_int_eq(report_check(c.f, RF_JSON, NULL, NULL, 0, err,
                                  sizeof err), CC_OK);
    cap_close(&c);
    root = json_loadb(c.buf, c.len, 0, NULL);
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(json_array_size(get(root, "documents")), 0);
    ck_assert_int_eq(json_integer_value(get(get(root, "summary"), "claims")),
                     0);
    json_decref(root);
    free(c.buf);
}
END_TEST

/* a literal and its length (NUL bytes included) */
#define S(lit) lit, sizeof(lit) - 1

START_TEST(test_term_escape)
{
    static const struct {
        const char *in;
        size_t len;
        const char *want;
    } cases[] = {
        {S("plain text"), "plain text"},
        {S("O\xca\xbbzbekiston \xd0\x9c"), "O\xca\xbbzbekiston \xd0\x9c"},
        {S("a\x1b[31mb"), "a\\x1B[31mb"},
        {S("x\ny\tz\r"), "x\\ny\\tz\\r"},
        {S("del\x7f"), "del\\x7F"},
        {S("c1\xc2\x9b"), "c1\\u{009B}"},
        {S("rlo\xe2\x80\xae!"), "rlo\\u{202E}!"},
        {S("lri\xe2\x81\xa6"), "lri\\u{2066}"},
        {S("rlm\xe2\x80\x8f"), "rlm\\u{200F}"},
        {S("alm\xd8\x9c"), "alm\\u{061C}"},
        {S("bad\xff\xc3"), "bad\\xFF\\xC3"},
        {S("ovl\xc0\xaf"), "ovl\\xC0\\xAF"},
        {S("sur\xed\xa0\x80"), "sur\\xED\\xA0\\x80"},
        {S("nul\0x"), "nul\\x00x"},
        {S("emoji \xf0\x9f\x98\x80"), "emoji \xf0\x9f\x98\x80"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cap c;
        cap_open(&c);
        report_term_escape(c.f, cases[i].in, cases[i].len);
        cap_close(&c);
        ck_assert_msg(c.len == strlen(cases[i].want) &&
                          memcmp(c.buf, cases[i].want, c.len) == 0,
                      "case %zu: got \"%s\"", i, c.buf);
        free(c.buf);
    }
}
END_TEST

START_TEST(test_utf8_clean)
{
    size_t n;
    char *s = report_utf8_clean("a\xff" "b\xe2\x82", 5, &n);

    ck_assert_str_eq(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    ck_assert_uint_eq(n, strlen(s));
    ck_assert(report_utf8_valid(s, n));
    ck_assert(!report_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    ck_assert(report_utf8_valid("\xf4\x8f\xbf\xbf", 4));
    free(s);
}
END_TEST

static struct cap check_text(bool color, bool verbose)
{
    struct cap c;
    char err[CC_ERRLEN];
    struct report_opts o = {.color = color, .verbose = verbose};

    cap_open(&c);
    ck_assert_int_eq(report_check(c.f, RF_TEXT, &o, rdocs, 2, err,
                                  sizeof err), CC_OK);
    cap_close(&c);
    return c;
}

START_TEST(test_check_text_escaped)
{
    struct cap c = check_text(false, false);

    ck_assert_ptr_null(memchr(c.buf, 0x1b, c.len));
    ck_assert_ptr_null(memchr(c.buf, 0x07, c.len));
    ck_assert(!cap_has(&c, "\xe2\x80\xae"));
    ck_assert(!cap_has(&c, "\xff"));
    ck_assert(cap_has(&c, "Evil\\x1B[31m title \\u{202E} reversed"));
    ck_assert(cap_has(&c, "\\x1B]0;pwn\\x07"));
    ck_assert(cap_has(&c, "Page \\xC3( invalid"));
    free(c.buf);
}
END_TEST

START_TEST(test_check_text_layout)
{
    struct cap c = check_text(false, false);
    const char *p14, *p15, *p16, *p2, *pnone, *psum;

    ck_assert(cap_has(&c, "article.txt  as of 2025-11-14, 4 references"));
    ck_assert(cap_has(&c, "  line 72  ERROR  contradicted_by_other_source  "
                      "Reference 15 gives $3.9 billion for 2021.\n"));
    ck_assert(cap_has(&c, "    claim: Trade hit $4.3 bn in 2021. "
                      "($4.3 billion, 2021)\n"));
    ck_assert(cap_has(&c, "    evidence [15]: In 2021 trade was $3.9 bn. "
                      "($3.9 billion, 2021)\n"));
    ck_assert(cap_has(&c, "    evidence line 225: By 2030"));
    ck_assert(cap_has(&c, "($10 billion, by 2030)"));
    ck_assert(cap_has(&c, "~6,500"));
    ck_assert(cap_has(&c, "8 billion KZT"));
    ck_assert(cap_has(&c, "  line -  WARNING  metadata_mismatch  "));
    /* supported: one compact line, no claim text */
    ck_assert(cap_has(&c, "  line 64  INFO  supported  Reference 15 states it.\n"));
    ck_assert(!cap_has(&c, "SUPPORTED-CLAIM-TEXT"));
    /* reference headers */
    ck_assert(cap_has(&c, "[14] no URL: Treaty of 1998\n"));
    ck_assert(cap_has(&c, "[15] https://stat.example/t  200 -> "
                      "https://stat.example/t2  \"Evil"));
    ck_assert(cap_has(&c, "[16] https://news.example/a  ERR timeout\n"));
    ck_assert(cap_has(&c, "[2] https://gov.example/x  200  \"Page"));
    /* groups in label order (2, 14, 15, 16), then no footnote, summary */
    p2 = memmem(c.buf, c.len, "\n[2] ", 5);
    p14 = memmem(c.buf, c.len, "\n[14] ", 6);
    p15 = memmem(c.buf, c.len, "\n[15] ", 6);
    p16 = memmem(c.buf, c.len, "\n[16] ", 6);
    pnone = memmem(c.buf, c.len, "\nno footnote\n", 13);
    psum = memmem(c.buf, c.len, "7 claims checked: 1 error, 2 warnings, "
                                "3 info\n", 46);
    ck_assert(p2 && p14 && p15 && p16 && pnone && psum);
    ck_assert(p2 < p14 && p14 < p15 && p15 < p16 && p16 < pnone &&
              pnone < psum);
    ck_assert_ptr_nonnull(memmem(pnone, (size_t)(psum - pnone),
                                 "uncited_claim", 13));
    ck_assert(cap_has(&c, "second.txt, 0 references, 2 claims checked\n"));
    free(c.buf);
}
END_TEST

START_TEST(test_check_text_verbose)
{
    struct cap c = check_text(false, true);

    ck_assert(cap_has(&c, "    claim: SUPPORTED-CLAIM-TEXT in 2020. "
                      "(~$2.9 billion, 2020)\n"));
    free(c.buf);
}
END_TEST

START_TEST(test_check_text_color)
{
    struct cap c = check_text(true, false);

    ck_assert(cap_has(&c, "\033[31mERROR\033[0m"));
    ck_assert(cap_has(&c, "\033[33mWARNING\033[0m"));
    ck_assert(!cap_has(&c, "\x1b[31m title"));   /* the page's own escape */
    ck_assert(!cap_has(&c, "\xe2\x80\xae"));
    free(c.buf);
}
END_TEST

START_TEST(test_extract_json)
{
    const char *text = "Intro line.\nTrade: 4,3 milliard dollar in 2021.\n"
                       "\nOn 7 Apr 2024 about 5.1% more.";
    size_t len = strlen(text);
    struct qty q[2];
    struct date_mention dm[1];
    struct extract_result r = {.q = q, .nq = 2, .d = dm, .nd = 1};
    struct cap c;
    char err[CC_ERRLEN];
    json_t *root, *qs, *ds, *q0, *q1, *d0;

    memset(q, 0, sizeof q);
    memset(dm, 0, sizeof dm);
    q[0].kind = QTY_MONEY;
    q[0].value = 4.3e9;
    snprintf(q[0].unit, sizeof q[0].unit, "%s", "USD");
    q[0].period = cc_period_year(2021);
    q[0].measure = QM_TRADE;
    q[0].start = (size_t)(strstr(text, "4,3") - text);
    q[0].end = q[0].start + 19;
    q[0].text = "4,3 milliard dollar";
    q[1].kind = QTY_PERCENT;
    q[1].value = 5.1;
    snprintf(q[1].unit, sizeof q[1].unit, "%s", "percent");
    q[1].approx = true;
    q[1].qual = QQ_APPROX;
    q[1].change = true;
    q[1].change_sign = 1;
    q[1].start = (size_t)(strstr(text, "5.1") - text);
    q[1].text = "about 5.1%";
    dm[0].start = (size_t)(strstr(text, "7 Apr") - text);
    dm[0].text = "7 Apr 2024";
    dm[0].date = (struct cc_date){2024, 4, 7};

    cap_open(&c);
    ck_assert_int_eq(report_extract(c.f, RF_JSON, NULL, text, len, &r, err,
                                    sizeof err), CC_OK);
    cap_close(&c);
    root = json_loadb(c.buf, c.len, 0, NULL);
    ck_assert_ptr_nonnull(root);
    qs = get(root, "quantities");
    ds = get(root, "dates");
    ck_assert_uint_eq(json_array_size(qs), 2);
    q0 = json_array_get(qs, 0);
    q1 = json_array_get(qs, 1);
    ck_assert_int_eq(json_integer_value(get(q0, "line")), 2);
    assert_str(q0, "text", "4,3 milliard dollar");
    ck_assert(json_real_value(get(q0, "value")) == 4.3e9);
    assert_str(q0, "unit", "USD");
    ck_assert(json_is_false(get(q0, "approx")));
    assert_str(get(q0, "period"), "start", "2021-01-01");
    assert_str(q0, "kind", "money");
    assert_str(q0, "measure", "trade");
    ck_assert(json_is_null(get(q0, "deadline")));
    ck_assert(json_is_null(get(q0, "noun")));
    ck_assert_int_eq(json_integer_value(get(q1, "line")), 4);
    ck_assert(json_is_true(get(q1, "approx")));
    ck_assert(json_is_null(get(q1, "period")));
    assert_str(q1, "qualifier", "approx");
    ck_assert(json_is_true(get(q1, "change")));
    ck_assert_uint_eq(json_array_size(ds), 1);
    d0 = json_array_get(ds, 0);
    ck_assert_int_eq(json_integer_value(get(d0, "line")), 4);
    assert_str(d0, "text", "7 Apr 2024");
    assert_str(d0, "date", "2024-04-07");
    json_decref(root);
    free(c.buf);

    cap_open(&c);
    ck_assert_int_eq(report_extract(c.f, RF_TEXT, NULL, text, len, &r, err,
                                    sizeof err), CC_OK);
    cap_close(&c);
    ck_assert(cap_has(&c, "  line 2  money  \"4,3 milliard dollar\"  = "
                      "$4.3 billion, 2021"));
    ck_assert(cap_has(&c, "  line 4  percent  \"about 5.1%\"  = 5.1%"));
    ck_assert(cap_has(&c, "  line 4  \"7 Apr 2024\"  = 2024-04-07\n"));
    free(c.buf);
}
END_TEST

START_TEST(test_text_values)
{
    static const struct {
        double v;
        const char *unit;
        const char *want;
    } cases[] = {
        {1.395e9, "USD", "= $1.395 billion\n"},
        {650000, "USD", "= $650,000\n"},
        {4.3e9, "KZT", "= 4.3 billion KZT\n"},
        {2.5e12, "USD", "= $2.5 trillion\n"},
        {1234567, "count", "= 1.235 million\n"},
        {6500, "count", "= 6,500\n"},
        {78, "count", "= 78\n"},
        {5.1, "percent", "= 5.1%\n"},
        {-10, "percent", "= -10%\n"},
        {-2e9, "USD", "= -$2 billion\n"},
        {1234.5, "EUR", "= 1,234.5 EUR\n"},
    };
    const char *text = "x";

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct qty q;
        struct extract_result r = {.q = &q, .nq = 1};
        struct cap c;
        char err[CC_ERRLEN];

        memset(&q, 0, sizeof q);
        q.value = cases[i].v;
        q.text = "x";
        snprintf(q.unit, sizeof q.unit, "%s", cases[i].unit);
        cap_open(&c);
        ck_assert_int_eq(report_extract(c.f, RF_TEXT, NULL, text, 1, &r, err,
                                        sizeof err), CC_OK);
        cap_close(&c);
        ck_assert_msg(cap_has(&c, cases[i].want), "case %zu: %s", i, c.buf);
        free(c.buf);
    }
}
END_TEST

START_TEST(test_page_json)
{
    struct page p = {.url = "https://a.example/x",
                     .text = "Para one.\n\nPara \xfe two.",
                     .published = {2024, 4, 7}};
    struct cap c;
    char err[CC_ERRLEN];
    json_t *root;
    static const char *nulls[] = {"title", "modified", "author", "site",
                                  "lang", "canonical"};

    p.text_len = strlen(p.text);
    cap_open(&c);
    ck_assert_int_eq(report_page(c.f, RF_JSON, NULL, &p, err, sizeof err),
                     CC_OK);
    cap_close(&c);
    root = json_loadb(c.buf, c.len, 0, NULL);
    ck_assert_ptr_nonnull(root);
    assert_str(root, "url", "https://a.example/x");
    assert_str(root, "published", "2024-04-07");
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        ck_assert_msg(json_is_null(get(root, nulls[i])), "%s", nulls[i]);
    assert_str(root, "text", "Para one.\n\nPara \xef\xbf\xbd two.");
    ck_assert_ptr_null(json_object_get(root, "note"));
    json_decref(root);
    free(c.buf);

    p.note = "no readable article";
    p.title = "T\x1b";
    cap_open(&c);
    ck_assert_int_eq(report_page(c.f, RF_JSON, NULL, &p, err, sizeof err),
                     CC_OK);
    cap_close(&c);
    root = json_loadb(c.buf, c.len, 0, NULL);
    ck_assert_ptr_nonnull(root);
    assert_str(root, "note", "no readable article");
    assert_str(root, "title", "T\x1b");
    json_decref(root);
    free(c.buf);

    cap_open(&c);
    ck_assert_int_eq(report_page(c.f, RF_TEXT, NULL, &p, err, sizeof err),
                     CC_OK);
    cap_close(&c);
    ck_assert_ptr_null(memchr(c.buf, 0x1b, c.len));
    ck_assert(cap_has(&c, "title:     T\\x1B\n"));
    ck_assert(cap_has(&c, "author:    -\n"));
    ck_assert(cap_has(&c, "\nPara one.\n\nPara \\xFE two.\n"));
    free(c.buf);
}
END_TEST

START_TEST(test_fetch_line)
{
    struct fetch_result ok = {.url = "http://127.0.0.1:8080/t",
                              .status = 200,
                              .final_url = "http://127.0.0.1:8080/t2",
                              .body = "hello", .body_len = 5};
    struct fetch_result bad = {.url = "https://x.invalid/",
                               .error = "dns: could not resolve"};
    struct cap c;
    char err[CC_ERRLEN];
    json_t *o;
    char *nl;

    cap_open(&c);
    ck_assert_int_eq(report_fetch_line(c.f, RF_JSON, NULL,
                                       "https://stat.example/t", &ok, err,
                                       sizeof err), CC_OK);
    ck_assert_int_eq(report_fetch_line(c.f, RF_JSON, NULL, NULL, &bad, err,
                                       sizeof err), CC_OK);
    cap_close(&c);
    nl = memchr(c.buf, '\n', c.len);
    ck_assert_ptr_nonnull(nl);
    ck_assert(c.buf[c.len - 1] == '\n');
    ck_assert_ptr_null(memchr(nl + 1, '\n', c.len - (size_t)(nl + 1 - c.buf)
                                                 - 1));
    o = json_loadb(c.buf, (size_t)(nl - c.buf), 0, NULL);
    ck_assert_ptr_nonnull(o);
    assert_str(o, "url", "https://stat.example/t");
    ck_assert_int_eq(json_integer_value(get(o, "status")), 200);
    assert_str(o, "final_url", "http://127.0.0.1:8080/t2");
    ck_assert_int_eq(json_integer_value(get(o, "bytes")), 5);
    ck_assert(json_is_null(get(o, "error")));
    json_decref(o);
    o = json_loadb(nl + 1, c.len - (size_t)(nl + 1 - c.buf), 0, NULL);
    ck_assert_ptr_nonnull(o);
    assert_str(o, "url", "https://x.invalid/");
    ck_assert(json_is_null(get(o, "status")));
    ck_assert(json_is_null(get(o, "final_url")));
    ck_assert(json_is_null(get(o, "bytes")));
    assert_str(o, "error", "dns: could not resolve");
    json_decref(o);
    free(c.buf);

    cap_open(&c);
    ck_assert_int_eq(report_fetch_line(c.f, RF_TEXT, NULL,
                                       "https://stat.example/t", &ok, err,
                                       sizeof err), CC_OK);
    ck_assert_int_eq(report_fetch_line(c.f, RF_TEXT, NULL, NULL, &bad, err,
                                       sizeof err), CC_OK);
    cap_close(&c);
    ck_assert(cap_has(&c, "200  https://stat.example/t  -> "
                      "http://127.0.0.1:8080/t2 (5 bytes)\n"
                      "ERR  https://x.invalid/  dns: could not resolve\n"));
    free(c.buf);
}
END_TEST

START_TEST(test_write_error)
{
    FILE *f = fopen("/dev/full", "w");
    char err[CC_ERRLEN] = "";
    struct fetch_result ok = {.url = "https://a.example/", .status = 200};

    if (!f)
        return;   /* no /dev/full here: nothing to test against */
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    ck_assert_int_eq(report_check(f, RF_JSON, NULL, rdocs, 2, err,
                                  sizeof err), CC_EIO);
    ck_assert_msg(strstr(err, "cannot write report") != NULL, "%s", err);
    clearerr(f);
    err[0] = '\0';
    ck_assert_int_eq(report_check(f, RF_TEXT, NULL, rdocs, 2, err,
                                  sizeof err), CC_EIO);
    ck_assert(err[0] != '\0');
    clearerr(f);
    ck_assert_int_eq(report_fetch_line(f, RF_TEXT, NULL, NULL, &ok, err,
                                       sizeof err), CC_EIO);
    fclose(f);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_format_parse);
    tcase_add_test(tc, test_unsupported_format);
    tcase_add_test(tc, test_check_json_shape);
    tcase_add_test(tc, test_check_json_number_text);
    tcase_add_test(tc, test_check_json_empty);
    tcase_add_test(tc, test_term_escape);
    tcase_add_test(tc, test_utf8_clean);
    tcase_add_test(tc, test_check_text_escaped);
    tcase_add_test(tc, test_check_text_layout);
    tcase_add_test(tc, test_check_text_verbose);
    tcase_add_test(tc, test_check_text_color);
    tcase_add_test(tc, test_extract_json);
    tcase_add_test(tc, test_text_values);
    tcase_add_test(tc, test_page_json);
    tcase_add_test(tc, test_fetch_line);
    tcase_add_test(tc, test_write_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
