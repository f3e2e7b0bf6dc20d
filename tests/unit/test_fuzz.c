/* Replays every fuzz corpus (fuzz/corpus/<target>/) and, for the document
 * and page targets, the bundled example and the stand-in pages, through
 * the fuzz entry points.  A crash, hang or sanitizer report fails the run;
 * every crash a fuzzer finds is added to its corpus as a regression case. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/cc.h"
#include "fuzz/targets.h"
#include "verify/extract.h"

static const char *root(void)
{
    const char *r = getenv("CITECHECK_ROOT");

    return r && *r ? r : ".";
}

/* Run fn over every regular file under dir (recursively); returns the
 * number of files run. */
static size_t replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t))
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char *path;
        struct stat st;

        if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
                                    strcmp(e->d_name, "..") == 0))
            continue;
        path = cc_asprintf("%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            n += replay_dir(path, fn);
        } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            char *data;
            size_t len;
            char err[CC_ERRLEN];

            ck_assert_msg(cc_read_file(path, 64u << 20, &data, &len, err,
                                       sizeof err) == CC_OK, "%s", err);
            ck_assert_int_eq(fn((const uint8_t *)data, len), 0);
            /* also every prefix cut at a quarter and a half: truncated
             * input is the commonest real-world damage */
            ck_assert_int_eq(fn((const uint8_t *)data, len / 4), 0);
            ck_assert_int_eq(fn((const uint8_t *)data, len / 2), 0);
            free(data);
            n++;
        }
        free(path);
    }
    closedir(d);
    return n;
}

START_TEST(test_corpora)
{
    size_t total = 0;

    for (size_t t = 0; t < fuzz_ntargets; t++) {
        char *dir = cc_asprintf("%s/fuzz/corpus/%s", root(),
                                fuzz_targets[t].name);
        size_t n = replay_dir(dir, fuzz_targets[t].fn);

        ck_assert_msg(n > 0, "empty corpus %s", dir);
        total += n;
        free(dir);
    }
    ck_assert_uint_ge(total, fuzz_ntargets);
}
END_TEST

START_TEST(test_real_inputs)
{
    char *ex = cc_asprintf("%s/examples", root());
    char *sites = cc_asprintf("%s/tests/fixtures/sites", root());

    ck_assert_uint_ge(replay_dir(ex, fuzz_document), 1);
    ck_assert_uint_ge(replay_dir(sites, fuzz_page), 7);
    ck_assert_uint_ge(replay_dir(sites, fuzz_extract), 7);
    free(ex);
    free(sites);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fuzz-replay");
    TCase *tc = tcase_create("replay");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_corpora);
    tcase_add_test(tc, test_real_inputs);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    extract_global_cleanup();
    return failed ? 1 : 0;
}
