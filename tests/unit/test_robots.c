/* Unit tests: crawler/robots.c (RFC 9309 parsing and matching).  The
 * cases follow the RFC's examples, restated in our own words. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "crawler/robots.h"

static struct robots *parse(const char *text, const char *agent)
{
    return robots_parse(text, strlen(text), agent);
}

static void allowed(const struct robots *r, const char *path, bool want)
{
    ck_assert_msg(robots_allowed(r, path) == want, "%s: expected %s", path,
                  want ? "allowed" : "disallowed");
}

START_TEST(test_groups_and_tokens)
{
    const char *t =
        "User-agent: ExampleBot\n"
        "User-agent: CiteCheck/2.0 (+https://x)\n"
        "Disallow: /private/\n"
        "\n"
        "User-agent: *\n"
        "Disallow: /\n";
    struct robots *r = parse(t, "citecheck");

    /* our group wins over '*' */
    allowed(r, "/", true);
    allowed(r, "/private/x", false);
    allowed(r, "/public", true);
    robots_free(&r);
    ck_assert_ptr_null(r);

    /* another agent falls back to '*' */
    r = parse(t, "otherbot");
    allowed(r, "/", false);
    allowed(r, "/robots.txt", true);
    robots_free(&r);

    /* a token prefix is not the token */
    r = parse("User-agent: citecheckplus\nDisallow: /a\n", "citecheck");
    allowed(r, "/a", true);
    robots_free(&r);
}
END_TEST

START_TEST(test_merged_groups)
{
    const char *t =
        "user-agent: citecheck\n"
        "disallow: /a\n"
        "user-agent: other\n"
        "disallow: /b\n"
        "user-agent: citecheck\n"
        "disallow: /c\n";
    struct robots *r = parse(t, "citecheck");

    allowed(r, "/a", false);
    allowed(r, "/b", true);
    allowed(r, "/c", false);
    ck_assert_uint_eq(robots_nrules(r), 2);
    robots_free(&r);
}
END_TEST

START_TEST(test_longest_match_allow_wins_ties)
{
    const char *t =
        "User-agent: *\n"
        "Allow: /p\n"
        "Disallow: /\n"
        "Allow: /folder/\n"
        "Disallow: /folder\n"
        "Allow: /page\n"
        "Disallow: /*.htm\n";
    struct robots *r = parse(t, NULL);

    allowed(r, "/p", true);
    allowed(r, "/x", false);
    allowed(r, "/folder/page", true);       /* /folder/ (8) > /folder (7) */
    allowed(r, "/folder", false);
    allowed(r, "/page", true);              /* tie at 5: allow */
    allowed(r, "/page.htm", false);         /* the .htm rule (6) > /page (5) */
    robots_free(&r);
}
END_TEST

START_TEST(test_wildcards)
{
    const char *t =
        "User-agent: *\n"
        "Disallow: /*.gif$\n"
        "Disallow: /private*/\n"
        "Disallow: /$\n"
        "Allow: /$x\n";
    struct robots *r = parse(t, NULL);

    allowed(r, "/a/b.gif", false);
    allowed(r, "/a/b.gif?x=1", true);       /* $ anchors the end */
    allowed(r, "/privatestuff/a", false);
    allowed(r, "/private", true);
    allowed(r, "/", false);
    allowed(r, "/index.html", true);
    robots_free(&r);

    /* many stars do not blow up */
    r = parse("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*b$\n", NULL);
    allowed(r, "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            true);
    robots_free(&r);
}
END_TEST

START_TEST(test_percent_encoding)
{
    const char *t =
        "User-agent: *\n"
        "Disallow: /%7Ejoe/\n"
        "Disallow: /a%3cb\n"
        "Disallow: /f\xC3\xBC\n";
    struct robots *r = parse(t, NULL);

    allowed(r, "/~joe/index", false);       /* %7E is '~' (unreserved) */
    allowed(r, "/%7ejoe/index", false);
    allowed(r, "/a%3Cb", false);            /* reserved: case of hex only */
    allowed(r, "/a<b", false);              /* '<' is encoded for the match */
    allowed(r, "/f%C3%BC", false);          /* UTF-8 rule vs encoded path */
    allowed(r, "/fu", true);
    robots_free(&r);
}
END_TEST

START_TEST(test_syntax_tolerance)
{
    /* BOM, CRLF and CR line ends, mixed-case keys, comments, blanks,
     * unknown keys, rules before any group */
    const char *t =
        "\xEF\xBB\xBF" "Disallow: /orphan\r\n"
        "USER-AGENT : *   # everyone\r\n"
        "Sitemap: https://example.org/sitemap.xml\r"
        "crawl-delay: 10\n"
        "DisAllow:/secret # comment\n"
        "nonsense line\n"
        "Disallow:\n";
    struct robots *r = parse(t, NULL);

    allowed(r, "/orphan", true);
    allowed(r, "/secret/x", false);
    allowed(r, "/open", true);
    ck_assert_uint_eq(robots_nrules(r), 1);
    robots_free(&r);

    /* empty file and NULL body allow everything */
    r = parse("", NULL);
    allowed(r, "/", true);
    robots_free(&r);
    r = robots_parse(NULL, 10, NULL);
    allowed(r, "/", true);
    robots_free(&r);
    allowed(NULL, "/x", true);
}
END_TEST

START_TEST(test_size_cap)
{
    /* a rule past 500 KiB is not read */
    size_t pad = ROBOTS_MAX_BYTES;
    const char *head = "User-agent: *\nDisallow: /early\n";
    const char *tail = "\nDisallow: /late\n";
    size_t hl = strlen(head), tl = strlen(tail);
    char *t = malloc(hl + pad + tl + 1);
    struct robots *r;

    ck_assert_ptr_nonnull(t);
    memcpy(t, head, hl);
    memset(t + hl, '#', pad);
    memcpy(t + hl + pad, tail, tl + 1);
    r = robots_parse(t, hl + pad + tl, "citecheck");
    allowed(r, "/early", false);
    allowed(r, "/late", true);
    robots_free(&r);
    free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("robots");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_groups_and_tokens);
    tcase_add_test(tc, test_merged_groups);
    tcase_add_test(tc, test_longest_match_allow_wins_ties);
    tcase_add_test(tc, test_wildcards);
    tcase_add_test(tc, test_percent_encoding);
    tcase_add_test(tc, test_syntax_tolerance);
    tcase_add_test(tc, test_size_cap);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
