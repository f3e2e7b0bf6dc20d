/*
 * tests/unit/page_fixture.c -- see page_fixture.h.
 */
#include "tests/unit/page_fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char pf_filler[] =
    "<p>The committee met on Tuesday to review the budget proposals for "
    "the coming year and agreed on most of the items discussed.</p>";

struct page *pf_parse_ct(const char *html, size_t len, const char *ct,
                         const char *url)
{
    struct page *p = NULL;
    char err[CC_ERRLEN] = "";
    cc_result result = page_parse(html, len, ct, url, &p, err, sizeof err);

    ck_assert_msg(result == CC_OK, "page_parse: %s", err);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(p->text);
    ck_assert_uint_eq(strlen(p->text), p->text_len);
    return p;
}

struct page *pf_parse(const char *html, const char *url)
{
    return pf_parse_ct(html, strlen(html), NULL, url);
}

char *pf_wrap_page(const char *head, const char *body)
{
    return cc_asprintf("<html><head>%s</head><body>%s</body></html>", head,
                       body);
}

struct page *pf_page_of(const char *head, const char *body, const char *url)
{
    char *html = pf_wrap_page(head, body);
    struct page *p = pf_parse(html, url);

    free(html);
    return p;
}

char *pf_date_str(struct cc_date d)
{
    static char buf[4][16];
    static int k;

    k = (k + 1) % 4;
    cc_date_fmt(d, buf[k], sizeof buf[k]);
    return buf[k];
}

bool pf_valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        int n = *p < 0x80 ? 0 : *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC2
                                                                      ? 1
                                                                      : -1;

        if (n < 0)
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}
