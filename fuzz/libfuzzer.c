/*
 * fuzz/libfuzzer.c -- libFuzzer driver for one target, chosen at build
 * time with -DFUZZ_TARGET=fuzz_page (see `make fuzz`).
 */
#include "fuzz/targets.h"

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET=<function from fuzz/targets.h>"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FUZZ_TARGET(data, size);
}
