/* Unit tests: config/options.c -- the option table, argv, INI files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "report/report.h"
#include "verify/check.h"

static cc_result load(struct cc_config *c, char *err, int argc, ...)
{
    char *argv[32];
    va_list ap;

    va_start(ap, argc);
    argv[0] = "citecheck";
    for (int i = 1; i < argc; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    cfg_defaults(c);
    return cfg_load(c, argc, argv, err, CC_ERRLEN);
}

START_TEST(test_table_sorted)
{
    ck_assert(cfg_table_sorted());
}
END_TEST

START_TEST(test_argv)
{
    struct cc_config c;
    char err[CC_ERRLEN];

    ck_assert_int_eq(load(&c, err, 12, "check", "a.txt", "--format=json", "-j",
                          "4", "--map", "https://=http://127.0.0.1:1/",
                          "--as-of", "2025-11-14", "-v", "b.txt"),
                     CC_OK);
    ck_assert_int_eq(c.command, CMD_CHECK);
    ck_assert_uint_eq(c.ninputs, 2);
    ck_assert_str_eq(c.inputs[1], "b.txt");
    ck_assert_int_eq(c.format, RF_JSON);
    ck_assert_int_eq(c.jobs, 4);
    ck_assert_int_eq(c.as_of.y, 2025);
    ck_assert_int_eq(c.verbose, 1);
    {
        char *u = cfg_map_url(&c, "https://www.trend.az/x.html");

        ck_assert_str_eq(u, "http://127.0.0.1:1/www.trend.az/x.html");
        free(u);
    }
    cfg_free(&c);
}
END_TEST

START_TEST(test_bad_values)
{
    struct cc_config c;
    char err[CC_ERRLEN];

    ck_assert_int_eq(load(&c, err, 4, "check", "-j", "0"), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "-j"));
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 4, "check", "--fail-on", "often"),
                     CC_EUSAGE);
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 3, "check", "--nope"), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "--nope"));
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 3, "check", "--as-of"), CC_EUSAGE);
    cfg_free(&c);
}
END_TEST

static char *write_ini(const char *text)
{
    char *path = strdup("/tmp/cc_test_ini_XXXXXX");
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(test_ini_file_and_precedence)
{
    struct cc_config c;
    char err[CC_ERRLEN];
    char *path = write_ini("[citecheck]\njobs = 3\nformat = json\n"
                           "fail-on = warning\n");

    ck_assert_int_eq(load(&c, err, 7, "check", "--config", path, "-j", "5",
                          "a.txt"),
                     CC_OK);
    ck_assert_int_eq(c.jobs, 5);          /* flag wins */
    ck_assert_int_eq(c.format, RF_JSON);  /* file applies */
    ck_assert_int_eq(c.fail_on, SEV_WARNING);
    cfg_free(&c);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_ini_errors_name_line)
{
    struct cc_config c;
    char err[CC_ERRLEN];
    char *path = write_ini("jobs = 3\n\ncolour = yes\n");

    ck_assert_int_eq(load(&c, err, 5, "check", "--config", path, "a.txt"),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, ":3:"));
    ck_assert_ptr_nonnull(strstr(err, "colour"));
    cfg_free(&c);
    unlink(path);
    free(path);
    path = write_ini("jobs = many\n");
    ck_assert_int_eq(load(&c, err, 5, "check", "--config", path, "a.txt"),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, ":1:"));
    cfg_free(&c);
    unlink(path);
    free(path);
}
END_TEST

/* A private folder with a config file, as cwd; restores cwd and the
 * environment at the end (tests may run unforked: CK_FORK=no). */
struct sandbox {
    char dir[64];
    char old_cwd[4096];
    char xdg[128];
};

static void sandbox_enter(struct sandbox *sb)
{
    snprintf(sb->dir, sizeof sb->dir, "/tmp/cc_test_cfg_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(sb->dir));
    ck_assert_ptr_nonnull(getcwd(sb->old_cwd, sizeof sb->old_cwd));
    ck_assert_int_eq(chdir(sb->dir), 0);
    snprintf(sb->xdg, sizeof sb->xdg, "%s/xdg", sb->dir);
    ck_assert_int_eq(mkdir(sb->xdg, 0700), 0);
    {
        char sub[160];

        snprintf(sub, sizeof sub, "%s/citecheck", sb->xdg);
        ck_assert_int_eq(mkdir(sub, 0700), 0);
    }
    setenv("XDG_CONFIG_HOME", sb->xdg, 1);
    unsetenv("CITECHECK_CONFIG");
    unsetenv("CITECHECK_DB");
    unsetenv("CITECHECK_FORMAT");
    unsetenv("CITECHECK_FAIL_ON");
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void sandbox_leave(struct sandbox *sb)
{
    char path[256];

    snprintf(path, sizeof path, "%s/citecheck/config", sb->xdg);
    unlink(path);
    snprintf(path, sizeof path, "%s/citecheck", sb->xdg);
    rmdir(path);
    rmdir(sb->xdg);
    unlink("citecheck.conf");
    ck_assert_int_eq(chdir(sb->old_cwd), 0);
    rmdir(sb->dir);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("CITECHECK_CONFIG");
    unsetenv("CITECHECK_FORMAT");
}

START_TEST(test_lookup_order)
{
    struct sandbox sb;
    struct cc_config c;
    char err[CC_ERRLEN];
    char user[256];

    sandbox_enter(&sb);
    snprintf(user, sizeof user, "%s/citecheck/config", sb.xdg);
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_OK);   /* none: fine */
    ck_assert_ptr_null(c.config_used);
    ck_assert_int_eq(c.jobs, 8);
    cfg_free(&c);
    put_file(user, "jobs = 4\n");
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_OK);
    ck_assert_int_eq(c.jobs, 4);
    ck_assert_str_eq(c.config_used, user);
    cfg_free(&c);
    put_file("citecheck.conf", "[citecheck]\njobs = 3\n");
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_OK);
    ck_assert_int_eq(c.jobs, 3);                       /* ./ before XDG */
    ck_assert_str_eq(c.config_used, "citecheck.conf");
    cfg_free(&c);
    setenv("CITECHECK_CONFIG", user, 1);
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_OK);
    ck_assert_int_eq(c.jobs, 4);                       /* env before ./ */
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 4, "check", "--config", "citecheck.conf"),
                     CC_OK);
    ck_assert_int_eq(c.jobs, 3);                       /* flag first */
    cfg_free(&c);
    /* only the explicit ones must exist */
    setenv("CITECHECK_CONFIG", "/nonexistent/cc.conf", 1);
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/cc.conf"));
    cfg_free(&c);
    unsetenv("CITECHECK_CONFIG");
    ck_assert_int_eq(load(&c, err, 4, "check", "--config", "missing.conf"),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "missing.conf"));
    cfg_free(&c);
    sandbox_leave(&sb);
}
END_TEST

START_TEST(test_env_precedence)
{
    struct sandbox sb;
    struct cc_config c;
    char err[CC_ERRLEN];

    sandbox_enter(&sb);
    put_file("citecheck.conf", "format = text\nfail-on = info\n");
    setenv("CITECHECK_FORMAT", "json", 1);
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_OK);
    ck_assert_int_eq(c.format, RF_JSON);               /* env > file */
    ck_assert_int_eq(c.fail_on, SEV_INFO);             /* file > default */
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 4, "check", "--format", "text"), CC_OK);
    ck_assert_int_eq(c.format, RF_TEXT);               /* flag > env */
    cfg_free(&c);
    setenv("CITECHECK_FORMAT", "yaml", 1);
    ck_assert_int_eq(load(&c, err, 2, "check"), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "CITECHECK_FORMAT"));
    cfg_free(&c);
    sandbox_leave(&sb);
}
END_TEST

START_TEST(test_new_commands)
{
    struct cc_config c;
    char err[CC_ERRLEN];

    ck_assert_int_eq(load(&c, err, 4, "recheck", "--baseline", "b.json"),
                     CC_OK);
    ck_assert_int_eq(c.command, CMD_RECHECK);
    ck_assert_str_eq(c.baseline, "b.json");
    ck_assert_uint_eq(c.ninputs, 0);
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 3, "history", "https://example.org/"),
                     CC_OK);
    ck_assert_int_eq(c.command, CMD_HISTORY);
    ck_assert_uint_eq(c.ninputs, 1);
    cfg_free(&c);
    ck_assert_int_eq(load(&c, err, 2, "rechek"), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "--help"));
    cfg_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_table_sorted);
    tcase_add_test(tc, test_argv);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_ini_file_and_precedence);
    tcase_add_test(tc, test_ini_errors_name_line);
    tcase_add_test(tc, test_lookup_order);
    tcase_add_test(tc, test_env_precedence);
    tcase_add_test(tc, test_new_commands);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
