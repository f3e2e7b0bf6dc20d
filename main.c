/*
 * main.c -- citecheck: check a document's citations against the sources it
 * cites.  Global init, arguments into one config, run the command, map the
 * result to an exit code (CONTRACT.md):
 *   0 nothing at or above --fail-on, 1 findings at or above it,
 *   2 bad usage or unreadable input, 3 internal or storage failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "config/config.h"
#include "crawler/fetch.h"
#include "verify/extract.h"

static int exit_code(cc_result result)
{
    switch (result) {
    case CC_OK: return 0;
    case CC_EUSAGE: return 2;
    default: return 3;
    }
}

int main(int argc, char **argv)
{
    struct cc_config cfg;
    char err[CC_ERRLEN] = "";
    cc_result result;
    bool failing = false;
    int code;

    cfg_defaults(&cfg);
    result = cfg_load(&cfg, argc, argv, err, sizeof err);
    if (result == CC_OK && cfg.version) {
        printf("citecheck %s\n", CC_VERSION);
        cfg_free(&cfg);
        return 0;
    }
    if (result == CC_OK && (cfg.help || cfg.command == CMD_NONE)) {
        cfg_usage(cfg.help ? stdout : stderr, cfg.command);
        code = cfg.help ? 0 : 2;
        cfg_free(&cfg);
        return code;
    }
    if (result == CC_OK)
        result = fetch_global_init();
    if (result == CC_OK) {
        switch (cfg.command) {
        case CMD_CHECK:
            result = cli_check(&cfg, &failing, err, sizeof err);
            break;
        case CMD_EXTRACT:
            result = cli_extract(&cfg, err, sizeof err);
            break;
        case CMD_PAGE:
            result = cli_page(&cfg, err, sizeof err);
            break;
        case CMD_FETCH:
            result = cli_fetch(&cfg, &failing, err, sizeof err);
            break;
        case CMD_RECHECK:
            result = cli_recheck(&cfg, &failing, err, sizeof err);
            break;
        case CMD_HISTORY:
            result = cli_history(&cfg, err, sizeof err);
            break;
        case CMD_NONE:
            break;
        }
        extract_global_cleanup();
        fetch_global_cleanup();
    }
    if (result != CC_OK)
        fprintf(stderr, "citecheck: %s\n", err[0] ? err : cc_result_name(result));
    code = exit_code(result);
    if (code == 0 && failing)
        code = 1;
    cfg_free(&cfg);
    return code;
}
