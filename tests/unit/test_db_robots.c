/*
 * tests/unit/test_db_robots.c -- db/db_robots.c (robots.txt cache, page
 * change detection) and the fetch cache's rules for 304 rows and
 * credentials, on an in-memory database.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

static struct db *mem(void)
{
    char err[CC_ERRLEN] = "";
    struct db *db = NULL;

    ck_assert_msg(db_open(":memory:", &db, err, sizeof err) == CC_OK, "%s",
                  err);
    return db;
}

START_TEST(test_robots_cache)
{
    struct db *db = mem();
    char err[CC_ERRLEN] = "", *body = NULL;
    const char *url = "https://example.org:443/robots.txt";
    long status = 0;
    size_t len = 0;
    bool found = true;

    ck_assert(db_robots_get(db, url, 86400, &found, &status, &body, &len,
                            err, sizeof err) == CC_OK);
    ck_assert(!found);
    ck_assert_ptr_null(body);
    ck_assert(db_robots_put(db, url, 200, "User-agent: *\nDisallow: /\n", 26,
                            err, sizeof err) == CC_OK);
    ck_assert(db_robots_put(db, url, 200, "User-agent: *\nDisallow: /x\n",
                            27, err, sizeof err) == CC_OK);     /* replaces */
    ck_assert(db_robots_get(db, url, 86400, &found, &status, &body, &len,
                            err, sizeof err) == CC_OK);
    ck_assert(found);
    ck_assert_int_eq(status, 200);
    ck_assert_uint_eq(len, 27);
    ck_assert_str_eq(body, "User-agent: *\nDisallow: /x\n");
    free(body);
    ck_assert(db_robots_put(db, "http://a/robots.txt", 404, NULL, 0, err,
                            sizeof err) == CC_OK);
    ck_assert(db_robots_get(db, "http://a/robots.txt", 86400, &found,
                            &status, &body, &len, err, sizeof err) == CC_OK);
    ck_assert(found);
    ck_assert_int_eq(status, 404);
    ck_assert_str_eq(body, "");
    free(body);
    db_close(&db);
}
END_TEST

static long long store(struct db *db, const char *url, long status,
                       const char *body, const char *error)
{
    struct fetch_result r;
    char err[CC_ERRLEN] = "";
    long long id = 0;

    memset(&r, 0, sizeof r);
    r.url = (char *)url;
    r.status = status;
    r.body = (char *)body;
    r.body_len = body ? strlen(body) : 0;
    r.error = (char *)error;
    ck_assert_msg(db_fetch_store(db, 0, &r, &id, err, sizeof err) == CC_OK,
                  "%s", err);
    return id;
}

START_TEST(test_changed_and_304)
{
    struct db *db = mem();
    char err[CC_ERRLEN] = "";
    struct fetch_result r;
    bool found = false;
    long long a, b, c, d, e, id = 0;
    int changed = 7;

    a = store(db, "http://h/p", 200, "one", NULL);
    ck_assert(db_fetch_changed(db, a, &changed, err, sizeof err) == CC_OK);
    ck_assert_int_eq(changed, -1);                  /* nothing before */
    b = store(db, "http://h/p", 0, NULL, "timeout");
    c = store(db, "http://h/p", 304, "one", NULL);  /* revalidated copy */
    ck_assert(db_fetch_changed(db, c, &changed, err, sizeof err) == CC_OK);
    ck_assert_int_eq(changed, 0);
    d = store(db, "http://h/p", 200, "two", NULL);
    ck_assert(db_fetch_changed(db, d, &changed, err, sizeof err) == CC_OK);
    ck_assert_int_eq(changed, 1);
    ck_assert(db_fetch_changed(db, b, &changed, err, sizeof err) == CC_OK);
    ck_assert_int_eq(changed, -1);                  /* the error row */

    /* a bare 304 (no body) is never a cache hit; the error neither */
    e = store(db, "http://h/p", 304, "", NULL);
    (void)e;
    memset(&r, 0, sizeof r);
    ck_assert(db_fetch_lookup(db, "http://h/p", -1, &r, &found, &id, err,
                              sizeof err) == CC_OK);
    ck_assert(found);
    ck_assert_int_eq(id, d);
    ck_assert_str_eq(r.body, "two");
    fetch_result_clear(&r);

    /* a 304 row with its body counts, reported as the 200 it stands for */
    c = store(db, "http://h/p", 304, "two", NULL);
    memset(&r, 0, sizeof r);
    ck_assert(db_fetch_lookup(db, "http://h/p", -1, &r, &found, &id, err,
                              sizeof err) == CC_OK);
    ck_assert_int_eq(id, c);
    ck_assert_int_eq(r.status, 200);
    fetch_result_clear(&r);
    db_close(&db);
}
END_TEST

START_TEST(test_credentials_not_stored)
{
    struct db *db = mem();
    char err[CC_ERRLEN] = "";
    struct fetch_result r;
    bool found = false;

    store(db, "http://user:pw@h/p", 200, "x", NULL);
    memset(&r, 0, sizeof r);
    /* stored without them, found with or without them */
    ck_assert(db_fetch_lookup(db, "http://h/p", -1, &r, &found, NULL, err,
                              sizeof err) == CC_OK);
    ck_assert(found);
    fetch_result_clear(&r);
    memset(&r, 0, sizeof r);
    ck_assert(db_fetch_lookup(db, "http://user:pw@h/p", -1, &r, &found, NULL,
                              err, sizeof err) == CC_OK);
    ck_assert(found);
    fetch_result_clear(&r);
    db_close(&db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("db_robots");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_robots_cache);
    tcase_add_test(tc, test_changed_and_304);
    tcase_add_test(tc, test_credentials_not_stored);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
