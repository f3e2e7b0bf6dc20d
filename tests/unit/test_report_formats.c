/*
 * tests/unit/test_report_formats.c -- report/'s sarif, junit, md and html
 * writers and the markup escaping behind them: hostile strings (<script>,
 * ]]>, control characters, bidi controls, invalid UTF-8) never reach the
 * output raw; SARIF's shape; SHA-256 against FIPS 180-4's vectors.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/report_int.h"
#include "tests/unit/capture.h"

#define EVIL "<script>alert('x')</script> ]]> & \"q\" \x01\x1b[31m " \
             "\xe2\x80\xae rev \xff\xfe | *b* _i_ `c` [l](javascript:x) $5 $6"

static char *markup(enum report_markup m, const char *s, size_t max,
                    unsigned flags)
{
    struct cap c;

    cap_open(&c);
    report_markup_str(c.f, m, s, max, flags);
    cap_close(&c);
    return c.buf;
}

/* ---- fixture -------------------------------------------------------- */

static struct doc_ref refs[2];
static struct doc_sentence sents[3];
static int line_at0[64], line_at1[256], line_at2[64];
static struct doc doc1;
static struct page page1;
static struct check_source src[1];
static struct evidence ev[1];
static struct finding fs[4];
static struct check_report rep1;
static struct report_doc rdoc;

static void set_sentence(struct doc_sentence *s, char *text, int *line_at,
                         int line, bool heading)
{
    s->text = text;
    s->len = strlen(text);
    s->line = line;
    s->line_at = line_at;
    for (size_t i = 0; i < s->len; i++)
        line_at[i] = line;
    s->heading = heading;
}

static void setup(void)
{
    static char h0[] = "INTRODUCTION";
    static char t1[] = "Trade hit $4.3 billion in 2021 " EVIL ".";
    static char t2[] = "Nothing here.";

    memset(refs, 0, sizeof refs);
    memset(sents, 0, sizeof sents);
    memset(&doc1, 0, sizeof doc1);
    memset(&page1, 0, sizeof page1);
    memset(src, 0, sizeof src);
    memset(ev, 0, sizeof ev);
    memset(fs, 0, sizeof fs);
    memset(&rep1, 0, sizeof rep1);
    memset(&rdoc, 0, sizeof rdoc);

    set_sentence(&sents[0], h0, line_at0, 1, true);
    set_sentence(&sents[1], t1, line_at1, 3, false);
    set_sentence(&sents[2], t2, line_at2, 5, false);

    snprintf(refs[0].label, sizeof refs[0].label, "%s", "7");
    refs[0].line = 9;
    refs[0].text = "Stat " EVIL;
    refs[0].url = "https://stat.example/t?a=1&b=(2)";
    refs[0].title = "Title " EVIL;
    snprintf(refs[1].label, sizeof refs[1].label, "%s", "8");
    refs[1].line = 10;
    refs[1].text = "javascript link";
    refs[1].url = "javascript:alert(1)";

    page1.url = refs[0].url;
    page1.title = "Page " EVIL;
    page1.published = (struct cc_date){2024, 4, 7};
    page1.text = "";
    src[0] = (struct check_source){.ref = &refs[0], .status = 200,
                                   .final_url = refs[0].url, .page = &page1};

    doc1.path = "dir <x>/a&b \"c\".txt";
    doc1.sentences = sents;
    doc1.nsentences = 3;
    doc1.refs = refs;
    doc1.nrefs = 2;

    snprintf(ev[0].ref, sizeof ev[0].ref, "%s", "7");
    ev[0].snippet = "Snippet " EVIL;
    ev[0].has_value = true;
    ev[0].value = 3.9e9;
    snprintf(ev[0].unit, sizeof ev[0].unit, "%s", "USD");
    ev[0].period = cc_period_year(2021);

    fs[0] = (struct finding){.kind = FK_VALUE_MISMATCH, .severity = SEV_ERROR,
                             .line = 3, .claim_text = t1, .has_value = true,
                             .fig_start = 10, .fig_end = 22,
                             .value = 4.3e9, .unit = "USD",
                             .period = cc_period_year(2021), .ev = ev,
                             .nev = 1, .message = "Message " EVIL};
    snprintf(fs[0].ref, sizeof fs[0].ref, "%s", "7");
    fs[1] = (struct finding){.kind = FK_SUPPORTED, .severity = SEV_INFO,
                             .line = 3, .claim_text = t1, .has_value = true,
                             .fig_start = 26, .fig_end = 30,
                             .value = 2021, .unit = "count",
                             .message = "Supported."};
    snprintf(fs[1].ref, sizeof fs[1].ref, "%s", "7");
    fs[2] = (struct finding){.kind = FK_UNREACHABLE, .severity = SEV_WARNING,
                             .line = 3, .claim_text = t1,
                             .message = "Unreachable " EVIL};
    snprintf(fs[2].ref, sizeof fs[2].ref, "%s", "8");
    fs[3] = (struct finding){.kind = FK_UNCITED_CLAIM, .severity = SEV_INFO,
                             .line = 0, .message = "No line."};
    rep1.f = fs;
    rep1.nf = 4;
    rep1.nclaims = 3;
    rdoc = (struct report_doc){.doc = &doc1,
                               .as_of = (struct cc_date){2025, 11, 14},
                               .src = src, .nsrc = 1, .rep = &rep1};
}

static struct cap run_check(enum report_format f)
{
    struct cap c;
    char err[CC_ERRLEN] = "";

    cap_open(&c);
    ck_assert_int_eq(report_check(c.f, f, NULL, &rdoc, 1, err, sizeof err),
                     CC_OK);
    cap_close(&c);
    ck_assert(report_utf8_valid(c.buf, c.len));
    return c;
}

/* No raw hostile bytes: controls, bidi, invalid UTF-8. */
static void assert_no_raw(const struct cap *c)
{
    ck_assert(!cap_has(c, "\x01"));
    ck_assert(!cap_has(c, "\x1b"));
    ck_assert(!cap_has(c, "\xe2\x80\xae"));
    ck_assert(!cap_has(c, "\xff"));
}

/* ---- markup ----------------------------------------------------------- */

START_TEST(test_markup_xml_html)
{
    char *s = markup(RM_XML, "a<b>&\"'\x01\x7f\xc2\x85\xef\xbf\xbe\tz\n", 0,
                     0);
    ck_assert_str_eq(s, "a&lt;b&gt;&amp;&quot;&#39;\tz\n");
    free(s);
    s = markup(RM_HTML, "  x \n\t y  ", 0, RM_ONELINE);
    ck_assert_str_eq(s, "x y");
    free(s);
    s = markup(RM_HTML, "bad \xff\xc3\x28 \xe2\x81\xa6iso", 0, 0);
    ck_assert_str_eq(s, "bad \xef\xbf\xbd\xef\xbf\xbd( \\u{2066}iso");
    free(s);
    s = markup(RM_XML, "]]>", 0, 0);
    ck_assert_str_eq(s, "]]&gt;");
    free(s);
    s = markup(RM_HTML, "abcdef", 3, 0);
    ck_assert_str_eq(s, "abc\xe2\x80\xa6");
    free(s);
    s = markup(RM_HTML, "abc", 3, 0);
    ck_assert_str_eq(s, "abc");
    free(s);
    s = markup(RM_HTML, NULL, 0, 0);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(test_markup_md)
{
    char *s = markup(RM_MD, "a|b *c* _d_ `e` [f](g) <h> & \\ # ! ~ $1 \"q\"",
                     0, RM_ONELINE);
    ck_assert_str_eq(s, "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\]\\(g\\) "
                        "&lt;h&gt; &amp; \\\\ \\# \\! \\~ \\$1 \"q\"");
    free(s);
    s = markup(RM_MD, "x\xe2\x80\x8fy\nz", 0, RM_ONELINE);
    ck_assert_str_eq(s, "x\\\\u{200F}y z");
    free(s);
}
END_TEST

START_TEST(test_url_helpers)
{
    char *u;

    ck_assert(report_url_linkable("https://a.example/x?y=1"));
    ck_assert(report_url_linkable("HTTP://a.example"));
    ck_assert(!report_url_linkable("javascript:alert(1)"));
    ck_assert(!report_url_linkable("data:text/html,x"));
    ck_assert(!report_url_linkable("https://"));
    ck_assert(!report_url_linkable("https://a b"));
    ck_assert(!report_url_linkable("https://a\x01"));
    ck_assert(!report_url_linkable("https://a\xff"));
    ck_assert(!report_url_linkable(NULL));
    u = report_path_uri("docs/a b/<x>.txt");
    ck_assert_str_eq(u, "docs/a%20b/%3Cx%3E.txt");
    free(u);
    u = report_path_uri("/tmp/\xc3\xa9:1");
    ck_assert_str_eq(u, "file:///tmp/%C3%A9%3A1");
    free(u);
}
END_TEST

static void hex(const unsigned char *d, char *out)
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

START_TEST(test_sha256)
{
    unsigned char d[32];
    char h[65], buf[64];
    char *million = malloc(1000000);

    report_sha256("", 0, d);
    hex(d, h);
    ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4"
                        "95991b7852b855");
    report_sha256("abc", 3, d);
    hex(d, h);
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb4"
                        "10ff61f20015ad");
    report_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                  56, d);
    hex(d, h);
    ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6"
                        "ecedd419db06c1");
    ck_assert_ptr_nonnull(million);
    memset(million, 'a', 1000000);
    report_sha256(million, 1000000, d);
    hex(d, h);
    ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e04"
                        "6d39ccc7112cd0");
    free(million);
    report_csp_hash("abc", buf, sizeof buf);
    ck_assert_str_eq(buf, "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}
END_TEST

/* ---- sarif ------------------------------------------------------------ */

START_TEST(test_sarif)
{
    struct cap c = run_check(RF_SARIF);
    json_error_t je;
    json_t *root = json_loadb(c.buf, c.len, JSON_REJECT_DUPLICATES, &je);
    json_t *run, *rules, *res, *r0, *loc;

    ck_assert_msg(root != NULL, "bad JSON: %s", je.text);
    /* JSON escapes controls; invalid bytes are repaired (bidi controls
     * stay: they are well-formed text in JSON, as in the json report) */
    ck_assert(!cap_has(&c, "\x01"));
    ck_assert(!cap_has(&c, "\xff"));
    ck_assert_str_eq(json_string_value(json_object_get(root, "version")),
                     "2.1.0");
    run = json_array_get(json_object_get(root, "runs"), 0);
    rules = json_object_get(
        json_object_get(json_object_get(run, "tool"), "driver"), "rules");
    ck_assert_uint_eq(json_array_size(rules), FK_COUNT_);
    for (size_t k = 0; k < FK_COUNT_; k++) {
        json_t *r = json_array_get(rules, k);
        const char *lvl = json_string_value(json_object_get(
            json_object_get(r, "defaultConfiguration"), "level"));
        ck_assert_str_eq(json_string_value(json_object_get(r, "id")),
                         finding_kind_name(k));
        ck_assert_str_eq(lvl, finding_kind_severity(k) == SEV_ERROR ? "error"
                              : finding_kind_severity(k) == SEV_WARNING
                                  ? "warning"
                                  : "note");
    }
    res = json_object_get(run, "results");
    ck_assert_uint_eq(json_array_size(res), 4);
    r0 = json_array_get(res, 0);
    ck_assert_str_eq(json_string_value(json_object_get(r0, "ruleId")),
                     "value_mismatch");
    ck_assert_str_eq(json_string_value(json_object_get(r0, "level")), "error");
    loc = json_object_get(json_array_get(json_object_get(r0, "locations"), 0),
                          "physicalLocation");
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(loc, "artifactLocation"), "uri")),
                     "dir%20%3Cx%3E/a%26b%20%22c%22.txt");
    ck_assert_int_eq(json_integer_value(json_object_get(
                         json_object_get(loc, "region"), "startLine")),
                     3);
    /* no line: no region */
    loc = json_object_get(
        json_array_get(json_object_get(json_array_get(res, 3), "locations"),
                       0),
        "physicalLocation");
    ck_assert_ptr_null(json_object_get(loc, "region"));
    ck_assert_ptr_nonnull(json_object_get(
        json_object_get(r0, "partialFingerprints"), "citecheckFinding/v1"));
    json_decref(root);
    free(c.buf);
}
END_TEST

/* ---- junit ------------------------------------------------------------ */

START_TEST(test_junit)
{
    struct cap c = run_check(RF_JUNIT);

    assert_no_raw(&c);
    ck_assert(!cap_has(&c, "<script"));
    ck_assert(!cap_has(&c, "CDATA"));
    ck_assert(!cap_has(&c, "]]>"));
    ck_assert(cap_has(&c, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; ]]&gt;"));
    ck_assert(cap_has(&c, "<testsuites name=\"citecheck\" tests=\"4\" "
                      "failures=\"2\""));
    ck_assert(cap_has(&c, "<testsuite name=\"dir &lt;x&gt;/a&amp;b &quot;c&quot;"
                      ".txt\" tests=\"4\" failures=\"2\""));
    ck_assert(cap_has(&c, "<testcase name=\"line 3: $4.3 billion (2021)\" "
                      "classname=\"7\""));
    ck_assert(cap_has(&c, "<failure type=\"value_mismatch\" message=\"Message "));
    ck_assert(cap_has(&c, "<failure type=\"unreachable\""));
    ck_assert(cap_has(&c, "<testcase name=\"line 3: unreachable\" "
                      "classname=\"8\""));
    ck_assert(cap_has(&c, "classname=\"(no footnote)\""));
    ck_assert(cap_has(&c, "<system-out>info supported: Supported."));
    ck_assert(cap_has(&c, "\\u{202E} rev"));
    free(c.buf);
}
END_TEST

/* ---- md --------------------------------------------------------------- */

START_TEST(test_md)
{
    struct cap c = run_check(RF_MD);

    assert_no_raw(&c);
    ck_assert(!cap_has(&c, "<script"));
    ck_assert(!cap_has(&c, "](javascript"));
    ck_assert(cap_has(&c, "| :red_circle: error | 1 |"));
    ck_assert(cap_has(&c, "| :warning: warning | 1 |"));
    ck_assert(cap_has(&c, "### \\[7\\] Title &lt;script&gt;"));
    ck_assert(cap_has(&c, "](https://stat.example/t?a=1&b=%282%29)"));
    ck_assert(cap_has(&c, "### \\[8\\] javascript link"));
    ck_assert(cap_has(&c, "### Without a footnote"));
    ck_assert(cap_has(&c, "\\| \\*b\\* \\_i\\_ \\`c\\` \\[l\\]\\(javascript:x\\)"
                      " \\$5 \\$6"));
    ck_assert(cap_has(&c, "<details><summary>Claims and evidence</summary>"));
    free(c.buf);
}
END_TEST

/* ---- html ------------------------------------------------------------- */

START_TEST(test_html)
{
    struct cap c = run_check(RF_HTML);
    const char *p;
    size_t scripts = 0;

    assert_no_raw(&c);
    /* exactly one <script> and one <style>: ours */
    for (p = c.buf; (p = memmem(p, c.len - (size_t)(p - c.buf), "<script",
                                7)) != NULL;
         p++)
        scripts++;
    ck_assert_uint_eq(scripts, 1);
    ck_assert(!cap_has(&c, "<script>alert"));
    ck_assert(!cap_has(&c, "href=\"javascript"));
    ck_assert(!cap_has(&c, " style="));
    ck_assert(!cap_has(&c, " onclick"));
    ck_assert(cap_has(&c, "content=\"default-src 'none'; style-src 'sha256-"));
    ck_assert(cap_has(&c, "<title>citecheck: dir &lt;x&gt;/a&amp;b &quot;c&quot;"
                      ".txt</title>"));
    ck_assert(cap_has(&c, "<a href=\"https://stat.example/t?a=1&amp;b=(2)\" "
                      "rel=\"noopener noreferrer\""));
    ck_assert(cap_has(&c, "Page &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    ck_assert(cap_has(&c, "<h3>INTRODUCTION</h3>"));
    ck_assert(cap_has(&c, "<mark class=\"claim sev-error\" id=\"d0s1\""));
    ck_assert(cap_has(&c, "data-f=\"d0f0 d0f1 d0f2\""));
    /* each figure at the span the checker kept, with its findings */
    ck_assert(cap_has(&c, "Trade hit <span class=\"fig sev-error\" "
                      "data-f=\"d0f0\">$4.3 billion</span> in <span "));
    ck_assert(cap_has(&c, "data-f=\"d0f1\">2021</span> "));
    ck_assert(cap_has(&c, "data-kind=\"uncited_claim\" data-sev=\"info\" "
                      "data-ref=\"\" data-s=\"\""));
    ck_assert(cap_has(&c, "Nothing here. </p>"));
    ck_assert(cap_has(&c, "<option value=\"7\">[7]</option>"));
    free(c.buf);
}
END_TEST

/* The hashes in the CSP are those of the inline style and script. */
START_TEST(test_html_csp_hashes)
{
    struct cap c = run_check(RF_HTML);
    const char *tags[2][3] = {{"<style>", "</style>", "style-src '"},
                              {"<script>", "</script>", "script-src '"}};

    for (int i = 0; i < 2; i++) {
        const char *a = memmem(c.buf, c.len, tags[i][0], strlen(tags[i][0]));
        const char *b, *h;
        char *body, want[64], got[64];

        ck_assert_ptr_nonnull(a);
        a += strlen(tags[i][0]);
        b = strstr(a, tags[i][1]);
        ck_assert_ptr_nonnull(b);
        body = strndup(a, (size_t)(b - a));
        report_csp_hash(body, want, sizeof want);
        free(body);
        h = strstr(c.buf, tags[i][2]);
        ck_assert_ptr_nonnull(h);
        h += strlen(tags[i][2]);
        snprintf(got, sizeof got, "%.*s", (int)strcspn(h, "'"), h);
        ck_assert_str_eq(got, want);
    }
    free(c.buf);
}
END_TEST

START_TEST(test_empty_report)
{
    static struct doc empty_doc = {.path = "-"};
    struct report_doc rd = {.doc = &empty_doc};
    char err[CC_ERRLEN];

    for (int f = RF_TEXT; f <= RF_MD; f++) {
        struct cap c;
        cap_open(&c);
        ck_assert_int_eq(report_check(c.f, f, NULL, &rd, 1, err, sizeof err),
                         CC_OK);
        cap_close(&c);
        ck_assert_uint_gt(c.len, 0);
        free(c.buf);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_formats");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_markup_xml_html);
    tcase_add_test(tc, test_markup_md);
    tcase_add_test(tc, test_url_helpers);
    tcase_add_test(tc, test_sha256);
    tcase_add_test(tc, test_sarif);
    tcase_add_test(tc, test_junit);
    tcase_add_test(tc, test_md);
    tcase_add_test(tc, test_html);
    tcase_add_test(tc, test_html_csp_hashes);
    tcase_add_test(tc, test_empty_report);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
