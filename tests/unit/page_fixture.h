/*
 * tests/unit/page_fixture.h -- helpers the page-reader tests share
 * (test_html.c, test_html_dates.c): parse a page that must parse, build a
 * page from head and body markup, print a date, check text, the
 * published day or the title.
 */
#ifndef TEST_PAGE_FIXTURE_H
#define TEST_PAGE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/cc.h"
#include "parser/page.h"

/* page_parse() that must succeed, with consistent text and text_len. */
struct page *pf_parse_ct(const char *html, size_t len, const char *ct,
                         const char *url);
struct page *pf_parse(const char *html, const char *url);

/* "<html><head>HEAD</head><body>BODY</body></html>" (caller frees). */
char *pf_wrap_page(const char *head, const char *body);
/* pf_parse(pf_wrap_page(head, body), url). */
struct page *pf_page_of(const char *head, const char *body, const char *url);

/* "YYYY-MM-DD" (or shorter, "" when unset) in one of four rotating static
 * buffers, so a message can print a few at once. */
char *pf_date_str(struct cc_date d);

bool pf_valid_utf8(const char *s);

/* A neutral paragraph of article text, long enough to count as one. */
extern const char pf_filler[];

#define ck_text_has(p, s) \
    ck_assert_msg(strstr((p)->text, (s)) != NULL, \
                  "text lacks \"%s\":\n%.2000s", (s), (p)->text)
#define ck_text_lacks(p, s) \
    ck_assert_msg(strstr((p)->text, (s)) == NULL, \
                  "text has \"%s\":\n%.2000s", (s), (p)->text)

/* The published day ("" when unset) or the title of a page, asserted
 * where the macro stands; the page is freed. */
#define ck_published(pg, want) \
    do { \
        struct page *pf_p_ = (pg); \
        ck_assert_str_eq(pf_date_str(pf_p_->published), (want)); \
        page_free(&pf_p_); \
    } while (0)
#define ck_title(pg, want) \
    do { \
        struct page *pf_p_ = (pg); \
        ck_assert_str_eq(pf_p_->title, (want)); \
        page_free(&pf_p_); \
    } while (0)

#endif
