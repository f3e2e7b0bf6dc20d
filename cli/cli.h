/*
 * cli/cli.h -- the commands of the citecheck program, wiring the modules
 * together: check (document -> claims; references -> responses -> pages ->
 * facts; claims x facts -> findings -> report), extract, page and fetch.
 *
 * Each returns a cc_result with details in err; *failing is set when
 * findings at or above --fail-on were reported.  main.c maps the result to
 * the exit code and prints the error.
 */
#ifndef CC_CLI_H
#define CC_CLI_H

#include "common/cc.h"
#include "config/config.h"

cc_result cli_check(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen);
cc_result cli_extract(const struct cc_config *c, char *err, size_t errlen);
cc_result cli_page(const struct cc_config *c, char *err, size_t errlen);
cc_result cli_fetch(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen);

/* Shared by the commands (cli/common.c). */
struct fetch_opts;
void cli_fetch_opts(const struct cc_config *c, struct fetch_opts *o);
/* Open -o FILE or stdout; *opened tells whether to fclose. */
cc_result cli_open_output(const struct cc_config *c, FILE **out, bool *opened,
                          char *err, size_t errlen);
cc_result cli_close_output(const struct cc_config *c, FILE *out, bool opened,
                           char *err, size_t errlen);
/* Whether text output to out gets ANSI colour. */
bool cli_use_color(const struct cc_config *c, FILE *out);

#endif
